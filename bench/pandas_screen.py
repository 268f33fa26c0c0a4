"""
The SMALLCAP quality screen written in pandas: the reference the node engine
(src/core/screen) is timed against in `npm run bench`.

Faithful to src/core/screen (criteria.ts, metrics.ts, score.ts, records.ts):
- cells: a blank is missing (NaN); a share outside 0..1 or a negative market cap, debt
  or maturity is unusable (NaN), as records.ts reads them;
- ICR = EBIT / |interest|, zero interest is infinite coverage; the shocked ICR adds
  debt * floating share * shock / 10000 to the interest, no debt or no floating debt
  takes no shock, a pro-forma interest <= 0 is infinite coverage;
- zombie: in each of the three periods interest is non-zero and EBIT / |interest| < 1;
  not a zombie as soon as one period with EBIT and interest known does not fail (another may
  be blank); unknown otherwise (issue 11's rule);
- the seven quality criteria, each pass / fail / unknown; a row passes only when all pass;
- score = 100 * (0.5 P(cheapness) + 0.25 P(ICR) + 0.25 P(FCF yield)), P the percentile
  rank (r - 1) / (n - 1) with ties sharing the average rank among all screened rows with
  the metric known (0.5 for a universe of one), unknown counts as 0, clamped to 0..100;
- rank: score descending, then ticker, then source row.

Usage: python3 bench/pandas_screen.py data.csv out.json --runs 7 --warmup 2
       python3 bench/pandas_screen.py data.csv out.json --serve
       python3 bench/pandas_screen.py --once data.csv|data.xlsx
Only the screen is timed (time.perf_counter), not the CSV load. With --serve it loads the
CSV, prints "ready", then runs one timed screen per "run" line on stdin and prints its
milliseconds, so the bench can interleave pandas and node rounds; "quit" writes out.json.
With --once it is the whole job as a user would run it, timed from outside as a process:
load (read_csv, or openpyxl read_only for an .xlsx), screen, rank, print the top 20.
"""
import json
import sys
import time

import numpy as np
import pandas as pd

PERIODS = ["2022", "2023", "2024"]
SHOCK_BPS = 200.0
# Quality preset thresholds (criteria.ts defaults).
FCF_ABOVE = 0.0
FLOATING_AT_MOST = 0.25
WAM_AT_LEAST = 3.0
DOMESTIC_AT_LEAST = 0.8
ZOMBIE_LINE = 1.0
ICR_AT_LEAST = 3.0
SHOCKED_AT_LEAST = 1.5
WEIGHTS = (0.5, 0.25, 0.25)

PASS, FAIL, UNKNOWN = 1, 0, -1


def verdict(known, passes):
    """pass / fail where known, unknown elsewhere."""
    return np.where(known, np.where(passes, PASS, FAIL), UNKNOWN).astype(np.int8)


def percentile(values):
    """Percentile rank among the known values, ties averaged; NaN stays NaN."""
    s = pd.Series(values)
    n = int(s.notna().sum())
    if n == 1:
        return np.where(s.notna(), 0.5, np.nan)
    return ((s.rank(method="average") - 1.0) / (n - 1)).to_numpy()


def screen(df):
    def col(name):
        return df[name].to_numpy(dtype=np.float64)

    ticker = df["Ticker"]
    mcap = col("Market Cap")
    debt = col("Total Debt")
    share = col("Floating Rate Share")
    wam = col("WAM")
    fcf = col("FCF")
    domestic = col("Domestic Share")
    pe = col("Fwd P/E")
    ebit_hist = [col("EBIT " + p) for p in PERIODS]
    int_hist = [col("Interest Expense " + p) for p in PERIODS]
    ebit = ebit_hist[-1]
    interest = int_hist[-1]

    with np.errstate(invalid="ignore", divide="ignore"):
        # records.ts: out-of-range cells are unusable.
        share = np.where((share >= 0) & (share <= 1), share, np.nan)
        domestic = np.where((domestic >= 0) & (domestic <= 1), domestic, np.nan)
        mcap = np.where(mcap >= 0, mcap, np.nan)
        debt = np.where(debt >= 0, debt, np.nan)
        wam = np.where(wam >= 0, wam, np.nan)

        # metrics.ts coverageColumns
        icr = np.where(interest == 0, np.inf, ebit / np.abs(interest))
        proforma = np.abs(interest) + (debt * share * SHOCK_BPS) / 10000
        inputs_known = ~(np.isnan(interest) | np.isnan(debt) | np.isnan(share))
        shocked = np.where(inputs_known, np.where(proforma > 0, ebit / proforma, np.inf), np.nan)
        shocked = np.where((debt == 0) | (share == 0), icr, shocked)

        # metrics.ts zombieColumn over the latest three periods: a zombie when every period is
        # known and fails; not a zombie as soon as one known period does not fail (even with
        # another blank); otherwise unknown.
        all_known = np.ones(len(df), dtype=bool)
        cleared = np.zeros(len(df), dtype=bool)
        for e, x in zip(ebit_hist, int_hist):
            period_known = ~(np.isnan(e) | np.isnan(x))
            cover = np.abs(x)
            fails = (cover != 0) & (e / cover < ZOMBIE_LINE)
            all_known &= period_known
            cleared |= period_known & ~fails
        known = all_known | cleared
        zombie = ~cleared

        no_debt = debt == 0
        verdicts = pd.DataFrame(
            {
                "positiveFcf": verdict(~np.isnan(fcf), fcf > FCF_ABOVE),
                "floatingShare": np.where(no_debt, PASS, verdict(~np.isnan(share), share <= FLOATING_AT_MOST)).astype(np.int8),
                "maturity": np.where(no_debt, PASS, verdict(~np.isnan(wam), wam >= WAM_AT_LEAST)).astype(np.int8),
                "domesticRevenue": verdict(~np.isnan(domestic), domestic >= DOMESTIC_AT_LEAST),
                "notZombie": verdict(known, ~zombie),
                "icr": verdict(~np.isnan(icr), icr >= ICR_AT_LEAST),
                "shockedIcr": verdict(~np.isnan(shocked), shocked >= SHOCKED_AT_LEAST),
            },
            index=df.index,
        )
        passes = (verdicts == PASS).all(axis=1).to_numpy()

        # score.ts
        cheapness = np.where(pe > 0, -pe, np.nan)
        fcf_yield = np.where(np.isnan(fcf) | np.isnan(mcap) | (mcap == 0), np.nan, fcf / mcap)
        v = np.nan_to_num(percentile(cheapness), nan=0.0)
        c = np.nan_to_num(percentile(icr), nan=0.0)
        f = np.nan_to_num(percentile(fcf_yield), nan=0.0)
        raw = 100 * (WEIGHTS[0] * v + WEIGHTS[1] * c + WEIGHTS[2] * f)
        score = np.where(passes, np.clip(raw, 0, 100), np.nan)

    out = verdicts
    out["pass"] = passes
    out["score"] = score
    out["ticker"] = ticker
    out["row"] = np.arange(1, len(df) + 1)
    ranked = out[passes].sort_values(["score", "ticker", "row"], ascending=[False, True, True], na_position="last", kind="mergesort")
    out["rank"] = pd.Series(np.arange(1, len(ranked) + 1), index=ranked.index)
    return out, ranked


def timed(df):
    start = time.perf_counter()
    result, ranked = screen(df)
    return (time.perf_counter() - start) * 1000, result, ranked


def load(path):
    """The table as pandas reads it: read_csv for a CSV, openpyxl's read_only mode for a workbook."""
    if path.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        headers = [str(h) for h in next(rows)]
        df = pd.DataFrame.from_records(list(rows), columns=headers)
        book.close()
        numeric = [h for h in headers if h != "Ticker"]
        df[numeric] = df[numeric].apply(pd.to_numeric, errors="coerce")
        return df
    return pd.read_csv(path, dtype={"Ticker": str}, keep_default_na=False, na_values=[""])


def once(path):
    """The whole job as its own process: load, screen, rank, print the top 20 passing rows."""
    df = load(path)
    result, ranked = screen(df)
    top = ranked.head(20)
    lines = [f"passing {int(result['pass'].sum())} of {len(df)}"]
    lines += [f"{r} {t} {s:.1f}" for r, t, s in zip(range(1, len(top) + 1), top["ticker"], top["score"])]
    print("\n".join(lines))


def main(argv):
    if argv[1] == "--once":
        once(argv[2])
        return
    path, out_path = argv[1], argv[2]
    df = load(path)
    times = []
    if "--serve" in argv:
        print("ready", flush=True)
        for line in sys.stdin:
            if line.strip() != "run":
                break
            ms, result, ranked = timed(df)
            times.append(ms)
            print(f"{ms:.6f}", flush=True)
    else:
        runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 7
        warmup = int(argv[argv.index("--warmup") + 1]) if "--warmup" in argv else 2
        for _ in range(warmup):
            screen(df)
        for _ in range(runs):
            ms, result, ranked = timed(df)
            times.append(ms)
    with open(out_path, "w") as fh:
        json.dump(
            {
                "times_ms": times,
                "rows": len(df),
                "passing": int(result["pass"].sum()),
                "ranked_rows": ranked["row"].astype(int).tolist(),
                "ranked_scores": ranked["score"].tolist(),
                "pandas": pd.__version__,
                "numpy": np.__version__,
                "python": sys.version.split()[0],
            },
            fh,
        )


if __name__ == "__main__":
    main(sys.argv)
