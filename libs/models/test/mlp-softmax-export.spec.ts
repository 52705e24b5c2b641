/**
 * A softmax network's exported model (issue 15): the JSON model, read back from its text, holds the network's K
 * output units with the dataset's class labels and reproduces regsweep's own class probabilities of the held-out
 * rows to 1e-12 (the softmax of the full-data network's η, computed from the fit itself) and its labels, scoring
 * them as the report did; onnxruntime-node running the ONNX export (Sub/Div, MatMul/Add/Tanh, Softmax, ArgMax and a
 * LabelEncoder) gives every probability to 1e-6 relative and the same labels.
 */
import { classMajor, softmaxInto } from '@regsweep/engine';
import { predictAnswer, predictClasses, readModelText, type SoftmaxMlpModel } from '../src';
import {
  expectOwnClasses,
  largestRelativeDifference,
  mostProbableLabels,
  testScores,
} from './helpers/class-probabilities';
import { finishedSweep, testMatrix, type FinishedSweep } from './helpers/finished-sweep';
import { runOnnx, textOf } from './helpers/onnx-runner';
import { irisSoftmaxNetwork } from '../../../test/helpers/sweep-configs';

const K = 3;
const CLASSES = ['setosa', 'versicolor', 'virginica'];

let sweep: FinishedSweep;
let model: SoftmaxMlpModel;
let m: number;
/** The most probable class of each test row by regsweep's own η. */
let ownLabels: string[];
/** regsweep's own η (class-major, η_ik at [k·m + i]) and P(class k | test row i) of the chosen network. */
let eta: Float64Array;
let own: Float64Array;

beforeAll(() => {
  sweep = finishedSweep(irisSoftmaxNetwork('export-softmax-network'));
  model = readModelText(JSON.stringify(sweep.model)) as SoftmaxMlpModel;
  m = sweep.testRows.length;
  eta = classMajor(sweep.ownEta, m, K);
  own = new Float64Array(K * m);
  ownLabels = mostProbableLabels(eta, m, CLASSES);
  softmaxInto(eta, m, K, own);
});

describe('the JSON model of a softmax network', () => {
  it('holds the class labels, K output units, the softmax link and the trained weights', () => {
    expect(model).toMatchObject({
      kind: 'mlp',
      link: 'softmax',
      classLabels: CLASSES,
      network: { hidden: [6], activation: 'tanh', output: 'softmax' },
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      target: 'species',
      provenance: { sweepId: 'test-export-softmax-network' },
    });
    const fit = sweep.report.mlp!.fullDataFit;
    expect(model.weights).toEqual(fit.weights);
    expect(model.biases).toEqual(fit.biases);
    expect(model.weights[1]).toHaveLength(6);
    expect(model.weights[1][0]).toHaveLength(K);
    expect(model.standardization).toEqual({ means: fit.inputScaling.centres, scales: fit.inputScaling.scales });
  });

  it('reproduces regsweep’s class probabilities of the test rows to 1e-12, and its labels', () => {
    expectOwnClasses(predictClasses(model, testMatrix(sweep)), own, ownLabels);
    // Every class is predicted somewhere.
    expect(new Set(ownLabels).size).toBe(3);
  });

  it('answers predict as a multinomial model does, and scores the test rows as the report did', () => {
    const answer = predictAnswer(model, testMatrix(sweep)) as { predictions: number[][]; classes: string[] };
    expect(answer.classes).toEqual(CLASSES);
    for (const { ours, reported } of testScores(sweep, answer.predictions, K)) expect(ours).toBeCloseTo(reported, 10);
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
          ...Array.from({ length: 6 }, (_, k) => ({
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
    expect(largestRelativeDifference(probabilities.data, own, m, K).worst).toBeLessThan(1e-6);
    expect(textOf(label)).toEqual(ownLabels);
  });
});
