/**
 * Softmax probabilities and the multinomial logloss from linear predictors stored class-major
 * (eta[k·n + i] is η_ik), computed with the row maximum subtracted so that no exp overflows:
 *     p_ik = exp(η_ik − m_i) / Σ_l exp(η_il − m_i),   −log p_iy = log Σ_l exp(η_il − m_i) + m_i − η_iy.
 */

/** log Σ_k exp(η_ik) for row i. */
export function logSumExp(eta: Float64Array, n: number, classes: number, i: number): number {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, eta[k * n + i]);
  if (max === -Infinity || max === Infinity) return max;
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += Math.exp(eta[k * n + i] - max);
  return max + Math.log(sum);
}

/** Writes p_ik to probabilities[k·n + i] for every row and class. */
export function softmaxInto(eta: Float64Array, n: number, classes: number, probabilities: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const normalizer = logSumExp(eta, n, classes, i);
    for (let k = 0; k < classes; k++) probabilities[k * n + i] = Math.exp(eta[k * n + i] - normalizer);
  }
}

/** −(1/n) Σ_i log p(y_i | x_i), y the class index per row. */
export function multinomialLogLoss(eta: Float64Array, y: ArrayLike<number>, n: number, classes: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += logSumExp(eta, n, classes, i) - eta[y[i] * n + i];
  return n > 0 ? total / n : 0;
}

/** Null logloss −Σ_k q_k log q_k of the class frequencies q (glmnet's dev0/2): the scale of the threshold. */
export function nullMultinomialLogLoss(frequencies: Float64Array): number {
  let sum = 0;
  for (const q of frequencies) if (q > 0) sum -= q * Math.log(q);
  return sum;
}

/** Class frequencies q_k = #{i : y_i = k} / n. */
export function classFrequencies(y: ArrayLike<number>, n: number, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < n; i++) counts[y[i]]++;
  for (let k = 0; k < classes; k++) counts[k] = n > 0 ? counts[k] / n : 0;
  return counts;
}
