/** glmnet's elastic-net centre against a brute-force minimisation, and the multinomial metrics by hand. */
import { elasticNetCentre } from '../src/multinomial/elastic-net-centre';
import { confusionMatrix, multinomialMetricValue } from '../src/multinomial/multinomial-metrics';
import { uniformSource } from './helpers/synthetic';

/** Σ_k [ r|a_k − s| + (1−r)/2 (a_k − s)² ]. */
function penaltyAfterShift(values: Float64Array, r: number, s: number): number {
  let total = 0;
  for (const value of values) total += r * Math.abs(value - s) + ((1 - r) / 2) * (value - s) ** 2;
  return total;
}

/** The minimum over s by golden-section search on [min, max] (the penalty is convex in s). */
function bruteForceMinimum(values: Float64Array, r: number): number {
  let low = Math.min(...values);
  let high = Math.max(...values);
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 200; step++) {
    const a = high - ratio * (high - low);
    const b = low + ratio * (high - low);
    if (penaltyAfterShift(values, r, a) <= penaltyAfterShift(values, r, b)) high = b;
    else low = a;
  }
  return penaltyAfterShift(values, r, (low + high) / 2);
}

describe('elasticNetCentre', () => {
  const uniform = uniformSource(21);
  for (const r of [0, 0.2, 0.5, 0.9, 1]) {
    it(`r = ${r}: attains the smallest penalty over all shifts (random vectors of 2 to 7 values)`, () => {
      for (let trial = 0; trial < 200; trial++) {
        const count = 2 + (trial % 6);
        const values = Float64Array.from({ length: count }, () => (uniform() < 0.3 ? 0 : 4 * uniform() - 2));
        const s = elasticNetCentre(values, r);
        expect(penaltyAfterShift(values, r, s)).toBeLessThanOrEqual(bruteForceMinimum(values, r) + 1e-9);
      }
    });
  }

  it('r = 1, an even count: the midpoint of the two middle values (glmnet’s choice among equal optima)', () => {
    expect(elasticNetCentre(Float64Array.of(-1, 0, 0.5, 3), 1)).toBe(0.25);
    expect(elasticNetCentre(Float64Array.of(0.2, -0.4, 0.9), 1)).toBe(0.2);
    expect(elasticNetCentre(Float64Array.of(1, 3), 1)).toBe(2);
  });
});

describe('multinomial metrics', () => {
  // 5 rows, 3 classes; η class-major: η[k·5 + i].
  const y = Float64Array.of(0, 1, 2, 2, 1);
  const rows = Int32Array.of(0, 1, 2, 3, 4);
  const eta = Float64Array.of(
    2,
    0,
    0,
    1,
    0, // class 0
    0,
    1,
    3,
    0,
    0, // class 1
    1,
    0,
    0,
    2,
    2, // class 2
  );
  // Predictions (argmax, first on ties): 0, 1, 1, 2, 2.

  it('confusion matrix, accuracy and macro f1', () => {
    expect(Array.from(confusionMatrix(y, rows, eta, 3))).toEqual([1, 0, 0, 0, 1, 1, 0, 1, 1]);
    expect(multinomialMetricValue('accuracy', y, rows, eta, 3)).toBeCloseTo(3 / 5, 15);
    // f1: class 0: 2·1/(1+1) = 1; class 1: 2·1/(2+2) = 0.5; class 2: 2·1/(2+2) = 0.5.
    expect(multinomialMetricValue('f1', y, rows, eta, 3)).toBeCloseTo(2 / 3, 15);
  });

  it('logloss is the mean of −log softmax at the true class', () => {
    let expected = 0;
    for (let i = 0; i < 5; i++) {
      const odds = [0, 1, 2].map((k) => Math.exp(eta[k * 5 + i]));
      expected -= Math.log(odds[y[i]] / odds.reduce((a, b) => a + b, 0));
    }
    expect(multinomialMetricValue('logloss', y, rows, eta, 3)).toBeCloseTo(expected / 5, 14);
  });

  it('an empty row set scores NaN', () => {
    expect(multinomialMetricValue('f1', y, new Int32Array(0), eta, 3)).toBeNaN();
  });
});
