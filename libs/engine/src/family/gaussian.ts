import type { Family } from './family';

/** Linear model: ℓ(η, y) = ½ (y − η)², so the data term is (1/2n) Σ (y_i − η_i)². */
export const gaussianFamily: Family = {
  loss: (eta, y) => 0.5 * (y - eta) * (y - eta),
  derivative: (eta, y) => eta - y,
  curveLoss: (eta, y) => (y - eta) * (y - eta),
  nullIntercept: (yMean) => yMean,
};

/** Population variance of the response, the scale of glmnet's gaussian convergence threshold (it standardizes y). */
export function responseVariance(y: Float64Array, yMean: number): number {
  let squares = 0;
  for (let i = 0; i < y.length; i++) squares += (y[i] - yMean) * (y[i] - yMean);
  return y.length > 0 ? squares / y.length : 0;
}
