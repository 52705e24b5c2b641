import type { TaskPlan } from '@regsweep/sweep';
import type { SqliteStatements } from '../../database/sqlite-statements';
import type { StoredTaskFailure, TaskState } from '../store-types';

/** The `task` table: one row per (curve, fold) of a sweep, recording each start, retry and final failure. */
export class TaskRows {
  constructor(private readonly sqlite: SqliteStatements) {}

  /** Inside the caller's transaction: INSERT OR IGNORE on the deterministic key, so a resume adds nothing. */
  insertPending(sweepId: string, tasks: readonly TaskPlan[]): void {
    const insert = this.sqlite.statement(
      "INSERT OR IGNORE INTO task (sweepId, key, curve, fold, status, attempts) VALUES (?, ?, ?, ?, 'pending', 0)",
    );
    for (const task of tasks) insert.run(sweepId, task.key, task.curve, task.fold);
  }

  states(sweepId: string): Map<string, TaskState> {
    const rows = this.sqlite.statement('SELECT key, status, attempts FROM task WHERE sweepId = ?').all(sweepId) as {
      key: string;
      status: TaskState['status'];
      attempts: number;
    }[];
    return new Map(rows.map(({ key, status, attempts }) => [key, { status, attempts }]));
  }

  resetRunning(sweepId: string, options: { uncount: boolean }): void {
    // Two fixed statements, not one with an interpolated expression.
    const sql = options.uncount
      ? "UPDATE task SET status = 'pending', attempts = MAX(attempts - 1, 0) WHERE sweepId = ? AND status = 'running'"
      : "UPDATE task SET status = 'pending' WHERE sweepId = ? AND status = 'running'";
    this.sqlite.statement(sql).run(sweepId);
  }

  markStarted(key: string): number {
    const [row] = this.sqlite
      .statement("UPDATE task SET status = 'running', attempts = attempts + 1 WHERE key = ? RETURNING attempts")
      .all(key) as { attempts: number }[];
    if (!row) throw new Error(`task ${key} is not stored`);
    return row.attempts;
  }

  markForRetry(key: string, error: string): void {
    this.sqlite.statement("UPDATE task SET status = 'pending', error = ? WHERE key = ?").run(error, key);
  }

  /** Inside the caller's transaction (attempts were counted when the task started). */
  markDone(key: string): void {
    this.sqlite.statement("UPDATE task SET status = 'done', error = NULL WHERE key = ?").run(key);
  }

  /** Inside the caller's transaction. */
  markFailed(key: string, error: string): void {
    this.sqlite.statement("UPDATE task SET status = 'failed', error = ? WHERE key = ?").run(error, key);
  }

  failures(sweepId: string): StoredTaskFailure[] {
    return this.sqlite
      .statement(
        "SELECT curve, fold, attempts, COALESCE(error, 'unknown') AS error FROM task " +
          "WHERE sweepId = ? AND status = 'failed' ORDER BY id",
      )
      .all(sweepId) as StoredTaskFailure[];
  }
}
