/**
 * The SweepTracking migration on both drivers: sweeps stored before it get `model` from their config, the penalty
 * rows of their config's penalties and `bestValidation` from their stored best model (NULL without one), so the
 * list's filters find old sweeps as they find new ones; tags and notes stay NULL (none). On SQLite the schema is
 * then exactly the entities' (nothing left for TypeORM's schema builder) and the migration can be undone.
 */
import { SweepTracking1764450000000 } from '../../../migrations/1764450000000-SweepTracking';
import { PostgresSweepTracking1764450000000 } from '../../../migrations/postgres/1764450000000-SweepTracking';
import type { DataSource } from 'typeorm';
import { insertRows, sweepRow, testMigration } from './migration-database';

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

const seed = (before: DataSource) =>
  insertRows(
    before,
    'sweep',
    SWEEPS.map(([id, config, best]) => sweepRow(id, { config, best })),
  );

testMigration(
  'fills model, bestValidation and sweep_penalty from the stored sweeps (SQLite: and can be undone)',
  { sqlite: SweepTracking1764450000000, postgres: PostgresSweepTracking1764450000000 },
  {
    seed,
    check: async (after) => {
      expect(await after.query(COLUMNS_SQL)).toEqual(COLUMNS);
      expect(await after.query(PENALTIES_SQL)).toEqual(PENALTIES);
    },
    undone: async (after) => {
      expect(
        await after.query(
          `SELECT name FROM sqlite_master WHERE name LIKE 'sweep_%' OR name LIKE 'IDX_sweep_%' ORDER BY name`,
        ),
      ).toEqual([{ name: 'IDX_sweep_createdAt' }, { name: 'IDX_sweep_status' }]);
      expect(await after.query('SELECT COUNT(*) AS n FROM sweep')).toEqual([{ n: 3 }]);
    },
  },
);
