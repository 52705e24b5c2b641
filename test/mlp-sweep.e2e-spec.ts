/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * A `model: mlp` sweep through the real server: HTTP on a temporary SQLite file, real migrations, real Piscina
 * workers running one task per (trial, fold), every trial refitted on all rows (search.refit every). Storage is read back from the SQLite file directly.
 */
import { loadDataset } from '@regsweep/datasets';
import { inputScaling, mlpLayout, scaledRows, trainMlp, unpackParameters } from '@regsweep/engine';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDb, startTestApp, useTestApp, waitForSweep, writeDb } from './helpers/test-app';

jest.setTimeout(180_000);

const t = useTestApp();

const mlpConfig = (extra: Record<string, unknown> = {}) => ({
  name: 'diabetes network',
  dataset: 'diabetes',
  model: 'mlp',
  network: { hidden: { choices: [[4], [6, 3]] }, activation: 'tanh', output: 'linear' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 30, batchSize: 64, seed: 7 },
  penalties: ['l1', 'l2'],
  lambdas: { values: [0.1, 0.001] },
  split: { kind: 'kfold', folds: 3, seed: 1 },
  // Every trial's full-data network, as the tests below read them all (search.refit chosen: mlp-refit.e2e-spec.ts).
  search: { refit: 'every' },
  ...extra,
});

async function runToEnd(config: unknown): Promise<{ id: string; report: any }> {
  const { body } = await t.http
    .post('/api/sweeps')
    .send(config as object)
    .expect(202);
  const sweep = await waitForSweep(t.http, body.id, 120_000);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  const { body: report } = await t.http.get(`/api/sweeps/${body.id}/report`).expect(200);
  return { id: body.id, report };
}

describe('an mlp sweep on diabetes', () => {
  let one: { id: string; report: any };

  beforeAll(async () => {
    one = await runToEnd(mlpConfig({ concurrency: 1 }));
  });

  it('stores every trial (2 penalties × 2 λ × 2 networks) with its folds 0..3, one task per (trial, fold)', () => {
    const trials = queryDb<any>(t.dbPath, 'SELECT * FROM trial WHERE sweepId = ?', one.id);
    expect(trials).toHaveLength(8);
    const tasks = queryDb<any>(t.dbPath, 'SELECT status FROM task WHERE sweepId = ?', one.id);
    expect(tasks).toHaveLength(8 * 4);
    expect(tasks.every((task) => task.status === 'done')).toBe(true);
    const folds = queryDb<any>(
      t.dbPath,
      'SELECT f.* FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?',
      one.id,
    );
    expect(folds).toHaveLength(8 * 4);
    for (const trial of trials) {
      expect(Number.isFinite(trial.validationMean)).toBe(true);
      // nonzeros counts the nonzero weights: 10·4 + 4 = 44 or 10·6 + 6·3 + 3 = 81 at most.
      expect(trial.nonzeros).toBeGreaterThan(0);
      expect(trial.nonzeros).toBeLessThanOrEqual(81);
    }
  });

  it('keeps the per-epoch train and validation loss of every fold (30 epochs each)', () => {
    const folds = queryDb<any>(
      t.dbPath,
      'SELECT f.fold, f.iterations, f.learningCurve FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?',
      one.id,
    );
    for (const fold of folds) {
      expect(fold.iterations).toBe(30);
      const curve = JSON.parse(fold.learningCurve);
      expect(curve.epochs).toHaveLength(30);
      expect(curve.train.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
      if (fold.fold > 0) expect(curve.validation.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
    }
  });

  it('reports λ curves per (penalty, network), the chosen trial with its learning curves, best epoch and sparsity', () => {
    const { report } = one;
    expect(report.penalties).toHaveLength(4);
    for (const penalty of report.penalties) {
      expect(penalty.curve.map((p: any) => p.lambda)).toEqual([0.1, 0.001]);
      expect([[4], [6, 3]]).toContainEqual(penalty.params.hidden);
    }
    expect(report.best.params.hidden).toBeDefined();
    const { mlp } = report;
    expect(mlp.network.activation).toBe('tanh');
    const chosen = mlp.learningCurves.find((c: any) => c.role === 'chosen');
    expect(chosen.lambda).toBe(report.best.lambda);
    expect(chosen.epochs).toHaveLength(30);
    expect(mlp.bestEpoch).toBe(chosen.bestEpoch);
    expect(chosen.validation[chosen.epochs.indexOf(mlp.bestEpoch)]).toBe(Math.min(...chosen.validation));
    expect(mlp.sparsity).toHaveLength(4);
    for (const curve of mlp.sparsity) {
      expect(curve.totalWeights).toBe(curve.params.hidden.length === 1 ? 44 : 81);
      for (const point of curve.points) expect(point.zeroFraction).toBeGreaterThanOrEqual(0);
    }
    expect(mlp.verdict).toMatch(/validation loss best at epoch \d+/);
  });

  it("the report's full-data weights are the fold 0 network: they reproduce its stored training mse", () => {
    const { best, mlp } = one.report;
    const { weights, biases, inputScaling } = mlp.fullDataFit;
    const data = loadDataset('diabetes');
    let squares = 0;
    for (let i = 0; i < data.x.rows; i++) {
      let activations = inputScaling.names.map(
        (_: string, j: number) =>
          (data.x.values[j * data.x.rows + i] - inputScaling.centres[j]) / inputScaling.scales[j],
      );
      weights.forEach((layer: number[][], l: number) => {
        const z = biases[l].map((b: number, u: number) =>
          activations.reduce((sum: number, a: number, k: number) => sum + a * layer[k][u], b),
        );
        activations = l < weights.length - 1 ? z.map(Math.tanh) : z;
      });
      squares += (data.y[i] - activations[0]) ** 2;
    }
    const stored = queryDb<any>(
      t.dbPath,
      'SELECT f.train FROM trial t JOIN fold_result f ON f.trialId = t.id ' +
        'WHERE t.sweepId = ? AND f.fold = 0 AND t.penalty = ? AND t.lambda = ? AND t.nonzeros = ?',
      one.id,
      best.penalty,
      best.lambda,
      best.nonzeros,
    );
    expect(stored).toHaveLength(1);
    expect(Math.abs(squares / data.x.rows - stored[0].train) / stored[0].train).toBeLessThan(1e-12);
  });

  it("stores each trial's full-data network: the bits a fresh trainMlp gives on the same rows, the report's", () => {
    const stored = queryDb<{ penalty: string; lambda: number; iterations: number; parameters: Buffer }>(
      t.dbPath,
      'SELECT t.penalty, t.lambda, t.iterations, n.parameters FROM trial t JOIN trial_network n ON n.trialId = t.id ' +
        'WHERE t.sweepId = ? ORDER BY t.id',
      one.id,
    );
    expect(stored).toHaveLength(8); // one network per trial, none per validation fold
    const data = loadDataset('diabetes');
    const rows = Int32Array.from({ length: data.x.rows }, (_, i) => i); // testFraction 0: every row fits
    const train = scaledRows(data, rows, inputScaling(data, rows, true));
    const solver = { kind: 'adam' as const, learningRate: 0.01, epochs: 30, batchSize: 64, seed: 7 };
    const layouts = [[4], [6, 3]].map((hidden) => ({
      network: { hidden, activation: 'tanh' as const, output: 'linear' as const },
      layout: mlpLayout(data.x.cols, { hidden, activation: 'tanh', output: 'linear' }),
    }));
    // The two networks differ in size: 10·4 + 4 + 4 + 1 = 49 and 10·6 + 6 + 6·3 + 3 + 3 + 1 = 91 parameters.
    const networkOf = (bytes: Buffer) => layouts.find((l) => l.layout.parameterCount * 8 === bytes.length)!;
    for (const trial of stored) {
      const { network } = networkOf(trial.parameters);
      const fresh = trainMlp({
        network,
        solver,
        penalty: { lambda: trial.lambda, l1Ratio: trial.penalty === 'l1' ? 1 : 0 },
        train,
      });
      expect(trial.iterations).toBe(fresh.epochsRun);
      expect(Buffer.compare(trial.parameters, Buffer.from(fresh.parameters.buffer))).toBe(0);
    }
    const { best, mlp } = one.report;
    const chosen = stored.filter((trial) => trial.penalty === best.penalty && trial.lambda === best.lambda);
    const shown = chosen.map((trial) =>
      unpackParameters(networkOf(trial.parameters).layout, new Float64Array(new Uint8Array(trial.parameters).buffer)),
    );
    expect(shown).toContainEqual({ weights: mlp.fullDataFit.weights, biases: mlp.fullDataFit.biases });
  });

  it('gives identical stored numbers at concurrency 1 and 2', async () => {
    const two = await runToEnd(mlpConfig({ concurrency: 2 }));
    const numbers = (id: string) =>
      queryDb<any>(
        t.dbPath,
        'SELECT t.penalty, t.lambda, t.trainMean, t.validationMean, t.validationSd, t.nonzeros, f.fold, f.train, f.validation, f.learningCurve, n.parameters ' +
          'FROM trial t JOIN fold_result f ON f.trialId = t.id LEFT JOIN trial_network n ON n.trialId = t.id AND f.fold = 0 ' +
          'WHERE t.sweepId = ? ORDER BY t.curve, f.fold',
        id,
      );
    expect(numbers(two.id)).toEqual(numbers(one.id));
    const { sweepId: _a, ...first } = one.report;
    const { sweepId: _b, ...second } = two.report;
    expect(second).toEqual(first);
  });

  it('answers 400 with {path, message} for a bad network and stores nothing', async () => {
    const before = queryDb<any>(t.dbPath, 'SELECT COUNT(*) AS n FROM sweep')[0].n;
    const { body } = await t.http
      .post('/api/sweeps')
      .send(mlpConfig({ network: { hidden: [0], activation: 'softsign' } }))
      .expect(400);
    expect(body.errors.map((e: any) => e.path).sort()).toEqual(['network.activation', 'network.hidden']);
    expect(queryDb<any>(t.dbPath, 'SELECT COUNT(*) AS n FROM sweep')[0].n).toBe(before);
  });
});

describe('an mlp sweep stored before trial_network (no networks kept)', () => {
  it('still reports: its conclusion trains the chosen network again, to the same report text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-mlp-networks-'));
    try {
      let app = await startTestApp({ dir });
      const { body } = await app.http
        .post('/api/sweeps')
        .send(mlpConfig({ penalties: ['l2'], testFraction: 0.2 }))
        .expect(202);
      expect(await waitForSweep(app.http, body.id, 120_000)).toMatchObject({ status: 'succeeded' });
      await app.close();
      const reportOf = () =>
        queryDb<{ report: string }>(app.dbPath, 'SELECT report FROM sweep_report WHERE sweepId = ?', body.id);
      const [{ report }] = reportOf();
      // As an older version left it mid-conclusion: every task done, no network stored, no report yet.
      writeDb(app.dbPath, "UPDATE sweep SET status = 'running', finishedAt = NULL WHERE id = ?", body.id);
      writeDb(app.dbPath, 'DELETE FROM sweep_report WHERE sweepId = ?', body.id);
      const removed = writeDb(
        app.dbPath,
        'DELETE FROM trial_network WHERE trialId IN (SELECT id FROM trial WHERE sweepId = ?)',
        body.id,
      );
      expect(removed).toBe(4); // 2 λ × 2 networks

      app = await startTestApp({ dir }); // resumes the sweep: its conclusion only
      expect(await waitForSweep(app.http, body.id, 120_000)).toMatchObject({ status: 'succeeded' });
      await app.close();
      expect(reportOf()).toEqual([{ report }]);
      expect(JSON.parse(report).mlp.fullDataFit.weights.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
