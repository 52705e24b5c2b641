/**
 * Dataset values stored in 1 MiB chunks on a real SQLite file: a round trip of a dataset larger than one chunk, the
 * values loaded into whole SharedArrayBuffers that shareDataset passes on without copying, the chunk-wise equality
 * check, and the migration that splits the old one-BLOB-per-vector rows (and joins them again on revert).
 */
import type { DataSource } from 'typeorm';
import { InitialSchema1764250000000 } from '../../../migrations/1764250000000-InitialSchema';
import { Schedules1764260000000 } from '../../../migrations/1764260000000-Schedules';
import { ApiTokens1764290000000 } from '../../../migrations/1764290000000-ApiTokens';
import { DatasetChunks1764300000000 } from '../../../migrations/1764300000000-DatasetChunks';
import { SqliteService } from '../src/database/sqlite.service';
import { DATASET_CHUNK_BYTES } from '../src/datasets/dataset-chunk.entity';
import { DatasetEntity } from '../src/datasets/dataset.entity';
import { DatasetRepository, type NewDataset } from '../src/datasets/dataset.repository';
import { shareDataset } from '../src/runner/shared-dataset';
import { expectEntitiesSchema, undoThrough, useMigrationDatabase } from './migration-database';

const { open } = useMigrationDatabase('regsweep-chunks-');

/** rows × cols values that differ everywhere (so a chunk stored at the wrong offset shows). */
function sample(rows: number, cols: number): { x: Float64Array; y: Float64Array } {
  const x = Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i) * 1e3 + i);
  const y = Float64Array.from({ length: rows }, (_, i) => Math.cos(i) - i / 7);
  return { x, y };
}

function newDataset(rows: number, cols: number, values: { x: Float64Array; y: Float64Array }): NewDataset {
  const features = Array.from({ length: cols }, (_, j) => `f${j}`);
  return {
    name: 'big',
    target: 'y',
    task: 'regression',
    rows,
    features,
    classes: null,
    builtin: false,
    source: null,
    createdAt: new Date(),
    ...values,
  };
}

function chunkCounts(dataSource: DataSource, datasetId: string): Promise<{ vector: string; n: number }[]> {
  return dataSource.query(
    'SELECT vector, COUNT(*) AS n FROM dataset_chunk WHERE datasetId = ? GROUP BY vector ORDER BY vector',
    [datasetId],
  );
}

it('stores values in 1 MiB chunks and loads them back, byte for byte, into whole SharedArrayBuffers', async () => {
  const dataSource = await open();
  try {
    const repository = new DatasetRepository(new SqliteService(dataSource));
    const rows = 40_000;
    const cols = 7; // x: 2.24 MB = 3 chunks (the last one partial); y: 320 kB = 1 chunk
    const values = sample(rows, cols);
    const stored = await repository.create(newDataset(rows, cols, values));
    expect(await chunkCounts(dataSource, stored.id)).toEqual([
      { vector: 'x', n: Math.ceil((rows * cols * 8) / DATASET_CHUNK_BYTES) },
      { vector: 'y', n: 1 },
    ]);
    expect(Math.ceil((rows * cols * 8) / DATASET_CHUNK_BYTES)).toBe(3);

    const loaded = repository.loadValues(stored);
    expect(loaded.x).toEqual(values.x);
    expect(loaded.y).toEqual(values.y);
    expect(loaded.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    // shareDataset hands these buffers on as they are, not a copy.
    const shared = shareDataset({ x: { rows, cols, values: loaded.x, names: stored.features }, y: loaded.y });
    expect(shared.x).toBe(loaded.x.buffer);
    expect(shared.y).toBe(loaded.y.buffer);

    expect(repository.hasValues(stored, values)).toBe(true);
    const changed = { x: values.x.slice(), y: values.y };
    changed.x[rows * cols - 1] += 1; // in the last chunk
    expect(repository.hasValues(stored, changed)).toBe(false);
    expect(repository.hasValues(stored, { x: values.x.subarray(0, rows * (cols - 1)), y: values.y })).toBe(false);

    await dataSource.query('DELETE FROM dataset_chunk WHERE datasetId = ? AND byteOffset > 0', [stored.id]);
    expect(() => repository.loadValues(stored)).toThrow(/bytes of values stored/);
  } finally {
    await dataSource.destroy();
  }
});

it('shareDataset copies values that are not a whole SharedArrayBuffer', () => {
  const { x, y } = sample(10, 2);
  const shared = shareDataset({ x: { rows: 10, cols: 2, values: x, names: ['a', 'b'] }, y });
  expect(new Float64Array(shared.x)).toEqual(x);
  expect(shared.y).not.toBe(y.buffer);
  expect(new Float64Array(shared.y)).toEqual(y);
});

it('the migration splits existing dataset_data rows into chunks, and its revert joins them again', async () => {
  const before = await open([InitialSchema1764250000000, Schedules1764260000000, ApiTokens1764290000000]);
  const rows = 50_000;
  const { x, y } = sample(rows, 3); // x: 1.2 MB = 2 chunks
  const bytes = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  await before.query(
    `INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) VALUES ('d1', 'old', 1, 'y', 'regression', ?, '["a","b","c"]', 0, NULL, '2026-01-01 00:00:00.000')`,
    [rows],
  );
  await before.query(`INSERT INTO dataset_data (datasetId, x, y) VALUES ('d1', ?, ?)`, [bytes(x), bytes(y)]);
  await before.destroy();

  const after = await open(); // every migration: runs DatasetChunks
  expect(await chunkCounts(after, 'd1')).toEqual([
    { vector: 'x', n: 2 },
    { vector: 'y', n: 1 },
  ]);
  const repository = new DatasetRepository(new SqliteService(after));
  const dataset = (await repository.findById('d1')) as DatasetEntity;
  const loaded = repository.loadValues(dataset);
  expect(loaded.x).toEqual(x);
  expect(loaded.y).toEqual(y);
  const tables = async () =>
    ((await after.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)) as { name: string }[]).map(
      (t) => t.name,
    );
  expect(await tables()).not.toContain('dataset_data');
  await expectEntitiesSchema(after);

  await undoThrough(after, DatasetChunks1764300000000);
  expect(await tables()).not.toContain('dataset_chunk');
  const [restored] = (await after.query(`SELECT x, y FROM dataset_data WHERE datasetId = 'd1'`)) as {
    x: Buffer;
    y: Buffer;
  }[];
  expect(Buffer.compare(restored.x, bytes(x))).toBe(0);
  expect(Buffer.compare(restored.y, bytes(y))).toBe(0);
  await after.destroy();
});
