/**
 * The CSV readers issue 13 compared, each reading one file into the rows the screen takes
 * (SheetValue[] per line), in one process, interleaved, median of the rounds:
 * csv-parse streaming (the CLI's reader before), csv-parse on the whole text, the in-memory
 * splitter with `split` + csvValue, and the splitter with plainRowValues (the CLI's reader now).
 * papaparse is not a dependency of the project, so it is not among them.
 * Usage: node --expose-gc build/bench/bench/child/csv-candidates.js file.csv [rounds]
 */
import { createReadStream, readFileSync } from "fs";
import { parse as parseStream } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { csvValue, fileBlocks, plainCsvLines, plainRowValues } from "../../src/cli/source";
import { runMain } from "../lib/child-main";
import { fmt, ms, settle, spread } from "../lib/stats";

const OPTIONS = { bom: true, delimiter: ",", relax_column_count: true, relax_quotes: true, skip_empty_lines: false };

async function main(): Promise<number> {
  const [file, roundsText] = process.argv.slice(2);
  const rounds = Number(roundsText ?? 7);
  let rows = 0;
  const count = (values: unknown[]) => {
    if (values.length > 0) rows++;
  };
  const candidates: Record<string, () => Promise<void> | void> = {
    "csv-parse, streaming + csvValue": async () => {
      for await (const record of createReadStream(file, { encoding: "utf8" }).pipe(parseStream(OPTIONS)) as AsyncIterable<string[]>) count(record.map((c) => csvValue(c)));
    },
    "csv-parse, whole text + csvValue": () => {
      for (const record of parseSync(readFileSync(file, "utf8"), OPTIONS) as string[][]) count(record.map((c) => csvValue(c)));
    },
    "splitter: split + csvValue": () => {
      for (const line of plainCsvLines(fileBlocks(file)) ?? []) count(line.split(",").map((c) => csvValue(c)));
    },
    "splitter: plainRowValues (the CLI)": () => {
      for (const line of plainCsvLines(fileBlocks(file)) ?? []) count(plainRowValues(line, ","));
    },
  };
  const names = Object.keys(candidates);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = -1; r < rounds; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      settle();
      rows = 0;
      const start = process.hrtime.bigint();
      await candidates[name]();
      if (r >= 0) times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const base = spread(times[names[0]]).median;
  for (const name of names) {
    const s = spread(times[name]);
    process.stdout.write(`${name.padEnd(36)} ${ms(s)}  ${fmt(s.median / base)}x the first; ${rows.toLocaleString("en-US")} rows\n`);
  }
  return 0;
}

runMain(main);
