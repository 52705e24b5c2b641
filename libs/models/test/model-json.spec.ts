/**
 * The JSON model of a finished sweep reproduces regsweep's own predictions on the held-out rows to 1e-12 (they are
 * the same doubles: JSON round-trips them exactly), for linear and logistic GLMs and a network; and a damaged model
 * file is refused with {path, message} errors.
 */
import { metricValue } from '@regsweep/engine';
import { isMultinomialBest } from '@regsweep/sweep';
import { problemsOf } from '../../errors/test/helpers/problems-of';
import { logistic, modelEta, predict, readModelText } from '../src';
import {
  finishedSweep,
  LINEAR_HELD_OUT,
  LOGISTIC_HELD_OUT,
  LOGISTIC_NETWORK_HELD_OUT,
  testMatrix,
  type FinishedSweep,
} from './helpers/finished-sweep';

const linear = finishedSweep({ ...LINEAR_HELD_OUT, penalties: ['l1', 'l2', 'elasticnet'] });
const binary = finishedSweep({ ...LOGISTIC_HELD_OUT, metric: 'logloss' });

function expectClose(actual: Float64Array, expected: Float64Array, relative: number) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    expect(Math.abs(actual[i] - value)).toBeLessThanOrEqual(relative * Math.max(Math.abs(value), Number.MIN_VALUE));
  });
}

function throughJson(sweep: FinishedSweep) {
  return readModelText(JSON.stringify(sweep.model));
}

describe.each([
  ['linear', linear],
  ['logistic', binary],
])('the %s model as JSON', (_label, sweep) => {
  it('holds the report’s best model: penalty, λ, intercept and every coefficient by name', () => {
    const model = throughJson(sweep);
    const best = sweep.report.best!;
    expect(model.kind).toBe('glm');
    if (model.kind !== 'glm') return;
    expect(model).toMatchObject({ penalty: best.penalty, lambda: best.lambda, intercept: best.intercept });
    model.features.forEach((name, j) => expect(model.coefficients[j]).toBe(best.coefficients[name]));
    expect(model.features).toEqual(sweep.data.x.names);
    expect(model.standardization.means).toHaveLength(model.features.length);
    expect(model.provenance.datasetChecksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('predicts the held-out rows as regsweep does, to 1e-12 relative, and scores them as the report did', () => {
    const model = throughJson(sweep);
    const x = testMatrix(sweep);
    expectClose(modelEta(model, x), sweep.ownEta, 1e-12);
    const metric = sweep.config.metric;
    const all = Int32Array.from({ length: x.rows }, (_, i) => i);
    const y = Float64Array.from(sweep.testRows, (row) => sweep.data.y[row]);
    const score = metricValue(metric, y, all, modelEta(model, x));
    const best = sweep.report.best!;
    if (isMultinomialBest(best)) throw new Error('a GLM sweep reported a multinomial best model');
    expect(Math.abs(score - best.test![metric]!)).toBeLessThanOrEqual(1e-12 * Math.abs(score));
  });
});

it('standardization: the fit rows’ means and population sds', () => {
  const { data, testRows, model } = linear;
  const fitRows = Array.from({ length: data.x.rows }, (_, i) => i).filter((row) => !testRows.includes(row));
  const column = fitRows.map((row) => data.x.values[row]);
  const mean = column.reduce((a, b) => a + b, 0) / column.length;
  const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length);
  expect(model.standardization.means[0]).toBeCloseTo(mean, 14);
  expect(model.standardization.scales[0]).toBeCloseTo(sd, 14);
});

it('logistic predictions are probabilities of class 1: 1/(1 + e^−η)', () => {
  const model = throughJson(binary);
  const probabilities = predict(model, testMatrix(binary));
  expect(model.classLabels).toEqual([0, 1]);
  probabilities.forEach((p, i) => {
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(Math.abs(p - logistic(binary.ownEta[i]))).toBeLessThanOrEqual(1e-12 * p);
  });
  expect(logistic(800)).toBe(1);
  expect(logistic(-800)).toBe(0);
});

describe('a damaged model file', () => {
  const problems = (text: string) => problemsOf(() => readModelText(text));

  it('is refused with the path of every bad field', () => {
    const model = JSON.parse(JSON.stringify(linear.model));
    model.coefficients[3] = 'x';
    model.standardization.scales.pop();
    model.link = 'probit';
    expect(problems(JSON.stringify(model))).toEqual(
      expect.arrayContaining([
        { path: 'coefficients[3]', message: 'must be a finite number' },
        { path: 'standardization.scales', message: `must be a list of ${model.features.length} numbers` },
        { path: 'link', message: 'must be "identity" or "logit"' },
      ]),
    );
  });

  it('is refused when it is not JSON or not a regsweep model', () => {
    expect(problems('{oops')[0].path).toBe('model');
    expect(problems('[]')).toEqual([{ path: 'model', message: 'must be a JSON object' }]);
    expect(problems('{}').map((p) => p.path)).toEqual(expect.arrayContaining(['format', 'features', 'kind']));
  });
});

describe('a network as JSON', () => {
  const network = finishedSweep(LOGISTIC_NETWORK_HELD_OUT);

  it('holds the chosen network’s weights and input scaling, and predicts as regsweep does to 1e-12', () => {
    const model = throughJson(network);
    expect(model.kind).toBe('mlp');
    if (model.kind !== 'mlp') return;
    expect(model.network).toEqual({ hidden: [8, 4], activation: 'tanh', output: 'logistic' });
    expect(model.weights.map((layer) => [layer.length, layer[0].length])).toEqual([
      [30, 8],
      [8, 4],
      [4, 1],
    ]);
    expect(model.link).toBe('logit');
    const x = testMatrix(network);
    expectClose(modelEta(model, x), network.ownEta, 1e-12);
    // The report scored the network it trained, not the file: the file's score must be the same.
    const y = Float64Array.from(network.testRows, (row) => network.data.y[row]);
    const all = Int32Array.from({ length: x.rows }, (_, i) => i);
    const score = metricValue('logloss', y, all, modelEta(model, x));
    expect(Math.abs(score - network.report.best!.test!.logloss!)).toBeLessThanOrEqual(1e-12 * score);
  });
});
