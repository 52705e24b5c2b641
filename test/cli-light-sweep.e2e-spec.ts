/**
 * `regsweep sweep` on a SQLite file whose schema is current runs without Nest or TypeORM (light-sweep-session.ts).
 * The same tiny config through that path and through the Nest application (REGSWEEP_CLI_NEST=1), each on a fresh
 * file the CLI has migrated first (`regsweep datasets`), must print the same report and store the same rows: only
 * the ids the two files drew (sweep, dataset), the timestamps and the seconds in the title may differ. A file that
 * is not current yet takes the full path, which migrates it. Which path ran is read from the modules each process
 * loaded (a `--require` hook written here), not from the code under test. A tiny sweep runs inline (no worker
 * thread: the hook counts the threads started) and stores what the same sweep stores when run on a pool thread.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateSweepConfig } from '@regsweep/sweep';
import { taskKey } from '@regsweep/sweep/plan';
import { openLightSweepSession } from '../apps/server/src/sweeps/light-sweep-session';
import { queryDb } from './helpers/test-app';

jest.setTimeout(180_000);

const BIN = resolve(__dirname, '..', 'bin', 'regsweep.js');
const TINY = {
  name: 'tiny',
  dataset: 'seed-linear',
  model: 'linear',
  penalties: ['l1'],
  lambdas: { auto: { count: 5 } },
  split: { kind: 'kfold', folds: 2, shuffle: true, seed: 1 },
  metric: 'mse',
};
/**
 * Written to the temporary folder: at exit, whether the process loaded TypeORM and Nest's core, and how many worker
 * threads it started (worker_threads.Worker wrapped before Piscina reads it).
 */
const LOADED_HOOK = `const threads = require('node:worker_threads');
let started = 0;
const Worker = threads.Worker;
threads.Worker = class extends Worker { constructor(...args) { super(...args); started++; } };
process.on('exit', () => {
  const keys = Object.keys(require.cache);
  const loaded = (name) => keys.some((key) => key.includes('/node_modules/' + name + '/'));
  require('node:fs').writeFileSync(process.env.LOADED_REPORT, JSON.stringify({
    typeorm: loaded('typeorm'), nestCore: loaded('@nestjs/core'), modules: keys.length, threads: started,
  }));
});
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  loaded: { typeorm: boolean; nestCore: boolean; modules: number; threads: number };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-cli-light-'));
  writeFileSync(join(dir, 'loaded-hook.js'), LOADED_HOOK);
  writeFileSync(join(dir, 'tiny.json'), JSON.stringify(TINY));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function regsweep(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const report = join(dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.REGSWEEP_CLI_NEST; // the path each test asks for, whatever the shell says
  delete childEnv.REGSWEEP_DATABASE_URL; // the SQLite file of --db
  Object.assign(childEnv, env, { LOADED_REPORT: report });
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--require', join(dir, 'loaded-hook.js'), BIN, ...args],
      { cwd: dir, env: childEnv, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const loaded = JSON.parse(readFileSync(report, 'utf8')) as Run['loaded'];
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, loaded });
      },
    );
  });
}

/** A new file, migrated and holding the built-ins, as the CLI leaves it (through the full path: it is new). */
async function migratedFile(name: string): Promise<string> {
  const db = join(dir, name);
  const { code, stderr } = await regsweep(['datasets', '--db', db]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return db;
}

/**
 * Every row a sweep owns (sweep, sweep_penalty, task, trial, fold_result) as JSON text, with the file's sweep and
 * dataset ids replaced by placeholders and the timestamps left out. Row ids stay (both files are fresh), but fold
 * results are compared by trial and fold, not by row id; with `concurrency: false` without that column. Task and
 * trial keys are hashes that include the sweep id (libs/sweep/src/plan/keys.ts): the task keys are checked against
 * it, then both kinds replaced.
 */
function storedRows(db: string, options: { concurrency?: boolean } = {}): string {
  const [sweep] = queryDb<{ id: string; datasetId: string }>(db, 'SELECT id, datasetId FROM sweep');
  const keyed = <T extends { key: string }>(row: T) => ({ ...row, key: '<key of the sweep id>' });
  const tasks = queryDb<{ key: string; curve: number; fold: number }>(db, 'SELECT * FROM task ORDER BY id');
  for (const task of tasks) expect(task.key).toBe(taskKey(sweep.id, task.curve, task.fold));
  const rows = {
    sweep: queryDb(db, 'SELECT * FROM sweep').map(({ createdAt, startedAt, finishedAt, concurrency, ...rest }) => ({
      ...rest,
      ...(options.concurrency === false ? {} : { concurrency }),
      createdAt: typeof createdAt,
      startedAt: typeof startedAt,
      finishedAt: typeof finishedAt,
    })),
    sweep_penalty: queryDb(db, 'SELECT * FROM sweep_penalty ORDER BY penalty'),
    task: tasks.map(keyed),
    trial: queryDb<{ key: string }>(db, 'SELECT * FROM trial ORDER BY id').map(keyed),
    // By trial and fold, without the row id: the tasks' rows are written in time slices (in-time-slices.ts), so
    // under load two tasks' writes interleave differently from run to run.
    fold_result: queryDb<{ id: number }>(db, 'SELECT * FROM fold_result ORDER BY trialId, fold').map(
      ({ id: _id, ...rest }) => rest,
    ),
  };
  return withoutIds(JSON.stringify(rows), sweep);
}

function withoutIds(text: string, ids: { id: string; datasetId: string }): string {
  return text.replaceAll(ids.id, '<sweep id>').replaceAll(ids.datasetId, '<dataset id>');
}

/** The printed table with the sweep id and the seconds of its title (finishedAt − startedAt) replaced. */
function printedTable(stdout: string, db: string): string {
  const [ids] = queryDb<{ id: string; datasetId: string }>(db, 'SELECT id, datasetId FROM sweep');
  return withoutIds(stdout, ids).replace(/ tasks in \d+\.\d s,/, ' tasks in <seconds> s,');
}

describe('regsweep sweep on a current SQLite file', () => {
  it('prints and stores exactly what the Nest path does, without loading TypeORM or Nest', async () => {
    const [light, nest] = [await migratedFile('light.sqlite'), await migratedFile('nest.sqlite')];
    const lightRun = await regsweep(['sweep', 'tiny.json', '--db', light]);
    const nestRun = await regsweep(['sweep', 'tiny.json', '--db', nest], { REGSWEEP_CLI_NEST: '1' });

    expect([lightRun.code, lightRun.stderr, nestRun.code, nestRun.stderr]).toEqual([0, '', 0, '']);
    expect(lightRun.loaded).toMatchObject({ typeorm: false, nestCore: false });
    expect(nestRun.loaded).toMatchObject({ typeorm: true, nestCore: true });
    expect(lightRun.loaded.modules).toBeLessThan(nestRun.loaded.modules);

    expect(printedTable(lightRun.stdout, light)).toBe(printedTable(nestRun.stdout, nest));
    expect(printedTable(lightRun.stdout, light)).toContain('Sweep "tiny" (<sweep id>): 6 tasks in <seconds> s');
    const lightRows = storedRows(light);
    expect(lightRows).toBe(storedRows(nest));
    expect(JSON.parse(lightRows)).toMatchObject({ sweep: [{ status: 'succeeded', progressDone: 6 }] });
  });

  it('prints the same JSON report both ways', async () => {
    const [light, nest] = [await migratedFile('light-json.sqlite'), await migratedFile('nest-json.sqlite')];
    const lightRun = await regsweep(['sweep', 'tiny.json', '--json', '--db', light]);
    const nestRun = await regsweep(['sweep', 'tiny.json', '--json', '--db', nest], { REGSWEEP_CLI_NEST: '1' });
    expect([lightRun.code, nestRun.code, lightRun.loaded.typeorm, nestRun.loaded.typeorm]).toEqual([0, 0, false, true]);
    expect(printedTable(lightRun.stdout, light)).toBe(printedTable(nestRun.stdout, nest));
  });

  it('runs a tiny sweep inline, with no worker thread, storing the rows a pool thread stores', async () => {
    const [inline, pooled] = [await migratedFile('inline.sqlite'), await migratedFile('pooled.sqlite')];
    const inlineRun = await regsweep(['sweep', 'tiny.json', '--db', inline]);
    expect([inlineRun.code, inlineRun.stderr, inlineRun.loaded.threads]).toEqual([0, '', 0]);
    expect(inlineRun.stdout).toMatch(/^Threads: 0 \(estimated [0-9.e+]+ multiply-adds < 3\.0e\+7: inline, .+\)$/m);

    // The same services on the same kind of file, as a server runs them: no inline, so the pool's thread fits.
    const session = await openLightSweepSession({
      dbPath: pooled,
      dashboard: false,
      scheduler: false,
      resumeSweeps: false,
    });
    try {
      await (
        await session!.sweeps.submit(validateSweepConfig({ ...TINY }))
      ).finished;
    } finally {
      await session!.close();
    }
    const concurrency = (db: string) => JSON.parse(queryDb<{ c: string }>(db, 'SELECT concurrency c FROM sweep')[0].c);
    expect(concurrency(inline)).toMatchObject({ threads: 0 });
    expect(concurrency(pooled)).toMatchObject({ threads: 1 });
    expect(storedRows(inline, { concurrency: false })).toBe(storedRows(pooled, { concurrency: false }));
  });

  it('migrates a file that is not current through the full path, then sweeps on it', async () => {
    const fresh = join(dir, 'fresh.sqlite');
    const run = await regsweep(['sweep', 'tiny.json', '--db', fresh]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.loaded).toMatchObject({ typeorm: true, nestCore: true });
    expect(queryDb(fresh, 'SELECT status, progressDone FROM sweep')).toEqual([
      { status: 'succeeded', progressDone: 6 },
    ]);
  });
});
