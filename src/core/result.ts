/**
 * One result type for what can fail for a reason an analyst should read: a screen, a screen's
 * configuration and mapping, a `criterion=value` setting, a saved screen. A failure carries a
 * `code` (tests and hosts branch on it), the details the words need, and its `message`, built
 * here and only here from the code and its details.
 *
 * Bad cell data is not a failure: it is a `CoreError` value (errors.ts).
 */

/** The details each failure code carries (beside `ok`, `code` and `message`). */
export interface FailureDetails {
  // The screen engine.
  "no-table": object;
  "no-header-row": object;
  "rows-unreadable": object;
  "table-unreadable": object;
  /** Example headers it would have recognised; the header texts it found. */
  "no-columns-recognised": { readonly expected: readonly string[]; readonly found: readonly string[] };
  /** Example headers of the fields the active criteria use; the headers it did recognise. */
  "no-needed-columns": { readonly needed: readonly string[]; readonly recognised: readonly string[] };
  "no-data-rows": { readonly source: string };
  "unexpected": { readonly detail: string };
  // A configuration or a column mapping.
  /** `issues`: each problem with its path, `config.preset: Invalid option: ...`. */
  "config-invalid": { readonly issues: string };
  "config-criterion-twice": { readonly id: string };
  "config-setting-out-of-range": { readonly problem: SettingFailure };
  "mapping-invalid": { readonly issues: string };
  // A `criterion=value` setting (the CLI's --set, SMALLCAP.SCREEN's settings).
  "setting-not-text": object;
  "setting-malformed": { readonly text: string };
  "unknown-setting": { readonly key: string; readonly known: readonly string[] };
  "setting-cannot-switch": { readonly key: string; readonly word: string };
  "setting-missing-value": { readonly key: string; readonly example: string };
  /** `wanted`: what the key takes, in words chosen here. */
  "setting-bad-value": { readonly key: string; readonly text: string; readonly wanted: "number-on-off" | "basis-points" | "whole-or-all" | "sign-rule" };
  "setting-not-a-word": { readonly key: string };
  "setting-not-finite": { readonly key: string };
  /** `rule`: which range; `min`/`max` its bounds where it has them. */
  "setting-out-of-range": {
    readonly key: string;
    readonly value: number;
    readonly rule: "shock" | "periods" | "fraction" | "min" | "max";
    readonly min?: number;
    readonly max?: number;
  };
  // Saved screens.
  "saved-not-json": object;
  "saved-invalid": { readonly issues: string };
  "saved-list-not-json": { readonly setting: string };
  "saved-list-not-list": { readonly setting: string };
  /** The list as JSON is longer than one Excel cell holds. */
  "saved-too-large": { readonly characters: number; readonly limit: number };
  // Running a screen into a workbook (src/workbook/screens.ts).
  /** `problem`: why the name cannot be a results sheet (src/workbook/sheets.ts, in words). */
  "output-sheet-invalid": { readonly problem: string };
  /** The host refused for a reason it put in words (a `WorkbookError`: a table gone, a sheet not ours). */
  "workbook-refused": { readonly reason: string };
  /** The host failed in a way it did not foresee. */
  "host-failed": { readonly detail: string };
}

export type FailureCode = keyof FailureDetails;

export type FailureOf<C extends FailureCode> = { readonly ok: false; readonly code: C; readonly message: string } & Readonly<FailureDetails[C]>;
export type Failure = { [C in FailureCode]: FailureOf<C> }[FailureCode];

export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

/** The failures a `criterion=value` setting can have. */
export type SettingFailure = FailureOf<
  | "setting-not-text"
  | "setting-malformed"
  | "unknown-setting"
  | "setting-cannot-switch"
  | "setting-missing-value"
  | "setting-bad-value"
  | "setting-not-a-word"
  | "setting-not-finite"
  | "setting-out-of-range"
>;

/** `A, B, C` and at most `limit` of them, then `and N more`; `empty` when there are none. */
function listed(items: readonly string[], limit: number, empty: string, more = true): string {
  if (items.length === 0) return empty;
  const shown = items.slice(0, limit).join(", ");
  return more && items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
}

const WANTED: Readonly<Record<FailureDetails["setting-bad-value"]["wanted"], string>> = {
  "number-on-off": "a number, on or off",
  "basis-points": "a number of basis points",
  "whole-or-all": "a whole number or all",
  "sign-rule": "auto (a column of both signs is read by its convention) or magnitude (every value is an expense of its size)",
};

type Words = { [C in FailureCode]: (d: FailureDetails[C]) => string };

const WORDS: Words = {
  "no-table": () => "There is no table to screen.",
  "no-header-row": () => "The table has no header row.",
  "rows-unreadable": () => "The table's data rows could not be read.",
  "table-unreadable": () => "The table could not be read.",
  "no-columns-recognised": (d) =>
    `No columns recognised. Expected headers such as ${d.expected.join(", ")}. ` +
    `Found: ${listed(d.found, 8, "no header text at all")}. Check that the first row of the range is the header row.`,
  "no-needed-columns": (d) =>
    `None of the columns this screen needs were found. It needs columns such as ${d.needed.join(", ")}` +
    ` (recognised: ${listed(d.recognised, 8, "none", false)}).`,
  "no-data-rows": (d) => `${d.source} has a header row but no data rows to screen.`,
  "unexpected": (d) => `The screen stopped unexpectedly (${d.detail}). Please report this with the table that caused it.`,
  "config-invalid": (d) => `The screen settings are not valid: ${d.issues}`,
  "config-criterion-twice": (d) => `The screen settings list ${d.id} twice.`,
  "config-setting-out-of-range": (d) => `The screen settings are not valid: ${d.problem.message}.`,
  "mapping-invalid": (d) => `The column mapping is not valid: ${d.issues}`,
  "setting-not-text": () => "a setting must be text such as icr=2.5",
  "setting-malformed": (d) => `expected criterion=value (e.g. icr=2.5), got "${d.text}"`,
  "unknown-setting": (d) => `unknown criterion "${d.key}"; expected one of ${d.known.join(", ")}`,
  "setting-cannot-switch": (d) => `${d.key} cannot be switched ${d.word}; give a number`,
  "setting-missing-value": (d) => `${d.key} needs a value, e.g. ${d.key}=${d.example}`,
  "setting-bad-value": (d) => `${d.key} needs ${WANTED[d.wanted]}, got "${d.text}"`,
  "setting-not-a-word": (d) => `${d.key} takes auto or magnitude, not a number`,
  "setting-not-finite": (d) => `${d.key} must be a finite number`,
  "setting-out-of-range": (d) => {
    if (d.rule === "shock") return `${d.key} must be from ${d.min} to ${d.max} basis points (200 is +2.00 percentage points), got ${d.value}`;
    if (d.rule === "periods") return `${d.key} must be a whole number of periods, 1 or more, got ${d.value}`;
    if (d.rule === "fraction") return `${d.key} must be a fraction from ${d.min} to ${d.max} (25% is 0.25), got ${d.value}`;
    return d.rule === "min" ? `${d.key} must be ${d.min} or more, got ${d.value}` : `${d.key} must be ${d.max} or less, got ${d.value}`;
  },
  "saved-not-json": () => "The saved screen is not valid JSON.",
  "saved-invalid": (d) => `The saved screen is not valid: ${d.issues}`,
  "saved-list-not-json": (d) => `The ${d.setting} setting is not valid JSON.`,
  "saved-list-not-list": (d) => `The ${d.setting} setting must be a list of saved screens.`,
  "saved-too-large": (d) =>
    `The saved screens need ${d.characters.toLocaleString("en-US")} characters, more than the ${d.limit.toLocaleString("en-US")} an Excel cell holds. Delete a few saved screens first.`,
  "output-sheet-invalid": (d) => d.problem,
  "workbook-refused": (d) => d.reason,
  "host-failed": (d) => `Something went wrong: ${d.detail}`,
};

/** A failure with its code, its details and its words. */
export function failure<C extends FailureCode>(code: C, details: FailureDetails[C]): FailureOf<C> {
  const words = WORDS[code] as (d: FailureDetails[C]) => string;
  return { ok: false, code, message: words(details), ...details } as FailureOf<C>;
}

export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}
