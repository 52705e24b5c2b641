/**
 * The services the distributed tier needs: PostgreSQL (REGSWEEP_TEST_POSTGRES_URL, default the local `test`
 * database) and, for queue mode, Redis. `.ci/run` starts them on a fresh machine. When one cannot be reached the
 * tests fail with the reason: this tier never passes by skipping.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_POSTGRES_URL = process.env.REGSWEEP_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** The schema's name (what keys its migration lock: migrateOnce). */
  name: string;
  /** The database URL with this schema as the session's search_path: every table regsweep makes goes in it. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh schema in the test database, for one test file's servers, CLIs and workers. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `regsweep_e2e_${randomBytes(6).toString('hex')}`;
  await withClient((client) => client.query(`CREATE SCHEMA "${name}"`));
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    drop: () => withClient((client) => client.query(`DROP SCHEMA "${name}" CASCADE`)).then(() => undefined),
  };
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${String(error)}): the distributed tier needs it; ` +
        '.ci/run starts it (or set REGSWEEP_TEST_POSTGRES_URL)',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many trial and fold_result rows a sweep has in the schema at `url`, counted by PostgreSQL itself. */
export async function storedRowCounts(url: string, sweepId: string): Promise<{ trials: number; folds: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT (SELECT COUNT(*)::int FROM trial WHERE "sweepId" = $1) AS trials, ' +
        '(SELECT COUNT(*)::int FROM fold_result f JOIN trial t ON t."id" = f."trialId" WHERE t."sweepId" = $1) AS folds',
      [sweepId],
    );
    return rows[0] as { trials: number; folds: number };
  } finally {
    await client.end();
  }
}
