/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Reproduce (issue 15): every sweep records the dataset checksum and regsweep's version; POST /api/sweeps/:id/rerun
 * submits the identical config on the same dataset version, and the rerun's report is identical (its own sweep id
 * aside), even after the dataset's name got a newer version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, waitForSweep, type TestApp } from './helpers/test-app';
import { driftingCsv } from './helpers/drifting-csv';

jest.setTimeout(120_000);

const VERSION = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version;

/** Version `seed` of the drifting dataset: 60 rows of an uploaded CSV. */
const csv = (seed: number) => Buffer.from(driftingCsv(seed, 60));

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function finished(id: string): Promise<any> {
  expect((await waitForSweep(t.http, id)).status).toBe('succeeded');
  return (await t.http.get(`/api/sweeps/${id}`).expect(200)).body;
}

it('a rerun on the same data gives the identical report, with the same provenance', async () => {
  await t.http.post('/api/datasets').field('name', 'drifting').attach('file', csv(1), 'v1.csv').expect(201);
  const config = {
    name: 'rerun-me',
    dataset: 'drifting',
    model: 'linear',
    penalties: ['l1', 'elasticnet'],
    l1Ratios: [0.3],
    lambdas: { range: { min: 0.0001, max: 1, count: 10 } },
    search: { strategy: 'random', trials: 12, seed: 9 },
    split: { kind: 'kfold', folds: 4, shuffle: true, seed: 5 },
    testFraction: 0.2,
    concurrency: 1,
  };
  const first = await finished((await t.http.post('/api/sweeps').send(config).expect(202)).body.id);
  expect(first.regsweepVersion).toBe(VERSION);
  expect(first.datasetChecksum).toMatch(/^sha256:[0-9a-f]{64}$/);

  // The name gets a new version with other values: the rerun still runs on the first one.
  await t.http.post('/api/datasets').field('name', 'drifting').attach('file', csv(2), 'v2.csv').expect(201);
  const rerun = await t.http.post(`/api/sweeps/${first.id}/rerun`).expect(202);
  expect(rerun.body.id).not.toBe(first.id);
  const second = await finished(rerun.body.id);
  expect(second.config).toEqual(first.config);
  expect(second).toMatchObject({
    datasetId: first.datasetId,
    datasetVersion: 1,
    datasetChecksum: first.datasetChecksum,
    regsweepVersion: VERSION,
  });

  const [a, b] = await Promise.all(
    [first.id, second.id].map(async (id) => (await t.http.get(`/api/sweeps/${id}/report`).expect(200)).body),
  );
  expect(b.sweepId).toBe(second.id);
  expect({ ...b, sweepId: null }).toEqual({ ...a, sweepId: null });
  expect(a.best.test.mse).toBeGreaterThan(0);

  // A new submission of the same config by name takes the newest version: other data, another checksum.
  const fresh = await finished((await t.http.post('/api/sweeps').send(config).expect(202)).body.id);
  expect(fresh.datasetVersion).toBe(2);
  expect(fresh.datasetChecksum).not.toBe(first.datasetChecksum);
});

it('rerun of an unknown sweep is 404', async () => {
  await t.http.post('/api/sweeps/00000000-0000-4000-8000-000000000000/rerun').expect(404);
});
