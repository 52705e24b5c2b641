/**
 * The SweepBest migration on a real SQLite file: a sweep stored before it keeps its report and gets its `best` column
 * filled from it (the lists read that column, not the report); one without a best model, or without a report, NULL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { InitialSchema1764250000000 } from '../../../migrations/1764250000000-InitialSchema';
import { Schedules1764260000000 } from '../../../migrations/1764260000000-Schedules';
import { ApiTokens1764290000000 } from '../../../migrations/1764290000000-ApiTokens';
import { DatasetChunks1764300000000 } from '../../../migrations/1764300000000-DatasetChunks';
import { SweepConclusion1764400000000 } from '../../../migrations/1764400000000-SweepConclusion';
import { PrunedTrials1764410000000 } from '../../../migrations/1764410000000-PrunedTrials';

let directory: string;
let dbPath: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'regsweep-migration-'));
  dbPath = join(directory, 'db.sqlite');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function open(migrations?: (new () => object)[]): Promise<DataSource> {
  const options = dataSourceOptions(dbPath);
  return new DataSource({ ...options, ...(migrations ? { migrations } : {}) } as typeof options).initialize();
}

const NOW = '2026-01-01 00:00:00.000';
const BEST = { penalty: 'l1', l1Ratio: 1, lambda: 0.5, validation: { mean: 2.5, sd: 0.1 } };

it('fills sweep.best from each stored report', async () => {
  const before = await open([
    InitialSchema1764250000000,
    Schedules1764260000000,
    ApiTokens1764290000000,
    DatasetChunks1764300000000,
    SweepConclusion1764400000000,
    PrunedTrials1764410000000,
  ]);
  await before.query(
    `INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) VALUES ('d1', 'data', 1, 'y', 'regression', 3, '["x"]', 0, NULL, ?)`,
    [NOW],
  );
  const reports: [string, string | null][] = [
    ['with-best', JSON.stringify({ sweepId: 'with-best', best: BEST, penalties: [] })],
    ['no-best', JSON.stringify({ sweepId: 'no-best', best: null, penalties: [] })],
    ['no-report', null],
  ];
  for (const [id, report] of reports) {
    await before.query(
      `INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, createdAt, report) VALUES (?, ?, 'd1', 1, '{}', 'succeeded', ?, ?)`,
      [id, id, NOW, report],
    );
  }
  await before.destroy();

  const after = await open(); // every migration: SweepBest runs
  const rows = (await after.query(`SELECT id, best, report FROM sweep ORDER BY id`)) as {
    id: string;
    best: string | null;
    report: string | null;
  }[];
  expect(rows.map(({ id, best }) => [id, best === null ? null : JSON.parse(best)])).toEqual([
    ['no-best', null],
    ['no-report', null],
    ['with-best', BEST],
  ]);
  expect(rows.find((row) => row.id === 'with-best')?.report).toBe(reports[0][1]);
  // Migrations and entities agree: nothing left for the schema builder to change.
  const pending = await after.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  await after.destroy();
});
