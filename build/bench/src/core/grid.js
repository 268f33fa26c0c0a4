"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SHAPE_MISMATCH = void 0;
exports.asGrid = asGrid;
exports.single = single;
exports.finite = finite;
exports.elementwise = elementwise;
exports.rowwise = rowwise;
exports.asSeries = asSeries;
exports.pairedCells = pairedCells;
exports.singleValue = singleValue;
/**
 * The one adapter between worksheet-shaped arguments and the core's scalar arithmetic:
 * shapes, broadcasting of single values, blanks, numeric text and errors, for every
 * SMALLCAP function and every host (Excel, the CLI's refresh, tests).
 *
 * A function body never coerces: it receives numbers (or, for row-wise functions, numbers
 * and the errors that stand for unreadable cells) and returns a number, boolean, text or a
 * `CoreError`. One bad element yields an error in that element only.
 */
const errors_1 = require("./errors");
const values_1 = require("./values");
exports.SHAPE_MISMATCH = (0, errors_1.coreError)("VALUE", "ranges must have the same shape");
const NOT_FINITE_RESULT = (0, errors_1.coreError)("NUM", "result is not a finite number");
/**
 * A worksheet argument as rows of cells: a range arrives as `any[][]`, a single value is a
 * 1 x 1 grid, a flat array (from a non-Excel caller) is one row. Ragged or empty arrays are
 * errors, not exceptions.
 */
function asGrid(value, name) {
    if (!Array.isArray(value))
        return [[value]];
    if (value.length === 0)
        return (0, errors_1.coreError)("VALUE", `${name} is an empty range`);
    if (!Array.isArray(value[0]))
        return [value];
    const width = value[0].length;
    if (width === 0)
        return (0, errors_1.coreError)("VALUE", `${name} is an empty range`);
    for (let r = 1; r < value.length; r++) {
        const row = value[r];
        if (!Array.isArray(row) || row.length !== width)
            return (0, errors_1.coreError)("VALUE", `${name} is not a rectangular range`);
    }
    return value;
}
/** A result grid of one cell. */
function single(cell) {
    return [[cell]];
}
/** Numbers must stay finite on the way out: Infinity and NaN become `#NUM!`. */
function finite(cell) {
    return typeof cell === "number" && cell - cell !== 0 ? NOT_FINITE_RESULT : cell;
}
function isSingle(grid) {
    return grid.length === 1 && grid[0].length === 1;
}
/** Reads an argument, applying an optional argument's default when it is omitted or blank. */
function readArg(value, spec) {
    if (spec.default !== undefined && (0, values_1.isBlank)(value))
        return spec.default;
    return (0, values_1.readNumber)(value, spec.name);
}
function omitted(value, spec) {
    return (spec.default !== undefined || spec.optional === true) && (value === null || value === undefined);
}
/**
 * Element by element: every argument is a single value or a range; ranges must share one
 * shape and the result takes it. Single values are read once and paired with every element.
 */
function elementwise(specs, fn) {
    const arity = specs.length;
    return (...args) => {
        const grids = new Array(arity);
        const fixed = new Array(arity);
        let rows = 1;
        let cols = 1;
        let shaped = false;
        for (let i = 0; i < arity; i++) {
            const spec = specs[i];
            if (omitted(args[i], spec)) {
                grids[i] = null;
                fixed[i] = spec.default;
                continue;
            }
            const grid = asGrid(args[i], spec.name);
            if (grid instanceof errors_1.CoreError)
                return single(grid);
            if (isSingle(grid)) {
                grids[i] = null;
                fixed[i] = readArg(grid[0][0], spec);
                continue;
            }
            if (shaped && (grid.length !== rows || grid[0].length !== cols))
                return single(exports.SHAPE_MISMATCH);
            shaped = true;
            rows = grid.length;
            cols = grid[0].length;
            grids[i] = grid;
        }
        const xs = new Array(arity).fill(0);
        const out = new Array(rows);
        for (let r = 0; r < rows; r++) {
            const line = new Array(cols);
            for (let c = 0; c < cols; c++) {
                let error;
                for (let i = 0; i < arity; i++) {
                    const grid = grids[i];
                    let x;
                    if (grid === null) {
                        x = fixed[i];
                    }
                    else {
                        const raw = grid[r][c];
                        x = typeof raw === "number" && raw - raw === 0 ? raw : readArg(raw, specs[i]);
                    }
                    if (typeof x !== "number") {
                        error = x;
                        break;
                    }
                    xs[i] = x;
                }
                if (error !== undefined) {
                    line[c] = error;
                    continue;
                }
                let result;
                switch (arity) {
                    case 1:
                        result = fn(xs[0]);
                        break;
                    case 2:
                        result = fn(xs[0], xs[1]);
                        break;
                    case 3:
                        result = fn(xs[0], xs[1], xs[2]);
                        break;
                    case 4:
                        result = fn(xs[0], xs[1], xs[2], xs[3]);
                        break;
                    case 5:
                        result = fn(xs[0], xs[1], xs[2], xs[3], xs[4]);
                        break;
                    default: result = fn(...xs);
                }
                line[c] = typeof result === "number" && result - result !== 0 ? NOT_FINITE_RESULT : result;
            }
            out[r] = line;
        }
        return out;
    };
}
/**
 * Row by row: `series` arguments are ranges with one row per company and one column per
 * period or bucket (a single value pairs with every cell, a single row with every row);
 * `perRow` arguments are a single value or a column with one value per company. The
 * result is one column, one row per company.
 */
function rowwise(series, perRow, fn) {
    return (...args) => {
        const seriesGrids = [];
        let rows = 1;
        let cols = 1;
        for (let i = 0; i < series.length; i++) {
            const grid = asGrid(args[i], series[i].name);
            if (grid instanceof errors_1.CoreError)
                return single(grid);
            seriesGrids.push(grid);
        }
        for (const grid of seriesGrids) {
            if (grid.length > 1) {
                if (rows > 1 && grid.length !== rows)
                    return single(exports.SHAPE_MISMATCH);
                rows = grid.length;
            }
            if (grid[0].length > 1) {
                if (cols > 1 && grid[0].length !== cols)
                    return single(exports.SHAPE_MISMATCH);
                cols = grid[0].length;
            }
        }
        const rowGrids = [];
        for (let j = 0; j < perRow.length; j++) {
            const spec = perRow[j];
            const value = args[series.length + j];
            if (omitted(value, spec)) {
                rowGrids.push(null);
                continue;
            }
            const grid = asGrid(value, spec.name);
            if (grid instanceof errors_1.CoreError)
                return single(grid);
            if (grid[0].length !== 1 || (grid.length !== 1 && grid.length !== rows)) {
                return single((0, errors_1.coreError)("VALUE", `${spec.name} must be a single value or one value per row`));
            }
            rowGrids.push(grid);
        }
        const out = new Array(rows);
        for (let r = 0; r < rows; r++) {
            const rowValues = seriesGrids.map((grid, i) => {
                const line = grid.length === 1 ? grid[0] : grid[r];
                const values = new Array(cols);
                for (let c = 0; c < cols; c++)
                    values[c] = (0, values_1.readNumber)(line.length === 1 ? line[0] : line[c], series[i].name);
                return values;
            });
            const scalars = perRow.map((spec, j) => {
                const grid = rowGrids[j];
                const value = grid === null ? null : (grid.length === 1 ? grid[0] : grid[r])[0];
                if (spec.optional === true && (0, values_1.isBlank)(value))
                    return undefined;
                if (grid === null)
                    return spec.default;
                return readArg(value, spec);
            });
            out[r] = [finite(fn(rowValues, scalars))];
        }
        return out;
    };
}
/**
 * A price or value series given as one column or one row, in reading order; a single cell
 * is a series of one.
 */
function asSeries(value, name) {
    const grid = asGrid(value, name);
    if (grid instanceof errors_1.CoreError)
        return grid;
    if (grid[0].length === 1)
        return grid.map((row) => row[0]);
    if (grid.length === 1)
        return grid[0];
    return (0, errors_1.coreError)("VALUE", `${name} must be one column or one row`);
}
/** All cells of two same-shaped ranges, flattened in reading order. */
function pairedCells(a, aName, b, bName) {
    const ga = asGrid(a, aName);
    if (ga instanceof errors_1.CoreError)
        return ga;
    const gb = asGrid(b, bName);
    if (gb instanceof errors_1.CoreError)
        return gb;
    if (ga.length !== gb.length || ga[0].length !== gb[0].length)
        return exports.SHAPE_MISMATCH;
    return [ga.flat(), gb.flat()];
}
/** A single-valued argument: a range of more than one cell is `#VALUE!`. */
function singleValue(value, name) {
    const grid = asGrid(value, name);
    if (grid instanceof errors_1.CoreError)
        return grid;
    if (!isSingle(grid))
        return (0, errors_1.coreError)("VALUE", `${name} must be a single value`);
    return grid[0][0];
}
