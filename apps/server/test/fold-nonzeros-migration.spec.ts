/**
 * The FoldNonzeros migration on both drivers: fold rows stored before it keep their values and read NULL nonzeros (an
 * mlp report shows no folds' mean for them), new rows take a count, and on SQLite the schema is then exactly the
 * entities' and the migration can be undone.
 */
import { FoldNonzeros1764560000000 } from '../../../migrations/1764560000000-FoldNonzeros';
import { PostgresFoldNonzeros1764560000000 } from '../../../migrations/postgres/1764560000000-FoldNonzeros';
import type { DataSource } from 'typeorm';
import { insertRows, sweepRow, testMigration } from './migration-database';

const FOLD = { trainSize: 8, validationSize: 4, iterations: 3, status: 'ok', reason: null, learningCurve: null };

async function seed(before: DataSource): Promise<void> {
  await insertRows(before, 'sweep', [sweepRow('s1')]);
  const trial = { sweepId: 's1', curve: 0, lambdaIndex: 0, penalty: 'l2', l1Ratio: 0, lambda: 0.1, status: 'ok' };
  await insertRows(before, 'trial', [{ ...trial, id: 1, key: 'k1' }]);
  const converged = before.options.type === 'postgres' ? true : 1;
  await insertRows(before, 'fold_result', [
    { ...FOLD, id: 1, trialId: 1, fold: 1, train: 0.5, validation: 0.75, converged },
  ]);
}

const FOLDS_SQL = 'SELECT "fold", "train", "validation", "nonzeros" FROM fold_result ORDER BY "fold"';

testMigration(
  'adds fold_result.nonzeros, NULL on the rows stored before (SQLite: can be undone)',
  { sqlite: FoldNonzeros1764560000000, postgres: PostgresFoldNonzeros1764560000000 },
  {
    seed,
    check: async (after, driver) => {
      const converged = driver.name === 'postgres' ? true : 1;
      await insertRows(after, 'fold_result', [
        { ...FOLD, id: 2, trialId: 1, fold: 2, train: 0.25, validation: 1, converged, nonzeros: 44 },
      ]);
      expect(await after.query(FOLDS_SQL)).toEqual([
        { fold: 1, train: 0.5, validation: 0.75, nonzeros: null },
        { fold: 2, train: 0.25, validation: 1, nonzeros: 44 },
      ]);
    },
    undone: async (after) => {
      const columns = (await after.query(`SELECT name FROM pragma_table_info('fold_result')`)) as { name: string }[];
      expect(columns.map((c) => c.name)).not.toContain('nonzeros');
      expect(await after.query('SELECT COUNT(*) AS n FROM fold_result')).toEqual([{ n: 2 }]);
    },
  },
);
