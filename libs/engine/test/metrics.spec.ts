import { defaultMetric, isLossMetric, metricsForModel, metricValue } from '../src/cv/metrics';
import type { MetricName } from '../src/types';

const f64 = (values: number[]) => Float64Array.from(values);
const rowsOf = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const score = (metric: MetricName, y: number[], eta: number[]) =>
  metricValue(metric, f64(y), rowsOf(y.length), f64(eta));

describe('regression metrics', () => {
  const y = [3, -0.5, 2, 7];
  const prediction = [2.5, 0.0, 2, 8];

  it('mse, mae and r2 match hand-computed values (scikit-learn docs example)', () => {
    expect(score('mse', y, prediction)).toBeCloseTo(0.375, 15);
    expect(score('mae', y, prediction)).toBeCloseTo(0.5, 15);
    // SSE = 1.5, ȳ = 2.875, SST = 29.1875 → r2 = 1 − 1.5/29.1875 = 0.9486081370449679
    expect(score('r2', y, prediction)).toBeCloseTo(0.9486081370449679, 14);
  });

  it('reads y through the row indices and eta by position', () => {
    const yAll = f64([100, 3, 100, 7]);
    expect(metricValue('mse', yAll, Int32Array.from([1, 3]), f64([2, 9]))).toBe((1 + 4) / 2);
  });

  it('r2 of a constant target follows scikit-learn: 1 if perfect, else 0', () => {
    expect(score('r2', [2, 2], [2, 2])).toBe(1);
    expect(score('r2', [2, 2], [2, 3])).toBe(0);
  });

  it('is NaN on no rows', () => {
    expect(metricValue('mse', f64([1]), new Int32Array(0), f64([]))).toBeNaN();
  });
});

describe('classification metrics', () => {
  it('logloss is the mean negative log-likelihood of p = 1/(1 + e^−η)', () => {
    const y = [1, 0, 1];
    const eta = [0.5, -1, 2];
    const p = eta.map((e) => 1 / (1 + Math.exp(-e)));
    const expected = -(Math.log(p[0]) + Math.log(1 - p[1]) + Math.log(p[2])) / 3;
    expect(score('logloss', y, eta)).toBeCloseTo(expected, 14);
    expect(score('logloss', [0, 1], [0, 0])).toBeCloseTo(Math.LN2, 15);
  });

  it('logloss stays finite for extreme η', () => {
    expect(score('logloss', [0], [800])).toBe(800);
    expect(score('logloss', [1], [-800])).toBe(800);
    expect(score('logloss', [1], [800])).toBe(0);
  });

  it('accuracy thresholds at p ≥ 0.5, i.e. η ≥ 0', () => {
    // η = 0 → 1 (right), −0.1 → 0 (right), −2 → 0 (wrong), 3 → 1 (wrong)
    expect(score('accuracy', [1, 0, 1, 0], [0, -0.1, -2, 3])).toBe(0.5);
  });

  it('auc equals the fraction of correctly ordered (positive, negative) pairs, ties counting half', () => {
    // scikit-learn roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
    expect(score('auc', [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 15);
    // Ties: pairs (pos, neg) = (0.5,0.5)=½, (0.5,0.2)=1, (0.9,0.5)=1, (0.9,0.2)=1 → 3.5/4
    expect(score('auc', [1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2])).toBeCloseTo(0.875, 15);
    // All tied → 0.5
    expect(score('auc', [1, 0, 1, 0, 0], [1, 1, 1, 1, 1])).toBeCloseTo(0.5, 15);
    expect(score('auc', [1, 1, 0], [-1, -2, 3])).toBe(0);
  });

  it('auc matches a brute-force pair count on random data with many ties', () => {
    let state = 1;
    const next = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const y = Array.from({ length: 300 }, () => (next() < 0.4 ? 1 : 0));
    const eta = Array.from({ length: 300 }, () => Math.round(next() * 10));
    let pairs = 0;
    let wins = 0;
    y.forEach((yi, i) =>
      y.forEach((yj, j) => {
        if (yi === 1 && yj === 0) {
          pairs++;
          wins += eta[i] > eta[j] ? 1 : eta[i] === eta[j] ? 0.5 : 0;
        }
      }),
    );
    expect(score('auc', y, eta)).toBeCloseTo(wins / pairs, 13);
  });

  it('auc is NaN when one class is missing', () => {
    expect(score('auc', [1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe('metric vocabulary', () => {
  it('knows losses from scores and the defaults per model', () => {
    expect(['mse', 'mae', 'logloss'].every((m) => isLossMetric(m as MetricName))).toBe(true);
    expect(['r2', 'accuracy', 'auc'].some((m) => isLossMetric(m as MetricName))).toBe(false);
    expect(metricsForModel('linear')).toEqual(['mse', 'mae', 'r2']);
    expect(metricsForModel('logistic')).toEqual(['logloss', 'accuracy', 'auc']);
    expect(defaultMetric('linear')).toBe('mse');
    expect(defaultMetric('logistic')).toBe('logloss');
  });
});
