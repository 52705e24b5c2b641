/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The same server on PostgreSQL (`--database postgres://…`) and on SQLite: a four-penalty sweep (the README's
 * example config) gives the same report, byte for byte apart from the sweep id (and the trial keys hashed from it), and the same trials and datasets
 * through the API. Both are real servers with real worker threads; PostgreSQL is a fresh schema of the test database.
 */
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { createApp } from '../../apps/server/src/main';
import { uploadCsv, startTestApp, waitForSweep, type TestApp } from '../helpers/test-app';
import { createTestSchema, type TestSchema } from './services';

const CONFIG = parseYaml(readFileSync(join(__dirname, '..', '..', 'examples', 'diabetes-penalties.yaml'), 'utf8'));

let schema: TestSchema;
let postgres: INestApplication;
let sqlite: TestApp;

beforeAll(async () => {
  schema = await createTestSchema();
  postgres = await createApp({ dbPath: schema.url, poolSize: 2, dashboard: false, logger: false });
  await postgres.init();
  sqlite = await startTestApp();
});

afterAll(async () => {
  await postgres?.close();
  await sqlite?.close();
  await schema?.drop();
});

/** Submits the config, waits for the end, and answers the report's text with the sweep id replaced. */
async function sweepOn(http: ReturnType<typeof request>): Promise<{ id: string; report: string; trials: string }> {
  const { body } = await http.post('/api/sweeps').send(CONFIG).expect(202);
  const finished = await waitForSweep(http, body.id, 120_000);
  expect(finished.status).toBe('succeeded');
  // 4 curves × 11 tasks, and the adaptive grid's extension tasks (the example's grid is adaptive).
  expect(finished.progress.done).toBe(finished.progress.total);
  expect(finished.progress.total).toBeGreaterThanOrEqual(44);
  const report = await http.get(`/api/sweeps/${body.id}/report`).expect(200);
  const trials = await http.get(`/api/sweeps/${body.id}/trials?pageSize=1000&sort=gap&order=desc`).expect(200);
  // The sweep id, and the trial keys hashed from it, are the only things that differ between two runs.
  const anonymous = (text: string) =>
    text.replaceAll(body.id, '<sweep>').replace(/"key":"[0-9a-f]{64}"/g, '"key":"<hash>"');
  return { id: body.id, report: anonymous(report.text), trials: anonymous(trials.text) };
}

describe('a server on PostgreSQL', () => {
  it('answers its health check from PostgreSQL', async () => {
    await request(postgres.getHttpServer()).get('/api/health').expect(200, { status: 'ok', database: 'ok' });
  });

  it('gives the same four-penalty report, trials and datasets as the server on SQLite', async () => {
    const onPostgres = await sweepOn(request(postgres.getHttpServer()));
    const onSqlite = await sweepOn(sqlite.http);
    const report = JSON.parse(onPostgres.report);
    expect(report.penalties.map((p: any) => p.penalty)).toEqual(['none', 'l1', 'l2', 'elasticnet']);
    expect(onPostgres.report).toBe(onSqlite.report);
    expect(JSON.parse(onPostgres.trials).total).toBeGreaterThanOrEqual(301); // 301 on the auto grids, plus added λ
    expect(onPostgres.trials).toBe(onSqlite.trials);

    const datasets = async (http: ReturnType<typeof request>) =>
      (await http.get('/api/datasets').expect(200)).body.items.map(({ id: _id, createdAt: _at, ...rest }: any) => rest);
    expect(await datasets(request(postgres.getHttpServer()))).toEqual(await datasets(sqlite.http));
  });

  it('stores a CSV upload as the next version of its name, values intact', async () => {
    const http = request(postgres.getHttpServer());
    const csv = 'a,b,y\n0.1,2,0.30000000000000004\n5e-324,4,1\n3,-1.5,2\n';
    const upload = () => uploadCsv(http, { name: 'tiny', target: 'y', csv, fileName: 'tiny.csv' });
    const first = (await upload().expect(201)).body;
    const second = (await upload().expect(201)).body;
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({ name: 'tiny', rows: 3, features: ['a', 'b'], target: 'y' });
  });
});
