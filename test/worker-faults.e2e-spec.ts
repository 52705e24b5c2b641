/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * Fault isolation on real worker threads: faults injected for real by a worker file that wraps the real one
 * (helpers/faulty-fold-task.worker.ts): the worker throws, calls process.exit, allocates until its heap limit, or
 * spins past the time limit. Each sweep
 * finishes with the failed trials stored with their reason, transient faults retried a bounded number of times
 * (visible in task.attempts), and a later sweep on the same pool works. Numerical faults (diverging gd, cd out of
 * iterations) are stored as such, and no NaN or Infinity reaches SQLite.
 */
import type { FaultRule } from './helpers/fault-injection';
import { faultyWorkerFile } from './helpers/faulty-worker';
import { queryDb, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(120_000);

/** 1 curve (l2, 3 λ) × (3 folds + the full-data path) = 4 tasks on a 100-row dataset: well under a second. */
function smallSweep(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    dataset: 'seed-linear',
    model: 'linear',
    penalties: ['l2'],
    lambdas: { values: [1, 0.1, 0.01] },
    split: { kind: 'kfold', folds: 3, seed: 1 },
    ...extra,
  };
}

const FAULTS: FaultRule[] = [
  { sweepName: 'fault-throw', kind: 'throw', fold: 0 },
  { sweepName: 'fault-exit', kind: 'exit', fold: 1 },
  { sweepName: 'fault-exit', kind: 'exit', fold: 3, attempts: 1 }, // transient: the retry succeeds
  { sweepName: 'fault-oom', kind: 'oom', fold: 2 },
  { sweepName: 'fault-timeout', kind: 'hang', fold: 3 },
];
const MAX_ATTEMPTS = 3;

const t = useTestApp({
  app: { poolSize: 2, workerMemoryLimitMb: 64, maxTaskAttempts: MAX_ATTEMPTS, workerFile: faultyWorkerFile(FAULTS) },
});

async function run(config: object): Promise<{ id: string; sweep: any; report: any }> {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id);
  const report =
    sweep.status === 'succeeded' ? (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body : null;
  return { id: body.id, sweep, report };
}

function tasksOf(sweepId: string) {
  return queryDb<{ fold: number; status: string; attempts: number; error: string | null }>(
    t.dbPath,
    'SELECT fold, status, attempts, error FROM task WHERE sweepId = ? ORDER BY fold',
    sweepId,
  );
}

/** The fold rows of one fold, and the trials, as stored. */
function foldRows(sweepId: string, fold: number) {
  return queryDb<any>(
    t.dbPath,
    'SELECT f.status, f.reason, f.train, f.validation FROM fold_result f JOIN trial t ON t.id = f.trialId ' +
      'WHERE t.sweepId = ? AND f.fold = ?',
    sweepId,
    fold,
  );
}

function trialsOf(sweepId: string) {
  return queryDb<any>(t.dbPath, 'SELECT status, reason FROM trial WHERE sweepId = ? ORDER BY lambdaIndex', sweepId);
}

/**
 * One injected fault on `fold`: the sweep succeeds, the task is failed after `attempts` starts with `reason`, its
 * trials have failed fold rows with no metric, and the report lists the failure and warns.
 */
async function expectIsolatedFailure(name: string, fold: number, attempts: number, reason: RegExp, extra = {}) {
  const { id, sweep, report } = await run(smallSweep(name, extra));
  expect(sweep).toMatchObject({ status: 'succeeded', error: null, progress: { done: 4, total: 4 } });

  const failed = tasksOf(id).filter((task) => task.status === 'failed');
  expect(failed).toEqual([{ fold, status: 'failed', attempts, error: expect.stringMatching(reason) }]);
  for (const task of tasksOf(id)) if (task.fold !== fold) expect(task.status).toBe('done');

  const rows = foldRows(id, fold);
  expect(rows).toHaveLength(3);
  for (const row of rows) {
    expect(row).toMatchObject({ status: 'failed', train: null, validation: null });
    expect(row.reason).toMatch(reason);
  }
  for (const trial of trialsOf(id)) {
    expect(trial.status).toBe('failed');
    expect(trial.reason).toMatch(reason);
  }

  expect(report.failures).toEqual([
    { penalty: 'l2', l1Ratio: 0, fold, attempts, reason: expect.stringMatching(reason) },
  ]);
  expect(report.warnings.join('\n')).toContain(`after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}`);
  return { id, report };
}

describe('worker faults, injected for real', () => {
  it('a task that throws fails at once (not retried); the sweep finishes', async () => {
    const { report } = await expectIsolatedFailure('fault-throw', 0, 1, /the task threw: injected fault/);
    // The full-data path failed: there are no coefficients to report, and the report says so.
    expect(report.best).toBeNull();
    expect(report.penalties[0].curve).toHaveLength(3);
  });

  it('a worker that calls process.exit is replaced; the task is retried up to the limit, then failed', async () => {
    const { id, report } = await expectIsolatedFailure(
      'fault-exit',
      1,
      MAX_ATTEMPTS,
      /worker thread exited with code 1/,
    );
    // Fold 3 exited only on its first start: retried once, then done.
    expect(tasksOf(id).find((task) => task.fold === 3)).toMatchObject({ status: 'done', attempts: 2 });
    expect(report.best).not.toBeNull();
  });

  it('a worker that runs out of memory (resourceLimits) is replaced; retried, then failed', async () => {
    await expectIsolatedFailure('fault-oom', 2, MAX_ATTEMPTS, /ran out of memory \(limit 64 MB\)/);
  });

  it('a task past its time limit (taskTimeoutSeconds) is stopped; retried, then failed', async () => {
    const startedAt = Date.now();
    await expectIsolatedFailure('fault-timeout', 3, MAX_ATTEMPTS, /past its time limit of 0\.4 s/, {
      taskTimeoutSeconds: 0.4,
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(MAX_ATTEMPTS * 400);
  });

  it('after all that, a sweep on the same pool runs clean', async () => {
    const { sweep, report } = await run(smallSweep('after-faults', { penalties: ['l1', 'l2'] }));
    expect(sweep.status).toBe('succeeded');
    expect(report.failures).toEqual([]);
    expect(report.best).not.toBeNull();
    for (const task of tasksOf(sweep.id)) expect(task).toMatchObject({ status: 'done', attempts: 1 });
  });
});

describe('numerical faults', () => {
  let diverging: { id: string; report: any };
  let exploding: { id: string; report: any };
  let notConverged: { id: string; report: any };

  beforeAll(async () => {
    // A step of 1.5 on standardized diabetes overshoots for the larger λ (the L2 term alone needs η·λ < 2).
    diverging = await run(
      smallSweep('diverging-gd', {
        dataset: 'diabetes',
        penalties: ['l2', 'elasticnet'],
        lambdas: { values: [10, 1, 0.01] },
        solver: { kind: 'gd', learningRate: 1.5, epochs: 200 },
      }),
    );
    // A step of 10^307 overflows at once: the loss and the coefficients become Infinity/NaN.
    exploding = await run(
      smallSweep('exploding-gd', {
        dataset: 'diabetes',
        penalties: ['none', 'l1'],
        lambdas: { values: [1, 0.1] },
        solver: { kind: 'gd', learningRate: 1e307, epochs: 500 },
      }),
    );
    notConverged = await run(
      smallSweep('cd-one-pass', {
        dataset: 'breast-cancer',
        model: 'logistic',
        penalties: ['l1'],
        lambdas: { values: [0.001] }, // one λ: the path cannot stop before a later one
        solver: { kind: 'cd', tolerance: 1e-12, maxIterations: 1 },
      }),
    );
  });

  it('stores diverged gd fits as diverged with the reason, metrics NULL, and the report warns', () => {
    const trials = queryDb<any>(t.dbPath, 'SELECT status, reason FROM trial WHERE sweepId = ?', diverging.id);
    const diverged = trials.filter((trial) => trial.status === 'diverged');
    expect(diverged.length).toBeGreaterThan(0);
    for (const trial of diverged)
      expect(trial.reason).toMatch(/loss (grew above|became non-finite).*learning rate 1\.5/);
    const [folds] = queryDb<any>(
      t.dbPath,
      "SELECT COUNT(*) AS n, SUM(f.train IS NULL AND f.validation IS NULL) AS empty FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = ? AND f.status = 'diverged'",
      diverging.id,
    );
    expect(folds.n).toBeGreaterThan(0);
    expect(folds.empty).toBe(folds.n);
    expect(diverging.report.warnings.join('\n')).toMatch(/fits diverged/);
  });

  it('stores fits whose loss overflowed as diverged (non-finite), and the sweep still ends', () => {
    expect(exploding.report.best).toBeNull();
    expect(exploding.report.warnings.join('\n')).toMatch(/no λ has a finite validation score/);
    const trials = queryDb<any>(
      t.dbPath,
      'SELECT status, reason, intercept FROM trial WHERE sweepId = ?',
      exploding.id,
    );
    expect(trials.length).toBe(3);
    for (const trial of trials) {
      expect(trial.status).toBe('diverged');
      expect(trial.reason).toMatch(/became non-finite/);
    }
  });

  it('stores cd fits out of iterations as not_converged with the reason, and the report warns', () => {
    const trials = queryDb<any>(t.dbPath, 'SELECT status, reason FROM trial WHERE sweepId = ?', notConverged.id);
    expect(trials.length).toBe(1);
    for (const trial of trials) {
      expect(trial.status).toBe('not_converged');
      expect(trial.reason).toEqual(expect.any(String));
    }
    expect(notConverged.report.warnings.join('\n')).toMatch(/did not converge/);
  });

  it('no NaN or Infinity anywhere in the SQLite file: every number finite, every JSON text free of them', () => {
    const tables = queryDb<{ name: string }>(
      t.dbPath,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    ).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['trial', 'fold_result', 'sweep', 'task']));
    let numbers = 0;
    const bad: string[] = [];
    for (const table of tables) {
      for (const row of queryDb<Record<string, unknown>>(t.dbPath, `SELECT * FROM "${table}"`)) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'number') {
            numbers++;
            if (!Number.isFinite(value)) bad.push(`${table}.${column} = ${value}`);
          } else if (typeof value === 'string') {
            if (/^-?(NaN|Infinity)$/.test(value)) bad.push(`${table}.${column} = "${value}"`);
            // JSON (reports, coefficients, learning curves) must parse: a bare NaN or Infinity token would not.
            if (/^[[{]/.test(value) && !parses(value))
              bad.push(`${table}.${column}: invalid JSON ${value.slice(0, 80)}`);
          }
        }
      }
    }
    expect(numbers).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
