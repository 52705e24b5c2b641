import type { Model } from '../types';
import { binomialFamily } from './binomial';
import { gaussianFamily } from './gaussian';

/**
 * What differs between the two models when only η = b0 + zᵀβ matters (objective, gradients, gd, learning curves).
 * The coordinate-descent solvers use the family modules' specialised helpers directly.
 */
export interface Family {
  /** Per-row data term ℓ(η, y); the objective's data term is the mean over the training rows. */
  loss(eta: number, y: number): number;
  /** dℓ/dη. */
  derivative(eta: number, y: number): number;
  /** Per-row loss drawn in learning curves: squared error (mse) for linear, logloss for logistic. */
  curveLoss(eta: number, y: number): number;
  /** Intercept of the model with every β = 0, on centred features. */
  nullIntercept(yMean: number): number;
}

export function familyOf(model: Model): Family {
  return model === 'logistic' ? binomialFamily : gaussianFamily;
}
