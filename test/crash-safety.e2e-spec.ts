/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * Crash safety with a real server process (`node bin/regsweep.js serve`, the compiled CLI: `npm test` builds first):
 * SIGKILL mid-sweep then a restart resumes the sweep, keeps what was done, stores nothing twice and ends with the
 * report of an uninterrupted run; SIGTERM exits 0 promptly, leaves the sweep queued (not failed), and the next start
 * resumes it. A scheduled sweep resumes without its schedule firing again. A sweep whose conclusion killed the
 * process twice is failed with the reason at the next start, not concluded again (no crash loop).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { queryDb, startTestApp, waitForSweep, waitUntil } from './helpers/test-app';
import { freePort } from './helpers/free-port';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'bin', 'regsweep.js');

/** ~2 s on 2 threads: 3 curves × 20 λ, 10 folds + the full-data path = 33 tasks of plain gradient descent. */
const SWEEP = {
  name: 'crash-safety',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2', 'elasticnet'],
  lambdas: { range: { min: 0.01, max: 1, count: 20 } },
  split: { kind: 'kfold', folds: 10, seed: 3 },
  solver: { kind: 'gd', learningRate: 0.1, epochs: 200, tolerance: 1e-15 },
  concurrency: 2,
};
const TASKS = 3 * 11;
const TRIALS = 3 * 20;

/** A `regsweep serve` child process on a free loopback port. */
class Server {
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  static async start(dbPath: string): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', String(port)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new Server(child, `http://127.0.0.1:${port}`);
    await server.ready();
    return server;
  }

  async get(path: string): Promise<any> {
    const response = await fetch(this.url + path);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  }

  async submit(config: object): Promise<string> {
    const response = await fetch(this.url + '/api/sweeps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(config),
    });
    if (response.status !== 202) throw new Error(`POST /api/sweeps: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  }

  /** Polls the sweep until `predicate` holds. */
  async waitFor(id: string, predicate: (sweep: any) => boolean, timeoutMs = 60_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const sweep = await this.get(`/api/sweeps/${id}`);
      if (predicate(sweep)) return sweep;
      if (Date.now() > deadline) throw new Error(`sweep ${id}: condition not met (${sweep.status})\n${this.output}`);
      await sleep(25);
    }
  }

  /** Sends `signal` and waits for the exit; how long that took. */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const sentAt = Date.now();
    this.child.kill(signal);
    const exit = await this.exited;
    return { ...exit, ms: Date.now() - sentAt };
  }

  private async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        if ((await fetch(this.url + '/api/health')).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.output}`);
  }
}

let dir: string;
const running: Server[] = [];
let uninterruptedReport: any;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'regsweep-crash-'));
});
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) await server.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function start(dbPath: string): Promise<Server> {
  const server = await Server.start(dbPath);
  running.push(server);
  return server;
}

/** The report without what differs between two runs of the same config (the sweep id). */
function numbersOf(report: any): unknown {
  const { sweepId: _sweepId, ...rest } = report;
  return rest;
}

function tasksOf(dbPath: string, sweepId: string) {
  return queryDb<{ key: string; status: string; attempts: number }>(
    dbPath,
    'SELECT key, status, attempts FROM task WHERE sweepId = ? ORDER BY id',
    sweepId,
  );
}

/** Rows stored once: the expected counts, and no (trial, fold) or trial key twice. */
function expectStoredOnce(dbPath: string, sweepId: string): void {
  const [counts] = queryDb<{ trials: number; keys: number; folds: number; pairs: number; tasks: number }>(
    dbPath,
    'SELECT (SELECT COUNT(*) FROM trial WHERE sweepId = $id) AS trials, ' +
      '(SELECT COUNT(DISTINCT key) FROM trial WHERE sweepId = $id) AS keys, ' +
      '(SELECT COUNT(*) FROM fold_result f JOIN trial t ON t.id = f.trialId WHERE t.sweepId = $id) AS folds, ' +
      "(SELECT COUNT(DISTINCT f.trialId || ':' || f.fold) FROM fold_result f JOIN trial t ON t.id = f.trialId " +
      'WHERE t.sweepId = $id) AS pairs, ' +
      '(SELECT COUNT(*) FROM task WHERE sweepId = $id) AS tasks',
    { id: sweepId },
  );
  expect(counts).toEqual({ trials: TRIALS, keys: TRIALS, folds: TRIALS * 11, pairs: TRIALS * 11, tasks: TASKS });
}

/** A server on a new database file in `dir`, part-way through SWEEP: at least 4 of its tasks stored. */
async function startMidSweep(file: string): Promise<{ dbPath: string; first: Server; id: string }> {
  const dbPath = join(dir, file);
  const first = await start(dbPath);
  const id = await first.submit(SWEEP);
  await first.waitFor(id, (sweep) => sweep.progress.done >= 4);
  return { dbPath, first, id };
}

describe('a real server process stopped mid-sweep', () => {
  it('SIGKILL, restart: resumes from the stored progress, stores nothing twice, same report as an uninterrupted run', async () => {
    const { dbPath, first, id } = await startMidSweep('killed.sqlite');
    const killed = await first.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');

    // What the killed process left: a running sweep part-way, tasks done and few marked running: at most
    // `concurrency` on the pool, the one next in line whose start was marked ahead (task-scheduler.ts,
    // START_MARKS_AHEAD), and per pool slot the task that just left it, whose result write may not have committed
    // (the next task is sent before a result is written).
    const [left] = queryDb<any>(dbPath, 'SELECT status, progressDone, progressTotal FROM sweep WHERE id = ?', id);
    expect(left.status).toBe('running');
    expect(left.progressTotal).toBe(TASKS);
    expect(left.progressDone).toBeGreaterThanOrEqual(4);
    expect(left.progressDone).toBeLessThan(TASKS);
    const before = tasksOf(dbPath, id);
    const doneBefore = before.filter((task) => task.status === 'done').map((task) => task.key);
    const inFlight = before.filter((task) => task.status === 'running').map((task) => task.key);
    expect(doneBefore).toHaveLength(left.progressDone);
    expect(inFlight.length).toBeLessThanOrEqual(2 + 1 + 2);

    const second = await start(dbPath); // the same command again
    const resumed = await second.waitFor(id, (sweep) => sweep.status !== 'running' && sweep.status !== 'queued');
    expect(resumed).toMatchObject({ status: 'succeeded', error: null, progress: { done: TASKS, total: TASKS } });
    expectStoredOnce(dbPath, id);
    const after = new Map(tasksOf(dbPath, id).map((task) => [task.key, task]));
    for (const task of after.values()) expect(task.status).toBe('done');
    // Finished tasks did not run again; the ones the kill interrupted, and the one marked ahead, ran once more (their start is counted).
    for (const key of doneBefore) expect(after.get(key)!.attempts).toBe(1);
    for (const key of inFlight) expect(after.get(key)!.attempts).toBe(2);
    const report = await second.get(`/api/sweeps/${id}/report`);

    // The same config, uninterrupted, on the same server.
    const cleanId = await second.submit(SWEEP);
    await second.waitFor(cleanId, (sweep) => sweep.status === 'succeeded');
    uninterruptedReport = await second.get(`/api/sweeps/${cleanId}/report`);
    expect(numbersOf(report)).toEqual(numbersOf(uninterruptedReport));
    expect(report.best).not.toBeNull();
    expect(await second.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });

  it('SIGTERM: exits 0 promptly, the sweep is queued (not failed), and the next start resumes it', async () => {
    const { dbPath, first, id } = await startMidSweep('terminated.sqlite');
    const stopped = await first.stop('SIGTERM');
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(5000);

    const [left] = queryDb<any>(dbPath, 'SELECT status, error, progressDone FROM sweep WHERE id = ?', id);
    expect(left).toMatchObject({ status: 'queued', error: null });
    expect(left.progressDone).toBeLessThan(TASKS);
    const tasks = tasksOf(dbPath, id);
    expect(tasks.filter((task) => task.status === 'running')).toEqual([]);
    expect(tasks.filter((task) => task.status === 'done')).toHaveLength(left.progressDone);

    const second = await start(dbPath);
    const resumed = await second.waitFor(id, (sweep) => sweep.status !== 'running' && sweep.status !== 'queued');
    expect(resumed).toMatchObject({ status: 'succeeded', progress: { done: TASKS, total: TASKS } });
    expectStoredOnce(dbPath, id);
    // The attempts SIGTERM aborted were not the tasks' fault and are not counted.
    for (const task of tasksOf(dbPath, id)) expect(task).toMatchObject({ status: 'done', attempts: 1 });
    const report = await second.get(`/api/sweeps/${id}/report`);
    expect(uninterruptedReport).toBeDefined();
    expect(numbersOf(report)).toEqual(numbersOf(uninterruptedReport));
    expect(await second.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });
});

/** One write to the SQLite file, as a killed process would have left it (the server is stopped meanwhile). */
function writeDb(dbPath: string, sql: string, ...params: unknown[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as new (path: string) => {
    prepare(sql: string): { run(...params: unknown[]): unknown };
    close(): void;
  };
  const db = new Database(dbPath);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('a sweep whose conclusion kills the process', () => {
  /** What processes killed while concluding leave: every task done, the sweep running, its conclusion starts. */
  async function leftMidConclusion(dbPath: string, concludeAttempts: number): Promise<string> {
    const first = await start(dbPath);
    const id = await first.submit(SWEEP);
    await first.waitFor(id, (sweep) => sweep.status === 'succeeded');
    expect(await first.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
    writeDb(
      dbPath,
      "UPDATE sweep SET status = 'running', finishedAt = NULL, concludeAttempts = ? WHERE id = ?",
      concludeAttempts,
      id,
    );
    writeDb(dbPath, 'DELETE FROM sweep_report WHERE sweepId = ?', id);
    return id;
  }

  it('is failed with the reason at the next start instead of concluded again at every start (no crash loop)', async () => {
    const dbPath = join(dir, 'conclusion-loop.sqlite');
    const id = await leftMidConclusion(dbPath, 2);
    const second = await start(dbPath);
    const failed = await second.waitFor(id, (sweep) => sweep.status !== 'running' && sweep.status !== 'queued');
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/conclusion .* was started 2 times and never finished/);
    expect(await second.get('/api/health')).toMatchObject({ status: 'ok' });
    expect(await second.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });

    const third = await start(dbPath); // a failed sweep is not resumed
    expect(await third.get(`/api/sweeps/${id}`)).toMatchObject({ status: 'failed', error: failed.error });
    expect(queryDb<any>(dbPath, 'SELECT concludeAttempts FROM sweep WHERE id = ?', id)).toEqual([
      { concludeAttempts: 2 },
    ]);
    expect(await third.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });

  it('one interrupted conclusion is started again: the sweep resumes and succeeds', async () => {
    const dbPath = join(dir, 'conclusion-once.sqlite');
    const id = await leftMidConclusion(dbPath, 1);
    const second = await start(dbPath);
    const resumed = await second.waitFor(id, (sweep) => sweep.status !== 'running' && sweep.status !== 'queued');
    expect(resumed).toMatchObject({ status: 'succeeded', error: null });
    expect(numbersOf(await second.get(`/api/sweeps/${id}/report`))).toEqual(numbersOf(uninterruptedReport));
    expect(queryDb<any>(dbPath, 'SELECT concludeAttempts FROM sweep WHERE id = ?', id)).toEqual([
      { concludeAttempts: 2 },
    ]);
    expect(await second.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });
});

describe('a scheduled sweep stopped mid-run', () => {
  it('resumes on the next start from its own config and dataset, with the schedule paused', async () => {
    const appDir = mkdtempSync(join(tmpdir(), 'regsweep-crash-schedule-'));
    try {
      let t = await startTestApp({ dir: appDir });
      const { body: schedule } = await t.http
        .post('/api/schedules')
        .send({ name: 'every second', cron: '* * * * * *', sweep: SWEEP })
        .expect(201);
      const sweepId = await waitForScheduledSweep(t, schedule.id);
      await waitUntil(t.http, sweepId, (sweep) => sweep.progress.done >= 2);
      await t.http.patch(`/api/schedules/${schedule.id}`).send({ enabled: false }).expect(200);
      await t.close(); // graceful: the sweep goes back to queued
      expect(queryDb<any>(t.dbPath, 'SELECT status, scheduleId FROM sweep WHERE id = ?', sweepId)).toEqual([
        { status: 'queued', scheduleId: schedule.id },
      ]);

      t = await startTestApp({ dir: appDir });
      const resumed = await waitForSweep(t.http, sweepId);
      expect(resumed).toMatchObject({ status: 'succeeded', scheduleId: schedule.id });
      const { body: runs } = await t.http.get(`/api/schedules/${schedule.id}/runs`).expect(200);
      expect(runs.items).toEqual([expect.objectContaining({ sweepId, status: 'succeeded' })]);
      const { body: report } = await t.http.get(`/api/sweeps/${sweepId}/report`).expect(200);
      expect(numbersOf(report)).toEqual(numbersOf(uninterruptedReport));
      await t.close();
    } finally {
      rmSync(appDir, { recursive: true, force: true });
    }
  });
});

async function waitForScheduledSweep(t: Awaited<ReturnType<typeof startTestApp>>, scheduleId: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { body } = await t.http.get(`/api/schedules/${scheduleId}/runs`).expect(200);
    if (body.items.length > 0) return body.items[0].sweepId as string;
    if (Date.now() > deadline) throw new Error('the schedule started no sweep');
    await sleep(50);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
