import type { Family } from './family';

/**
 * glmnet's lognet guards: a fitted probability closer than PROBABILITY_MIN to 0 or 1 is set to exactly 0 or 1,
 * i.e. η beyond ±ETA_LIMIT = ±log(1/pmin − 1) ≈ ±20.7 gets weight 0 in the IRLS step. pmin is R glmnet 4.1's
 * default (glmnet.control()$pmin = 1e-9; the old Fortran constant was 1e-5, which does not reproduce the
 * breast-cancer fixture at λ = 0.001). When the weights sum to no more than WEIGHT_SUM_MIN every point is
 * saturated (separable data) and the fit stops.
 */
export const PROBABILITY_MIN = 1e-9;
export const ETA_LIMIT = Math.log(1 / PROBABILITY_MIN - 1);
export const WEIGHT_SUM_MIN = (1 + PROBABILITY_MIN) * PROBABILITY_MIN * (1 - PROBABILITY_MIN);

/** σ(η) = 1 / (1 + e^−η). */
export function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** The IRLS probability with glmnet's clamping: exactly 0 or 1 beyond ±ETA_LIMIT. */
export function clampedProbability(eta: number): number {
  if (eta < -ETA_LIMIT) return 0;
  if (eta > ETA_LIMIT) return 1;
  return 1 / (1 + Math.exp(-eta));
}

/** log(1 + e^η) − y·η, computed without overflow as max(η, 0) + log1p(e^−|η|) − y·η. */
export function logisticLoss(eta: number, y: number): number {
  return Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - y * eta;
}

/** Logistic model: ℓ(η, y) = log(1 + e^η) − y·η (the mean negative log-likelihood, logloss). */
export const binomialFamily: Family = {
  loss: logisticLoss,
  derivative: (eta, y) => sigmoid(eta) - y,
  curveLoss: logisticLoss,
  // Null model: p = ȳ, so b0 = log(ȳ / (1 − ȳ)) (the caller guards ȳ ∈ (0, 1)).
  nullIntercept: (yMean) => Math.log(yMean / (1 - yMean)),
};

/** Null mean logloss −[ȳ·log ȳ + (1 − ȳ)·log(1 − ȳ)]: the scale of glmnet's binomial threshold (thresh·dev0). */
export function nullLogLoss(yMean: number): number {
  const b0 = Math.log(yMean / (1 - yMean));
  return -(b0 * yMean + Math.log(1 - yMean));
}
