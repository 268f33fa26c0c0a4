"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseAccountingNumber = parseAccountingNumber;
exports.isBlank = isBlank;
exports.readNumber = readNumber;
exports.readBoolean = readBoolean;
exports.readWholeNumber = readWholeNumber;
/**
 * Reading one worksheet value as a number, the same way for every caller.
 *
 * The rules are SPEC.md's: blank is missing (`#N/A`), en-US accounting text is a number,
 * other text and booleans are `#VALUE!`, an input error passes through, non-finite is `#NUM!`.
 */
const errors_1 = require("./errors");
/**
 * `1,234.5`, `-12`, `(250)`, `$1,000`, `12%`, `1e3`, with spaces around. Commas must group
 * thousands (`1,23` is not a number). Parentheses mean negative, as accounting formats print.
 */
const ACCOUNTING_NUMBER = /^(\()?\s*([+-])?\s*\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(%)?\s*(\))?$/;
/** Parses accounting text; undefined when the text is not a number. */
function parseAccountingNumber(text) {
    const match = ACCOUNTING_NUMBER.exec(text.trim());
    if (match === null)
        return undefined;
    const [, open, sign, digits, exponent, percent, close] = match;
    if ((open === undefined) !== (close === undefined))
        return undefined;
    if (open !== undefined && sign !== undefined)
        return undefined;
    let value = Number(digits.replace(/,/g, "") + (exponent !== undefined ? "e" + exponent : ""));
    if (percent !== undefined)
        value /= 100;
    if (sign === "-" || open !== undefined)
        value = -value;
    return value;
}
function isBlank(value) {
    return value === null || value === undefined || value === "";
}
/** Reads a value as a number, or the error that explains why it is not one. */
function readNumber(value, name) {
    if (typeof value === "number") {
        return value - value === 0 ? value : (0, errors_1.coreError)("NUM", `${name} is not a finite number`);
    }
    if (value === null || value === undefined)
        return (0, errors_1.coreError)("NA", `missing ${name}`);
    if (typeof value === "string") {
        if (value.trim() === "")
            return (0, errors_1.coreError)("NA", `missing ${name}`);
        const parsed = parseAccountingNumber(value);
        if (parsed === undefined)
            return (0, errors_1.coreError)("VALUE", `${name} is text, not a number`);
        return parsed - parsed === 0 ? parsed : (0, errors_1.coreError)("NUM", `${name} is not a finite number`);
    }
    if (typeof value === "boolean")
        return (0, errors_1.coreError)("VALUE", `${name} is TRUE/FALSE, not a number`);
    if (typeof value === "object") {
        const error = (0, errors_1.errorFromHost)(value);
        if (error !== undefined)
            return error;
    }
    return (0, errors_1.coreError)("VALUE", `${name} is not a number`);
}
/**
 * Reads a yes/no argument: TRUE/FALSE, or a number (0 is FALSE) as Excel does.
 * Blank gives the default.
 */
function readBoolean(value, name, fallback) {
    if (isBlank(value))
        return fallback;
    if (typeof value === "boolean")
        return value;
    if (typeof value === "number") {
        return value - value === 0 ? value !== 0 : (0, errors_1.coreError)("NUM", `${name} is not a finite number`);
    }
    if (typeof value === "string") {
        const upper = value.trim().toUpperCase();
        if (upper === "TRUE")
            return true;
        if (upper === "FALSE")
            return false;
        return (0, errors_1.coreError)("VALUE", `${name} must be TRUE or FALSE`);
    }
    if (typeof value === "object" && value !== null) {
        const error = (0, errors_1.errorFromHost)(value);
        if (error !== undefined)
            return error;
    }
    return (0, errors_1.coreError)("VALUE", `${name} must be TRUE or FALSE`);
}
/** A whole number in [min, max], else `#NUM!` (after the ordinary reading rules). */
function readWholeNumber(value, name, min, max) {
    const n = readNumber(value, name);
    if (typeof n !== "number")
        return n;
    if (!Number.isInteger(n) || n < min || n > max) {
        return (0, errors_1.coreError)("NUM", `${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
}
