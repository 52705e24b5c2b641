/**
 * The float32 ONNX export (`precision: 'float32'`) run by onnxruntime-node: float input, the GLMs on the ai.onnx.ml
 * operators (Scaler + LinearRegressor, Scaler + LinearClassifier with LOGISTIC or SOFTMAX), the networks on float
 * weights. What float32 can promise, held on the same held-out rows as the double export's tests: a regression's
 * prediction to 1e-6 relative; a classifier's labels exactly, every probability to 1e-6 absolute, and each row's
 * most probable class's probability to 1e-6 relative. (A small probability of a confident row is only as good as
 * float32's η: onnxruntime's LOGISTIC gives 1 − p by subtraction, so it can be 0; the double export keeps it.)
 */
import { softmaxInto } from '@regsweep/engine';
import type { MultinomialModel } from '../src';
import { mostProbableLabels } from './helpers/class-probabilities';
import {
  finishedSweep,
  LINEAR_HELD_OUT,
  LOGISTIC_HELD_OUT,
  LOGISTIC_NETWORK_HELD_OUT,
  RELU_NETWORK_HELD_OUT,
  type FinishedSweep,
} from './helpers/finished-sweep';
import { onnxBinaryProbabilities, onnxRegressionError, runOnnx, textOf } from './helpers/onnx-runner';
import { irisMultinomial } from '../../../test/helpers/sweep-configs';

/** The largest |q − p| over every probability, and the largest |q − p| / p over each row's largest p. */
function probabilityErrors(rowMajor: readonly number[], own: readonly number[], classes: number) {
  let absolute = 0;
  let relativeOfLargest = 0;
  for (let start = 0; start < own.length; start += classes) {
    let largest = start;
    for (let q = start; q < start + classes; q++) {
      absolute = Math.max(absolute, Math.abs(rowMajor[q] - own[q]));
      if (own[q] > own[largest]) largest = q;
    }
    relativeOfLargest = Math.max(relativeOfLargest, Math.abs(rowMajor[largest] - own[largest]) / own[largest]);
  }
  return { absolute, relativeOfLargest };
}

function expectBinaryWithinFloat32(sweep: FinishedSweep): void {
  const { onnx, own } = onnxBinaryProbabilities(sweep, 'float32');
  const errors = probabilityErrors(onnx, own, 2);
  expect(errors.absolute).toBeLessThan(1e-6);
  expect(errors.relativeOfLargest).toBeLessThan(1e-6);
}

describe('float32 ONNX export run by onnxruntime-node', () => {
  it('linear: Scaler + LinearRegressor on float input predicts the held-out rows to 1e-6 relative', () => {
    expect(onnxRegressionError(finishedSweep(LINEAR_HELD_OUT), 'float32')).toBeLessThan(1e-6);
  });

  it('logistic: Scaler + LinearClassifier (LOGISTIC) gives the labels and [1 − p, p] within float32', () => {
    expectBinaryWithinFloat32(finishedSweep(LOGISTIC_HELD_OUT));
  });

  it('multinomial: Scaler + LinearClassifier (SOFTMAX) gives the class labels and probabilities within float32', () => {
    const sweep = finishedSweep(irisMultinomial('export-multinomial-float32'));
    const model = sweep.model as MultinomialModel;
    const m = sweep.testRows.length;
    const K = model.classLabels.length;
    const classMajor = new Float64Array(K * m);
    softmaxInto(sweep.ownEta, m, K, classMajor);
    const own = Array.from({ length: K * m }, (_, q) => classMajor[(q % K) * m + Math.floor(q / K)]);
    const { probabilities, label } = runOnnx(sweep, 'float32');
    expect(probabilities.dims).toEqual([m, K]);
    const labels = mostProbableLabels(sweep.ownEta, m, model.classLabels);
    expect(textOf(label)).toEqual(labels);
    expect(new Set(labels).size).toBeGreaterThan(1);
    const errors = probabilityErrors(probabilities.data, own, K);
    expect(errors.absolute).toBeLessThan(1e-6);
    expect(errors.relativeOfLargest).toBeLessThan(1e-6);
  });

  it('network: float MatMul/Add/Relu predicts the held-out rows to 1e-6 relative', () => {
    expect(onnxRegressionError(finishedSweep(RELU_NETWORK_HELD_OUT), 'float32')).toBeLessThan(1e-6);
  });

  it('logistic network: float Softmax of (0, η) gives the labels and [1 − p, p] within float32', () => {
    expectBinaryWithinFloat32(finishedSweep(LOGISTIC_NETWORK_HELD_OUT));
  });
});
