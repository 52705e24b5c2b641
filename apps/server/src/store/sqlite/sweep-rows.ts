import type { ConcurrencyChoice } from '@regsweep/sweep';
import type { Repository } from 'typeorm';
import { SweepEntity } from '../../sweeps/sweep.entity';
import { bestSummary } from '../best-summary';
import { reportJsonInSlices } from '../report-json';
import type { NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepSort } from '../store-types';

/** Every column but the report, which can be megabytes for a large random search. */
export const SUMMARY_COLUMNS: (keyof SweepEntity)[] = [
  'id',
  'name',
  'datasetId',
  'datasetVersion',
  'config',
  'status',
  'progressDone',
  'progressTotal',
  'error',
  'concludeAttempts',
  'datasetChecksum',
  'regsweepVersion',
  'concurrency',
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

/**
 * The `sweep` table through TypeORM: these are one-row reads and writes, where the entity's column transformers
 * (JSON config, dates) matter more than the statement's cost.
 */
export class SweepRows {
  constructor(private readonly sweeps: Repository<SweepEntity>) {}

  async create(sweep: NewSweep): Promise<SweepEntity> {
    // `best` is a column of the table, not of a sweep as the store hands it out (the lists read it apart).
    const { best: _best, ...saved } = await this.sweeps.save(
      this.sweeps.create({
        ...sweep,
        status: 'queued',
        progressDone: 0,
        progressTotal: 0,
        error: null,
        report: null,
        datasetChecksum: null,
        concurrency: null,
        regsweepVersion: sweep.regsweepVersion ?? null,
      }),
    );
    return saved;
  }

  async recordDatasetChecksum(id: string, checksum: string): Promise<void> {
    await this.sweeps.update({ id }, { datasetChecksum: checksum });
  }

  async recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void> {
    await this.sweeps.update({ id }, { concurrency: choice });
  }

  async find(id: string): Promise<SweepEntity | null> {
    const sweep = await this.sweeps.findOne({ select: SUMMARY_COLUMNS, where: { id } });
    return sweep ? { ...sweep, report: null } : null;
  }

  async findReport(id: string): Promise<SweepEntity['report'] | undefined> {
    const sweep = await this.sweeps.findOne({ select: { id: true, report: true }, where: { id } });
    return sweep ? sweep.report : undefined;
  }

  /** A page of sweeps, each with its best model's summary (the `best` column, not the report). */
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

  async findSummary(id: string): Promise<SweepListItem | null> {
    const { entities, raw } = await this.summaryQuery()
      .where('sweep.id = :id', { id })
      .getRawAndEntities<{ best: string | null }>();
    return entities[0] ? { sweep: entities[0], best: bestSummary(raw[0]?.best ?? null) } : null;
  }

  private summaryQuery() {
    return this.sweeps
      .createQueryBuilder('sweep')
      .select(SUMMARY_COLUMNS.map((column) => `sweep.${column}`))
      .addSelect('sweep.best', 'best');
  }

  async findUnfinishedIds(): Promise<string[]> {
    const rows = await this.sweeps.find({
      select: { id: true },
      where: [{ status: 'queued' }, { status: 'running' }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => row.id);
  }

  async markRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    await this.sweeps.update({ id }, { status: 'running', startedAt, progressTotal, progressDone });
  }

  async beginConclusion(id: string): Promise<number> {
    await this.sweeps.increment({ id }, 'concludeAttempts', 1);
    const sweep = await this.sweeps.findOne({ select: { id: true, concludeAttempts: true }, where: { id } });
    if (!sweep) throw new Error(`sweep ${id} not found`);
    return sweep.concludeAttempts;
  }

  async requeue(id: string): Promise<void> {
    await this.sweeps.update({ id }, { status: 'queued', error: null });
  }

  /**
   * The report's JSON text is built in time slices (report-json.ts) and stored as is, with its `best` apart, before
   * the status.
   */
  async finish(id: string, end: SweepEnd): Promise<void> {
    const report = end.report ? await reportJsonInSlices(end.report) : null;
    const best = end.report ? JSON.stringify(end.report.best ?? null) : null;
    await this.sweeps.query('UPDATE sweep SET report = ?, best = ? WHERE id = ?', [report, best, id]);
    await this.sweeps.update({ id }, { status: end.status, finishedAt: end.finishedAt, error: end.error ?? null });
  }
}
