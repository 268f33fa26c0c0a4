/* The task pane; the screener UI lives here. */
Office.onReady(() => {
  const status = document.getElementById("status");
  if (status) status.textContent = "Ready.";
});
