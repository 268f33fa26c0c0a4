/**
 * Results: where the run wrote, its messages, the summary, the rate-shock curve and the top
 * names by rank. Every figure and name goes in as text.
 */
import { NO_DATA_ROWS, formatFixed } from "../../core/screen";
import type { ScreenResult } from "../../core/screen";
import { el, replaceChildren } from "../dom";
import { shockCurveFigure } from "../shock-curve";
import { indexDrag } from "../../workbook/results-layout";

const TOP_NAMES = 10;

export type ResultsView = ReturnType<typeof resultsView>;

/** `shown` is called with the card once a run or refresh has filled it. */
export function resultsView(shown?: (card: HTMLElement) => void) {
  const where = el("p", { id: "results-where", className: "note" });
  const messages = el("ul", { id: "run-messages", className: "run-messages", attrs: { hidden: "" } });
  const summary = el("dl", { id: "summary", className: "summary" });
  const figure = el("figure", { id: "shock-figure", className: "shock-figure" });
  const topNames = el("table", { id: "top-names", className: "top-names" });
  const dataProblems = el("p", { id: "data-problems", className: "note" });
  const card = el("section", { id: "results", className: "card results", attrs: { "aria-labelledby": "results-heading", hidden: "" } }, [
    el("h2", { id: "results-heading", text: "Results" }),
    where,
    messages,
    summary,
    figure,
    el("h3", { text: "Top names" }),
    topNames,
    dataProblems,
  ]);

  return {
    element: card,
    /** Fills the card from a run's result; `screenName` for a saved screen's. */
    show(result: ScreenResult, sheet: string, screenName: string | undefined): void {
      const s = result.summary;
      card.hidden = false;
      where.textContent = `${screenName !== undefined ? `${screenName} · ` : ""}sheet "${sheet}" · preset ${result.config.preset} · +${result.config.shockBps} bp`;
      // Every warning and assumption of the run, errors first: never a quiet success.
      const order = { error: 0, warning: 1, info: 2 } as const;
      const sorted = [...(result.messages ?? [])].sort((a, b) => order[a.level] - order[b.level]);
      replaceChildren(messages, sorted.map((m) => el("li", { className: `message ${m.level}`, text: m.message })));
      messages.hidden = sorted.length === 0;
      const drag = indexDrag(s);
      const items: [string, string][] = [
        ["Rows screened", count(s.rowsScreened)],
        ["Passing", count(s.rowsPassing)],
        ["Zombies", s.zombieShare === null ? count(s.zombieCount) : `${count(s.zombieCount)} (${percent(s.zombieShare)})`],
        ["Unprofitable (EBIT < 0)", s.unprofitableShare === null ? "n/a" : percent(s.unprofitableShare)],
        ["Index P/E", fixed(s.indexPe, 1)],
        ["Index P/E ex-unprofitable", fixed(s.indexPeExUnprofitable, 1)],
        ["Index drag (P/E points)", drag === null ? "n/a" : (drag >= 0 ? "+" : "") + drag.toFixed(1)],
      ];
      replaceChildren(
        summary,
        items.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]),
      );

      // The universe's rate-shock curve, the numbers of the results sheet's second chart.
      replaceChildren(figure, [
        el("figcaption", { text: `If rates rise: share below 1x and 1.5x ICR (dot: this screen's +${result.config.shockBps} bp)` }),
        shockCurveFigure(result.shockCurve()),
      ]);

      // The best names only: result.order lists passing rows by rank first.
      const top = Array.from(result.order.subarray(0, Math.min(TOP_NAMES, s.rowsPassing)), (i) => result.row(i));
      if (top.length === 0) {
        replaceChildren(topNames, [el("caption", { text: s.rowsScreened === 0 ? NO_DATA_ROWS : "No row passes every active criterion." })]);
      } else {
        replaceChildren(topNames, [
          el("thead", {}, [el("tr", {}, ["#", "Ticker", "Name", "Score", "ICR"].map((h) => el("th", { text: h, attrs: { scope: "col" } })))]),
          el(
            "tbody",
            {},
            top.map((r) =>
              el("tr", {}, [
                el("td", { className: "num", text: String(r.rank ?? "") }),
                el("td", { className: "ticker", text: r.ticker ?? "" }),
                el("td", { className: "name", text: r.name ?? "" }),
                el("td", { className: "num", text: fixed(r.score, 1) }),
                // A passing row with no ICR has no interest to cover (infinite cover); otherwise it is not known.
                el("td", { className: "num", text: r.icr !== null ? fixed(r.icr, 2) : r.verdicts.icr === "pass" ? "∞" : "–" }),
              ]),
            ),
          ),
        ]);
      }
      const unknown = result.rowsWithUnknown;
      dataProblems.textContent =
        unknown > 0 ? `${count(unknown)} ${unknown === 1 ? "row has" : "rows have"} missing or unreadable data for a criterion; the Reason column on the sheet says which.` : "";
      shown?.(card);
    },
  };
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function fixed(value: number | null, decimals: number): string {
  return value === null || !Number.isFinite(value) ? "n/a" : formatFixed(value, decimals);
}
