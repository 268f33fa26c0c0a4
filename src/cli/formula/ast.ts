/**
 * The part of Excel's formula language the headless refresh evaluates: SMALLCAP calls whose
 * arguments are references, literals, array constants, nested SMALLCAP calls and simple
 * arithmetic. Anything else is reported, never guessed at.
 */

/** A rectangular block of cells, 1-based and inclusive. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

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
  /** `name` is the function's canonical name without namespace (`ICR`); `spelled` is as written. */
  | { readonly kind: "call"; readonly name: string; readonly spelled: string; readonly args: readonly Expr[] }
  | { readonly kind: "unary"; readonly op: "-" | "+" | "%"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: "+" | "-" | "*" | "/" | "^"; readonly left: Expr; readonly right: Expr };

/** A parse that succeeded, or the reason (in words) the headless engine cannot evaluate the formula. */
export type ParseResult = { readonly ok: true; readonly expr: Expr } | { readonly ok: false; readonly reason: string };
