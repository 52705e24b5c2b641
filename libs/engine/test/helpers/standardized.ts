import type { TrainingSet } from '../../src/data/training-set';
import type { PointFit } from '../../src/types';

/** A fit's coefficients on the standardized scale of `set`: β̃_j = β_j·s_j, b̃0 = b0 + Σ β_j·m_j. */
export function standardizedCoefficients(set: TrainingSet, fit: PointFit): { intercept: number; beta: Float64Array } {
  const beta = new Float64Array(set.p);
  let intercept = fit.intercept;
  for (let j = 0; j < set.p; j++) {
    beta[j] = fit.coefficients[j] * set.scales[j];
    intercept += fit.coefficients[j] * set.means[j];
  }
  return { intercept, beta };
}
