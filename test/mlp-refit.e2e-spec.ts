/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * search.refit chosen (the mlp default) through the real server: the full-data network (fold 0) is trained only for
 * the trials the report reads, after the cross-validation picked them, and the report, the exported model and the
 * stored cross-validation are those of the same sweep with search.refit every, bit for bit. A sweep stopped during
 * the refit round resumes it, runs nothing else again and stores nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryDb, startTestApp, useTestApp, waitForSweep, writeDb, type TestApp } from './helpers/test-app';

jest.setTimeout(180_000);

const t = useTestApp();

const config = (refit: 'chosen' | 'every' | undefined) => ({
  name: 'diabetes network refit',
  dataset: 'diabetes',
  model: 'mlp',
  network: { hidden: { choices: [[4], [6, 3]] }, activation: 'tanh', output: 'linear' },
  solver: { kind: 'adam', learningRate: 0.01, epochs: 30, batchSize: 64, seed: 7 },
  penalties: ['l1', 'l2'],
  lambdas: { values: [0.1, 0.01, 0.001] },
  split: { kind: 'kfold', folds: 3, seed: 1 },
  testFraction: 0.2,
  concurrency: 2,
  ...(refit ? { search: { refit } } : {}),
});
const TRIALS = 2 * 2 * 3;
const FOLDS = 3;

async function runToEnd(app: TestApp, body: object): Promise<{ id: string; report: any; model: any }> {
  const { body: created } = await app.http.post('/api/sweeps').send(body).expect(202);
  expect(await waitForSweep(app.http, created.id, 120_000)).toMatchObject({ status: 'succeeded', error: null });
  return finished(app, created.id);
}

async function finished(app: TestApp, id: string): Promise<{ id: string; report: any; model: any }> {
  const { body: report } = await app.http.get(`/api/sweeps/${id}/report`).expect(200);
  const { body: model } = await app.http.get(`/api/sweeps/${id}/model`).expect(200);
  return { id, report, model };
}

/** The trials (penalty, λ, network) the report reads a full-data network of: its best curve's lambdaMin and lambda1se. */
function pickedTrials(report: any): string[] {
  const best = report.best;
  const curve = report.penalties.find(
    (p: any) => p.penalty === best.penalty && JSON.stringify(p.params) === JSON.stringify(best.params),
  );
  const lambdas = [...new Set([curve.lambdaMin, curve.lambda1se].filter((l: number | null) => l !== null))];
  return lambdas.map((lambda) => trialName(best.penalty, lambda, best.params.hidden)).sort();
}

const trialName = (penalty: string, lambda: number, hidden: number[]) =>
  `${penalty} ${lambda} ${JSON.stringify(hidden)}`;

/** The stored trials with a fold 0 row, named as pickedTrials names them (the network from the weight count). */
function refitTrials(dbPath: string, id: string): string[] {
  const rows = queryDb<any>(
    dbPath,
    'SELECT t.penalty, t.lambda, length(n.parameters) AS bytes FROM trial t JOIN fold_result f ON f.trialId = t.id ' +
      'LEFT JOIN trial_network n ON n.trialId = t.id WHERE t.sweepId = ? AND f.fold = 0',
    id,
  );
  // 10·4 + 4 + 4 + 1 = 49 or 10·6 + 6 + 6·3 + 3 + 3 + 1 = 91 parameters, 8 bytes each.
  return rows.map((r) => trialName(r.penalty, r.lambda, r.bytes === 49 * 8 ? [4] : [6, 3])).sort();
}

/** The cross-validation as stored: every validation fold row and the trials' means. */
const crossValidation = (dbPath: string, id: string) =>
  queryDb<any>(
    dbPath,
    'SELECT t.penalty, t.lambda, t.trainMean, t.validationMean, t.validationSd, f.fold, f.train, f.validation, ' +
      'f.nonzeros, f.learningCurve FROM trial t JOIN fold_result f ON f.trialId = t.id ' +
      'WHERE t.sweepId = ? AND f.fold > 0 ORDER BY t.curve, f.fold',
    id,
  );

describe('an mlp sweep with search.refit chosen (the default) against every', () => {
  let every: { id: string; report: any; model: any };
  let chosen: { id: string; report: any; model: any };

  beforeAll(async () => {
    every = await runToEnd(t, config('every'));
    chosen = await runToEnd(t, config(undefined));
  });

  it('defaults to chosen and stores a fold 0 row (and a network) only for the trials the report reads', () => {
    const stored = queryDb<any>(t.dbPath, 'SELECT config FROM sweep WHERE id = ?', chosen.id)[0];
    expect(JSON.parse(stored.config).search.refit).toBe('chosen');
    const picked = pickedTrials(chosen.report);
    expect(picked.length).toBeGreaterThanOrEqual(1);
    expect(refitTrials(t.dbPath, chosen.id)).toEqual(picked);
    expect(refitTrials(t.dbPath, every.id)).toHaveLength(TRIALS);
    const tasks = queryDb<any>(t.dbPath, 'SELECT fold, status FROM task WHERE sweepId = ?', chosen.id);
    expect(tasks).toHaveLength(TRIALS * FOLDS + picked.length);
    expect(tasks.filter((task) => task.fold === 0)).toHaveLength(picked.length);
    expect(tasks.every((task) => task.status === 'done')).toBe(true);
  });

  it('counts the refit tasks in the progress total', () => {
    const [sweep] = queryDb<any>(t.dbPath, 'SELECT progressDone, progressTotal FROM sweep WHERE id = ?', chosen.id);
    const total = TRIALS * FOLDS + pickedTrials(chosen.report).length;
    expect(sweep).toEqual({ progressDone: total, progressTotal: total });
  });

  it('stores the same cross-validation, and reports the same best model, network, test score and export, bit for bit', () => {
    expect(crossValidation(t.dbPath, chosen.id)).toEqual(crossValidation(t.dbPath, every.id));
    expect(chosen.report.best).toEqual(every.report.best);
    expect(chosen.report.best.test.mse).toBeGreaterThan(0);
    expect(chosen.report.mlp.fullDataFit).toEqual(every.report.mlp.fullDataFit);
    expect(chosen.report.mlp.learningCurves).toEqual(every.report.mlp.learningCurves);
    expect(chosen.report.warnings).toEqual(every.report.warnings);
    const { provenance: _a, ...chosenModel } = chosen.model;
    const { provenance: _b, ...everyModel } = every.model;
    expect(chosenModel).toEqual(everyModel);
  });

  it("shows a trial without a full-data network by its folds: sparsity from the folds' mean, status ok, no nonzeros", () => {
    const trials = queryDb<any>(
      t.dbPath,
      'SELECT t.id, t.status, t.nonzeros, (SELECT AVG(f.nonzeros) FROM fold_result f WHERE f.trialId = t.id AND f.fold > 0) AS mean, ' +
        '(SELECT COUNT(*) FROM fold_result f WHERE f.trialId = t.id AND f.fold = 0) AS refitted FROM trial t WHERE t.sweepId = ?',
      chosen.id,
    );
    expect(trials.every((trial) => trial.status === 'ok')).toBe(true);
    expect(trials.filter((trial) => trial.refitted === 0).every((trial) => trial.nonzeros === null)).toBe(true);
    const every0 = every.report.mlp.sparsity;
    chosen.report.mlp.sparsity.forEach((curve: any, c: number) => {
      expect(curve.totalWeights).toBe(every0[c].totalWeights);
      curve.points.forEach((point: any, j: number) => {
        expect(point.lambda).toBe(every0[c].points[j].lambda);
        expect(point.zeroWeights).not.toBeNull();
        if (!point.fromFolds) expect(point).toEqual(every0[c].points[j]);
      });
    });
    // The folds' mean, as SQLite averages the stored fold rows, for every point without a full-data fit.
    const fromFolds = chosen.report.mlp.sparsity.flatMap((curve: any) =>
      curve.points.filter((p: any) => p.fromFolds).map((p: any) => curve.totalWeights - p.zeroWeights),
    );
    const means = trials.filter((trial) => trial.refitted === 0).map((trial) => trial.mean as number);
    const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
    expect(fromFolds.length).toBe(means.length);
    ascending(means).forEach((mean, i) => expect(ascending(fromFolds)[i]).toBeCloseTo(mean, 9));
  });

  it('answers 400 for search.refit on a GLM sweep and for an unknown value', async () => {
    const { body } = await t.http
      .post('/api/sweeps')
      .send({ name: 'glm', dataset: 'diabetes', model: 'linear', search: { refit: 'chosen' } })
      .expect(400);
    expect(body.errors.map((e: any) => e.path)).toEqual(['search.refit']);
    const { body: bad } = await t.http
      .post('/api/sweeps')
      .send(config('some' as never))
      .expect(400);
    expect(bad.errors.map((e: any) => e.path)).toEqual(['search.refit']);
  });
});

describe('an mlp sweep stopped during its refit round', () => {
  it('resumes the round: the same report, no other task run again, no row stored twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-mlp-refit-'));
    try {
      let app = await startTestApp({ dir });
      const whole = await runToEnd(app, config('chosen'));
      await app.close();
      const { dbPath } = app;
      const [refit] = queryDb<any>(dbPath, 'SELECT key, curve FROM task WHERE sweepId = ? AND fold = 0', whole.id);
      const before = queryDb<any>(dbPath, 'SELECT key, attempts FROM task WHERE sweepId = ? ORDER BY key', whole.id);
      // What a process killed while training that network leaves: the task running, none of its rows (a task's rows
      // and its done mark are written together), the trial's full-data fields unset, no report.
      const trialId = queryDb<any>(
        dbPath,
        'SELECT id FROM trial WHERE sweepId = ? AND curve = ?',
        whole.id,
        refit.curve,
      )[0].id;
      writeDb(dbPath, "UPDATE task SET status = 'running' WHERE key = ?", refit.key);
      writeDb(dbPath, 'DELETE FROM fold_result WHERE trialId = ? AND fold = 0', trialId);
      writeDb(dbPath, 'DELETE FROM trial_network WHERE trialId = ?', trialId);
      writeDb(
        dbPath,
        "UPDATE trial SET status = 'pending', reason = NULL, nonzeros = NULL, intercept = NULL, coefficients = NULL, " +
          'iterations = NULL, converged = NULL WHERE id = ?',
        trialId,
      );
      // The conclusion had not run: no trial's statistics, and the trials with no full-data fit still pending.
      writeDb(
        dbPath,
        'UPDATE trial SET trainMean = NULL, validationMean = NULL, validationSd = NULL, gap = NULL, ' +
          "status = CASE WHEN id IN (SELECT trialId FROM fold_result WHERE fold = 0) THEN status ELSE 'pending' END " +
          'WHERE sweepId = ?',
        whole.id,
      );
      writeDb(dbPath, "UPDATE sweep SET status = 'running', finishedAt = NULL WHERE id = ?", whole.id);
      writeDb(dbPath, 'DELETE FROM sweep_report WHERE sweepId = ?', whole.id);

      app = await startTestApp({ dir }); // resumes the sweep
      expect(await waitForSweep(app.http, whole.id, 120_000)).toMatchObject({ status: 'succeeded' });
      const resumed = await finished(app, whole.id);
      await app.close();
      const { sweepId: _a, ...wholeReport } = whole.report;
      const { sweepId: _b, ...resumedReport } = resumed.report;
      expect(resumedReport).toEqual(wholeReport);
      expect(resumed.model).toEqual(whole.model);
      // Only the refit task started again (its killed start stays counted); every other kept its one attempt.
      const after = queryDb<any>(dbPath, 'SELECT key, attempts FROM task WHERE sweepId = ? ORDER BY key', whole.id);
      expect(after).toEqual(
        before.map((task) => (task.key === refit.key ? { ...task, attempts: task.attempts + 1 } : task)),
      );
      const rows = (sql: string) => queryDb<any>(dbPath, sql, whole.id)[0].n;
      expect(rows('SELECT COUNT(*) AS n FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?')).toBe(
        TRIALS * FOLDS + pickedTrials(whole.report).length,
      );
      expect(
        rows('SELECT COUNT(*) AS n FROM trial_network n JOIN trial t ON t.id = n.trialId WHERE t.sweepId = ?'),
      ).toBe(pickedTrials(whole.report).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
