/**
 * Reads a cell's formula text (as stored in the file, without the leading `=`) into an
 * expression the refresh can evaluate, or says in words why it cannot.
 *
 * SMALLCAP functions are recognised in every spelling a workbook may hold:
 * - `SMALLCAP.ICR(...)`: as typed, and as exceljs and other libraries write it;
 * - `_xldudf_SMALLCAP_ICR(...)`: how Excel saves a JavaScript custom function
 *   (OfficeDev/Excel-Custom-Functions#108: "For Javascript Custom Functions, we by default
 *   save out with a different prefix `_xldudf`");
 * - `_xludf.SMALLCAP.ICR(...)`: OOXML's prefix for a user-defined function Excel did not know
 *   when it saved the file (ECMA-376 Part 1, 18.17.7 and [MS-XLSX] "future functions").
 *
 * Operator precedence follows Excel's: negation, then percent, then `^` (left to right, so
 * `2^3^2` is 64 and `-2^2` is 4), then `*` `/`, then `+` `-`.
 */
import { EXCEL_ERROR_SPELLINGS } from "../../core/errors";
import { MAX_COLUMNS as MAX_COL, MAX_ROWS as MAX_ROW, columnNumber } from "../../workbook/a1";
import type { BinaryOp, Cause, Expr, Literal, ParseResult, RefNode } from "./ast";



const SMALLCAP_CALL = /^(?:SMALLCAP\.|_xldudf_SMALLCAP_|_xludf\.SMALLCAP\.)([A-Z][A-Z0-9]*)$/i;

/** `ICR` for `SMALLCAP.ICR`, `_xldudf_SMALLCAP_ICR` or `_xludf.SMALLCAP.ICR`; undefined for any other name. */
export function smallcapFunctionName(spelled: string): string | undefined {
  const match = SMALLCAP_CALL.exec(spelled);
  return match === null ? undefined : match[1].toUpperCase();
}

/** Does the formula call (or try to call) a SMALLCAP function? Text inside string literals does not count. */
export function mentionsSmallcap(formula: string): boolean {
  if (!/SMALLCAP/i.test(formula)) return false;
  const withoutStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return /(?:^|[^A-Za-z0-9_.])(?:_xludf\.|_xldudf_)?SMALLCAP[._][A-Za-z]/i.test(withoutStrings);
}

type Token =
  | { readonly t: "num"; readonly v: number; readonly text: string }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "err"; readonly v: string }
  | { readonly t: "ident"; readonly v: string }
  | { readonly t: "sheet"; readonly v: string }
  | { readonly t: "op"; readonly v: string }
  /** The text between a structured reference's outer brackets: `EBIT`, `@EBIT`, `[#This Row],[EBIT]`. */
  | { readonly t: "struct"; readonly v: string }
  | { readonly t: "end" };

class Unsupported extends Error {
  constructor(message: string, readonly cause: Cause) {
    super(message);
  }
}

function unsupported(reason: string, cause: Cause = "unreadable formula"): never {
  throw new Unsupported(reason, cause);
}

/** A native function's name as Excel means it: upper case, without the file's `_xlfn.` / `_xlws.` prefixes. */
export function nativeFunctionName(spelled: string): string {
  return spelled.replace(/^(?:_xlfn\.)?(?:_xlws\.)?/i, "").toUpperCase();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
      continue;
    }
    if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) unsupported("a text literal is not closed");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ t: "str", v: value });
      continue;
    }
    if (ch === "'") {
      let name = "";
      i++;
      for (;;) {
        if (i >= text.length) unsupported("a quoted sheet name is not closed");
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
      if (text[i] !== "!") unsupported(`'${name}' is not followed by ! and a reference`);
      i++;
      if (name.startsWith("[") || /^\[\d+\]/.test(name)) unsupported("links to another workbook are not evaluated", "external link");
      tokens.push({ t: "sheet", v: name });
      continue;
    }
    if (ch === "#") {
      const upper = text.slice(i).toUpperCase();
      const literal = EXCEL_ERROR_SPELLINGS.find((e) => upper.startsWith(e));
      if (literal === undefined) {
        const previous = tokens[tokens.length - 1];
        if (previous !== undefined && previous.t === "ident" && text[i - 1] !== " ") {
          tokens.push({ t: "op", v: "#" });
          i++;
          continue;
        }
        unsupported(`cannot read ${text.slice(i, i + 8)}`);
      }
      tokens.push({ t: "err", v: literal });
      i += literal.length;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ t: "num", v: Number(match[0]), text: match[0] });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_\\$]/.test(ch)) {
      const match = /^[A-Za-z0-9_.\\$?]+/.exec(text.slice(i)) as RegExpExecArray;
      const word = match[0];
      i += word.length;
      if (text[i] === "!") {
        i++;
        tokens.push({ t: "sheet", v: word });
        continue;
      }
      tokens.push({ t: "ident", v: word });
      continue;
    }
    if (ch === "[") {
      if (/^\[\d+\]/.test(text.slice(i))) unsupported("links to another workbook are not evaluated", "external link");
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === "'" && j + 1 < text.length) {
          j++; // an escaped character inside a column name
          continue;
        }
        if (text[j] === "[") depth++;
        else if (text[j] === "]" && --depth === 0) break;
      }
      if (depth !== 0) unsupported("a structured reference's brackets are not closed");
      tokens.push({ t: "struct", v: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if ("+-*/^%&=<>(),:{};@".includes(ch)) {
      const two = text.slice(i, i + 2);
      if (two === "<=" || two === ">=" || two === "<>") {
        tokens.push({ t: "op", v: two });
        i += 2;
        continue;
      }
      tokens.push({ t: "op", v: ch });
      i++;
      continue;
    }
    unsupported(`cannot read the character ${JSON.stringify(ch)}`);
  }
  tokens.push({ t: "end" });
  return tokens;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

type RefPart =
  | { readonly kind: "cell"; readonly row: number; readonly col: number }
  | { readonly kind: "col"; readonly col: number }
  | { readonly kind: "row"; readonly row: number };

/** Excel allows 64 levels of nested functions; deeper unary chains or parentheses are refused, not recursed into. */
const MAX_DEPTH = 256;
/** Excel's limit on the length of a formula's text. */
const MAX_FORMULA_LENGTH = 8192;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.t === "op" && token.v === value;
  }

  private expectOp(value: string): void {
    if (!this.isOp(value)) unsupported(`expected ${value} ${this.describeHere()}`);
    this.pos++;
  }

  private describeHere(): string {
    const token = this.peek();
    switch (token.t) {
      case "end": return "at the end of the formula";
      case "num": return `before ${token.text}`;
      case "str": return `before "${token.v}"`;
      case "op": return `before ${token.v}`;
      default: return `before ${token.v}`;
    }
  }

  parseFormula(): Expr {
    const expr = this.parseComparison();
    if (this.peek().t !== "end") unsupported(`cannot read the formula ${this.describeHere()}`);
    return expr;
  }

  private parseComparison(): Expr {
    let left = this.parseConcat();
    for (;;) {
      const token = this.peek();
      if (token.t !== "op" || !["=", "<", ">", "<=", ">=", "<>"].includes(token.v)) return left;
      this.pos++;
      left = { kind: "binary", op: token.v as BinaryOp, left, right: this.parseConcat() };
    }
  }

  private parseConcat(): Expr {
    let left = this.parseAdditive();
    while (this.isOp("&")) {
      this.pos++;
      left = { kind: "binary", op: "&", left, right: this.parseAdditive() };
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp("+") || this.isOp("-")) {
      const op = (this.next() as { v: string }).v as "+" | "-";
      left = { kind: "binary", op, left, right: this.parseMultiplicative() };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parsePower();
    while (this.isOp("*") || this.isOp("/")) {
      const op = (this.next() as { v: string }).v as "*" | "/";
      left = { kind: "binary", op, left, right: this.parsePower() };
    }
    return left;
  }

  private parsePower(): Expr {
    let left = this.parsePercent();
    while (this.isOp("^")) {
      this.pos++;
      left = { kind: "binary", op: "^", left, right: this.parsePercent() };
    }
    return left;
  }

  private parsePercent(): Expr {
    let operand = this.parseUnary();
    while (this.isOp("%")) {
      this.pos++;
      operand = { kind: "unary", op: "%", operand };
    }
    return operand;
  }

  private parseUnary(): Expr {
    // Every path into a nested expression (a sign, parentheses, a call's arguments) passes here.
    if (++this.depth > MAX_DEPTH) unsupported(`nests deeper than ${MAX_DEPTH} levels`);
    try {
      if (this.isOp("-") || this.isOp("+") || this.isOp("@")) {
        const op = (this.next() as { v: string }).v as "-" | "+" | "@";
        return { kind: "unary", op, operand: this.parseUnary() };
      }
      return this.parsePrimary();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (token.t) {
      case "num": {
        const after = this.tokens[this.pos + 1];
        if (after.t === "op" && after.v === ":") return this.parseReference(undefined);
        this.pos++;
        return { kind: "literal", value: token.v };
      }
      case "str":
        this.pos++;
        return { kind: "literal", value: token.v };
      case "err":
        this.pos++;
        return { kind: "literal", value: { error: token.v } };
      case "sheet": {
        this.pos++;
        const after = this.peek();
        if (after.t === "ident" && !CELL.test(after.v) && !COLUMN.test(after.v) && !(this.tokens[this.pos + 1].t === "op" && (this.tokens[this.pos + 1] as { v: string }).v === ":")) {
          this.pos++;
          return { kind: "name", name: after.v, sheet: token.v };
        }
        return this.parseReference(token.v);
      }
      case "struct":
        this.pos++;
        return { kind: "struct", table: undefined, spec: token.v };
      case "ident":
        return this.parseIdentifier(token.v);
      case "op":
        if (token.v === "(") {
          this.pos++;
          const inner = this.parseComparison();
          this.expectOp(")");
          return inner;
        }
        if (token.v === "{") return this.parseArrayConstant();
        return unsupported(`cannot read the formula ${this.describeHere()}`);
      case "end":
        return unsupported("the formula ends too early");
    }
  }

  private parseIdentifier(word: string): Expr {
    const after = this.tokens[this.pos + 1];
    if (after.t === "op" && after.v === "(") {
      this.pos += 2;
      return this.parseCall(word);
    }
    if (CELL.test(word) || ((COLUMN.test(word) || ROW.test(word)) && after.t === "op" && after.v === ":")) {
      return this.parseReference(undefined);
    }
    this.pos++;
    if (after.t === "struct") {
      this.pos++;
      return { kind: "struct", table: word, spec: after.v };
    }
    const upper = word.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") return { kind: "literal", value: upper === "TRUE" };
    return { kind: "name", name: word.replace(/^_xlpm\./i, ""), sheet: undefined };
  }

  private parseCall(spelled: string): Expr {
    const smallcapName = smallcapFunctionName(spelled);
    const smallcap = smallcapName !== undefined;
    const name = smallcapName ?? nativeFunctionName(spelled);
    const args: Expr[] = [];
    if (this.isOp(")")) {
      this.pos++;
      return { kind: "call", name, spelled, args, smallcap };
    }
    for (;;) {
      if (this.isOp(",") || this.isOp(")")) args.push({ kind: "omitted" });
      else args.push(this.parseComparison());
      if (this.isOp(",")) {
        this.pos++;
        if (this.isOp(")")) {
          // A trailing comma: the last argument is left out.
          this.pos++;
          args.push({ kind: "omitted" });
          return { kind: "call", name, spelled, args, smallcap };
        }
        continue;
      }
      this.expectOp(")");
      return { kind: "call", name, spelled, args, smallcap };
    }
  }

  private parseArrayConstant(): Expr {
    this.expectOp("{");
    const rows: Literal[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.parseArrayItem());
      if (this.isOp(",")) {
        this.pos++;
        continue;
      }
      if (this.isOp(";")) {
        this.pos++;
        rows.push([]);
        continue;
      }
      this.expectOp("}");
      break;
    }
    const width = rows[0].length;
    if (rows.some((row) => row.length !== width)) unsupported("an array constant's rows have different lengths");
    return { kind: "array", rows };
  }

  private parseArrayItem(): Literal {
    let sign = 1;
    while (this.isOp("-") || this.isOp("+")) {
      if ((this.next() as { v: string }).v === "-") sign = -sign;
    }
    const token = this.next();
    if (token.t === "num") return sign * token.v;
    if (sign !== 1) unsupported("an array constant holds a sign without a number");
    if (token.t === "str") return token.v;
    if (token.t === "err") return { error: token.v };
    if (token.t === "ident" && /^(TRUE|FALSE)$/i.test(token.v)) return token.v.toUpperCase() === "TRUE";
    return unsupported("an array constant may hold only numbers, text, TRUE/FALSE and errors");
  }

  private parseRefPart(): RefPart {
    const token = this.next();
    if (token.t === "num") {
      if (!Number.isInteger(token.v) || token.v < 1 || token.v > MAX_ROW) unsupported(`${token.text} is not a row number`);
      return { kind: "row", row: token.v };
    }
    if (token.t !== "ident") return unsupported("expected a cell reference");
    const cell = CELL.exec(token.v);
    if (cell !== null) {
      const col = columnNumber(cell[1]);
      const row = Number(cell[2]);
      if (col === undefined || row < 1 || row > MAX_ROW) unsupported(`${token.v} is outside the sheet`);
      return { kind: "cell", row, col };
    }
    const column = COLUMN.exec(token.v);
    if (column !== null) {
      const col = columnNumber(column[1]);
      if (col === undefined) unsupported(`${token.v} is outside the sheet`);
      return { kind: "col", col };
    }
    const row = ROW.exec(token.v);
    if (row !== null) {
      const r = Number(row[1]);
      if (r < 1 || r > MAX_ROW) unsupported(`${token.v} is not a row number`);
      return { kind: "row", row: r };
    }
    return unsupported(`${token.v} is not a cell reference`);
  }

  /** A reference whose sheet prefix (if any) has been read; the parser stands on its first part. */
  private parseReference(sheet: string | undefined): Expr {
    const first = this.parseRefPart();
    let second: RefPart = first;
    if (this.isOp(":")) {
      this.pos++;
      const maybeSheet = this.peek();
      if (maybeSheet.t === "sheet") {
        this.pos++;
        if (maybeSheet.v !== sheet) unsupported("3-D references across sheets are not evaluated");
      }
      second = this.parseRefPart();
    }
    const ref = makeRef(sheet, first, second);
    if (this.isOp("#")) {
      this.pos++;
      if (first !== second) unsupported("a spill reference (#) follows a range, not a cell");
      return { kind: "spill", ref };
    }
    if (this.isOp(":")) unsupported("a range built from a function's result (A1:INDEX(...)) is not evaluated");
    return ref;
  }
}

function makeRef(sheet: string | undefined, a: RefPart, b: RefPart): RefNode {
  if (a.kind === "cell" && b.kind === "cell") {
    return {
      kind: "ref",
      sheet,
      area: { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) },
      wholeColumns: false,
      wholeRows: false,
    };
  }
  if (a.kind === "col" && b.kind === "col") {
    return { kind: "ref", sheet, area: { top: 1, left: Math.min(a.col, b.col), bottom: MAX_ROW, right: Math.max(a.col, b.col) }, wholeColumns: true, wholeRows: false };
  }
  if (a.kind === "row" && b.kind === "row") {
    return { kind: "ref", sheet, area: { top: Math.min(a.row, b.row), left: 1, bottom: Math.max(a.row, b.row), right: MAX_COL }, wholeColumns: false, wholeRows: true };
  }
  return unsupported("a reference mixes a cell with a whole row or column");
}

/** Parses a formula (without its leading `=`). Never throws. */
export function parseFormula(text: string): ParseResult {
  if (text.length > MAX_FORMULA_LENGTH) return { ok: false, reason: `is longer than Excel's ${MAX_FORMULA_LENGTH} characters`, cause: "unreadable formula" };
  try {
    const body = text.startsWith("=") ? text.slice(1) : text;
    const parser = new Parser(tokenize(body));
    return { ok: true, expr: parser.parseFormula() };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message, cause: error.cause };
    if (error instanceof RangeError) return { ok: false, reason: "nests too deeply to evaluate", cause: "unreadable formula" };
    throw error;
  }
}
