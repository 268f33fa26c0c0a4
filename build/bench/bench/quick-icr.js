"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/* Quick check of the range path: SMALLCAP.ICR over 1,000,000 cells against a bare loop. */
const definitions_1 = require("../src/functions/definitions");
const N = 1000000;
const rows = 1000;
const cols = N / rows;
const ebit = [];
const interest = [];
const e = new Float64Array(N);
const i = new Float64Array(N);
let seed = 1;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
for (let r = 0; r < rows; r++) {
    const er = [];
    const ir = [];
    for (let c = 0; c < cols; c++) {
        const x = rand() * 200 - 50;
        const y = rand() * 20 + 0.5;
        er.push(x);
        ir.push(y);
        e[r * cols + c] = x;
        i[r * cols + c] = y;
    }
    ebit.push(er);
    interest.push(ir);
}
function bare() {
    const out = new Float64Array(N);
    for (let k = 0; k < N; k++)
        out[k] = e[k] / Math.abs(i[k]);
    return out;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => { const t = process.hrtime.bigint(); fn(); return Number(process.hrtime.bigint() - t) / 1e6; };
for (let w = 0; w < 3; w++) {
    bare();
    (0, definitions_1.ICR)(ebit, interest);
}
const tb = [];
const ta = [];
for (let k = 0; k < 9; k++) {
    tb.push(time(bare));
    ta.push(time(() => (0, definitions_1.ICR)(ebit, interest)));
}
console.log(`ICR 1,000,000 cells: adapter ${median(ta).toFixed(1)} ms, bare loop ${median(tb).toFixed(1)} ms, ratio ${(median(ta) / median(tb)).toFixed(2)}x`);
