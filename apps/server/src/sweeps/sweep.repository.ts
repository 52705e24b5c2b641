import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SweepReport, TaskPlan } from '@regsweep/sweep';
import { Repository } from 'typeorm';
import { SqliteService } from '../database/sqlite.service';
import { SweepEntity, SweepStatus } from './sweep.entity';
import type { TaskStatus } from './task.entity';

export type NewSweep = Pick<
  SweepEntity,
  'name' | 'datasetId' | 'datasetVersion' | 'config' | 'scheduleId' | 'createdAt'
>;

export type SweepSort = 'createdAt' | 'name' | 'status' | 'startedAt' | 'finishedAt';

export interface SweepListQuery {
  page: number;
  pageSize: number;
  sort: SweepSort;
  order: 'asc' | 'desc';
  status?: SweepStatus;
}

/** The best model of a finished sweep, in a line. */
export interface BestSummary {
  penalty: string;
  l1Ratio: number;
  lambda: number;
  validation: number | null;
}

export interface SweepListItem {
  sweep: SweepEntity;
  best: BestSummary | null;
}

const LIST_COLUMNS: (keyof SweepEntity)[] = [
  'id',
  'name',
  'datasetId',
  'datasetVersion',
  'config',
  'status',
  'progressDone',
  'progressTotal',
  'error',
  'scheduleId',
  'createdAt',
  'startedAt',
  'finishedAt',
];

/** Sort keys → columns. Looked up, never interpolated: only these names can reach the ORDER BY. */
const SORT_COLUMNS: Record<SweepSort, string> = {
  createdAt: 'sweep.createdAt',
  name: 'sweep.name',
  status: 'sweep.status',
  startedAt: 'sweep.startedAt',
  finishedAt: 'sweep.finishedAt',
};

export interface SweepEnd {
  status: SweepStatus;
  finishedAt: Date;
  error?: string | null;
  report?: SweepReport | null;
}

@Injectable()
export class SweepRepository {
  constructor(
    @InjectRepository(SweepEntity) private readonly sweeps: Repository<SweepEntity>,
    private readonly sqlite: SqliteService,
  ) {}

  create(sweep: NewSweep): Promise<SweepEntity> {
    return this.sweeps.save(
      this.sweeps.create({ ...sweep, status: 'queued', progressDone: 0, progressTotal: 0, error: null, report: null }),
    );
  }

  findById(id: string): Promise<SweepEntity | null> {
    return this.sweeps.findOneBy({ id });
  }

  /**
   * A page of sweeps without their reports (large), each with its best model's summary read inside SQLite
   * (json_extract of the cached report).
   */
  async list(query: SweepListQuery): Promise<{ items: SweepListItem[]; total: number }> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (!Object.hasOwn(SORT_COLUMNS, query.sort)) throw new Error(`unknown sweep sort "${query.sort}"`);
    const builder = this.summaryQuery();
    if (query.status) builder.where('sweep.status = :status', { status: query.status });
    const total = await builder.getCount();
    const { entities, raw } = await builder
      .orderBy(SORT_COLUMNS[query.sort], direction)
      .addOrderBy('sweep.id', direction)
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawAndEntities<{ best: string | null }>();
    const items = entities.map((sweep, i) => ({ sweep, best: bestSummary(raw[i]?.best ?? null) }));
    return { items, total };
  }

  /** One sweep as the list shows it: without its report, which can be megabytes for a large random search. */
  async findSummaryById(id: string): Promise<SweepListItem | null> {
    const { entities, raw } = await this.summaryQuery()
      .where('sweep.id = :id', { id })
      .getRawAndEntities<{ best: string | null }>();
    return entities[0] ? { sweep: entities[0], best: bestSummary(raw[0]?.best ?? null) } : null;
  }

  private summaryQuery() {
    return this.sweeps
      .createQueryBuilder('sweep')
      .select(LIST_COLUMNS.map((column) => `sweep.${column}`))
      .addSelect("json_extract(sweep.report, '$.best')", 'best');
  }

  /** The tasks of a sweep, stored once (INSERT OR IGNORE on the deterministic key) so a resume finds them. */
  createTasks(sweepId: string, tasks: readonly TaskPlan[]): void {
    const insert = this.sqlite.statement(
      "INSERT OR IGNORE INTO task (sweepId, key, curve, fold, status, attempts) VALUES (?, ?, ?, ?, 'pending', 0)",
    );
    this.sqlite.transaction(() => {
      for (const task of tasks) insert.run(sweepId, task.key, task.curve, task.fold);
    });
  }

  /** `progressDone`: tasks a resumed sweep had already finished (0 for a fresh one). */
  async markRunning(id: string, startedAt: Date, progressTotal: number, progressDone = 0): Promise<void> {
    await this.sweeps.update({ id }, { status: 'running', startedAt, progressTotal, progressDone });
  }

  async finish(id: string, end: SweepEnd): Promise<void> {
    await this.sweeps.update(
      { id },
      { status: end.status, finishedAt: end.finishedAt, error: end.error ?? null, report: end.report ?? null },
    );
  }

  // Crash safety and retries (runner/): task rows record each start, retry and final failure, so a sweep stopped
  // at any point (SIGKILL included) resumes from them.

  /** Sweeps a stopped process left queued or running, oldest first: the runner resumes them at start. */
  async findUnfinishedIds(): Promise<string[]> {
    const rows = await this.sweeps.find({
      select: { id: true },
      where: [{ status: 'queued' }, { status: 'running' }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  /** Back to queued, to be resumed by the next start (a graceful shutdown stopped it). */
  async requeue(id: string): Promise<void> {
    await this.sweeps.update({ id }, { status: 'queued', error: null });
  }

  /** Status and attempts of a sweep's tasks, by key. */
  taskStates(sweepId: string): Map<string, { status: TaskStatus; attempts: number }> {
    const rows = this.sqlite.statement('SELECT key, status, attempts FROM task WHERE sweepId = ?').all(sweepId) as {
      key: string;
      status: TaskStatus;
      attempts: number;
    }[];
    return new Map(rows.map(({ key, status, attempts }) => [key, { status, attempts }]));
  }

  /**
   * Tasks left `running` become pending again. After a crash their start stays counted (the task may be what killed
   * the process); an attempt this process aborted itself (cancel, shutdown) is not counted: `uncount`.
   */
  resetRunningTasks(sweepId: string, options: { uncount: boolean }): void {
    const attempts = options.uncount ? 'MAX(attempts - 1, 0)' : 'attempts';
    this.sqlite
      .statement(`UPDATE task SET status = 'pending', attempts = ${attempts} WHERE sweepId = ? AND status = 'running'`)
      .run(sweepId);
  }

  /** Records a start of a task on a worker and returns which attempt this is (1 for the first). */
  markTaskStarted(key: string): number {
    const [row] = this.sqlite
      .statement("UPDATE task SET status = 'running', attempts = attempts + 1 WHERE key = ? RETURNING attempts")
      .all(key) as { attempts: number }[];
    if (!row) throw new Error(`task ${key} is not stored`);
    return row.attempts;
  }

  /** A transient fault: the task waits for its next attempt, with the last fault's reason kept. */
  markTaskForRetry(key: string, error: string): void {
    this.sqlite.statement("UPDATE task SET status = 'pending', error = ? WHERE key = ?").run(error, key);
  }

  /** A sweep's tasks that failed for good, in plan order of storage. */
  taskFailures(sweepId: string): { curve: number; fold: number; attempts: number; error: string }[] {
    return this.sqlite
      .statement(
        "SELECT curve, fold, attempts, COALESCE(error, 'unknown') AS error FROM task " +
          "WHERE sweepId = ? AND status = 'failed' ORDER BY id",
      )
      .all(sweepId) as { curve: number; fold: number; attempts: number; error: string }[];
  }
}

export function bestSummary(best: string | SweepReport['best'] | null): BestSummary | null {
  const parsed = typeof best === 'string' ? (JSON.parse(best) as SweepReport['best']) : best;
  if (!parsed) return null;
  const { penalty, l1Ratio, lambda, validation } = parsed;
  return { penalty, l1Ratio, lambda, validation: validation.mean };
}
