/** bench/lib/report.ts: how a budget line prints, in full runs and under `--quick` (figures only). */
import { printLine, quickLine, type Line } from "../bench/lib/report";

const line = (status: Line["status"]): Line => ({
  id: "icr",
  title: "SMALLCAP.ICR over a 100,000-row column vs a plain loop",
  status,
  measured: "2.1x",
  budget: "<= 1.5x",
  value: 2.1,
  limit: 1.5,
  details: ["subject 4.2 ms, baseline 2.0 ms"],
});

function printed(l: Line): string[] {
  const out: string[] = [];
  printLine(l, (text) => out.push(text));
  return out;
}

test("a full run prints PASS or MISS against the budget", () => {
  expect(printed(line("MISS"))[0]).toBe("[MISS] SMALLCAP.ICR over a 100,000-row column vs a plain loop: 2.1x   (budget <= 1.5x)");
});

test("--quick prints the figure without PASS or MISS, and keeps SKIP and ERROR", () => {
  for (const status of ["PASS", "MISS"] as const) {
    const out = printed(quickLine(line(status)));
    expect(out).toEqual([
      "[INFO] SMALLCAP.ICR over a 100,000-row column vs a plain loop: 2.1x   (budget not judged at quick sizes)",
      "       subject 4.2 ms, baseline 2.0 ms",
    ]);
  }
  expect(quickLine(line("SKIP")).status).toBe("SKIP");
  expect(quickLine(line("ERROR")).status).toBe("ERROR");
});
