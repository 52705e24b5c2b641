/**
 * The SweepTracking migration on both drivers: sweeps stored before it get `model` from their config, the penalty
 * rows of their config's penalties and `bestValidation` from their stored best model (NULL without one), so the
 * list's filters find old sweeps as they find new ones; tags and notes stay NULL (none). On SQLite the schema is
 * then exactly the entities' (nothing left for TypeORM's schema builder) and the migration can be undone.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InitialSchema1764250000000 } from '../../../migrations/1764250000000-InitialSchema';
import { Schedules1764260000000 } from '../../../migrations/1764260000000-Schedules';
import { ApiTokens1764290000000 } from '../../../migrations/1764290000000-ApiTokens';
import { DatasetChunks1764300000000 } from '../../../migrations/1764300000000-DatasetChunks';
import { SweepConclusion1764400000000 } from '../../../migrations/1764400000000-SweepConclusion';
import { PrunedTrials1764410000000 } from '../../../migrations/1764410000000-PrunedTrials';
import { SweepBest1764420000000 } from '../../../migrations/1764420000000-SweepBest';
import { ClassLabels1764430000000 } from '../../../migrations/1764430000000-ClassLabels';
import { SweepProvenance1764440000000 } from '../../../migrations/1764440000000-SweepProvenance';
import { PostgresSchema1764400000000 } from '../../../migrations/postgres/1764400000000-PostgresSchema';
import { ScheduleTickClaims1764400000001 } from '../../../migrations/postgres/1764400000001-ScheduleTickClaims';
import { ConclusionAndPruning1764410000000 } from '../../../migrations/postgres/1764410000000-ConclusionAndPruning';
import { SweepBest1764420000000 as PostgresSweepBest } from '../../../migrations/postgres/1764420000000-SweepBest';
import { PostgresClassLabels1764430000000 } from '../../../migrations/postgres/1764430000000-ClassLabels';
import { PostgresSweepProvenance1764440000000 } from '../../../migrations/postgres/1764440000000-SweepProvenance';
import { openPostgres, postgresDataSourceOptions, quoteIdentifier } from '../src/store/postgres/postgres-connection';
import { useMigrationDatabase } from './migration-database';
import { TEST_POSTGRES_URL } from './store-drivers';

/** [id, config, best]: a finished sweep with a best model, one without, one unfinished. */
const SWEEPS: [string, string, string | null][] = [
  ['linear-two', '{"model":"linear","penalties":["l1","elasticnet"]}', '{"validation":{"mean":2.5,"sd":0}}'],
  ['logistic-none', '{"model":"logistic","penalties":["none"]}', 'null'],
  ['unfinished', '{"model":"mlp","penalties":["l2"]}', null],
];
const COLUMNS = [
  { id: 'linear-two', model: 'linear', bestValidation: 2.5, tags: null, notes: null },
  { id: 'logistic-none', model: 'logistic', bestValidation: null, tags: null, notes: null },
  { id: 'unfinished', model: 'mlp', bestValidation: null, tags: null, notes: null },
];
const PENALTIES = [
  { sweepId: 'linear-two', penalty: 'elasticnet' },
  { sweepId: 'linear-two', penalty: 'l1' },
  { sweepId: 'logistic-none', penalty: 'none' },
  { sweepId: 'unfinished', penalty: 'l2' },
];
const COLUMNS_SQL = 'SELECT "id", "model", "bestValidation", "tags", "notes" FROM sweep ORDER BY "id"';
const PENALTIES_SQL = 'SELECT "sweepId", "penalty" FROM sweep_penalty ORDER BY "sweepId", "penalty"';

describe('on SQLite', () => {
  const { open } = useMigrationDatabase('regsweep-tracking-migration-');

  it('fills model, bestValidation and sweep_penalty from the stored sweeps, and can be undone', async () => {
    const before = await open([
      InitialSchema1764250000000,
      Schedules1764260000000,
      ApiTokens1764290000000,
      DatasetChunks1764300000000,
      SweepConclusion1764400000000,
      PrunedTrials1764410000000,
      SweepBest1764420000000,
      ClassLabels1764430000000,
      SweepProvenance1764440000000,
    ]);
    await before.query(
      `INSERT INTO dataset (id, name, version, target, task, rows, features, builtin, source, createdAt) VALUES ('d1', 'data', 1, 'y', 'regression', 3, '["x"]', 0, NULL, '2026-01-01 00:00:00.000')`,
    );
    for (const [id, config, best] of SWEEPS) {
      await before.query(
        `INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, createdAt, best) VALUES (?, ?, 'd1', 1, ?, 'succeeded', '2026-01-01 00:00:00.000', ?)`,
        [id, id, config, best],
      );
    }
    await before.destroy();

    const after = await open(); // every migration: SweepTracking runs
    expect(await after.query(COLUMNS_SQL)).toEqual(COLUMNS);
    expect(await after.query(PENALTIES_SQL)).toEqual(PENALTIES);
    const pending = await after.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);

    // Undone with the migrations after it, then itself.
    const last = async () =>
      ((await after.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1')) as { name: string }[])[0].name;
    while ((await last()) !== 'SweepTracking1764450000000') await after.undoLastMigration();
    await after.undoLastMigration();
    expect(
      await after.query(
        `SELECT name FROM sqlite_master WHERE name LIKE 'sweep_%' OR name LIKE 'IDX_sweep_%' ORDER BY name`,
      ),
    ).toEqual([{ name: 'IDX_sweep_createdAt' }, { name: 'IDX_sweep_status' }]);
    expect(await after.query('SELECT COUNT(*) AS n FROM sweep')).toEqual([{ n: 3 }]);
    await after.destroy();
  });
});

describe('on PostgreSQL', () => {
  const schema = `regsweep_test_${randomBytes(6).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url: TEST_POSTGRES_URL });
  beforeAll(async () => {
    await admin.initialize();
    await admin.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
    await admin.destroy();
  });

  it('fills model, bestValidation and sweep_penalty from the stored sweeps', async () => {
    const before = await new DataSource({
      ...postgresDataSourceOptions(TEST_POSTGRES_URL, schema),
      migrations: [
        PostgresSchema1764400000000,
        ScheduleTickClaims1764400000001,
        ConclusionAndPruning1764410000000,
        PostgresSweepBest,
        PostgresClassLabels1764430000000,
        PostgresSweepProvenance1764440000000,
      ],
    }).initialize();
    await before.runMigrations({ transaction: 'all' });
    await before.query(
      `INSERT INTO dataset ("id", "name", "version", "target", "task", "rows", "features", "builtin", "source", "createdAt") VALUES ('d1', 'data', 1, 'y', 'regression', 3, '["x"]', false, NULL, now())`,
    );
    for (const [id, config, best] of SWEEPS) {
      await before.query(
        `INSERT INTO sweep ("id", "name", "datasetId", "datasetVersion", "config", "status", "createdAt", "best") VALUES ($1, $1, 'd1', 1, $2, 'succeeded', now(), $3)`,
        [id, config, best],
      );
    }
    await before.destroy();

    const after = await openPostgres(TEST_POSTGRES_URL, schema); // the remaining migration: SweepTracking
    try {
      expect(await after.query(COLUMNS_SQL)).toEqual(COLUMNS);
      expect(await after.query(PENALTIES_SQL)).toEqual(PENALTIES);
    } finally {
      await after.destroy();
    }
  });
});
