/**
 * Excel's formula language as the headless refresh reads it: references (cells, ranges, whole
 * rows and columns, spill references `A1#`), defined names, structured references to tables,
 * literals, array constants, every operator, and calls of native and SMALLCAP functions.
 * What it cannot read is reported with a cause, never guessed at.
 */

import type { Area } from "../../workbook/a1";

/** A reference as written: `B2`, `$B$2:D9`, `Sheet2!A:A`, `'My Sheet'!1:3`. */
export interface RefNode {
  readonly kind: "ref";
  /** The sheet named in the reference; undefined means the formula's own sheet. */
  readonly sheet: string | undefined;
  readonly area: Area;
  /** `A:C`: every row of the columns (the refresh reads the sheet's used rows). */
  readonly wholeColumns: boolean;
  /** `2:4`: every column of the rows (the refresh reads the sheet's used columns). */
  readonly wholeRows: boolean;
}

export type Literal = number | string | boolean | { readonly error: string } | null;

export type Expr =
  | { readonly kind: "literal"; readonly value: Literal }
  /** An argument left out, as in `SMALLCAP.ZOMBIE(H2:J2,K2:M2,,0.8)`. */
  | { readonly kind: "omitted" }
  /** `{1,2;3,4}`: rows separated by `;`, columns by `,`. */
  | { readonly kind: "array"; readonly rows: readonly (readonly Literal[])[] }
  | RefNode
  /** `A1#`: the range the formula in A1 spills into. */
  | { readonly kind: "spill"; readonly ref: RefNode }
  /** A defined name or a LET variable (`_xlpm.` stripped), optionally qualified by a sheet (`Sheet1!Rate`). */
  | { readonly kind: "name"; readonly name: string; readonly sheet: string | undefined }
  /** `Table1[EBIT]`, `[@EBIT]`, `Table1[[#This Row],[EBIT]]`: `table` undefined means the formula's own table. */
  | { readonly kind: "struct"; readonly table: string | undefined; readonly spec: string }
  /**
   * `name` is the canonical name: for SMALLCAP calls without namespace (`ICR`), for native
   * functions upper case without the file's `_xlfn.`/`_xlws.` prefixes (`XLOOKUP`); `spelled` is as written.
   */
  | { readonly kind: "call"; readonly name: string; readonly spelled: string; readonly args: readonly Expr[]; readonly smallcap: boolean }
  | { readonly kind: "unary"; readonly op: "-" | "+" | "%" | "@"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr };

export type BinaryOp = "+" | "-" | "*" | "/" | "^" | "&" | "=" | "<>" | "<" | ">" | "<=" | ">=";

/** Why a formula cannot be evaluated, grouped in the report. */
export type Cause =
  | "unsupported function"
  | "external link"
  | "volatile or dynamic reference"
  | "unreadable formula"
  | "missing sheet"
  | "unknown name"
  | "circular reference"
  | "spill blocked"
  | "too large";

/** A parse that succeeded, or the reason (in words) the headless engine cannot evaluate the formula. */
export type ParseResult = { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly reason: string; readonly cause: Cause };
