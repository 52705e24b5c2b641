/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * A softmax network (`model: mlp`, `network.output: softmax`) swept on iris through the real server: HTTP on a
 * temporary SQLite file, real migrations, real Piscina workers running one task per (trial, fold). The report scores
 * it as model multinomial (logloss by default; accuracy and macro f1 on the test rows, with the confusion matrix), and
 * keeps the chosen network's K output units.
 */
import { queryDb, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(180_000);

const t = useTestApp();
const CLASSES = ['setosa', 'versicolor', 'virginica'];

describe('a softmax mlp sweep on iris with test rows', () => {
  let id: string;
  let report: any;

  beforeAll(async () => {
    const { body } = await t.http
      .post('/api/sweeps')
      .send({
        name: 'iris softmax network',
        dataset: 'iris',
        model: 'mlp',
        network: { hidden: { choices: [[], [8]] }, activation: 'tanh', output: 'softmax' },
        solver: { kind: 'adam', learningRate: 0.05, epochs: 60, batchSize: 32, seed: 3 },
        penalties: ['l2', 'l1'],
        lambdas: { values: [0.1, 0.001] },
        split: { kind: 'kfold', folds: 3, seed: 2 },
        testFraction: 0.2,
      })
      .expect(202);
    id = body.id;
    const sweep = await waitForSweep(t.http, id, 150_000);
    expect(sweep).toMatchObject({ status: 'succeeded', error: null });
    report = (await t.http.get(`/api/sweeps/${id}/report`).expect(200)).body;
  });

  it('stores every trial (2 penalties × 2 λ × 2 networks) with folds 1..3, fold 0 for the reported ones, scored by logloss', () => {
    expect(report.metric).toBe('logloss');
    const trials = queryDb<any>(t.dbPath, 'SELECT * FROM trial WHERE sweepId = ?', id);
    expect(trials).toHaveLength(8);
    const tasks = queryDb<any>(t.dbPath, 'SELECT fold, status FROM task WHERE sweepId = ?', id);
    // search.refit chosen: fold 0 (the full-data network) of the best curve's lambdaMin and lambda1se trials only.
    const refits = tasks.filter((task) => task.fold === 0).length;
    expect([1, 2]).toContain(refits);
    expect(tasks).toHaveLength(8 * 3 + refits);
    expect(tasks.every((task) => task.status === 'done')).toBe(true);
    for (const trial of trials) {
      // A logloss below the null model's log 3 (the classes are balanced): every trial learned something.
      expect(trial.validationMean).toBeGreaterThan(0);
      expect(trial.validationMean).toBeLessThan(Math.log(3));
      // K = 3 output units: 4·3 = 12 weights without a hidden layer, 4·8 + 8·3 = 56 with [8].
      if (trial.nonzeros !== null) expect(trial.nonzeros).toBeLessThanOrEqual(56);
    }
    expect(trials.filter((trial) => trial.nonzeros !== null)).toHaveLength(refits);
    for (const curve of report.mlp.sparsity) expect(curve.totalWeights).toBe(curve.params.hidden.length ? 56 : 12);
  });

  it('scores the chosen network on the 30 test rows as model multinomial, with its confusion matrix', () => {
    const { test } = report.best;
    expect(test.confusion.classes).toEqual(CLASSES);
    const counts = test.confusion.counts as number[][];
    expect(counts).toHaveLength(3);
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const correct = counts.reduce((sum, row, k) => sum + row[k], 0);
    expect(test.accuracy).toBeCloseTo(correct / 30, 12);
    // Macro f1 from the same counts: mean over classes of 2TP / (row sum + column sum).
    const f1 =
      counts.reduce((sum, row, k) => {
        const column = counts.reduce((s, r) => s + r[k], 0);
        return sum + (2 * row[k]) / (row.reduce((a, b) => a + b, 0) + column);
      }, 0) / 3;
    expect(test.f1).toBeCloseTo(f1, 12);
    expect(test.accuracy).toBeGreaterThan(0.8);
    expect(test.logloss).toBeGreaterThan(0);
    expect(report.best.intercept).toBeNull(); // K output biases, no single intercept
  });

  it('keeps the chosen network with one output unit per class, and its learning curves in logloss', () => {
    const { network, fullDataFit, learningCurves } = report.mlp;
    expect(network.output).toBe('softmax');
    const last = fullDataFit.weights.length - 1;
    expect(fullDataFit.weights[last][0]).toHaveLength(3);
    expect(fullDataFit.biases[last]).toHaveLength(3);
    const chosen = learningCurves.find((c: any) => c.role === 'chosen');
    expect(chosen.train[chosen.train.length - 1]).toBeLessThan(chosen.train[0]);
  });

  it('exports the chosen network with its K outputs and class labels, and predicts class probabilities with it', async () => {
    const { body: model } = await t.http.get(`/api/sweeps/${id}/model?format=json`).expect(200);
    expect(model).toMatchObject({
      kind: 'mlp',
      link: 'softmax',
      classLabels: CLASSES,
      network: { output: 'softmax' },
      weights: report.mlp.fullDataFit.weights,
      biases: report.mlp.fullDataFit.biases,
    });
    const onnx = await t.http.get(`/api/sweeps/${id}/model?format=onnx`).buffer(true).expect(200);
    for (const text of ['Softmax', 'ArgMax', 'LabelEncoder', ...CLASSES]) {
      expect((onnx.body as Buffer).includes(Buffer.from(text))).toBe(true);
    }
    // Three rows of the three species, as {feature: value}: one probability per class, summing to 1, and a label.
    const rows = [
      { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 },
      { sepal_length: 5.9, sepal_width: 3.0, petal_length: 4.2, petal_width: 1.5 },
      { sepal_length: 6.9, sepal_width: 3.1, petal_length: 5.4, petal_width: 2.1 },
    ];
    const { body } = await t.http.post(`/api/sweeps/${id}/predict`).send({ rows }).expect(200);
    expect(body.classes).toEqual(CLASSES);
    body.predictions.forEach((p: number[], i: number) => {
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(body.labels[i]).toBe(CLASSES[p.indexOf(Math.max(...p))]);
    });
  });
});

describe('softmax configs the data or the model cannot take', () => {
  it('refuses softmax output on a regression target, and a regression metric for softmax', async () => {
    const network = { hidden: [4], activation: 'relu', output: 'softmax' };
    const { body } = await t.http
      .post('/api/sweeps')
      .send({ name: 'bad', dataset: 'diabetes', model: 'mlp', network })
      .expect(400);
    // Its integer target is read as class codes, as for model multinomial (issue 16): one row per code is refused.
    expect(body.errors).toEqual([
      {
        path: 'target',
        message: expect.stringContaining(
          'model mlp with softmax output needs at least 2 rows per class (as glmnet): "progression" has one row of class',
        ),
      },
    ]);
    const { body: metric } = await t.http
      .post('/api/sweeps')
      .send({ name: 'bad', dataset: 'iris', model: 'mlp', network, metric: 'auc' })
      .expect(400);
    expect(metric.errors.map((e: any) => e.path)).toEqual(['metric']);
  });
});
