/*
 * The task pane's entry point in Excel. Office.js decides the host: in Excel the screener runs
 * over the Office.js adapter; anywhere else (the page opened in a browser) it says where to
 * look instead. The browser preview (`npm run preview`) has its own entry with the memory
 * workbook: src/preview/preview.ts.
 */
import { ExcelWorkbook } from "../excel/excel-workbook";
import { el, replaceChildren } from "./dom";
import { mountPane } from "./pane";
import { applyOfficeTheme } from "./theme";

/** Outside Office, office.js can take long to give up (or never load): say something meanwhile. */
const NOTE_AFTER_MS = 4000;

function app(): HTMLElement {
  const root = document.getElementById("app");
  if (root === null) throw new Error("taskpane.html has no #app");
  return root;
}

function showNote(root: HTMLElement, why: string): void {
  replaceChildren(root, [
    el("div", { className: "pane" }, [
      el("header", { className: "pane-header" }, [el("h1", { text: "SMALLCAP screener" })]),
      el("section", { className: "card" }, [
        el("p", { text: why }),
        el("p", { text: "Open the workbook in Excel and choose SMALLCAP on the Home tab." }),
        el("p", {
          className: "note",
          text: "To try the screener in a browser without Excel, run npm run preview and open http://localhost:3001.",
        }),
      ]),
    ]),
  ]);
}

function start(): void {
  const root = app();
  if (typeof Office === "undefined") {
    showNote(root, "Office.js did not load, so this page cannot reach a workbook.");
    return;
  }
  let decided = false;
  const waiting = setTimeout(() => {
    if (!decided) showNote(root, "This pane runs inside Excel; no Office host answered here.");
  }, NOTE_AFTER_MS);
  void Office.onReady((info) => {
    decided = true;
    clearTimeout(waiting);
    if (info.host === Office.HostType.Excel) {
      applyOfficeTheme();
      void mountPane(root, new ExcelWorkbook());
    } else {
      showNote(root, "This pane runs inside Excel.");
    }
  });
}

start();
