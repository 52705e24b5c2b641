/**
 * A multinomial sweep's exported model (issue 16): the JSON model, read back from its text, gives regsweep's own
 * class probabilities of the held-out rows to 1e-12 (softmax of the full-data fit's η, computed from the fit itself),
 * scores them as the report did, and onnxruntime-node running the ONNX export (MatMul/Add, Softmax, ArgMax and a
 * LabelEncoder, in double) gives the same probabilities to 1e-6 relative (issue 15) and the same labels.
 */
import { softmaxInto } from '@regsweep/engine';
import { predictAnswer, predictClasses, readModelText, type MultinomialModel } from '../src';
import {
  expectOwnClasses,
  largestRelativeDifference,
  mostProbableLabels,
  testScores,
} from './helpers/class-probabilities';
import { finishedSweep, testMatrix, type FinishedSweep } from './helpers/finished-sweep';
import { runOnnx, textOf } from './helpers/onnx-runner';

const IRIS_HELD_OUT = {
  name: 'export-multinomial',
  dataset: 'iris',
  model: 'multinomial',
  penalties: ['l1', 'elasticnet'],
  l1Ratios: [0.5],
  lambdas: { auto: { count: 25 } },
  split: { kind: 'kfold', folds: 4, seed: 7 },
  testFraction: 0.3,
  metric: 'logloss',
};

let sweep: FinishedSweep;
let model: MultinomialModel;
/** regsweep's own P(class k | test row i) at [k·m + i]. */
let own: Float64Array;
let m: number;
/** The most probable class of each test row by regsweep's own η. */
let ownLabels: string[];
const K = 3;

beforeAll(() => {
  sweep = finishedSweep(IRIS_HELD_OUT);
  model = readModelText(JSON.stringify(sweep.model)) as MultinomialModel;
  m = sweep.testRows.length;
  own = new Float64Array(K * m);
  ownLabels = mostProbableLabels(sweep.ownEta, m, model.classLabels);
  softmaxInto(sweep.ownEta, m, K, own);
});

describe('the JSON model of a multinomial sweep', () => {
  it('holds the labels, K intercepts summing to zero, K×p coefficients, softmax link and provenance', () => {
    expect(model).toMatchObject({
      kind: 'multinomial',
      link: 'softmax',
      classLabels: ['setosa', 'versicolor', 'virginica'],
      grouped: false,
      features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
      target: 'species',
      provenance: { sweepId: 'test-export-multinomial' },
    });
    const best = sweep.report.best as unknown as {
      lambda: number;
      intercept: Record<string, number>;
      coefficients: Record<string, Record<string, number>>;
    };
    expect(model.lambda).toBe(best.lambda);
    expect(model.intercepts).toEqual(model.classLabels.map((label) => best.intercept[label]));
    expect(Math.abs(model.intercepts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
    expect(model.coefficients).toEqual(
      model.classLabels.map((label) => model.features.map((name) => best.coefficients[label][name])),
    );
    expect(model.standardization.means).toHaveLength(4);
  });

  it('reproduces regsweep’s class probabilities of the test rows to 1e-12, and its labels', () => {
    expectOwnClasses(predictClasses(model, testMatrix(sweep)), own, ownLabels);
    // Every class is predicted somewhere.
    expect(new Set(ownLabels).size).toBe(3);
  });

  it('scores the test rows as the report did (logloss, accuracy, f1)', () => {
    const { predictions } = predictAnswer(model, testMatrix(sweep)) as { predictions: number[][] };
    const scores = testScores(sweep, predictions, K);
    expect(scores.map((s) => s.metric)).toEqual(['logloss', 'accuracy', 'f1']);
    for (const { ours, reported } of scores) expect(ours).toBeCloseTo(reported, 10);
  });

  it('refuses a model file whose classes and coefficients disagree, naming each field', () => {
    const broken = { ...sweep.model, classLabels: ['a', 'a'], intercepts: [0], link: 'logit' };
    expect(() => readModelText(JSON.stringify(broken))).toThrow(
      expect.objectContaining({
        errors: [
          { path: 'link', message: 'must be "softmax" for a multinomial model' },
          { path: 'classLabels', message: 'must not repeat a label' },
          { path: 'intercepts', message: 'must be a list of 2 numbers' },
          { path: 'coefficients', message: 'must hold 2 rows (one per class) of 4 numbers' },
        ],
      }),
    );
  });
});

describe('the ONNX export of a multinomial sweep, run by onnxruntime-node', () => {
  it('gives every P(class k) of the held-out rows to 1e-6 relative, and the same labels', () => {
    const { probabilities, label } = runOnnx(sweep);
    expect(probabilities.dims).toEqual([m, K]);
    const { worst, smallest } = largestRelativeDifference(probabilities.data, own, m, K);
    expect(worst).toBeLessThan(1e-6);
    // Confident rows are among them: the small probabilities are where a float32 η would miss the criterion.
    expect(smallest).toBeLessThan(1e-6);
    expect(textOf(label)).toEqual(ownLabels);
  });
});
