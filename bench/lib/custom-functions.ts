/**
 * The part of Office's custom-functions runtime that `src/functions/excel.ts` touches:
 * `CustomFunctions.Error` and `CustomFunctions.ErrorCode`, the same stand-ins as
 * test/built-functions.test.ts uses. Installed once, before the first error result is converted.
 */
import { ErrorCode, ExcelError } from "../../test/helpers/custom-functions";

export function installCustomFunctions(): void {
  const scope = globalThis as unknown as { CustomFunctions?: unknown };
  if (scope.CustomFunctions === undefined) scope.CustomFunctions = { Error: ExcelError, ErrorCode, associate: () => undefined };
}
