/**
 * A tracking-sized SQLite database for the API read benchmarks (jobs/api-read-jobs.ts): the real migrations' schema
 * (a TypeORM DataSource runs them), then raw inserts of `sweeps` finished sweeps of two 50-λ curves (l1, l2) each,
 * with a report (a row of sweep_report), a best model and a trial row per λ as the runner stores them (coefficients
 * included). Fold rows are left out: neither the sweeps list nor a comparison reads them.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { validateSweepConfig } from '@regsweep/sweep';
import { dataSourceOptions } from '../../apps/server/src/database/data-source-options';

/** better-sqlite3 ships no type declarations; the little of it the seeding uses. */
interface SqliteDb {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  pragma(source: string): unknown;
  transaction(work: () => void): () => void;
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => SqliteDb;

const FEATURES = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'];
const LAMBDAS_PER_CURVE = 50;
const PENALTIES = ['l1', 'l2'] as const;
export const TRIALS_PER_SWEEP = LAMBDAS_PER_CURVE * PENALTIES.length;
/** Sweeps per write transaction. */
const BATCH = 500;

/** TypeORM's SQLite datetime text (UTC). */
const sqliteDate = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

/** λ_j = 100 · 10^(−4j/49): 100 down to 0.01. A U-shaped validation curve with its minimum near λ = 1. */
function curvePoint(sweep: number, curve: number, j: number) {
  const lambda = 100 * 10 ** ((-4 * j) / (LAMBDAS_PER_CURVE - 1));
  const validation = 2900 + 40 * Math.log10(lambda) ** 2 + (sweep % 17) + curve * 5;
  return { lambda, validation, sd: 120 + (j % 7), train: validation - 200 + j, nonzeros: Math.min(10, 1 + (j >> 2)) };
}

const coefficients = (j: number) =>
  JSON.stringify(Object.fromEntries(FEATURES.map((name, k) => [name, k <= j ? 10.5 * (k + 1) - j : 0])));

function report(id: string, sweep: number) {
  const penalties = PENALTIES.map((penalty, curve) => {
    const points = Array.from({ length: LAMBDAS_PER_CURVE }, (_, j) => curvePoint(sweep, curve, j));
    return {
      penalty,
      l1Ratio: penalty === 'l1' ? 1 : 0,
      lambdaMin: points[25].lambda,
      lambda1se: points[20].lambda,
      curve: points.map((p) => ({
        lambda: p.lambda,
        train: p.train,
        validation: p.validation,
        validationSd: p.sd,
        gap: p.validation - p.train,
        nonzeros: p.nonzeros,
      })),
      overfitting: { verdict: 'no overfitting within the grid', gapAtLambdaMin: 200, edge: 'none' },
    };
  });
  const chosen = curvePoint(sweep, 0, 20);
  const best = {
    penalty: 'l1',
    l1Ratio: 1,
    lambda: chosen.lambda,
    validation: { mean: chosen.validation, sd: chosen.sd },
    train: { mean: chosen.train },
    gap: chosen.validation - chosen.train,
    nonzeros: chosen.nonzeros,
    intercept: 152.1,
    coefficients: JSON.parse(coefficients(20)) as Record<string, number>,
    test: { mse: chosen.validation * 1.05 },
  };
  return {
    best,
    report: { sweepId: id, metric: 'mse', selection: '1se', best, penalties, comparison: [], warnings: [] },
  };
}

/** A third of the sweeps are tagged `baseline`, a seventh `paper`: the list bench filters on both (OR). */
export function tagsOf(i: number): string[] {
  return [...(i % 3 === 0 ? ['baseline'] : []), ...(i % 7 === 0 ? ['paper'] : [])];
}

/** Seeds `dbPath` (created, migrated) with `sweeps` sweeps; answers their ids in creation order. */
export async function seedTrackingDb(dbPath: string, sweeps: number): Promise<string[]> {
  const migrated = new DataSource(dataSourceOptions(dbPath));
  await migrated.initialize();
  await migrated.destroy();

  const db = new Database(dbPath);
  db.pragma('synchronous = OFF'); // this connection only: a crash while seeding just means seeding again
  const datasetId = randomUUID();
  db.prepare(
    'INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) ' +
      "VALUES (?, 'diabetes-bench', 1, 'y', 'regression', 442, ?, 0, 'bench', ?)",
  ).run(datasetId, JSON.stringify(FEATURES), sqliteDate(new Date('2026-01-01T00:00:00Z')));
  const insertSweep = db.prepare(
    'INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, progressDone, progressTotal, error, ' +
      'createdAt, startedAt, finishedAt, best, datasetChecksum, regsweepVersion, model, bestValidation, tags) ' +
      "VALUES (?, ?, ?, 1, ?, ?, 22, 22, ?, ?, ?, ?, ?, ?, ?, 'linear', ?, ?)",
  );
  const insertReport = db.prepare('INSERT INTO sweep_report (sweepId, report) VALUES (?, ?)');
  // What the list's tag and penalty filters read (the store writes them with the sweep; store/sweep-filter-sql.ts).
  const insertTag = db.prepare('INSERT INTO sweep_tag (sweepId, tag) VALUES (?, ?)');
  const insertPenalty = db.prepare('INSERT INTO sweep_penalty (sweepId, penalty) VALUES (?, ?)');
  const insertTrial = db.prepare(
    'INSERT INTO trial (sweepId, key, curve, lambdaIndex, penalty, l1Ratio, lambda, status, trainMean, ' +
      "validationMean, validationSd, gap, nonzeros, intercept, coefficients, iterations, converged) VALUES (?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?, ?, ?, 152.1, ?, 12, 1)",
  );
  const ids: string[] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  const seedOne = (i: number) => {
    const id = randomUUID();
    ids.push(id);
    const failed = i % 10 === 9; // a tenth failed: the status filter has something to leave out
    const config = validateSweepConfig({
      name: `bench sweep ${i}`,
      dataset: 'diabetes-bench',
      model: 'linear',
      penalties: [...PENALTIES],
      lambdas: { auto: { count: LAMBDAS_PER_CURVE } },
      split: { kind: 'kfold', folds: i % 2 === 0 ? 10 : 5, shuffle: true, seed: i },
    });
    const created = new Date(start + i * 60_000);
    const finished = failed ? null : report(id, i);
    insertSweep.run(
      id,
      config.name,
      datasetId,
      JSON.stringify(config),
      failed ? 'failed' : 'succeeded',
      failed ? 'a worker died' : null,
      sqliteDate(created),
      sqliteDate(new Date(created.getTime() + 1000)),
      sqliteDate(new Date(created.getTime() + 30_000)),
      finished ? JSON.stringify(finished.best) : null,
      `sha256:${'0'.repeat(64)}`,
      '0.1.0',
      finished ? finished.best.validation.mean : null,
      JSON.stringify(tagsOf(i)),
    );
    if (finished) insertReport.run(id, JSON.stringify(finished.report));
    for (const tag of tagsOf(i)) insertTag.run(id, tag);
    for (const penalty of PENALTIES) insertPenalty.run(id, penalty);
    PENALTIES.forEach((penalty, curve) => {
      for (let j = 0; j < LAMBDAS_PER_CURVE; j++) {
        const p = curvePoint(i, curve, j);
        insertTrial.run(
          id,
          `${id}/${curve}/${j}`,
          curve,
          j,
          penalty,
          penalty === 'l1' ? 1 : 0,
          p.lambda,
          p.train,
          p.validation,
          p.sd,
          p.validation - p.train,
          p.nonzeros,
          coefficients(j % 10),
        );
      }
    });
  };
  for (let from = 0; from < sweeps; from += BATCH) {
    db.transaction(() => {
      for (let i = from; i < Math.min(sweeps, from + BATCH); i++) seedOne(i);
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return ids;
}
