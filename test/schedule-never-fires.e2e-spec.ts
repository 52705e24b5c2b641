/**
 * Issue 17, item 1: a cron expression no date matches (`0 0 31 2 *`) used to be stored enabled with a 500, and then
 * every `GET /api/schedules`, `regsweep schedules` and every server start died on it. Now it is a 400 naming `cron`,
 * nothing stored; and a row that holds one anyway (stored by an older version, or edited by hand) is disabled at
 * start-up with its reason logged and kept as a failed firing, in a real `regsweep serve` process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { queryDb, startTestApp } from './helpers/test-app';
import { freePort } from './helpers/free-port';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'regsweep.js');
const SWEEP = { name: 'seed-l1', dataset: 'seed-linear', model: 'linear', penalties: ['l1'] };
const NEVER = ['0 0 31 2 *', '0 0 30 2 *', '0 0 31 4 *'];
const BAD_ID = '0badc0de-0000-4000-8000-000000000001';
/** Other rows no version would store, which must not stop the start either: a broken expression, an unknown zone. */
const OTHER_BAD: [string, string, string][] = [
  ['0badc0de-0000-4000-8000-000000000002', 'not a cron', 'UTC'],
  ['0badc0de-0000-4000-8000-000000000003', '0 3 * * *', 'Mars/Olympus'],
];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (path: string) => {
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
};

let dir: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))) throw new Error('run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'regsweep-never-fires-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('through the API', () => {
  it.each(NEVER)('POST cron "%s" → 400 {path: cron}, nothing stored', async (cron) => {
    const t = await startTestApp();
    try {
      const response = await t.http.post('/api/schedules').send({ name: 'never', cron, sweep: SWEEP });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'cron', message: expect.stringContaining('never fires') }]);
      expect(queryDb(t.dbPath, 'SELECT id FROM schedule')).toEqual([]);
      await t.http.get('/api/schedules').expect(200);
    } finally {
      await t.close();
    }
  });
});

describe('a stored schedule that never fires, in real `regsweep serve` processes on the same database file', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child?.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    child = undefined;
  });

  it('starts, disables it with the reason (logged, and a failed firing), lists it; PATCH enabled → 400', async () => {
    // The database with its migrations, then the row today's POST used to store (enabled, never firing).
    const t = await startTestApp({ dir });
    await t.app.close();
    const dbPath = t.dbPath;
    insertSchedule(dbPath, BAD_ID, NEVER[0], 'UTC');
    for (const [id, cron, zone] of OTHER_BAD) insertSchedule(dbPath, id, cron, zone);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const log: string[] = [];
    child = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', String(port)], { cwd: dir });
    child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    await waitForLine(child, log, 'listening on');

    const schedule = await (await fetch(`${base}/api/schedules/${BAD_ID}`)).json();
    expect(schedule).toMatchObject({ id: BAD_ID, enabled: false, nextRunAt: null });
    const firings = (await (await fetch(`${base}/api/schedules/${BAD_ID}/firings`)).json()) as { items: unknown[] };
    expect(firings.items).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        reason: expect.stringMatching(/^disabled at start-up: .*No execution date/),
      }),
    ]);
    expect(log.join('')).toContain(`schedule ${BAD_ID}: disabled at start-up`);
    const list = await fetch(`${base}/api/schedules`);
    expect(list.status).toBe(200);
    for (const [id] of OTHER_BAD) {
      expect(await (await fetch(`${base}/api/schedules/${id}`)).json()).toMatchObject({ enabled: false });
      expect(log.join('')).toContain(`schedule ${id}: disabled at start-up`);
    }

    // Turning it back on is refused before anything is saved.
    const before = queryDb(dbPath, 'SELECT enabled, updatedAt FROM schedule WHERE id = ?', BAD_ID);
    const patch = await fetch(`${base}/api/schedules/${BAD_ID}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as { errors: unknown }).errors).toEqual([
      { path: 'cron', message: expect.stringContaining('never fires') },
    ]);
    expect(queryDb(dbPath, 'SELECT enabled, updatedAt FROM schedule WHERE id = ?', BAD_ID)).toEqual(before);

    // The CLI lists it too (it exited 1 before).
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'schedules', '--db', dbPath, '--json']);
    expect(JSON.parse(stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: BAD_ID, enabled: false, nextRunAt: null })]),
    );

    // A second start on the same file: nothing left to disable, it starts all the same.
    const first = child;
    const exited = new Promise((done) => first.once('exit', done));
    first.kill('SIGTERM');
    await exited;
    const again: string[] = [];
    child = spawn(process.execPath, [BIN, 'serve', '--db', dbPath, '--port', String(port)], { cwd: dir });
    child.stdout?.on('data', (chunk: Buffer) => again.push(chunk.toString()));
    await waitForLine(child, again, 'listening on');
    const firingsAfter = (await (await fetch(`${base}/api/schedules/${BAD_ID}/firings`)).json()) as { total: number };
    expect(firingsAfter.total).toBe(1);
  });
});

function insertSchedule(dbPath: string, id: string, cron: string, zone: string): void {
  const db = new Database(dbPath);
  try {
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    db.prepare(
      'INSERT INTO schedule (id, name, cron, timezone, enabled, overlap, sweep, createdAt, updatedAt) ' +
        'VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)',
    ).run(id, 'never fires', cron, zone, 'skip', JSON.stringify(SWEEP), now, now);
  } finally {
    db.close();
  }
}

/** Resolves when the process has printed `text`; rejects when it exits first (the old crash at start-up). */
function waitForLine(process: ChildProcess, output: string[], text: string): Promise<void> {
  return new Promise((done, fail) => {
    const check = () => {
      if (output.join('').includes(text)) {
        process.stdout?.off('data', check);
        process.off('exit', onExit);
        done();
      }
    };
    const onExit = (code: number | null) => fail(new Error(`exited (${code}) before "${text}":\n${output.join('')}`));
    process.stdout?.on('data', check);
    process.once('exit', onExit);
    check();
  });
}
