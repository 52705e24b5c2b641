/**
 * Schedules on a real server: a temp SQLite file, the real worker pool, real cron jobs with a seconds field.
 * Waits are bounded polls of the API; the cron period is 2 s so a test needs only a few ticks.
 */
import type { INestApplication } from '@nestjs/common';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../apps/server/src/main';
import { freePort } from './helpers/free-port';
import { SMALL_LASSO_SWEEP, UNTIL_CANCELLED_SWEEP } from './helpers/sweep-configs';
import { uploadCsv } from './helpers/test-app';

const EVERY_2S = '*/2 * * * * *';
const PERIOD_MS = 2000;
/** A firing is on time when it is handled within this long after its cron tick. */
const ON_TIME_MS = 1500;

interface Firing {
  id: number;
  firedAt: string;
  outcome: 'started' | 'skipped' | 'queued' | 'failed';
  sweepId: string | null;
  reason: string | null;
}

let directory: string;
let dbPath: string;
let app: INestApplication | undefined;

async function start(): Promise<INestApplication> {
  app = await createApp({ dbPath, poolSize: 2, logger: ['error'] });
  await app.init();
  return app;
}

async function stop(): Promise<void> {
  await app?.close();
  app = undefined;
}

function api() {
  if (!app) throw new Error('no app');
  return request(app.getHttpServer());
}

async function createSchedule(body: object): Promise<string> {
  const response = await api().post('/api/schedules').send(body);
  expect(response.status).toBe(201);
  return response.body.id as string;
}

async function firings(id: string): Promise<Firing[]> {
  const response = await api().get(`/api/schedules/${id}/firings?pageSize=1000`);
  expect(response.status).toBe(200);
  return response.body.items as Firing[];
}

async function sweepsOf(scheduleId: string | null) {
  const response = await api().get('/api/sweeps?pageSize=1000');
  return (response.body.items as { id: string; scheduleId: string | null; status: string }[]).filter(
    (sweep) => sweep.scheduleId === scheduleId,
  );
}

/** Polls `read` until `done` holds; fails after `timeoutMs` with the last value. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await sleep(100);
    value = await read();
  }
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** How long after the latest tick of EVERY_2S (an even second) `date` lies. */
function lateness(date: string): number {
  return new Date(date).getTime() % PERIOD_MS;
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'regsweep-schedules-'));
  dbPath = join(directory, 'regsweep.sqlite');
});

afterEach(async () => {
  await stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('schedules on a real server', () => {
  it('fires on the cron ticks, and again after a restart without being re-created', async () => {
    await start();
    const id = await createSchedule({ name: 'every 2 s', cron: EVERY_2S, sweep: SMALL_LASSO_SWEEP });
    const listed = await api().get('/api/schedules');
    expect(listed.body).toMatchObject({ total: 1, page: 1, pageSize: 100 });
    const nextRunAt = new Date(listed.body.items[0].nextRunAt).getTime();
    expect(nextRunAt).toBeGreaterThan(Date.now() - 100);
    expect(nextRunAt).toBeLessThanOrEqual(Date.now() + PERIOD_MS);
    expect(nextRunAt % PERIOD_MS).toBe(0);

    const before = await waitFor(
      () => firings(id),
      (items) => items.filter((f) => f.outcome === 'started').length >= 3,
      20_000,
    );
    const ordered = [...before].reverse();
    for (const firing of ordered) {
      // On a loaded machine a run can outlast one period; the tick is then recorded as skipped (overlap: skip),
      // which is still a tick handled on time, not a missed one.
      if (firing.outcome === 'skipped') expect(firing.reason).toMatch(/previous run is still/);
      else expect(firing.outcome).toBe('started');
      expect(lateness(firing.firedAt)).toBeLessThan(ON_TIME_MS);
    }
    // Consecutive ticks, none missed: each firing is one period after the one before.
    for (let i = 1; i < ordered.length; i++) {
      const gap = new Date(ordered[i].firedAt).getTime() - new Date(ordered[i - 1].firedAt).getTime();
      expect(Math.round(gap / PERIOD_MS)).toBe(1);
    }
    const runs = await waitFor(
      () =>
        api()
          .get(`/api/schedules/${id}/runs`)
          .then((r) => r.body),
      (body) => body.items.length >= 3 && body.items.every((run: { status: string }) => run.status === 'succeeded'),
      10_000,
    );
    expect(runs.items[0]).toMatchObject({ datasetVersion: 1, best: { penalty: 'l1', l1Ratio: 1 } });
    expect(runs.items[0].best.lambda).toBeGreaterThan(0);
    const linked = await sweepsOf(id);
    expect(linked.length).toBeGreaterThanOrEqual(3);

    await stop();
    const restartedAt = Date.now();
    await start(); // same SQLite file, nothing re-created
    const after = await waitFor(
      () => firings(id),
      (items) => items.some((f) => new Date(f.firedAt).getTime() >= restartedAt),
      6_000,
    );
    const fresh = after.filter((f) => new Date(f.firedAt).getTime() >= restartedAt);
    expect(fresh[0].outcome).toBe('started');
    expect(lateness(fresh[0].firedAt)).toBeLessThan(ON_TIME_MS);
  });

  it('a paused schedule starts nothing; resume fires again; DELETE stops it and keeps its sweeps', async () => {
    await start();
    const id = await createSchedule({ name: 'paused', cron: EVERY_2S, enabled: false, sweep: SMALL_LASSO_SWEEP });
    expect((await api().get(`/api/schedules/${id}`)).body).toMatchObject({ enabled: false, nextRunAt: null });
    await sleep(2 * PERIOD_MS + 500);
    expect(await firings(id)).toHaveLength(0);
    expect(await sweepsOf(id)).toHaveLength(0);

    const resumed = await api().patch(`/api/schedules/${id}`).send({ enabled: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body.nextRunAt).not.toBeNull();
    await waitFor(
      () => firings(id),
      (items) => items.length >= 1,
      5_000,
    );
    await waitFor(
      () => sweepsOf(id),
      (sweeps) => sweeps.every((s) => s.status === 'succeeded'),
      10_000,
    );

    const removed = await api().delete(`/api/schedules/${id}`);
    expect(removed.status).toBe(204);
    const sweepsAtDelete = (await api().get('/api/sweeps?pageSize=1000')).body.total as number;
    await sleep(2 * PERIOD_MS + 500);
    expect((await api().get('/api/sweeps?pageSize=1000')).body.total).toBe(sweepsAtDelete); // nothing new
    expect((await api().get(`/api/schedules/${id}`)).status).toBe(404);
    expect((await api().get(`/api/schedules/${id}/runs`)).status).toBe(404);
    // Its sweeps stay, unlinked.
    expect(await sweepsOf(id)).toHaveLength(0);
    expect((await sweepsOf(null)).length).toBeGreaterThanOrEqual(1);
  });

  it('overlap skip: ticks while a slow sweep runs are recorded as skipped, and nothing else starts', async () => {
    await start();
    const id = await createSchedule({ name: 'slow', cron: EVERY_2S, overlap: 'skip', sweep: UNTIL_CANCELLED_SWEEP });
    const seen = await waitFor(
      () => firings(id),
      (items) => items.filter((f) => f.outcome === 'skipped').length >= 2,
      10_000,
    );
    await api().patch(`/api/schedules/${id}`).send({ enabled: false });
    const started = seen.filter((f) => f.outcome === 'started');
    expect(started).toHaveLength(1);
    for (const skipped of seen.filter((f) => f.outcome === 'skipped')) {
      expect(skipped.reason).toMatch(/previous run is still/);
      expect(skipped.sweepId).toBeNull();
      expect(lateness(skipped.firedAt)).toBeLessThan(ON_TIME_MS);
    }
    const runs = (await api().get(`/api/schedules/${id}/runs`)).body;
    expect(runs.total).toBe(1);
    expect(runs.skipped).toBeGreaterThanOrEqual(2);
    expect(runs.items[0]).toMatchObject({ sweepId: started[0].sweepId, status: 'running', best: null });

    const cancelled = await api().post(`/api/sweeps/${started[0].sweepId}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('overlap queue: one tick waits for the running sweep and starts when it ends', async () => {
    await start();
    const id = await createSchedule({ name: 'queued', cron: EVERY_2S, overlap: 'queue', sweep: UNTIL_CANCELLED_SWEEP });
    const seen = await waitFor(
      () => firings(id),
      (items) => items.some((f) => f.outcome === 'queued') && items.some((f) => f.outcome === 'skipped'),
      10_000,
    );
    const first = seen.find((f) => f.outcome === 'started') as Firing;
    const queued = seen.find((f) => f.outcome === 'queued') as Firing;
    expect(seen.find((f) => f.outcome === 'skipped')?.reason).toMatch(/already waiting/);

    // Ending the first run lets the queued tick start its own sweep.
    await api().post(`/api/sweeps/${first.sweepId}/cancel`).expect(200);
    const after = await waitFor(
      () => firings(id),
      (items) => items.find((f) => f.id === queued.id)?.outcome === 'started',
      5_000,
    );
    const second = after.find((f) => f.id === queued.id) as Firing;
    expect(second.sweepId).not.toBe(first.sweepId);
    const secondSweep = await api().get(`/api/sweeps/${second.sweepId}`);
    expect(secondSweep.body).toMatchObject({ scheduleId: id });
    expect(new Date(secondSweep.body.createdAt).getTime()).toBeGreaterThanOrEqual(
      new Date(queued.firedAt).getTime() + PERIOD_MS / 2,
    );
    await api().delete(`/api/schedules/${id}`).expect(204);
    await api().post(`/api/sweeps/${second.sweepId}/cancel`).expect(200);
  });

  it('a run after a new dataset version uses it, and the runs list shows both best λ with their drift', async () => {
    await start();
    const seedCsv = readFileSync(join(__dirname, '..', 'libs', 'datasets', 'data', 'seed_linear.csv'), 'utf8');
    const upload = (csv: string) => uploadCsv(api(), { name: 'drifting', target: 'y', csv, fileName: 'd.csv' });
    expect((await upload(seedCsv)).body).toMatchObject({ name: 'drifting', version: 1 });

    const id = await createSchedule({
      name: 'drift',
      cron: EVERY_2S,
      sweep: { ...SMALL_LASSO_SWEEP, dataset: 'drifting' },
    });
    type Run = {
      sweepId: string;
      status: string;
      datasetVersion: number;
      datasetId: string;
      best: { lambda: number } | null;
      lambdaDrift: number | null;
    };
    const runs = () =>
      api()
        .get(`/api/schedules/${id}/runs?pageSize=1000`)
        .then((r) => r.body.items as Run[]);
    await waitFor(runs, (items) => items.some((r) => r.status === 'succeeded' && r.datasetVersion === 1), 10_000);

    // Version 2: the same x, y with ten times the noise (so a larger λ is best).
    const [header, ...lines] = seedCsv.trim().split(/\r?\n/);
    const noisy = lines.map((line, i) => {
      const [x, y] = line.split(',').map(Number);
      return `${x},${y + 5 * Math.sin(7 * i)}`;
    });
    const v2 = await upload([header, ...noisy].join('\n'));
    expect(v2.body).toMatchObject({ name: 'drifting', version: 2 });

    const items = await waitFor(
      runs,
      (list) => list.some((r) => r.status === 'succeeded' && r.datasetVersion === 2),
      10_000,
    );
    await api().patch(`/api/schedules/${id}`).send({ enabled: false });

    const newestV2 = items.find((r) => r.status === 'succeeded' && r.datasetVersion === 2) as Run;
    expect(newestV2.datasetId).toBe(v2.body.id);
    // Newest first, so the run before newestV2 is further down the list.
    const index = items.indexOf(newestV2);
    const previous = items.slice(index + 1).find((r) => r.best !== null) as Run;
    expect(previous).toBeDefined();
    expect(newestV2.lambdaDrift).toBeCloseTo(Math.log10(newestV2.best!.lambda / previous.best!.lambda), 12);
    const v1Run = items.find((r) => r.datasetVersion === 1 && r.best !== null) as Run;
    expect(newestV2.best!.lambda).not.toBeCloseTo(v1Run.best!.lambda, 6);
    // The best λ shown is the one in the sweep's own report.
    const report = await api().get(`/api/sweeps/${newestV2.sweepId}/report`);
    expect(report.body.best.lambda).toBe(newestV2.best!.lambda);
    // The oldest run has nothing to drift from.
    expect(items[items.length - 1].lambdaDrift).toBeNull();
  });

  it('documents the schedule endpoints and the runs answer in the OpenAPI document', async () => {
    await start();
    const document = (await api().get('/api/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/schedules', '/api/schedules/{id}', '/api/schedules/{id}/runs']),
    );
    const schemaOf = (ref: { $ref: string }) => document.components.schemas[ref.$ref.split('/').pop() as string];
    const runs = schemaOf(
      document.paths['/api/schedules/{id}/runs'].get.responses['200'].content['application/json'].schema,
    );
    expect(Object.keys(runs.properties)).toEqual(expect.arrayContaining(['items', 'total', 'skipped']));
    expect(Object.keys(schemaOf(runs.properties.items.items).properties)).toEqual(
      expect.arrayContaining(['sweepId', 'status', 'startedAt', 'finishedAt', 'datasetVersion', 'best', 'lambdaDrift']),
    );
  });

  it('refuses invalid bodies with 400 and the bad paths, storing nothing', async () => {
    await start();
    const cases: [object, string[]][] = [
      [{ name: 'a', cron: '*/2 * * *', sweep: SMALL_LASSO_SWEEP }, ['cron']],
      [{ name: 'a', cron: '61 * * * *', sweep: SMALL_LASSO_SWEEP }, ['cron']],
      [{ name: 'a', cron: '0 3 * * *', timezone: 'Mars/Olympus', sweep: SMALL_LASSO_SWEEP }, ['timezone']],
      [
        { name: 'a', cron: '0 3 * * *', sweep: { ...SMALL_LASSO_SWEEP, model: 'tree', split: { folds: 1 } } },
        ['sweep.model', 'sweep.split.folds'],
      ],
      [{ name: 'a', cron: '0 3 * * *', sweep: { ...SMALL_LASSO_SWEEP, colour: 'red' } }, ['sweep.colour']],
      [{ name: 'a', cron: '0 3 * * *', sweep: SMALL_LASSO_SWEEP, retries: 3 }, ['retries']],
      [
        { name: '', cron: 'x', overlap: 'replace', enabled: 'yes', sweep: 'seed' },
        ['name', 'cron', 'overlap', 'enabled', 'sweep'],
      ],
      [{ cron: '0 3 * * *' }, ['name', 'sweep']],
      // The data checks of POST /api/sweeps, at creation rather than at the first tick.
      [{ name: 'a', cron: '0 3 * * *', sweep: { ...SMALL_LASSO_SWEEP, dataset: 'no-such-data' } }, ['sweep.dataset']],
      [
        { name: 'a', cron: '0 3 * * *', sweep: { ...SMALL_LASSO_SWEEP, split: { kind: 'kfold', folds: 500 } } },
        ['sweep.split.folds'],
      ],
    ];
    for (const [body, paths] of cases) {
      const response = await api().post('/api/schedules').send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      const got = (response.body.errors as { path: string; message: string }[]).map((e) => e.path);
      expect({ body, paths: [...new Set(got)].sort() }).toEqual({ body, paths: [...paths].sort() });
    }
    expect((await api().get('/api/schedules')).body.total).toBe(0);

    // A PATCH with a bad field changes nothing.
    const id = await createSchedule({
      name: 'ok',
      cron: '0 3 * * *',
      timezone: 'Europe/Paris',
      sweep: SMALL_LASSO_SWEEP,
    });
    const bad = await api()
      .patch(`/api/schedules/${id}`)
      .send({ cron: '0 25 * * *', sweep: { ...SMALL_LASSO_SWEEP, folds: 3 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cron', 'sweep.folds']);
    expect((await api().get(`/api/schedules/${id}`)).body).toMatchObject({
      cron: '0 3 * * *',
      timezone: 'Europe/Paris',
    });
  });
});

describe('schedules in a real `regsweep serve` process', () => {
  const repoRoot = join(__dirname, '..');
  const bin = join(repoRoot, 'bin', 'regsweep.js');
  let child: ChildProcess | undefined;

  function serve(port: number): ChildProcess {
    const server = spawn('node', [bin, 'serve', '--db', dbPath, '--port', String(port)], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = server;
    return server;
  }

  function exited(server: ChildProcess): Promise<void> {
    return server.exitCode !== null || server.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => server.once('exit', () => resolve()));
  }

  async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as T };
  }

  async function waitForServer(baseUrl: string): Promise<void> {
    await waitFor(
      () =>
        fetch(`${baseUrl}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      20_000,
    );
  }

  afterEach(async () => {
    if (child) {
      child.kill('SIGKILL');
      await exited(child);
      child = undefined;
    }
  });

  it('fires again after the process is killed and started again, without re-creating the schedule', async () => {
    if (!existsSync(join(repoRoot, 'dist', 'apps', 'cli', 'src', 'commands', 'serve.command.js'))) {
      throw new Error('dist/ has no `serve` command: run `npm run build` first');
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    serve(port);
    await waitForServer(baseUrl);
    const created = await fetch(`${baseUrl}/api/schedules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'survives kill -9', cron: EVERY_2S, sweep: SMALL_LASSO_SWEEP }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const firingsOf = () =>
      getJson<{ items: Firing[] }>(`${baseUrl}/api/schedules/${id}/firings`).then((r) => r.body.items);
    await waitFor(firingsOf, (items) => items.some((f) => f.outcome === 'started'), 6_000);

    const first = child as ChildProcess;
    first.kill('SIGKILL');
    await exited(first);
    const restartedAt = Date.now();
    serve(port);
    await waitForServer(baseUrl);
    const after = await waitFor(
      firingsOf,
      (items) => items.some((f) => f.outcome === 'started' && new Date(f.firedAt).getTime() >= restartedAt),
      8_000,
    );
    const fresh = after.find((f) => new Date(f.firedAt).getTime() >= restartedAt) as Firing;
    expect(lateness(fresh.firedAt)).toBeLessThan(ON_TIME_MS);
    expect((await getJson<{ total: number }>(`${baseUrl}/api/schedules`)).body.total).toBe(1);

    // The CLI lists it (without firing anything itself) with its next run time.
    const { stdout } = await promisify(execFile)('node', [bin, 'schedules', '--db', dbPath, '--json'], {
      cwd: repoRoot,
    });
    const listed = JSON.parse(stdout) as { id: string; nextRunAt: string }[];
    expect(listed.map((s) => s.id)).toEqual([id]);
    expect(new Date(listed[0].nextRunAt).getTime() % PERIOD_MS).toBe(0);
    const table = await promisify(execFile)('node', [bin, 'schedules', '--db', dbPath], { cwd: repoRoot });
    expect(table.stdout).toContain('survives kill -9');
    expect(table.stdout).toContain(EVERY_2S);
  });
});
