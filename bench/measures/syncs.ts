/**
 * Round trips of the Office.js adapter (src/excel/excel-workbook.ts) for a screen run and for a
 * refresh of a saved screen, at a small and a large row count, counted on the mock Excel the
 * adapter's own tests use (test/excel/fake-excel.ts, built on office-addin-mock). It counts every
 * `context.sync()` and the payload queued before each one, in UTF-8 bytes of the JSON of the
 * queued operations, as the mock itself serialises them.
 */
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { presetConfig } from "../../src/core/screen";
import { refreshSaved, runToSheet, upsertScreen } from "../../src/workbook/screens";
import { columnLetters } from "../../src/workbook/a1";
import { FakeExcel } from "../../test/excel/fake-excel";
import { Line } from "../lib/report";
import type { Settings } from "../lib/settings";
import { makeUniverse } from "../lib/universe";

/** Excel on the web refuses a request or a response over 5 MB; the budget keeps a margin. */
const PAYLOAD_LIMIT = 4_000_000;

/**
 * The fewest syncs that can carry a trip's traffic with every request and every response under
 * PAYLOAD_LIMIT: the bytes it reads back (responses) and the bytes it writes (requests) cut
 * into 4 MB pieces. A read and the write that depends on it cannot share a sync (the results
 * are computed from what was read), so the two counts add, each at least 1. The budget is this
 * floor plus one: a constant count cannot hold as the data grows past one payload.
 */
function syncFloor(t: Trip): number {
  const read = t.responses.reduce((a, b) => a + b, 0);
  const written = t.bytes.reduce((a, b) => a + b, 0);
  return Math.max(1, Math.ceil(read / PAYLOAD_LIMIT)) + Math.max(1, Math.ceil(written / PAYLOAD_LIMIT));
}

interface Trip {
  readonly syncs: number;
  readonly maxBytes: number;
  readonly bytes: readonly number[];
  readonly responses: readonly number[];
  readonly maxResponse: number;
}

interface Measured {
  readonly rows: number;
  readonly run: Trip;
  readonly listLoad: Trip;
  readonly refresh: Trip;
  /** JSON size of the source values a read brings back (the response of the read's sync). */
  readonly readResponse: number;
  readonly passing: number;
}

function trip(fake: FakeExcel): Trip {
  const bytes = fake.syncs.map((s) => s.bytes);
  const responses = fake.syncs.map((s) => s.response);
  return { syncs: bytes.length, maxBytes: Math.max(0, ...bytes), bytes, responses, maxResponse: Math.max(0, ...responses) };
}

async function measure(rows: number): Promise<Measured> {
  const universe = makeUniverse(rows);
  const fake = new FakeExcel();
  fake.addSheet("Universe", [[...universe.headers], ...universe.rows]);
  const workbook = new ExcelWorkbook(fake.run);
  const source = { sheet: "Universe", address: `A1:${columnLetters(universe.headers.length)}${rows + 1}` };
  const config = presetConfig("quality");
  const output = "SMALLCAP Results";

  fake.resetCounters();
  const first = await runToSheet(workbook, { source, mapping: null, config, output, activate: true });
  if (!first.ok) throw new Error(`screen run failed on the mock: ${first.message}`);
  const run = trip(fake);

  const { screens } = upsertScreen([], { name: "Bench quality", source, mapping: null, config, output }, new Date(0), () => "bench");
  await workbook.saveSavedScreens(screens);

  fake.resetCounters();
  const list = await workbook.loadSavedScreens();
  const listLoad = trip(fake);
  if (list.screens.length !== 1) throw new Error(`saved screens did not round-trip: ${list.problems.join("; ")}`);

  fake.resetCounters();
  const again = await refreshSaved(workbook, list.screens[0]);
  if (!again.ok) throw new Error(`refresh failed on the mock: ${again.message}`);
  const refresh = trip(fake);

  const readResponse = JSON.stringify([universe.headers, ...universe.rows]).length;
  return { rows, run, listLoad, refresh, readResponse, passing: first.result.summary.rowsPassing };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

function line(id: string, what: string, small: Measured, large: Measured, pick: (m: Measured) => Trip): Line {
  const a = pick(small);
  const b = pick(large);
  const maxBytes = Math.max(a.maxBytes, b.maxBytes);
  const maxResponse = Math.max(a.maxResponse, b.maxResponse);
  const floorA = syncFloor(a);
  const floorB = syncFloor(b);
  const ok = a.syncs <= floorA + 1 && b.syncs <= floorB + 1 && maxBytes < PAYLOAD_LIMIT && maxResponse < PAYLOAD_LIMIT;
  const rowsA = small.rows.toLocaleString("en-US");
  const rowsB = large.rows.toLocaleString("en-US");
  return {
    id,
    title: `context.sync() calls, ${what}`,
    status: ok ? "PASS" : "MISS",
    measured: `${a.syncs} syncs at ${rowsA} rows (floor ${floorA}), ${b.syncs} at ${rowsB} (floor ${floorB}); largest request ${mb(maxBytes)}, largest response ${mb(maxResponse)}`,
    budget: `<= the floor + 1 at each size (the fewest syncs whose requests and responses all stay under ${mb(PAYLOAD_LIMIT)}), every payload < ${mb(PAYLOAD_LIMIT)}`,
    value: b.syncs - floorB,
    limit: 1,
    details: [
      `floor = ceil(bytes read back / ${mb(PAYLOAD_LIMIT)}) + ceil(bytes written / ${mb(PAYLOAD_LIMIT)}), each at least 1: ` +
        `${rowsA} rows read ${mb(a.responses.reduce((x, y) => x + y, 0))}, wrote ${mb(a.bytes.reduce((x, y) => x + y, 0))}; ` +
        `${rowsB} rows read ${mb(b.responses.reduce((x, y) => x + y, 0))}, wrote ${mb(b.bytes.reduce((x, y) => x + y, 0))}`,
      `${rowsA} rows: request bytes per sync ${a.bytes.map((x) => x.toLocaleString("en-US")).join(" / ")}`,
      `${rowsB} rows: request bytes per sync ${b.bytes.map((x) => x.toLocaleString("en-US")).join(" / ")}`,
      `the source as JSON: ${mb(small.readResponse)} at ${rowsA} rows, ${mb(large.readResponse)} at ${rowsB} rows, read in blocks so no ` +
        `response exceeds ${mb(PAYLOAD_LIMIT)} (Excel on the web refuses requests and responses over 5 MB: a constant sync count and ` +
        `a bounded payload cannot both hold as the data grows)`,
    ],
    data: { small: { rows: small.rows, ...a, floor: floorA, readResponse: small.readResponse }, large: { rows: large.rows, ...b, floor: floorB, readResponse: large.readResponse } },
  };
}

export async function syncLines(settings: Settings): Promise<Line[]> {
  const small = await measure(100);
  const large = await measure(settings.quick ? 2_000 : 100_000);
  const runLine = line("syncs-run", "screen run (read, screen, write results)", small, large, (m) => m.run);
  const refreshLine = line("syncs-refresh", "refresh of a saved screen (re-run, replacing its results sheet)", small, large, (m) => m.refresh);
  const list = small.listLoad.syncs === large.listLoad.syncs ? `${small.listLoad.syncs}` : `${small.listLoad.syncs} / ${large.listLoad.syncs}`;
  return [
    runLine,
    {
      ...refreshLine,
      details: [...refreshLine.details, `loading the saved-screens list beforehand (once per pane session): ${list} more sync(s)`],
    },
  ];
}
