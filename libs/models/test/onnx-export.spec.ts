/**
 * The ONNX export run by onnxruntime-node gives regsweep's own predictions on the held-out rows to 1e-6 relative
 * (issue 15): linear (LinearRegressor), logistic (MatMul/Add, Softmax over (0, η)) and networks (MatMul/Add/Relu,
 * Tanh). For a classifier the criterion holds for every predicted probability, p and 1 − p alike: the small one of
 * a confident row is where a float32 η (rounded to ±1e-6 at |η| = 20) would miss it, so the rows include some.
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

/** regsweep's [1 − p, p] per row, row-major as ONNX answers them: σ(−η) and σ(η), each without cancellation. */
function ownProbabilities(eta: Float64Array): number[] {
  return Array.from(eta).flatMap((e) => [logistic(-e), logistic(e)]);
}

describe('ONNX export run by onnxruntime-node', () => {
  it('linear: LinearRegressor predicts the held-out rows to 1e-6 relative', () => {
    const sweep = finishedSweep(LINEAR_HELD_OUT);
    const { prediction } = run(sweep);
    expect(prediction.dims).toEqual([sweep.testRows.length, 1]);
    expect(maxRelativeError(prediction.data, sweep.ownEta)).toBeLessThan(1e-6);
  });

  it('logistic: both probabilities of every held-out row to 1e-6 relative, and the labels', () => {
    const sweep = finishedSweep(LOGISTIC_HELD_OUT);
    const { probabilities, label } = run(sweep);
    const n = sweep.testRows.length;
    expect(probabilities.dims).toEqual([n, 2]);
    expect(maxRelativeError(probabilities.data, ownProbabilities(sweep.ownEta))).toBeLessThan(1e-6);
    // Confident rows, where float32 would not do: a probability below 1e-7.
    expect(sweep.ownEta.some((eta) => Math.abs(eta) > 16)).toBe(true);
    expect(label.data).toEqual(Array.from(sweep.ownEta, (eta) => (eta > 0 ? 1 : 0)));
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

  it('logistic network: Softmax of (0, η) gives [1 − p, p] of every held-out row to 1e-6 relative, and the labels', () => {
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
    const { probabilities, label } = run(sweep);
    const n = sweep.testRows.length;
    expect(probabilities.dims).toEqual([n, 2]);
    expect(maxRelativeError(probabilities.data, ownProbabilities(sweep.ownEta))).toBeLessThan(1e-6);
    expect(label.data).toEqual(Array.from(sweep.ownEta, (eta) => (eta > 0 ? 1 : 0)));
  });
});
