import type { MlpLayout } from './layout';

// Each function walks layer l's weights, parameters[weightOffsets[l], biasOffsets[l]); the biases after them are
// never penalized. Plain loops, no callbacks: these run after every mini-batch.

/** λ·[ r·Σ|W| + (1−r)/2·ΣW² ] over the weights of every layer (biases are never penalized). */
export function weightPenalty(layout: MlpLayout, parameters: Float64Array, lambda: number, l1Ratio: number): number {
  if (lambda === 0) return 0;
  let absolute = 0;
  let squares = 0;
  for (let l = 0; l < layout.weightOffsets.length; l++) {
    for (let i = layout.weightOffsets[l]; i < layout.biasOffsets[l]; i++) {
      const w = parameters[i];
      absolute += Math.abs(w);
      squares += w * w;
    }
  }
  return lambda * (l1Ratio * absolute + ((1 - l1Ratio) / 2) * squares);
}

/** gradient += λ(1−r)·W: the gradient of the smooth (L2) part of the penalty. */
export function addL2Gradient(
  layout: MlpLayout,
  parameters: Float64Array,
  gradient: Float64Array,
  scale: number,
): void {
  if (scale === 0) return;
  for (let l = 0; l < layout.weightOffsets.length; l++) {
    for (let i = layout.weightOffsets[l]; i < layout.biasOffsets[l]; i++) gradient[i] += scale * parameters[i];
  }
}

/**
 * The proximal step of t·Σ|W|: w ← sign(w)·max(|w| − t, 0) on every weight. Run after each optimizer step with
 * t = η·λ·r, it gives exact zeros (a subgradient sign(w) step never does).
 */
export function softThresholdWeights(layout: MlpLayout, parameters: Float64Array, threshold: number): void {
  if (threshold === 0) return;
  for (let l = 0; l < layout.weightOffsets.length; l++) {
    for (let i = layout.weightOffsets[l]; i < layout.biasOffsets[l]; i++) {
      const w = parameters[i];
      parameters[i] = w > threshold ? w - threshold : w < -threshold ? w + threshold : 0;
    }
  }
}
