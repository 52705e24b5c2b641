/**
 * The ONNX export run by onnxruntime-node gives regsweep's own predictions on the held-out rows to 1e-6 relative
 * (issue 15): linear (LinearRegressor), logistic (MatMul/Add, Softmax over (0, η)) and networks (MatMul/Add/Relu,
 * Tanh). For a classifier the criterion holds for every predicted probability, p and 1 − p alike: the small one of
 * a confident row is where a float32 η (rounded to ±1e-6 at |η| = 20) would miss it, so the rows include some.
 */
import { maxRelativeError, onnxBinaryProbabilities, onnxRegressionError } from './helpers/onnx-runner';
import {
  finishedSweep,
  LINEAR_HELD_OUT,
  LOGISTIC_HELD_OUT,
  LOGISTIC_NETWORK_HELD_OUT,
  RELU_NETWORK_HELD_OUT,
  type FinishedSweep,
} from './helpers/finished-sweep';

/** The largest relative error of the ONNX [1 − p, p] of the held-out rows against regsweep's own; labels checked. */
function binaryError(sweep: FinishedSweep): number {
  const { onnx, own } = onnxBinaryProbabilities(sweep);
  return maxRelativeError(onnx, own);
}

describe('ONNX export run by onnxruntime-node', () => {
  it('linear: LinearRegressor predicts the held-out rows to 1e-6 relative', () => {
    expect(onnxRegressionError(finishedSweep(LINEAR_HELD_OUT))).toBeLessThan(1e-6);
  });

  it('logistic: both probabilities of every held-out row to 1e-6 relative, and the labels', () => {
    const sweep = finishedSweep(LOGISTIC_HELD_OUT);
    expect(binaryError(sweep)).toBeLessThan(1e-6);
    // Confident rows, where float32 would not do: a probability below 1e-7.
    expect(sweep.ownEta.some((eta) => Math.abs(eta) > 16)).toBe(true);
  });

  it('network: MatMul/Add/Relu predicts the held-out rows to 1e-6 relative', () => {
    expect(onnxRegressionError(finishedSweep(RELU_NETWORK_HELD_OUT))).toBeLessThan(1e-6);
  });

  it('logistic network: Softmax of (0, η) gives [1 − p, p] of every held-out row to 1e-6 relative, and the labels', () => {
    expect(binaryError(finishedSweep(LOGISTIC_NETWORK_HELD_OUT))).toBeLessThan(1e-6);
  });
});
