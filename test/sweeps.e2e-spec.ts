/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * The server end to end: HTTP (supertest) on a temporary SQLite file, real migrations, real Piscina workers.
 * Numbers are checked against the cv.glmnet fixture; storage is checked by reading the SQLite file directly.
 */
import { SqliteService } from '../apps/server/src/database/sqlite.service';
import { ResultWriterThread } from '../apps/server/src/store/sqlite/result-writer';
import fixture from './fixtures/cv-diabetes-lasso.json';
import {
  closeRelative,
  diabetesLassoConfig,
  queryDb,
  useTestApp,
  tableCounts,
  waitForSweep,
  waitUntil,
} from './helpers/test-app';
import { readEventStream } from './helpers/sse';

jest.setTimeout(120_000);

const t = useTestApp();

async function submit(config: unknown): Promise<string> {
  const { body } = await t.http
    .post('/api/sweeps')
    .send(config as object)
    .expect(202);
  expect(body.status).toBe('queued');
  return body.id;
}

async function runToEnd(config: unknown): Promise<{ id: string; report: any }> {
  const id = await submit(config);
  const sweep = await waitForSweep(t.http, id);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  const { body: report } = await t.http.get(`/api/sweeps/${id}/report`).expect(200);
  return { id, report };
}

/** The report without what differs between two runs of the same config (the sweep id). */
function numbersOf(report: any): unknown {
  const { sweepId: _sweepId, ...rest } = report;
  return rest;
}

describe('diabetes lasso CV (cv.glmnet fixture)', () => {
  let sweepId: string;
  let report: any;
  let transactions: number;
  let onWriterThread: boolean;

  beforeAll(async () => {
    onWriterThread = t.app.get(ResultWriterThread).running;
    const transaction = jest.spyOn(t.app.get(SqliteService), 'transaction');
    ({ id: sweepId, report } = await runToEnd(diabetesLassoConfig()));
    transactions = transaction.mock.calls.length;
    transaction.mockRestore();
  });

  it('writes in batches: a transaction per time slice of many rows, not one per trial or fold row', () => {
    // On the main connection: the plan (trials and tasks together) and the one curve's CV statistics, and at least one
    // per task (folds 0..10) unless the tasks' rows went to the result writer thread (the server on a file); a slice
    // of a few ms holds many rows (common/in-time-slices.ts), so on a slow machine a few more, never near the 1,100
    // fold rows and 100 trials written.
    expect(onWriterThread).toBe(true);
    expect(transactions).toBeGreaterThanOrEqual(2);
    expect(transactions).toBeLessThan(60);
  });

  it('reproduces validationMean, validationSd, trainMean at every λ and the selected λs', () => {
    const [lasso] = report.penalties;
    expect(lasso).toMatchObject({ penalty: 'l1', l1Ratio: 1 });
    expect(lasso.curve).toHaveLength(fixture.lambdas.length);
    lasso.curve.forEach((point: any, j: number) => {
      expect(closeRelative(point.lambda, fixture.lambdas[j], 1e-6)).toBe(true);
      expect(closeRelative(point.validation, fixture.validationMean[j], 1e-6)).toBe(true);
      expect(closeRelative(point.validationSd, fixture.validationSd[j], 1e-6)).toBe(true);
      expect(closeRelative(point.train, fixture.trainMean[j], 1e-6)).toBe(true);
    });
    expect(closeRelative(lasso.lambdaMin, fixture.lambdaMin, 1e-9)).toBe(true);
    expect(closeRelative(lasso.lambda1se, fixture.lambda1se, 1e-9)).toBe(true);
    expect(report).toMatchObject({
      metric: 'mse',
      selection: '1se',
      best: { penalty: 'l1', nonzeros: expect.any(Number) },
    });
    expect(closeRelative(report.best.lambda, fixture.lambda1se, 1e-9)).toBe(true);
  });

  it('thins the curve on request for drawing, keeping the ends, lambdaMin and lambda1se', async () => {
    const { body } = await t.http.get(`/api/sweeps/${sweepId}/report?maxPoints=10`).expect(200);
    const [lasso] = body.penalties;
    const lambdas = lasso.curve.map((point: any) => point.lambda);
    expect(lambdas.length).toBeLessThanOrEqual(10);
    expect(lambdas[0]).toBe(report.penalties[0].curve[0].lambda);
    expect(lambdas[lambdas.length - 1]).toBe(report.penalties[0].curve[99].lambda);
    expect(lambdas).toEqual(expect.arrayContaining([lasso.lambdaMin, lasso.lambda1se]));
    await t.http.get(`/api/sweeps/${sweepId}/report?maxPoints=1`).expect(400);
  });

  it('stores every trial with its fold rows (folds 1..10 and the full-data fit 0) in SQLite', () => {
    const trials = queryDb<any>(t.dbPath, 'SELECT * FROM trial WHERE sweepId = ? ORDER BY lambdaIndex', sweepId);
    expect(trials).toHaveLength(100);
    trials.forEach((trial, j) => {
      expect(trial.status).toBe('ok');
      expect(closeRelative(trial.validationMean, fixture.validationMean[j], 1e-6)).toBe(true);
      expect(closeRelative(trial.trainMean, fixture.trainMean[j], 1e-6)).toBe(true);
      expect(Object.keys(JSON.parse(trial.coefficients))).toHaveLength(10);
    });
    const perTrial = queryDb<{ n: number; folds: string }>(
      t.dbPath,
      'SELECT COUNT(*) AS n, GROUP_CONCAT(fold) AS folds FROM fold_result f JOIN trial t ON t.id = f.trialId ' +
        'WHERE t.sweepId = ? GROUP BY f.trialId',
      sweepId,
    );
    expect(perTrial).toHaveLength(100);
    for (const row of perTrial) {
      expect(row.n).toBe(11);
      expect(
        row.folds
          .split(',')
          .map(Number)
          .sort((a, b) => a - b),
      ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    // Each CV fold row holds a finite validation loss; the full-data row has none.
    const missing = queryDb<{ n: number }>(
      t.dbPath,
      'SELECT COUNT(*) AS n FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ? AND f.fold > 0 AND f.validation IS NULL',
      sweepId,
    );
    expect(missing[0].n).toBe(0);
    const tasks = queryDb<{ status: string; n: number }>(
      t.dbPath,
      'SELECT status, COUNT(*) AS n FROM task WHERE sweepId = ? GROUP BY status',
      sweepId,
    );
    expect(tasks).toEqual([{ status: 'done', n: 11 }]);
    const [sweep] = queryDb<any>(
      t.dbPath,
      'SELECT status, progressDone, progressTotal, report FROM sweep JOIN sweep_report ON sweepId = id WHERE id = ?',
      sweepId,
    );
    expect(sweep).toMatchObject({ status: 'succeeded', progressDone: 11, progressTotal: 11 });
    expect(JSON.parse(sweep.report).sweepId).toBe(sweepId);
  });

  it('serves the trials paged and sorted, with per-fold results and coefficients on request', async () => {
    const { body } = await t.http
      .get(`/api/sweeps/${sweepId}/trials`)
      .query({ sort: 'validationMean', order: 'asc', pageSize: 5, include: 'folds,coefficients' })
      .expect(200);
    expect(body).toMatchObject({ total: 100, page: 1, pageSize: 5 });
    expect(body.items).toHaveLength(5);
    const means = body.items.map((trial: any) => trial.validationMean);
    expect(means).toEqual([...means].sort((a, b) => a - b));
    expect(closeRelative(body.items[0].lambda, fixture.lambdaMin, 1e-9)).toBe(true);
    expect(body.items[0].folds.map((fold: any) => fold.fold)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.items[0].folds[1]).toMatchObject({
      trainSize: expect.any(Number),
      validationSize: expect.any(Number),
      converged: true,
    });
    expect(body.items[0].coefficients).toHaveProperty('bmi');

    const page2 = await t.http.get(`/api/sweeps/${sweepId}/trials`).query({ page: 2, pageSize: 40 }).expect(200);
    expect(page2.body.items).toHaveLength(40);
    expect(page2.body.items[0].lambdaIndex).toBe(40); // default order: curve, then decreasing λ
  });

  it('serves a light page by default: the trial rows without fold rows or coefficients', async () => {
    const query = { sort: 'validationMean', order: 'asc', pageSize: 5 };
    const light = await t.http.get(`/api/sweeps/${sweepId}/trials`).query(query).expect(200);
    const full = await t.http
      .get(`/api/sweeps/${sweepId}/trials`)
      .query({ ...query, include: 'folds,coefficients' })
      .expect(200);
    for (const trial of light.body.items) {
      expect(trial).not.toHaveProperty('folds');
      expect(trial).not.toHaveProperty('coefficients');
    }
    // The same trials, the same fields otherwise.
    const withoutExtras = full.body.items.map(({ folds: _f, coefficients: _c, ...trial }: any) => trial);
    expect(light.body.items).toEqual(withoutExtras);
    expect(light.body.items[0]).toMatchObject({ validationMean: expect.any(Number), converged: true, status: 'ok' });
    // Each part on its own, and repeated parameters alike.
    const folds = await t.http.get(`/api/sweeps/${sweepId}/trials?pageSize=1&include=folds`).expect(200);
    expect(folds.body.items[0].folds).toHaveLength(11);
    expect(folds.body.items[0]).not.toHaveProperty('coefficients');
    const both = await t.http
      .get(`/api/sweeps/${sweepId}/trials?pageSize=1&include=coefficients&include=folds`)
      .expect(200);
    expect(Object.keys(both.body.items[0].coefficients)).toHaveLength(10);
    expect(both.body.items[0].folds).toHaveLength(11);
  });

  it('refuses an unknown include with the usual errors list', async () => {
    const { body } = await t.http.get(`/api/sweeps/${sweepId}/trials?include=folds,everything`).expect(400);
    expect(body.errors.map((error: any) => error.path)).toEqual(['include']);
  });

  it('serves the report of a finished sweep the same from its cache', async () => {
    const first = await t.http.get(`/api/sweeps/${sweepId}/report`).expect(200);
    const again = await t.http.get(`/api/sweeps/${sweepId}/report`).expect(200);
    expect(again.body).toEqual(first.body);
    const thinned = await t.http.get(`/api/sweeps/${sweepId}/report?maxPoints=10`).expect(200);
    expect(thinned.body.penalties[0].curve.length).toBeLessThanOrEqual(10);
    expect((await t.http.get(`/api/sweeps/${sweepId}/report`).expect(200)).body).toEqual(first.body);
  });

  it('gives a new sweep with identical numbers when the same config is submitted again', async () => {
    const again = await runToEnd(diabetesLassoConfig());
    expect(again.id).not.toBe(sweepId);
    expect(numbersOf(again.report)).toEqual(numbersOf(report));
  });

  it('gives identical numbers with concurrency 1 and 2', async () => {
    const config = diabetesLassoConfig({ penalties: ['l1', 'l2', 'elasticnet'], lambdas: { auto: { count: 30 } } });
    const one = await runToEnd({ ...config, concurrency: 1 });
    const two = await runToEnd({ ...config, concurrency: 2 });
    expect(one.report.penalties).toHaveLength(3);
    expect(numbersOf(two.report)).toEqual(numbersOf(one.report));
  });

  it('records the threads the run chose and why: one for this small sweep on a pool of two, the config’s when set', async () => {
    const { body } = await t.http.get(`/api/sweeps/${sweepId}`).expect(200);
    expect(body.concurrency).toEqual({
      threads: 1,
      reason: expect.stringContaining('a second thread would cost more than it saves'),
      estimatedMultiplyAdds: expect.any(Number),
    });
    expect(queryDb<any>(t.dbPath, 'SELECT concurrency FROM sweep WHERE id = ?', sweepId)[0].concurrency).toBe(
      JSON.stringify(body.concurrency),
    );
    const set = await runToEnd(diabetesLassoConfig({ concurrency: 2, lambdas: { auto: { count: 10 } } }));
    const { body: listed } = await t.http.get('/api/sweeps').query({ pageSize: 100 }).expect(200);
    expect(listed.items.find((sweep: any) => sweep.id === set.id).concurrency).toEqual({
      threads: 2,
      reason: 'set by the sweep config',
    });
  });

  it('lists sweeps paged, filtered by status, newest first, with the best model', async () => {
    const { body } = await t.http.get('/api/sweeps').query({ pageSize: 2, status: 'succeeded' }).expect(200);
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items).toHaveLength(2);
    expect(new Date(body.items[0].createdAt) >= new Date(body.items[1].createdAt)).toBe(true);
    expect(body.items[0]).toMatchObject({ status: 'succeeded', progress: { done: expect.any(Number) } });
    expect(body.items[0].best).toMatchObject({ penalty: expect.any(String), lambda: expect.any(Number) });
    const none = await t.http.get('/api/sweeps').query({ status: 'cancelled', sort: 'name', order: 'asc' }).expect(200);
    expect(none.body.items.every((sweep: any) => sweep.status === 'cancelled')).toBe(true);
  });
});

describe('gradient descent sweep', () => {
  it('stores learning curves in the fold rows and serves them with the trials on request', async () => {
    const { id } = await runToEnd({
      name: 'seed gd',
      dataset: 'seed-linear',
      model: 'linear',
      penalties: ['l2'],
      lambdas: { values: [0.01, 0.1] },
      split: { kind: 'kfold', folds: 3, seed: 1 },
      solver: { kind: 'gd', learningRate: 0.1, epochs: 300 },
    });
    const rows = queryDb<{ fold: number; learningCurve: string | null }>(
      t.dbPath,
      'SELECT f.fold, f.learningCurve FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?',
      id,
    );
    expect(rows).toHaveLength(2 * 4);
    for (const row of rows) {
      const curve = JSON.parse(row.learningCurve as string);
      expect(curve.epochs.length).toBeGreaterThan(1);
      expect(curve.train).toHaveLength(curve.epochs.length);
      expect(curve.train[curve.train.length - 1]).toBeLessThan(curve.train[0]);
    }
    const plain = await t.http.get(`/api/sweeps/${id}/trials?include=folds`).expect(200);
    expect(plain.body.items[0].folds.every((fold: any) => fold.learningCurve === undefined)).toBe(true);
    const { body } = await t.http.get(`/api/sweeps/${id}/trials?learningCurves=true`).expect(200);
    const fold1 = body.items[0].folds.find((fold: any) => fold.fold === 1);
    expect(fold1.learningCurve.epochs.length).toBeGreaterThan(1);
    expect(fold1.learningCurve.validation.every((v: number) => Number.isFinite(v))).toBe(true);
  });
});

describe('cancel', () => {
  it('aborts a long sweep: status cancelled, finished trials kept, nothing written afterwards', async () => {
    const id = await submit({
      name: 'long logistic gd',
      dataset: 'breast-cancer',
      model: 'logistic',
      penalties: ['l2', 'l1'],
      lambdas: { range: { min: 0.001, max: 1, count: 20 } },
      split: { kind: 'kfold', folds: 10 },
      solver: { kind: 'gd', learningRate: 0.1, epochs: 3000, tolerance: 1e-300 },
      concurrency: 2,
    });
    await waitUntil(t.http, id, (sweep) => sweep.progress.done >= 1);
    const { body: cancelled } = await t.http.post(`/api/sweeps/${id}/cancel`).expect(200);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);

    const foldRows = () =>
      queryDb<{ n: number; last: number | null }>(
        t.dbPath,
        'SELECT COUNT(*) AS n, MAX(f.id) AS last FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ?',
        id,
      )[0];
    const doneTasks = () =>
      queryDb<{ n: number }>(t.dbPath, "SELECT COUNT(*) AS n FROM task WHERE sweepId = ? AND status = 'done'", id)[0].n;
    const atCancel = { rows: foldRows(), tasks: doneTasks(), counts: tableCounts(t.dbPath) };
    expect(atCancel.tasks).toBe(cancelled.progress.done);
    expect(atCancel.rows.n).toBe(atCancel.tasks * 20); // every finished task's fold rows are kept

    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(foldRows()).toEqual(atCancel.rows);
    expect(doneTasks()).toBe(atCancel.tasks);
    expect(tableCounts(t.dbPath)).toEqual(atCancel.counts);
    const { body: after } = await t.http.get(`/api/sweeps/${id}`).expect(200);
    expect(after).toMatchObject({ status: 'cancelled', progress: cancelled.progress });
    expect(after.finishedAt).not.toBeNull();
    await t.http.get(`/api/sweeps/${id}/report`).expect(409);
    await t.http.post(`/api/sweeps/${id}/cancel`).expect(409);
  });
});

describe('server-sent events', () => {
  it('streams progress, trial results and completion, then ends; a late client gets the final status', async () => {
    const id = await submit(diabetesLassoConfig({ penalties: ['l1', 'l2'], lambdas: { auto: { count: 20 } } }));
    const url = await listen();
    const live = await readEventStream(`${url}/api/sweeps/${id}/events`);
    expect(live.status).toBe(200);
    const types = live.events.map((event) => event.type);
    expect(types.filter((type) => type === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(types).toContain('trial');
    expect(types[types.length - 1]).toBe('completed');
    expect(live.events[live.events.length - 1].data).toMatchObject({ status: 'succeeded' });
    const progress = live.events.filter((event) => event.type === 'progress').map((event) => event.data);
    // 2 curves × 11 tasks, and 11 more per step of the adaptive grid (on by default) the report lists.
    const { body: final } = await t.http.get(`/api/sweeps/${id}/report`).expect(200);
    const steps = final.penalties.reduce((sum: number, p: any) => sum + p.adaptive.added.length, 0);
    expect(progress[progress.length - 1]).toEqual({ done: 22 + 11 * steps, total: 22 + 11 * steps });
    const trial = live.events.find((event) => event.type === 'trial')!.data;
    expect(trial.trials).toHaveLength(20);

    const late = await readEventStream(`${url}/api/sweeps/${id}/events`);
    expect(late.events.map((event) => event.type)).toEqual(['progress', 'status', 'completed']);
    expect(late.events[2].data).toMatchObject({ status: 'succeeded' });
  });
});

/** The plain-HTTP SSE client needs the app listening on a real port (supertest alone binds per request). */
async function listen(): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return t.app.getUrl();
}

describe('invalid input', () => {
  const valid = diabetesLassoConfig();
  const cases: [string, unknown, string][] = [
    ['folds out of bounds', { ...valid, split: { kind: 'kfold', folds: 1 } }, 'split.folds'],
    ['an unknown field', { ...valid, colour: 'blue' }, 'colour'],
    ['an unknown dataset', { ...valid, dataset: 'no-such-dataset' }, 'dataset'],
    ['foldIds of the wrong length', { ...valid, split: { kind: 'foldIds', foldIds: [1, 2, 1, 2] } }, 'split.foldIds'],
    ['logistic on a regression target', { ...valid, model: 'logistic', metric: 'logloss' }, 'target'],
    ['a λ count of 0', { ...valid, lambdas: { auto: { count: 0 } } }, 'lambdas.auto.count'],
    ['a missing name', { ...valid, name: undefined }, 'name'],
  ];

  it.each(cases)('refuses %s with 400 naming the field, and stores nothing', async (_label, config, path) => {
    const before = tableCounts(t.dbPath);
    const { body } = await t.http
      .post('/api/sweeps')
      .send(config as object)
      .expect(400);
    expect(body).toMatchObject({ statusCode: 400, message: 'Invalid input' });
    expect(body.errors.map((error: any) => error.path)).toContain(path);
    for (const error of body.errors) expect(typeof error.message).toBe('string');
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('refuses a body that is not an object', async () => {
    const before = tableCounts(t.dbPath);
    await t.http.post('/api/sweeps').send([1, 2]).expect(400);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('validates query parameters with the same error shape', async () => {
    const big = await t.http.get('/api/sweeps').query({ pageSize: 5000 }).expect(400);
    expect(big.body.errors.map((error: any) => error.path)).toEqual(['pageSize']);
    const unknown = await t.http.get('/api/sweeps').query({ colour: 'blue' }).expect(400);
    expect(unknown.body.errors).toEqual([{ path: 'colour', message: 'is not a known field' }]);
    const { body: list } = await t.http.get('/api/sweeps').query({ pageSize: 1 }).expect(200);
    const id = list.items[0].id;
    const sort = await t.http.get(`/api/sweeps/${id}/trials`).query({ sort: 'coefficients' }).expect(400);
    expect(sort.body.errors[0].path).toBe('sort');
  });

  it('answers 404 for unknown ids', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await t.http.get(`/api/sweeps/${id}`).expect(404);
    await t.http.get(`/api/sweeps/${id}/trials`).expect(404);
    await t.http.get(`/api/sweeps/${id}/report`).expect(404);
    await t.http.get(`/api/sweeps/${id}/events`).expect(404);
    await t.http.post(`/api/sweeps/${id}/cancel`).expect(404);
    await t.http.get(`/api/datasets/${id}`).expect(404);
  });
});

describe('health and docs', () => {
  it('answers health with a database check and serves the OpenAPI document', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok', database: 'ok' });
    const { body } = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/sweeps', '/api/sweeps/{id}/trials', '/api/datasets']),
    );
  });
});
