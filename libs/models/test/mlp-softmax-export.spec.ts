/**
 * A softmax network's exported model (issue 15): the JSON model, read back from its text, holds the network's K
 * output units with the dataset's class labels and reproduces regsweep's own class probabilities of the held-out
 * rows to 1e-12 (the softmax of the full-data network's η, computed from the fit itself) and its labels, scoring
 * them as the report did; onnxruntime-node running the ONNX export (Sub/Div, MatMul/Add/Tanh, Softmax, ArgMax and a
 * LabelEncoder) gives every probability to 1e-6 relative and the same labels.
 */
import { classMajor, MULTINOMIAL_METRICS, multinomialMetricValue, softmaxInto } from '@regsweep/engine';
import { predictAnswer, predictClasses, readModelText, type SoftmaxMlpModel } from '../src';
import { finishedSweep, testMatrix, type FinishedSweep } from './helpers/finished-sweep';
import { runOnnx, textOf } from './helpers/onnx-runner';

const IRIS_NETWORK = {
  name: 'export-softmax-network',
  dataset: 'iris',
  model: 'mlp',
  network: { hidden: [8], activation: 'tanh', output: 'softmax' },
  solver: { kind: 'adam', learningRate: 0.05, epochs: 80, batchSize: 32, seed: 3 },
  penalties: ['l2'],
  lambdas: { values: [0.01, 0.0001] },
  split: { kind: 'kfold', folds: 3, seed: 2 },
  testFraction: 0.3,
};
const K = 3;
const CLASSES = ['setosa', 'versicolor', 'virginica'];

let sweep: FinishedSweep;
let model: SoftmaxMlpModel;
let m: number;
/** regsweep's own η (class-major, η_ik at [k·m + i]) and P(class k | test row i) of the chosen network. */
let eta: Float64Array;
let own: Float64Array;

beforeAll(() => {
  sweep = finishedSweep(IRIS_NETWORK);
  model = readModelText(JSON.stringify(sweep.model)) as SoftmaxMlpModel;
  m = sweep.testRows.length;
  eta = classMajor(sweep.ownEta, m, K);
  own = new Float64Array(K * m);
  softmaxInto(eta, m, K, own);
});

/** The most probable class of test row i by regsweep's own η (the first on a tie). */
function ownLabel(i: number): string {
  let best = 0;
  for (let k = 1; k < K; k++) if (eta[k * m + i] > eta[best * m + i]) best = k;
  return CLASSES[best];
}

describe('the JSON model of a softmax network', () => {
  it('holds the class labels, K output units, the softmax link and the trained weights', () => {
    expect(model).toMatchObject({
      kind: 'mlp',
      link: 'softmax',
      classLabels: CLASSES,
      network: { hidden: [8], activation: 'tanh', output: 'softmax' },
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      target: 'species',
      provenance: { sweepId: 'test-export-softmax-network' },
    });
    const fit = sweep.report.mlp!.fullDataFit;
    expect(model.weights).toEqual(fit.weights);
    expect(model.biases).toEqual(fit.biases);
    expect(model.weights[1]).toHaveLength(8);
    expect(model.weights[1][0]).toHaveLength(K);
    expect(model.standardization).toEqual({ means: fit.inputScaling.centres, scales: fit.inputScaling.scales });
  });

  it('reproduces regsweep’s class probabilities of the test rows to 1e-12, and its labels', () => {
    const { probabilities, labels } = predictClasses(model, testMatrix(sweep));
    expect(probabilities).toHaveLength(m);
    let worst = 0;
    probabilities.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - own[k * m + i])))));
    expect(worst).toBeLessThan(1e-12);
    expect(labels).toEqual(Array.from({ length: m }, (_, i) => ownLabel(i)));
    // Not all one class: the check above compares real decisions.
    expect(new Set(labels).size).toBe(3);
  });

  it('answers predict as a multinomial model does, and scores the test rows as the report did', () => {
    const answer = predictAnswer(model, testMatrix(sweep)) as { predictions: number[][]; classes: string[] };
    expect(answer.classes).toEqual(CLASSES);
    const logP = new Float64Array(K * m);
    // log p is an η up to a per-row constant, which softmax and argmax ignore: the report's metrics follow from it.
    answer.predictions.forEach((row, i) => row.forEach((p, k) => (logP[k * m + i] = Math.log(p))));
    const y = Float64Array.from(sweep.testRows, (row) => sweep.data.y[row]);
    const rows = Int32Array.from({ length: m }, (_, i) => i);
    const test = (sweep.report.best as unknown as { test: Record<string, number> }).test;
    for (const metric of MULTINOMIAL_METRICS) {
      expect(multinomialMetricValue(metric, y, rows, logP, K)).toBeCloseTo(test[metric], 10);
    }
  });

  it('refuses a softmax network file whose labels or output layer do not fit, naming each field', () => {
    const noLabels = { ...sweep.model, classLabels: ['setosa'], link: 'logit' };
    expect(() => readModelText(JSON.stringify(noLabels))).toThrow(
      expect.objectContaining({
        errors: [
          { path: 'link', message: 'must be "softmax" for a softmax network' },
          { path: 'classLabels', message: 'a softmax network needs a list of at least 2 class labels (text)' },
        ],
      }),
    );
    const twoLabels = { ...sweep.model, classLabels: ['a', 'b'] };
    expect(() => readModelText(JSON.stringify(twoLabels))).toThrow(
      expect.objectContaining({
        errors: [
          ...Array.from({ length: 8 }, (_, k) => ({
            path: `weights[1][${k}]`,
            message: 'must be a list of 2 numbers',
          })),
          { path: 'biases[1]', message: 'must be a list of 2 numbers' },
        ],
      }),
    );
  });
});

describe('the ONNX export of a softmax network, run by onnxruntime-node', () => {
  it('gives every P(class k) of the held-out rows to 1e-6 relative, and the same labels', () => {
    const { probabilities, label } = runOnnx(sweep);
    expect(probabilities.dims).toEqual([m, K]);
    let worst = 0;
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < K; k++) {
        const p = own[k * m + i];
        worst = Math.max(worst, Math.abs(probabilities.data[i * K + k] - p) / p);
      }
    }
    expect(worst).toBeLessThan(1e-6);
    expect(textOf(label)).toEqual(Array.from({ length: m }, (_, i) => ownLabel(i)));
  });
});
