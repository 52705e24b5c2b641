/**
 * The ONNX export run by onnxruntime-node gives regsweep's own predictions on the held-out rows to 1e-6 relative
 * (issue 15): linear (LinearRegressor), logistic (MatMul/Add, Softmax over (0, η)) and networks (MatMul/Add/Relu,
 * Tanh). For a classifier the criterion holds for every predicted probability, p and 1 − p alike: the small one of
 * a confident row is where a float32 η (rounded to ±1e-6 at |η| = 20) would miss it, so the rows include some.
 */
import { logistic } from '../src';
import { runOnnx as run } from './helpers/onnx-runner';
import {
  finishedSweep,
  LINEAR_HELD_OUT,
  LOGISTIC_HELD_OUT,
  LOGISTIC_NETWORK_HELD_OUT,
  RELU_NETWORK_HELD_OUT,
  type FinishedSweep,
} from './helpers/finished-sweep';

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

/** The largest relative error of the ONNX prediction of the held-out rows against regsweep's own η. */
function regressionError(sweep: FinishedSweep): number {
  const { prediction } = run(sweep);
  expect(prediction.dims).toEqual([sweep.testRows.length, 1]);
  return maxRelativeError(prediction.data, sweep.ownEta);
}

/**
 * The largest relative error of the ONNX [1 − p, p] of the held-out rows against regsweep's own; its labels must be
 * regsweep's (1 where η > 0).
 */
function binaryError(sweep: FinishedSweep): number {
  const { probabilities, label } = run(sweep);
  expect(probabilities.dims).toEqual([sweep.testRows.length, 2]);
  expect(label.data).toEqual(Array.from(sweep.ownEta, (eta) => (eta > 0 ? 1 : 0)));
  return maxRelativeError(probabilities.data, ownProbabilities(sweep.ownEta));
}

describe('ONNX export run by onnxruntime-node', () => {
  it('linear: LinearRegressor predicts the held-out rows to 1e-6 relative', () => {
    expect(regressionError(finishedSweep(LINEAR_HELD_OUT))).toBeLessThan(1e-6);
  });

  it('logistic: both probabilities of every held-out row to 1e-6 relative, and the labels', () => {
    const sweep = finishedSweep(LOGISTIC_HELD_OUT);
    expect(binaryError(sweep)).toBeLessThan(1e-6);
    // Confident rows, where float32 would not do: a probability below 1e-7.
    expect(sweep.ownEta.some((eta) => Math.abs(eta) > 16)).toBe(true);
  });

  it('network: MatMul/Add/Relu predicts the held-out rows to 1e-6 relative', () => {
    expect(regressionError(finishedSweep(RELU_NETWORK_HELD_OUT))).toBeLessThan(1e-6);
  });

  it('logistic network: Softmax of (0, η) gives [1 − p, p] of every held-out row to 1e-6 relative, and the labels', () => {
    expect(binaryError(finishedSweep(LOGISTIC_NETWORK_HELD_OUT))).toBeLessThan(1e-6);
  });
});
