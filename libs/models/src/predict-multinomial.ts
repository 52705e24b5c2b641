/**
 * Class predictions of an exported softmax model through the engine's own code, so a model file answers what the
 * sweep's report scored: η_ik from multinomialLinearPredictor (a multinomial GLM,
 * η_ik = intercepts[k] + Σ_j coefficients[k][j]·x_ij) or from the network's forward pass (a softmax network), then
 * softmaxInto and predictedClass:   p_ik = e^{η_ik − m_i} / Σ_l e^{η_il − m_i},  m_i = max_l η_il.
 */
import {
  classMajor,
  multinomialLinearPredictor,
  predictedClass,
  softmaxInto,
  type DesignMatrix,
} from '@regsweep/engine';
import type { ClassModel, MultinomialModel } from './model';
import { networkEta } from './predict';

export interface ClassPredictions {
  /** Per row, P(class k) in classLabels order. */
  readonly probabilities: number[][];
  /** Per row, the most probable class (the first on a tie). */
  readonly labels: string[];
}

export function predictClasses(model: ClassModel, x: DesignMatrix): ClassPredictions {
  const n = x.rows;
  const classes = model.classLabels.length;
  const eta = model.kind === 'multinomial' ? linearEta(model, x) : classMajor(networkEta(model, x), n, classes);
  const p = new Float64Array(classes * n);
  softmaxInto(eta, n, classes, p);
  return {
    probabilities: Array.from({ length: n }, (_, i) => Array.from({ length: classes }, (_, k) => p[k * n + i])),
    labels: Array.from({ length: n }, (_, i) => model.classLabels[predictedClass(eta, n, classes, i)]),
  };
}

/** Class-major η (η_ik at [k·n + i]) of a multinomial GLM. */
function linearEta(model: MultinomialModel, x: DesignMatrix): Float64Array {
  const eta = new Float64Array(model.classLabels.length * x.rows);
  const rows = Int32Array.from({ length: x.rows }, (_, i) => i);
  multinomialLinearPredictor(
    x,
    rows,
    Float64Array.from(model.intercepts),
    Float64Array.from(model.coefficients.flat()),
    eta,
  );
  return eta;
}
