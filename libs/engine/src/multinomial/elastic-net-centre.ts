/**
 * glmnet's `elc`: the shift s that minimises the elastic-net penalty of one feature's coefficients across classes,
 *     s* = argmin_s Σ_k [ r|a_k − s| + (1−r)/2 (a_k − s)² ].
 * The multinomial likelihood is unchanged when every class's coefficient of a feature moves by the same s, so the
 * penalized optimum has each feature at its s* = 0; glmnet recentres after every outer step. With r = 1 and an
 * even number of classes every s between the two middle values is optimal, and glmnet takes their midpoint — the
 * same choice is made here so the nonzero counts agree. r = 0 (or two classes): the mean. r = 1: the median.
 * In between, the stationary point r·(#{a_k > s} − #{a_k < s}) + (1−r)·Σ(a_k − s) = 0, searched between the median
 * and the mean, as glmnet does.
 */
export function elasticNetCentre(values: Float64Array, l1Ratio: number): number {
  const count = values.length;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / count;
  if (l1Ratio === 0 || count === 2) return mean;
  const sorted = Float64Array.from(values).sort();
  if (sorted[0] === sorted[count - 1]) return sorted[0];
  const median = count % 2 === 1 ? sorted[(count - 1) / 2] : 0.5 * (sorted[count / 2] + sorted[count / 2 - 1]);
  if (l1Ratio === 1) return median;
  // Σ(a_k − s) = count·(mean − s), so the stationary point in the open interval (sorted[k], sorted[k+1]) — where
  // #{a > s} − #{a < s} = count − 2(k+1) — is s = mean + r/((1−r)·count)·(count − 2(k+1)).
  const low = Math.min(mean, median);
  const high = Math.max(mean, median);
  const ratio = l1Ratio / ((1 - l1Ratio) * count);
  for (let k = 0; k < count - 1; k++) {
    if (sorted[k + 1] < low || sorted[k] > high) continue;
    const s = mean + ratio * (count - 2 * (k + 1));
    if (s > sorted[k] && s <= sorted[k + 1]) return s;
  }
  // Otherwise the minimum sits on one of the values: compare the objective (divided by (1−r)/2 and shifted).
  let best = NaN;
  let bestCriterion = Infinity;
  for (const s of sorted) {
    if (s < low || s > high) continue;
    let absolute = 0;
    for (const value of values) absolute += Math.abs(value - s);
    const criterion = 2 * ratio * absolute + s * (s - 2 * mean);
    if (criterion < bestCriterion) {
      bestCriterion = criterion;
      best = s;
    }
  }
  return Number.isNaN(best) ? median : best;
}
