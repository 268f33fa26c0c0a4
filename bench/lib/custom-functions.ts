/**
 * The part of Office's custom-functions runtime that `src/functions/excel.ts` touches:
 * `CustomFunctions.Error` and `CustomFunctions.ErrorCode`, as test/built-functions.test.ts
 * stands them in. Installed once, before the first error result is converted.
 */
const ErrorCode = Object.freeze({
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
});

class ExcelError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

export function installCustomFunctions(): void {
  const scope = globalThis as unknown as { CustomFunctions?: unknown };
  if (scope.CustomFunctions === undefined) scope.CustomFunctions = { Error: ExcelError, ErrorCode, associate: () => undefined };
}
