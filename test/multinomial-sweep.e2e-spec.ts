/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * `model: multinomial` sweeps through the real server (HTTP, a temporary SQLite file with its migrations, Piscina
 * workers running one task per (penalty, fold) along the λ path): on iris with cv.glmnet's fold ids and λ sequence
 * (libs/engine/test/fixtures/generate-multinomial.R) the report's curve is cv.glmnet's cvm / cvsd and its λ.min /
 * λ.1se; a kfold sweep with test rows reports per-class coefficients and a confusion matrix, and stores them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { queryDb, startTestApp, waitForSweep, type TestApp } from './helpers/test-app';

jest.setTimeout(180_000);

interface CvFixture {
  lambdas: number[];
  deviance: { cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number };
  misclassification: { cvm: number[]; cvsd: number[]; lambdaMin: number; lambda1se: number };
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'libs', 'engine', 'test', 'fixtures', 'cv-multinomial-iris.json'), 'utf8'),
) as CvFixture;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** cv.glmnet's setup: fold of row i (0-based) = (i mod 10) + 1, glmnet's own λ sequence, thresh 1e-14. */
const glmnetConfig = (metric: string) => ({
  name: `iris multinomial ${metric}`,
  dataset: 'iris',
  model: 'multinomial',
  multinomial: { grouped: false },
  penalties: ['l1'],
  lambdas: { values: fixture.lambdas },
  split: { kind: 'foldIds', foldIds: Array.from({ length: 150 }, (_, i) => (i % 10) + 1) },
  solver: { kind: 'cd', tolerance: 1e-14, maxIterations: 10_000_000 },
  metric,
  selection: 'min',
});

async function runToEnd(config: object): Promise<{ id: string; report: any }> {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id, 150_000);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  const { body: report } = await t.http.get(`/api/sweeps/${body.id}/report`).expect(200);
  return { id: body.id, report };
}

function maxRelativeError(actual: readonly number[], expected: readonly number[]): number {
  expect(actual).toHaveLength(expected.length);
  return Math.max(...expected.map((e, i) => Math.abs(actual[i] - e) / Math.max(Math.abs(e), 1e-3)));
}

describe('a multinomial sweep on iris against cv.glmnet', () => {
  it('logloss: 2·validation is cvm, 2·validationSd is cvsd (1e-6), λ.min and λ.1se exactly', async () => {
    const { id, report } = await runToEnd(glmnetConfig('logloss'));
    const [curve] = report.penalties;
    expect(report.penalties).toHaveLength(1);
    const points = curve.curve as { validation: number; validationSd: number }[];
    expect(
      maxRelativeError(
        points.map((p) => 2 * p.validation),
        fixture.deviance.cvm,
      ),
    ).toBeLessThan(1e-6);
    expect(
      maxRelativeError(
        points.map((p) => 2 * p.validationSd),
        fixture.deviance.cvsd,
      ),
    ).toBeLessThan(1e-6);
    expect(curve.lambdaMin).toBe(fixture.deviance.lambdaMin);
    expect(curve.lambda1se).toBe(fixture.deviance.lambda1se);
    expect(report.best.lambda).toBe(fixture.deviance.lambdaMin);

    // One task per (penalty, fold): folds 1..10 and the full-data path (fold 0), each the whole λ path.
    const tasks = queryDb<any>(t.dbPath, 'SELECT status FROM task WHERE sweepId = ?', id);
    expect(tasks).toHaveLength(11);
    expect(tasks.every((task) => task.status === 'done')).toBe(true);
    const trials = queryDb<any>(t.dbPath, 'SELECT * FROM trial WHERE sweepId = ?', id);
    expect(trials).toHaveLength(fixture.lambdas.length);
  });

  it('accuracy: 1 − validation is the misclassification cvm, with its λ.min and λ.1se', async () => {
    const { report } = await runToEnd(glmnetConfig('accuracy'));
    const [curve] = report.penalties;
    const points = curve.curve as { validation: number; validationSd: number }[];
    expect(
      maxRelativeError(
        points.map((p) => 1 - p.validation),
        fixture.misclassification.cvm,
      ),
    ).toBeLessThan(1e-9);
    expect(curve.lambdaMin).toBe(fixture.misclassification.lambdaMin);
    expect(curve.lambda1se).toBe(fixture.misclassification.lambda1se);
  });
});

describe('a grouped multinomial sweep on iris with test rows', () => {
  let id: string;
  let report: any;
  beforeAll(async () => {
    ({ id, report } = await runToEnd({
      name: 'iris grouped',
      dataset: 'iris',
      model: 'multinomial',
      multinomial: { grouped: true },
      penalties: ['l1', 'elasticnet'],
      l1Ratios: [0.5],
      lambdas: { auto: { count: 15 } },
      split: { kind: 'kfold', folds: 5, seed: 3 },
      testFraction: 0.2,
      metric: 'f1',
    }));
  });

  it('reports per-class intercepts (summing to zero) and coefficients {class: {feature: value}}', () => {
    const { best } = report;
    expect(Object.keys(best.intercept)).toEqual(['setosa', 'versicolor', 'virginica']);
    const sum = Object.values(best.intercept as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-9);
    expect(Object.keys(best.coefficients)).toEqual(['setosa', 'versicolor', 'virginica']);
    const features = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
    for (const label of Object.keys(best.coefficients)) expect(Object.keys(best.coefficients[label])).toEqual(features);
    // Grouped: a feature is in or out for every class at once.
    for (const name of features) {
      const zeros = Object.values(best.coefficients as Record<string, Record<string, number>>).map(
        (c) => c[name] === 0,
      );
      expect(new Set(zeros).size).toBe(1);
    }
    expect(report.metric).toBe('f1');
  });

  it('scores the chosen model once on the 30 test rows, with a 3×3 confusion matrix', () => {
    const { test } = report.best;
    expect(test.confusion.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    const counts = test.confusion.counts as number[][];
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const correct = counts.reduce((sum, row, k) => sum + row[k], 0);
    expect(test.accuracy).toBeCloseTo(correct / 30, 12);
    expect(test.f1).toBeGreaterThan(0.8);
    expect(test.logloss).toBeGreaterThan(0);
  });

  it('the trials API gives each trial its per-class coefficients and intercepts', async () => {
    const { body } = await t.http.get(`/api/sweeps/${id}/trials?include=coefficients,folds&pageSize=5`).expect(200);
    expect(body.total).toBe(30);
    const trial = body.items[0];
    expect(Object.keys(trial.intercepts)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Object.keys(trial.coefficients.virginica)).toHaveLength(4);
    expect(trial.intercept).toBeNull();
    expect(trial.folds).toHaveLength(6);
  });

  it('stores the class labels with the dataset', async () => {
    const { body } = await t.http.get('/api/datasets').expect(200);
    const iris = body.items.find((dataset: any) => dataset.name === 'iris');
    expect(iris).toMatchObject({ task: 'multiclass', classes: ['setosa', 'versicolor', 'virginica'] });
  });
});

describe('multinomial configs the data or the model cannot take', () => {
  it('refuses a numeric target that is no class column, grouped on another model, and gd', async () => {
    const { body } = await t.http
      .post('/api/sweeps')
      .send({ name: 'bad', dataset: 'diabetes', model: 'multinomial' })
      .expect(400);
    // Its integer target is read as class codes, most of them on one row only (glmnet refuses those too).
    expect(JSON.stringify(body)).toContain('at least 2 rows per class');
    const { body: other } = await t.http
      .post('/api/sweeps')
      .send({ name: 'bad', dataset: 'iris', model: 'logistic', multinomial: { grouped: true }, solver: { kind: 'cd' } })
      .expect(400);
    expect(JSON.stringify(other)).toContain('only used by model multinomial');
    const { body: gd } = await t.http
      .post('/api/sweeps')
      .send({ name: 'bad', dataset: 'iris', model: 'multinomial', solver: { kind: 'gd' } })
      .expect(400);
    expect(JSON.stringify(gd)).toContain('coordinate descent');
  });
});
