/** Period cells of long tables and two-row headers: `2021`, `FY21`, `2022E`, a date. */
/** A period cell read: its fiscal year, and whether it is an estimate (`2022E`). */
export interface PeriodValue {
  readonly year: number;
  readonly estimate: boolean;
}

const MS_PER_DAY = 86_400_000;
/** Excel serial 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;

/**
 * A period cell as a fiscal year: `2021`, `FY2021`, `FY 2021`, `FY21`, `2021A`, `2022E`, a date
 * (`2021-12-31`, `12/31/2021`, or an Excel date serial as a sheet gives it: the year it ends in).
 * Undefined when the cell is no period.
 */
export function parsePeriodCell(text: string | null): PeriodValue | undefined {
  if (text === null) return undefined;
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(?:(?:FY|CY|Fiscal Year)\s*)?((?:19|20)\d\d)\s*([AE])?$/i.exec(t)) !== null) {
    return { year: Number(m[1]), estimate: (m[2] ?? "").toUpperCase() === "E" };
  }
  if ((m = /^(?:FY|CY)\s*(\d\d)([AE])?$/i.exec(t)) !== null) return { year: 2000 + Number(m[1]), estimate: (m[2] ?? "").toUpperCase() === "E" };
  if ((m = /^((?:19|20)\d\d)-\d\d-\d\d(?:[T ].*)?$/.exec(t)) !== null) return { year: Number(m[1]), estimate: false };
  if ((m = /^\d{1,2}[/.]\d{1,2}[/.]((?:19|20)\d\d)$/.exec(t)) !== null) return { year: Number(m[1]), estimate: false };
  if (/^\d{5}(?:\.\d+)?$/.test(t)) {
    const serial = Number(t);
    if (serial >= 20000 && serial <= 80000) {
      return { year: new Date((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY).getUTCFullYear(), estimate: false };
    }
  }
  return undefined;
}

