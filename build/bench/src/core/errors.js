"use strict";
/**
 * Errors as values, from a closed set that mirrors Excel's error codes.
 *
 * The core never throws for bad data: it returns a `CoreError`, and each host converts it
 * once at its boundary (the custom-function adapter to `CustomFunctions.Error`, the pane and
 * the CLI to words). Instances are interned, so a million `#DIV/0!` results share one object.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.CoreError = exports.EXCEL_ERROR_TEXT = void 0;
exports.coreError = coreError;
exports.isCoreError = isCoreError;
exports.errorCodeFromText = errorCodeFromText;
exports.errorFromHost = errorFromHost;
/** How Excel spells each code in a cell. */
exports.EXCEL_ERROR_TEXT = Object.freeze({
    NA: "#N/A",
    VALUE: "#VALUE!",
    DIV0: "#DIV/0!",
    NUM: "#NUM!",
    NULL: "#NULL!",
    NAME: "#NAME?",
    REF: "#REF!",
});
const CODE_BY_TEXT = new Map(Object.keys(exports.EXCEL_ERROR_TEXT).map((code) => [exports.EXCEL_ERROR_TEXT[code], code]));
class CoreError {
    constructor(code, message) {
        this.code = code;
        this.message = message;
        Object.freeze(this);
    }
    /** `#DIV/0! no interest expense`: the Excel spelling followed by the message. */
    toString() {
        return this.message ? `${exports.EXCEL_ERROR_TEXT[this.code]} ${this.message}` : exports.EXCEL_ERROR_TEXT[this.code];
    }
}
exports.CoreError = CoreError;
const interned = new Map();
/** The one shared instance for a code and message. */
function coreError(code, message) {
    const key = code + "\u0000" + message;
    let error = interned.get(key);
    if (error === undefined) {
        error = new CoreError(code, message);
        if (interned.size < 10000)
            interned.set(key, error);
    }
    return error;
}
function isCoreError(value) {
    return value instanceof CoreError;
}
/** `#N/A` -> "NA"; undefined for anything that is not an Excel error spelling. */
function errorCodeFromText(text) {
    return CODE_BY_TEXT.get(text);
}
/**
 * Recognises an error that arrived as data from some host: a `CoreError`, a
 * `CustomFunctions.Error` (`{ code: "#N/A", message }`), an exceljs error cell
 * (`{ error: "#N/A" }`). Returns undefined for anything else.
 */
function errorFromHost(value) {
    if (value instanceof CoreError)
        return value;
    const record = value;
    const text = typeof record.code === "string" ? record.code : typeof record.error === "string" ? record.error : undefined;
    if (text === undefined)
        return undefined;
    const code = errorCodeFromText(text);
    if (code === undefined)
        return undefined;
    return coreError(code, typeof record.message === "string" ? record.message : "");
}
