import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SweepReport, TaskPlan } from '@regsweep/sweep';
import { Repository } from 'typeorm';
import { SqliteService } from '../database/sqlite.service';
import { SweepEntity, SweepStatus } from './sweep.entity';
import { TaskEntity } from './task.entity';

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
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
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
    const builder = this.sweeps
      .createQueryBuilder('sweep')
      .select(LIST_COLUMNS.map((column) => `sweep.${column}`))
      .addSelect("json_extract(sweep.report, '$.best')", 'best');
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

  /** The tasks of a sweep, stored once (INSERT OR IGNORE on the deterministic key) so a resume finds them. */
  createTasks(sweepId: string, tasks: readonly TaskPlan[]): void {
    const insert = this.sqlite.statement(
      "INSERT OR IGNORE INTO task (sweepId, key, curve, fold, status, attempts) VALUES (?, ?, ?, ?, 'pending', 0)",
    );
    this.sqlite.transaction(() => {
      for (const task of tasks) insert.run(sweepId, task.key, task.curve, task.fold);
    });
  }

  async markRunning(id: string, startedAt: Date, progressTotal: number): Promise<void> {
    await this.sweeps.update({ id }, { status: 'running', startedAt, progressTotal, progressDone: 0 });
  }

  async markTaskFailed(key: string, error: string): Promise<void> {
    await this.tasks.update({ key }, { status: 'failed', error });
  }

  async finish(id: string, end: SweepEnd): Promise<void> {
    await this.sweeps.update(
      { id },
      { status: end.status, finishedAt: end.finishedAt, error: end.error ?? null, report: end.report ?? null },
    );
  }
}

export function bestSummary(best: string | SweepReport['best'] | null): BestSummary | null {
  const parsed = typeof best === 'string' ? (JSON.parse(best) as SweepReport['best']) : best;
  if (!parsed) return null;
  const { penalty, l1Ratio, lambda, validation } = parsed;
  return { penalty, l1Ratio, lambda, validation: validation.mean };
}
