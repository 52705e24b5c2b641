import type { MlpLayout } from './layout';

/** λ·[ r·Σ|W| + (1−r)/2·ΣW² ] over the weights of every layer (biases are never penalized). */
export function weightPenalty(layout: MlpLayout, parameters: Float64Array, lambda: number, l1Ratio: number): number {
  if (lambda === 0) return 0;
  let absolute = 0;
  let squares = 0;
  forEachWeightRange(layout, (start, end) => {
    for (let i = start; i < end; i++) {
      const w = parameters[i];
      absolute += Math.abs(w);
      squares += w * w;
    }
  });
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
  forEachWeightRange(layout, (start, end) => {
    for (let i = start; i < end; i++) gradient[i] += scale * parameters[i];
  });
}

/**
 * The proximal step of t·Σ|W|: w ← sign(w)·max(|w| − t, 0) on every weight. Run after each optimizer step with
 * t = η·λ·r, it gives exact zeros (a subgradient sign(w) step never does).
 */
export function softThresholdWeights(layout: MlpLayout, parameters: Float64Array, threshold: number): void {
  if (threshold === 0) return;
  forEachWeightRange(layout, (start, end) => {
    for (let i = start; i < end; i++) {
      const w = parameters[i];
      parameters[i] = w > threshold ? w - threshold : w < -threshold ? w + threshold : 0;
    }
  });
}

function forEachWeightRange(layout: MlpLayout, visit: (start: number, end: number) => void): void {
  for (let l = 0; l < layout.weightOffsets.length; l++) visit(layout.weightOffsets[l], layout.biasOffsets[l]);
}
