/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/** A real server on a temporary SQLite file (real migrations, real Piscina workers from dist/), for supertest. */
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { AppOptions } from '../../apps/server/src/common/app-options';
import { createApp } from '../../apps/server/src/main';

/** The few better-sqlite3 calls the tests use (the package ships no type declarations here). */
interface SqliteFile {
  prepare(sql: string): {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): { changes: number };
  };
  close(): void;
}
type SqliteFileConstructor = new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteFile;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as SqliteFileConstructor;

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dbPath: string;
  dir: string;
  close(): Promise<void>;
}

/** `app`: further AppOptions (security settings such as readAccess or writeLimit). */
export async function startTestApp(
  options: { uploadLimitBytes?: number; dir?: string; app?: Partial<AppOptions> } = {},
): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'regsweep-e2e-'));
  const dbPath = join(dir, 'regsweep.sqlite');
  const app = await createApp({
    dbPath,
    poolSize: 2,
    uploadLimitBytes: options.uploadLimitBytes,
    dashboard: false,
    logger: false,
    ...options.app,
  });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    dbPath,
    dir,
    close: async () => {
      await app.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers a test file's hooks: a test app started before all its tests (options as for startTestApp) and closed
 * after them. The returned TestApp reads through to the running one, so it is used inside tests only.
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): TestApp => {
    if (!started) throw new Error('the test app has not started yet (use it inside a test or a later hook)');
    return started;
  };
  return {
    get app() {
      return running().app;
    },
    get http() {
      return running().http;
    },
    get dbPath() {
      return running().dbPath;
    },
    get dir() {
      return running().dir;
    },
    close: () => running().close(),
  };
}

const FINISHED = ['succeeded', 'failed', 'cancelled'];

/** Polls GET /api/sweeps/:id until the sweep has finished. */
export async function waitForSweep(
  http: TestApp['http'],
  id: string,
  timeoutMs = 60_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await http.get(`/api/sweeps/${id}`).expect(200);
    if (FINISHED.includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`sweep ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until `predicate` holds for the sweep. */
export async function waitUntil(
  http: TestApp['http'],
  id: string,
  predicate: (sweep: Record<string, any>) => boolean,
  timeoutMs = 60_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await http.get(`/api/sweeps/${id}`).expect(200);
    if (predicate(body)) return body;
    if (Date.now() > deadline) throw new Error(`sweep ${id}: condition not met after ${timeoutMs} ms (${body.status})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** POST /api/datasets: `csv` as the multipart upload the dashboard sends (name, target and model when given, the file). */
export function uploadCsv(
  http: TestApp['http'],
  upload: { name: string; target?: string; model?: string; csv: string | Uint8Array; fileName: string },
) {
  const request = http.post('/api/datasets').field('name', upload.name);
  if (upload.target !== undefined) void request.field('target', upload.target);
  if (upload.model !== undefined) void request.field('model', upload.model);
  const bytes = typeof upload.csv === 'string' ? Buffer.from(upload.csv) : Buffer.from(upload.csv);
  return request.attach('file', bytes, upload.fileName);
}

export const TABLES = ['dataset', 'dataset_chunk', 'sweep', 'task', 'trial', 'fold_result'] as const;

/** Row counts of every table, read from the SQLite file directly (not through the app). */
export function tableCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      TABLES.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]),
    );
  } finally {
    db.close();
  }
}

/** Runs a query on the SQLite file directly. */
export function queryDb<T = Record<string, unknown>>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Runs one write on the SQLite file directly (the app stopped meanwhile) and answers the rows it changed. */
export function writeDb(dbPath: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbPath, { readonly: false, fileMustExist: true });
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** |a − b| ≤ tolerance · max(|a|, |b|). */
export function closeRelative(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/** The SPEC's fold assignment of the cv.glmnet fixture: fold of row i = (i mod 10) + 1. */
export function diabetesFoldIds(): number[] {
  return Array.from({ length: 442 }, (_, i) => (i % 10) + 1);
}

export function diabetesLassoConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'diabetes lasso cv',
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1'],
    // The cv.glmnet fixture is defined on glmnet's own λ grid: no adaptive extension or refinement.
    lambdas: { auto: { count: 100, adaptive: false } },
    split: { kind: 'foldIds', foldIds: diabetesFoldIds() },
    metric: 'mse',
    selection: '1se',
    // The fixture's README: agreement within 1e-6 is for a solver run to a tight tolerance (the engine's own
    // cv.glmnet test uses this one); the default 1e-7 stops early enough to differ by ~1e-3 in validationSd.
    solver: { kind: 'cd', tolerance: 1e-16, maxIterations: 1_000_000 },
    ...extra,
  };
}
