/*
 * Ribbon commands. The Home-tab button opens the screener pane with a ShowTaskpane action
 * declared in manifest.xml, so no function is needed for it; this entry point exists so the
 * shared runtime's page has a place for commands (Office.actions.associate) as they come.
 */
Office.onReady(() => {
  // Nothing to associate yet: the only command is declarative (ShowTaskpane).
});
