import type { MlpLayout } from './layout';
import type { MlpSparsity } from './types';

/**
 * Exact zero weights, and dead hidden units: a unit whose incoming weights are all 0 outputs a constant, and one
 * whose outgoing weights are all 0 never reaches the output — either way the penalty switched it off.
 */
export function weightSparsity(layout: MlpLayout, parameters: Float64Array): MlpSparsity {
  let zeroWeights = 0;
  for (let l = 0; l < layout.weightOffsets.length; l++) {
    for (let i = layout.weightOffsets[l]; i < layout.biasOffsets[l]; i++) if (parameters[i] === 0) zeroWeights++;
  }
  let deadUnits = 0;
  let totalUnits = 0;
  for (let l = 1; l < layout.sizes.length - 1; l++) {
    const fanIn = layout.sizes[l - 1];
    const units = layout.sizes[l];
    const fanOut = layout.sizes[l + 1];
    const incoming = layout.weightOffsets[l - 1];
    const outgoing = layout.weightOffsets[l];
    for (let u = 0; u < units; u++) {
      totalUnits++;
      let inZero = true;
      for (let k = 0; k < fanIn && inZero; k++) inZero = parameters[incoming + k * units + u] === 0;
      let outZero = true;
      for (let j = 0; j < fanOut && outZero; j++) outZero = parameters[outgoing + u * fanOut + j] === 0;
      if (inZero || outZero) deadUnits++;
    }
  }
  return { zeroWeights, totalWeights: layout.weightCount, deadUnits, totalUnits };
}
