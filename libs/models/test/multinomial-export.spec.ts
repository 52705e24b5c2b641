/**
 * A multinomial sweep's exported model (issue 16): the JSON model, read back from its text, gives regsweep's own
 * class probabilities of the held-out rows to 1e-12 (softmax of the full-data fit's η, computed from the fit itself),
 * scores them as the report did, and onnxruntime-node running the ONNX export (MatMul/Add, Softmax, ArgMax and a
 * LabelEncoder, in double) gives the same probabilities to 1e-6 relative (issue 15) and the same labels.
 */
import { MULTINOMIAL_METRICS, multinomialMetricValue, softmaxInto } from '@regsweep/engine';
import { predictAnswer, predictClasses, readModelText, type MultinomialModel } from '../src';
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
const K = 3;

beforeAll(() => {
  sweep = finishedSweep(IRIS_HELD_OUT);
  model = readModelText(JSON.stringify(sweep.model)) as MultinomialModel;
  m = sweep.testRows.length;
  own = new Float64Array(K * m);
  softmaxInto(sweep.ownEta, m, K, own);
});

/** The most probable class of test row i by regsweep's own η (the first on a tie). */
function ownLabel(i: number): string {
  let best = 0;
  for (let k = 1; k < K; k++) if (sweep.ownEta[k * m + i] > sweep.ownEta[best * m + i]) best = k;
  return model.classLabels[best];
}

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
    const { probabilities, labels } = predictClasses(model, testMatrix(sweep));
    expect(probabilities).toHaveLength(m);
    let worst = 0;
    probabilities.forEach((row, i) => row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - own[k * m + i])))));
    expect(worst).toBeLessThan(1e-12);
    expect(labels).toEqual(Array.from({ length: m }, (_, i) => ownLabel(i)));
    // Not all one class: the check above compares real decisions.
    expect(new Set(labels).size).toBe(3);
  });

  it('scores the test rows as the report did (logloss, accuracy, f1)', () => {
    const { predictions } = predictAnswer(model, testMatrix(sweep)) as { predictions: number[][] };
    const eta = new Float64Array(K * m);
    // log p is an η up to a per-row constant, which softmax and argmax ignore: the report's metrics follow from it.
    predictions.forEach((row, i) => row.forEach((p, k) => (eta[k * m + i] = Math.log(p))));
    const y = Float64Array.from(sweep.testRows, (row) => sweep.data.y[row]);
    const rows = Int32Array.from({ length: m }, (_, i) => i);
    const test = (sweep.report.best as unknown as { test: Record<string, number> }).test;
    for (const metric of MULTINOMIAL_METRICS) {
      expect(multinomialMetricValue(metric, y, rows, eta, K)).toBeCloseTo(test[metric], 10);
    }
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
    let worst = 0;
    let smallest = 1;
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < K; k++) {
        const p = own[k * m + i];
        worst = Math.max(worst, Math.abs(probabilities.data[i * K + k] - p) / p);
        smallest = Math.min(smallest, p);
      }
    }
    expect(worst).toBeLessThan(1e-6);
    // Confident rows are among them: the small probabilities are where a float32 η would miss the criterion.
    expect(smallest).toBeLessThan(1e-6);
    expect(textOf(label)).toEqual(Array.from({ length: m }, (_, i) => ownLabel(i)));
  });
});
