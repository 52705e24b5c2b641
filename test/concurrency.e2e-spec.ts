/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * Concurrency on one server: several sweeps at once, a schedule firing every second, CSV uploads (TypeORM writes)
 * and dashboard reads (list, one, trials, report, health) all together. No request fails (no "database is locked",
 * no 500), no write is lost (every sweep has exactly its trials, fold rows and done tasks), every sweep succeeds, and
 * a sweep run alongside the others reports the same numbers as when it runs alone.
 */
import { uploadCsv, queryDb, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(120_000);

/** `curves` × `lambdas` trials, each on `folds` + 1 folds (the full-data path is fold 0). */
interface Shape {
  config: Record<string, unknown>;
  curves: number;
  lambdas: number;
  folds: number;
}

function sweep(
  name: string,
  dataset: string,
  model: string,
  penalties: string[],
  lambdas: number[],
  folds: number,
  extra = {},
): Shape {
  return {
    config: {
      name,
      dataset,
      model,
      penalties,
      lambdas: { values: lambdas },
      split: { kind: 'kfold', folds, seed: 5 },
      ...extra,
    },
    curves: penalties.length,
    lambdas: lambdas.length,
    folds,
  };
}

/** `count` log-spaced values from 10 down to 10^-4. */
const grid = (count: number) => Array.from({ length: count }, (_, i) => 10 * 10 ** ((-5 * i) / (count - 1)));

/** ~3 s of work together on 2 threads, from 22 tasks of gradient descent to 4 tiny ones. */
const SWEEPS: Shape[] = [
  sweep('diabetes-cd', 'diabetes', 'linear', ['l1', 'l2', 'elasticnet'], grid(100), 10),
  sweep('diabetes-gd', 'diabetes', 'linear', ['l1', 'l2'], grid(10), 10, {
    solver: { kind: 'gd', learningRate: 0.1, epochs: 400, tolerance: 1e-15 },
  }),
  sweep('cancer-logistic', 'breast-cancer', 'logistic', ['l1', 'l2'], grid(30), 5),
  sweep('seed-l2', 'seed-linear', 'linear', ['l1', 'l2'], [1, 0.1], 4, { concurrency: 1 }),
];
const SCHEDULED = sweep('scheduled-seed', 'seed-linear', 'linear', ['l1'], [1, 0.1, 0.01], 3);

const t = useTestApp();

/** Dashboard traffic until `stop` resolves: every answer's status is recorded. */
async function readLoop(sweepIds: string[], stop: Promise<void>, statuses: Map<string, number>): Promise<number> {
  let done = false;
  void stop.then(() => (done = true));
  let requests = 0;
  const record = (path: string, status: number) => {
    requests++;
    if (status !== 200 && status !== 409)
      statuses.set(`${path} → ${status}`, (statuses.get(`${path} → ${status}`) ?? 0) + 1);
  };
  while (!done) {
    for (const id of sweepIds) {
      const paths = [
        '/api/sweeps?pageSize=100',
        `/api/sweeps/${id}`,
        `/api/sweeps/${id}/trials?pageSize=100&sort=validationMean`,
        `/api/sweeps/${id}/report`, // 409 until the sweep has succeeded
        '/api/health',
      ];
      const answers = await Promise.all(paths.map((path) => t.http.get(path)));
      answers.forEach((answer, i) => record(paths[i], answer.status));
    }
  }
  return requests;
}

async function upload(name: string, index: number): Promise<number> {
  const rows = Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 11},${2 * i + index}`).join('\n');
  const response = await uploadCsv(t.http, {
    name,
    target: 'y',
    csv: `a,b,y\n${rows}\n`,
    fileName: `${name}.csv`,
  });
  return response.status;
}

function expectComplete(sweepId: string, shape: Shape): void {
  const trials = shape.curves * shape.lambdas;
  const [counts] = queryDb<any>(
    t.dbPath,
    'SELECT (SELECT COUNT(*) FROM trial WHERE sweepId = $id) AS trials, ' +
      "(SELECT COUNT(*) FROM trial WHERE sweepId = $id AND status = 'pending') AS pending, " +
      '(SELECT COUNT(*) FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = $id) AS folds, ' +
      '(SELECT COUNT(*) FROM trial WHERE sweepId = $id AND validationMean IS NULL) AS withoutMean, ' +
      "(SELECT COUNT(*) FROM task WHERE sweepId = $id AND status = 'done' AND attempts = 1) AS tasksDone, " +
      '(SELECT COUNT(*) FROM task WHERE sweepId = $id) AS tasks, ' +
      '(SELECT progressDone FROM sweep WHERE id = $id) AS progressDone',
    { id: sweepId },
  );
  const tasks = shape.curves * (shape.folds + 1);
  expect({ sweep: shape.config.name, ...counts }).toEqual({
    sweep: shape.config.name,
    trials,
    pending: 0,
    folds: trials * (shape.folds + 1),
    withoutMean: 0,
    tasksDone: tasks,
    tasks,
    progressDone: tasks,
  });
}

function numbersOf(report: any): unknown {
  const { sweepId: _sweepId, ...rest } = report;
  return rest;
}

describe('sweeps, a schedule, uploads and dashboard reads at once', () => {
  it('loses no write, fails no request, and every sweep succeeds with its full counts', async () => {
    const { body: schedule } = await t.http
      .post('/api/schedules')
      .send({ name: 'every second', cron: '* * * * * *', overlap: 'queue', sweep: SCHEDULED.config })
      .expect(201);
    const submitted = await Promise.all(
      SWEEPS.map((shape) => t.http.post('/api/sweeps').send(shape.config).expect(202)),
    );
    const ids = submitted.map((response) => response.body.id as string);

    const failures = new Map<string, number>();
    const allDone = Promise.all(ids.map((id) => waitForSweep(t.http, id))).then(() => undefined);
    const [requests, uploads] = await Promise.all([
      readLoop(ids, allDone, failures),
      Promise.all([upload('concurrent-a', 1), upload('concurrent-b', 2), upload('concurrent-a', 3)]),
      allDone,
    ]);
    await t.http.patch(`/api/schedules/${schedule.id}`).send({ enabled: false }).expect(200);

    expect(failures).toEqual(new Map());
    expect(requests).toBeGreaterThan(50);
    expect(uploads).toEqual([201, 201, 201]);
    expect(
      queryDb<any>(t.dbPath, "SELECT name, version FROM dataset WHERE name LIKE 'concurrent-%' ORDER BY name, version"),
    ).toEqual([
      { name: 'concurrent-a', version: 1 },
      { name: 'concurrent-a', version: 2 },
      { name: 'concurrent-b', version: 1 },
    ]);

    for (const [i, id] of ids.entries()) {
      const final = await waitForSweep(t.http, id);
      expect({ name: final.name, status: final.status, error: final.error }).toEqual({
        name: SWEEPS[i].config.name,
        status: 'succeeded',
        error: null,
      });
      expectComplete(id, SWEEPS[i]);
    }

    // The schedule's runs (queued behind each other) all finish and are complete too.
    const { body: runs } = await t.http.get(`/api/schedules/${schedule.id}/runs`).expect(200);
    expect(runs.items.length).toBeGreaterThanOrEqual(1);
    for (const run of runs.items) {
      expect((await waitForSweep(t.http, run.sweepId)).status).toBe('succeeded');
      expectComplete(run.sweepId, SCHEDULED);
    }

    // The busiest sweep, run again alone, gives the same numbers.
    const { body: alone } = await t.http.post('/api/sweeps').send(SWEEPS[0].config).expect(202);
    await waitForSweep(t.http, alone.id);
    const [together, solo] = await Promise.all(
      [ids[0], alone.id].map((id) => t.http.get(`/api/sweeps/${id}/report`).expect(200)),
    );
    expect(numbersOf(together.body)).toEqual(numbersOf(solo.body));
  });
});
