/**
 * Numbers in the words of a screen's reasons: `1.8x`, `40%`, `2.5 years`, `1,250`.
 * Locale-free on purpose, so the pane, the CLI and tests print the same text.
 */

/**
 * From this magnitude on a number is written in compact scientific notation (`1.68e+306`):
 * a table column or a reason stays short however extreme the input (toFixed would write
 * every digit up to 1e21, then 17 significant digits).
 */
export const COMPACT_FROM = 1e15;

/**
 * Fixed decimals with thousands grouped, so a column of numbers lines up: 1234.5 -> `1,234.50`
 * (2 decimals; `group` false leaves out the separators, as Excel's `0.00` format does);
 * compact scientific notation from COMPACT_FROM on: `1.68e+306`. Non-finite -> "".
 */
export function formatFixed(value: number, decimals = 2, group = true): string {
  if (!Number.isFinite(value)) return "";
  if (Math.abs(value) >= COMPACT_FROM) return value.toExponential(2);
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split(".");
  const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? "-" : "";
  return sign + (group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole) + (fraction === undefined ? "" : "." + fraction);
}

/** At most `decimals` decimals, trailing zeros dropped, thousands grouped: 1234.5 -> `1,234.5`. */
export function formatNumber(value: number, decimals = 2): string {
  if (value !== value) return "n/a";
  if (value === Infinity) return "infinite";
  if (value === -Infinity) return "-infinite";
  const fixed = Math.abs(value) >= COMPACT_FROM ? value.toExponential(2) : value.toFixed(decimals);
  if (fixed.includes("e")) return fixed;
  // Hundreds of thousands of these go into one large screen's reasons: index arithmetic, and
  // the grouping pattern only for numbers that need it.
  const negative = fixed.charCodeAt(0) === 45; // "-"
  const dot = fixed.indexOf(".");
  let whole = fixed.slice(negative ? 1 : 0, dot < 0 ? fixed.length : dot);
  let end = fixed.length;
  if (dot >= 0) while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48) end--; // trailing "0"s
  const fraction = dot < 0 || end === dot + 1 ? "" : fixed.slice(dot + 1, end);
  if (whole.length > 3) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = (negative ? "-" : "") + whole + (fraction === "" ? "" : "." + fraction);
  return text === "-0" ? "0" : text;
}

/** A fraction as a percentage: 0.4 -> `40%`, 0.253 -> `25.3%`. */
export function formatPercent(fraction: number): string {
  return formatNumber(fraction * 100, 1) + "%";
}

/** A coverage ratio: 1.8 -> `1.8x`; zero interest -> `no interest`. */
export function formatRatio(ratio: number): string {
  if (ratio === Infinity) return "no interest";
  return formatNumber(ratio, 2) + "x";
}

export function formatYears(years: number): string {
  return formatNumber(years, 1) + (years === 1 ? " year" : " years");
}
