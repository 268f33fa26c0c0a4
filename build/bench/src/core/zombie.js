"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_ZOMBIE_THRESHOLD = void 0;
exports.isZombie = isZombie;
/**
 * Zombies: companies whose operating income has not covered their interest for several
 * periods running.
 */
const errors_1 = require("./errors");
/** The framework's line: EBIT below 1x interest. */
exports.DEFAULT_ZOMBIE_THRESHOLD = 1;
/**
 * TRUE when in each of the last `years` periods interest is non-zero and
 * ebit / |interest| < threshold. Periods run oldest to newest. A period with zero interest
 * is not a failing period.
 *
 * Which error wins (SPEC.md): the arguments' own errors first, in argument order (ebit's in
 * the considered periods, then interest's, then years', then threshold's), then the rule
 * that `years` is a whole number from 1 to the number of periods (`#NUM!`). When `years`
 * itself is unusable, every period counts as considered.
 */
function isZombie(ebit, interest, years, threshold) {
    const periods = ebit.length;
    const yearsValid = typeof years === "number" && Number.isInteger(years) && years >= 1 && years <= periods;
    const first = yearsValid ? periods - years : 0;
    for (const series of [ebit, interest]) {
        for (let t = first; t < periods; t++) {
            const value = series[t];
            if (value instanceof errors_1.CoreError)
                return value;
        }
    }
    if (years instanceof errors_1.CoreError)
        return years;
    if (threshold instanceof errors_1.CoreError)
        return threshold;
    if (!yearsValid)
        return (0, errors_1.coreError)("NUM", `years must be a whole number from 1 to ${periods}`);
    let zombie = true;
    for (let t = first; t < periods; t++) {
        const cover = Math.abs(interest[t]);
        if (cover === 0 || ebit[t] / cover >= threshold)
            zombie = false;
    }
    return zombie;
}
