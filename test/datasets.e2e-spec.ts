/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/** Datasets over HTTP on a temporary SQLite file: built-ins, CSV uploads with versions, limits and errors. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uploadCsv, queryDb, startTestApp, useTestApp, tableCounts, waitForSweep } from './helpers/test-app';

const UPLOAD_LIMIT = 64 * 1024;
const CSV = 'a,b,y\n1,2,3.5\n2,1,4\n3,5,9.25\n4,4,8\n5,0,5.5\n';

const t = useTestApp({ uploadLimitBytes: UPLOAD_LIMIT });

describe('built-in datasets', () => {
  it('are registered on first start, stored in SQLite with their values', async () => {
    const { body } = await t.http.get('/api/datasets').expect(200);
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 100 });
    const byName = Object.fromEntries(body.items.map((d: any) => [d.name, d]));
    expect(byName.diabetes).toMatchObject({
      rows: 442,
      target: 'progression',
      task: 'regression',
      builtin: true,
      version: 1,
    });
    expect(byName.diabetes.features).toHaveLength(10);
    expect(byName['breast-cancer']).toMatchObject({ rows: 569, target: 'benign', task: 'binary' });
    expect(byName['seed-linear']).toMatchObject({ rows: 100, features: ['x'] });
    expect(byName.iris).toMatchObject({ rows: 150, target: 'species', task: 'multiclass' });
    const [blob] = queryDb<{ x: number; y: number }>(
      t.dbPath,
      "SELECT SUM(CASE WHEN vector = 'x' THEN LENGTH(bytes) END) AS x, " +
        "SUM(CASE WHEN vector = 'y' THEN LENGTH(bytes) END) AS y FROM dataset_chunk WHERE datasetId = ?",
      byName.diabetes.id,
    );
    expect(blob).toEqual({ x: 442 * 10 * 8, y: 442 * 8 });
    const one = await t.http.get(`/api/datasets/${byName.diabetes.id}`).expect(200);
    expect(one.body).toEqual(byName.diabetes);
  });

  it('are not registered twice when the server starts again on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regsweep-restart-'));
    try {
      const first = await startTestApp({ dir });
      await first.close();
      const second = await startTestApp({ dir });
      expect(tableCounts(second.dbPath)).toMatchObject({ dataset: 4, dataset_chunk: 8 }); // x and y each
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CSV upload', () => {
  it('stores an upload and adds a version when the same name is uploaded again', async () => {
    const first = await uploadCsv(t.http, { name: 'tiny', target: 'y', csv: CSV, fileName: 'tiny.csv' }).expect(201);
    expect(first.body).toMatchObject({
      name: 'tiny',
      version: 1,
      rows: 5,
      features: ['a', 'b'],
      target: 'y',
      builtin: false,
    });
    const second = await uploadCsv(t.http, {
      name: 'tiny',
      csv: CSV.replace('9.25', '9.5'),
      fileName: 'tiny2.csv',
    }).expect(201);
    expect(second.body).toMatchObject({ name: 'tiny', version: 2, target: 'y' });
    expect(second.body.id).not.toBe(first.body.id);

    // A sweep on the name uses the latest version.
    const { body: submitted } = await t.http
      .post('/api/sweeps')
      .send({
        name: 'tiny ridge',
        dataset: 'tiny',
        model: 'linear',
        penalties: ['l2'],
        lambdas: { values: [0.1] },
        split: { kind: 'kfold', folds: 2 },
      })
      .expect(202);
    const sweep = await waitForSweep(t.http, submitted.id);
    expect(sweep).toMatchObject({ status: 'succeeded', datasetId: second.body.id, datasetVersion: 2 });
  });

  it('answers 400 naming the row and column of a bad cell, and stores nothing', async () => {
    const before = tableCounts(t.dbPath);
    const { body } = await uploadCsv(t.http, { name: 'broken', csv: 'a,y\n1,2\nx,3\n', fileName: 'broken.csv' }).expect(
      400,
    );
    expect(body.errors).toEqual([{ path: 'file: row 2, column a', message: expect.stringContaining('not a number') }]);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('answers 400 without a file, without a name, or with an unknown target', async () => {
    const noFile = await t.http.post('/api/datasets').field('name', 'x').expect(400);
    expect(noFile.body.errors[0].path).toBe('file');
    const noName = await t.http.post('/api/datasets').attach('file', Buffer.from(CSV), 'a.csv').expect(400);
    expect(noName.body.errors.map((e: any) => e.path)).toContain('name');
    const badTarget = await uploadCsv(t.http, { name: 'x', target: 'nope', csv: CSV, fileName: 'a.csv' }).expect(400);
    expect(badTarget.body.errors[0].path).toBe('target');
  });

  it('answers 413 for a file above the size limit', async () => {
    const before = tableCounts(t.dbPath);
    const row = '1.2345678,2.3456789,3.4567891\n';
    const big = 'a,b,y\n' + row.repeat(Math.ceil((UPLOAD_LIMIT * 2) / row.length));
    await t.http.post('/api/datasets').field('name', 'big').attach('file', Buffer.from(big), 'big.csv').expect(413);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });
});
