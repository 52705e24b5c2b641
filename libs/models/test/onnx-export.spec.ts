/**
 * The ONNX export run by onnxruntime-node gives regsweep's own predictions on the held-out rows to 1e-6 relative
 * (ONNX computes in float32): linear (LinearRegressor), logistic (LinearClassifier) and a network (MatMul/Add/Relu).
 */
import { logistic } from '../src';
import { runOnnx as run } from './helpers/onnx-runner';
import { finishedSweep, LINEAR_HELD_OUT, LOGISTIC_HELD_OUT } from './helpers/finished-sweep';

/** max_i |actual_i − expected_i| / |expected_i|. */
function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  }
  return worst;
}

describe('ONNX export run by onnxruntime-node', () => {
  it('linear: LinearRegressor predicts the held-out rows to 1e-6 relative', () => {
    const sweep = finishedSweep(LINEAR_HELD_OUT);
    const { prediction } = run(sweep);
    expect(prediction.dims).toEqual([sweep.testRows.length, 1]);
    expect(maxRelativeError(prediction.data, sweep.ownEta)).toBeLessThan(1e-6);
  });

  it('logistic: LinearClassifier gives P(class 1) of the held-out rows to 1e-6 relative per unit of |η|, and the labels', () => {
    const sweep = finishedSweep(LOGISTIC_HELD_OUT);
    const { probabilities, label } = run(sweep);
    const n = sweep.testRows.length;
    expect(probabilities.dims).toEqual([n, 2]);
    const scores = probabilities.data;
    const p1 = Float64Array.from({ length: n }, (_, i) => scores[2 * i + 1]);
    const expected = sweep.ownEta.map(logistic);
    // ONNX's η is float32 (relative error ~1e-7), and dp/p = (1 − p)·dη: a relative error δ in η is |η|·δ in p. So
    // p is held to 1e-6 relative per unit of |η| (plain 1e-6 relative wherever |η| ≤ 1).
    expected.forEach((p, i) => {
      const allowed = 1e-6 * p * Math.max(1, Math.abs(sweep.ownEta[i]));
      expect(Math.abs(p1[i] - p)).toBeLessThanOrEqual(allowed);
    });
    // The sweep has confident rows (|η| > 5), where that allowance is used.
    expect(sweep.ownEta.some((eta) => Math.abs(eta) > 5)).toBe(true);
    const labels = label.data;
    expect(labels).toEqual(Array.from(sweep.ownEta, (eta) => (eta > 0 ? 1 : 0)));
  });

  it('network: MatMul/Add/Relu predicts the held-out rows to 1e-6 relative', () => {
    const sweep = finishedSweep({
      name: 'onnx-mlp',
      dataset: 'diabetes',
      model: 'mlp',
      network: { hidden: [16, 8], activation: 'relu', output: 'linear' },
      solver: { kind: 'adam', learningRate: 0.01, epochs: 60, batchSize: 32, seed: 4 },
      penalties: ['l2'],
      lambdas: { values: [0.001] },
      split: { kind: 'kfold', folds: 3, seed: 2 },
      testFraction: 0.2,
    });
    const { prediction } = run(sweep);
    expect(prediction.dims).toEqual([sweep.testRows.length, 1]);
    expect(maxRelativeError(prediction.data, sweep.ownEta)).toBeLessThan(1e-6);
  });

  it('logistic network: Softmax of (0, η) gives [1 − p, p], P(class 1) to 1e-5 relative per unit of |η|', () => {
    const sweep = finishedSweep({
      name: 'onnx-mlp-logistic',
      dataset: 'breast-cancer',
      model: 'mlp',
      network: { hidden: [6], activation: 'tanh', output: 'logistic' },
      solver: { kind: 'adam', learningRate: 0.01, epochs: 30, batchSize: 64, seed: 3 },
      penalties: ['l2'],
      lambdas: { values: [0.001] },
      split: { kind: 'kfold', folds: 3, seed: 2 },
      testFraction: 0.2,
      metric: 'logloss',
    });
    const { probabilities } = run(sweep);
    const n = sweep.testRows.length;
    expect(probabilities.dims).toEqual([n, 2]);
    // Looser than the GLM's 1e-6: the hidden layer's float32 sums (30 inputs, terms that cancel) leave η an absolute
    // error of about 2e-6, which is what p's relative error becomes where |η| is small.
    sweep.ownEta.forEach((eta, i) => {
      const p = logistic(eta);
      expect(Math.abs(probabilities.data[2 * i + 1] - p)).toBeLessThanOrEqual(1e-5 * p * Math.max(1, Math.abs(eta)));
      expect(Math.abs(probabilities.data[2 * i] - (1 - p))).toBeLessThanOrEqual(1e-6);
    });
  });
});
