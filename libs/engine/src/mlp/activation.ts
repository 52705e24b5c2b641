import type { MlpActivation } from './types';

/** a ← f(a) over values[0, length): relu max(z, 0), tanh, logistic σ(z) = 1/(1 + e^−z). */
export function activateInPlace(kind: MlpActivation, values: Float64Array, length: number): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < length; i++) {
        const z = values[i];
        values[i] = z > 0 ? z : 0;
      }
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) values[i] = Math.tanh(values[i]);
      return;
    case 'logistic':
      for (let i = 0; i < length; i++) values[i] = stableSigmoid(values[i]);
      return;
  }
}

/**
 * δ ← δ ⊙ f′, with f′ written in terms of the activated value a (as scikit-learn's backprop does):
 * relu 1[a > 0], tanh 1 − a², logistic a(1 − a).
 */
export function multiplyByDerivative(
  kind: MlpActivation,
  activated: Float64Array,
  delta: Float64Array,
  length: number,
): void {
  switch (kind) {
    case 'relu':
      for (let i = 0; i < length; i++) if (activated[i] <= 0) delta[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) delta[i] *= 1 - activated[i] * activated[i];
      return;
    case 'logistic':
      for (let i = 0; i < length; i++) delta[i] *= activated[i] * (1 - activated[i]);
      return;
  }
}

/** σ(z) without overflow for large |z|. */
export function stableSigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
