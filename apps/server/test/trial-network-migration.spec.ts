/**
 * The TrialNetworks migration on both drivers: a database stored before it gains `trial_network` with no rows (its
 * trials have no network: their report trains the chosen one again), keeps its trials, takes a network per trial
 * (one only: the primary key), deletes it with its trial (ON DELETE CASCADE), and on SQLite leaves exactly the
 * entities' schema and can be undone.
 */
import { TrialNetworks1764540000000 } from '../../../migrations/1764540000000-TrialNetworks';
import { PostgresTrialNetworks1764540000000 } from '../../../migrations/postgres/1764540000000-TrialNetworks';
import type { DataSource } from 'typeorm';
import { insertRows, sweepRow, testMigration } from './migration-database';

const BYTES = Buffer.from(Float64Array.of(0.1 + 0.2, -0, NaN).buffer);

/** A sweep with two trials, neither with a network (none could be stored before). */
async function seed(before: DataSource): Promise<void> {
  await insertRows(before, 'sweep', [sweepRow('s1')]);
  const trial = { sweepId: 's1', curve: 0, lambdaIndex: 0, penalty: 'l2', l1Ratio: 0, lambda: 0.1, status: 'ok' };
  await insertRows(
    before,
    'trial',
    [1, 2].map((id) => ({ ...trial, id, key: `k${id}` })),
  );
}

testMigration(
  'adds an empty trial_network that cascades from the trial and takes one network per trial (SQLite: can be undone)',
  { sqlite: TrialNetworks1764540000000, postgres: PostgresTrialNetworks1764540000000 },
  {
    seed,
    check: async (after, driver) => {
      const sqlite = driver.name === 'sqlite';
      const count = async (table: string) =>
        ((await after.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0].n;
      expect(Number(await count('trial_network'))).toBe(0);
      expect(Number(await count('trial'))).toBe(2);
      if (sqlite) {
        await after.query('INSERT INTO trial_network (trialId, parameters) VALUES (1, ?), (2, ?)', [BYTES, BYTES]);
        await expect(
          after.query('INSERT INTO trial_network (trialId, parameters) VALUES (1, ?)', [BYTES]),
        ).rejects.toThrow(/UNIQUE|PRIMARY/);
      } else {
        // One network per trial: a second write of trial 2's replaces the first.
        const upsert =
          'INSERT INTO trial_network ("trialId", "parameters") VALUES ($1, $2) ' +
          'ON CONFLICT ("trialId") DO UPDATE SET "parameters" = excluded."parameters"';
        for (const id of [1, 2, 2]) await after.query(upsert, [id, BYTES]);
      }
      await after.query('DELETE FROM trial WHERE "id" = 1');
      const rows = (await after.query('SELECT "trialId", "parameters" FROM trial_network')) as {
        trialId: number;
        parameters: Buffer;
      }[];
      expect(rows.map((row) => [row.trialId, Buffer.from(row.parameters)])).toEqual([[2, BYTES]]);
    },
    undone: async (after) => {
      expect(await after.query(`SELECT name FROM sqlite_master WHERE name = 'trial_network'`)).toEqual([]);
    },
  },
);
