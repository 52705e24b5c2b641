import type { TaskPlan } from '@regsweep/sweep';
import type { StoredTaskFailure, TaskState } from '../store-types';
import { batches, selectRows, type Queryable } from './pg-queryable';

/** The `task` table on PostgreSQL: one row per (curve, fold) of a sweep, each start, retry and final failure. */
export class PgTaskRows {
  constructor(private readonly db: Queryable) {}

  /** ON CONFLICT DO NOTHING on the deterministic key: a resume (or a second server planning it) adds nothing. */
  async insertPending(db: Queryable, sweepId: string, tasks: readonly TaskPlan[]): Promise<void> {
    for (const batch of batches(tasks)) {
      await db.query(
        'INSERT INTO task ("sweepId", "key", "curve", "fold", "status", "attempts") ' +
          "SELECT $1, t.key, t.curve, t.fold, 'pending', 0 FROM unnest($2::varchar[], $3::int[], $4::int[]) " +
          'WITH ORDINALITY AS t(key, curve, fold, position) ORDER BY t.position ON CONFLICT ("key") DO NOTHING',
        [sweepId, batch.map((t) => t.key), batch.map((t) => t.curve), batch.map((t) => t.fold)],
      );
    }
  }

  async states(sweepId: string): Promise<Map<string, TaskState>> {
    const rows = await selectRows<{ key: string; status: TaskState['status']; attempts: number }>(
      this.db,
      'SELECT "key", "status", "attempts" FROM task WHERE "sweepId" = $1',
      [sweepId],
    );
    return new Map(rows.map(({ key, status, attempts }) => [key, { status, attempts }]));
  }

  async resetRunning(sweepId: string, options: { uncount: boolean }): Promise<void> {
    // Two fixed statements, not one with an interpolated expression.
    const sql = options.uncount
      ? `UPDATE task SET "status" = 'pending', "attempts" = GREATEST("attempts" - 1, 0) WHERE "sweepId" = $1 AND "status" = 'running'`
      : `UPDATE task SET "status" = 'pending' WHERE "sweepId" = $1 AND "status" = 'running'`;
    await this.db.query(sql, [sweepId]);
  }

  /** One statement: the row lock PostgreSQL takes for the UPDATE makes two concurrent starts count 1 and 2. */
  async markStarted(key: string): Promise<number> {
    const [row] = await selectRows<{ attempts: number }>(
      this.db,
      `WITH started AS (UPDATE task SET "status" = 'running', "attempts" = "attempts" + 1 WHERE "key" = $1 RETURNING "attempts") ` +
        'SELECT "attempts" FROM started',
      [key],
    );
    if (!row) throw new Error(`task ${key} is not stored`);
    return row.attempts;
  }

  async markForRetry(key: string, error: string): Promise<void> {
    await this.db.query(`UPDATE task SET "status" = 'pending', "error" = $2 WHERE "key" = $1`, [key, error]);
  }

  async markDone(db: Queryable, key: string): Promise<void> {
    await db.query(`UPDATE task SET "status" = 'done', "error" = NULL WHERE "key" = $1`, [key]);
  }

  async markFailed(db: Queryable, key: string, error: string): Promise<void> {
    await db.query(`UPDATE task SET "status" = 'failed', "error" = $2 WHERE "key" = $1`, [key, error]);
  }

  failures(sweepId: string): Promise<StoredTaskFailure[]> {
    return selectRows<StoredTaskFailure>(
      this.db,
      `SELECT "curve", "fold", "attempts", COALESCE("error", 'unknown') AS error FROM task ` +
        `WHERE "sweepId" = $1 AND "status" = 'failed' ORDER BY "id"`,
      [sweepId],
    );
  }
}
