/**
 * Predictions of an exported multinomial model through the engine's own code (multinomialLinearPredictor,
 * softmaxInto, predictedClass), so a model file answers what the sweep's report scored:
 *   η_ik = intercepts[k] + Σ_j coefficients[k][j]·x_ij,   p_ik = e^{η_ik − m_i} / Σ_l e^{η_il − m_i},  m_i = max_l η_il.
 */
import { multinomialLinearPredictor, predictedClass, softmaxInto, type DesignMatrix } from '@regsweep/engine';
import type { MultinomialModel } from './model';

export interface ClassPredictions {
  /** Per row, P(class k) in classLabels order. */
  readonly probabilities: number[][];
  /** Per row, the most probable class (the first on a tie). */
  readonly labels: string[];
}

export function predictClasses(model: MultinomialModel, x: DesignMatrix): ClassPredictions {
  const n = x.rows;
  const classes = model.classLabels.length;
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const eta = new Float64Array(classes * n);
  multinomialLinearPredictor(
    x,
    rows,
    Float64Array.from(model.intercepts),
    Float64Array.from(model.coefficients.flat()),
    eta,
  );
  const p = new Float64Array(classes * n);
  softmaxInto(eta, n, classes, p);
  return {
    probabilities: Array.from({ length: n }, (_, i) => Array.from({ length: classes }, (_, k) => p[k * n + i])),
    labels: Array.from({ length: n }, (_, i) => model.classLabels[predictedClass(eta, n, classes, i)]),
  };
}
