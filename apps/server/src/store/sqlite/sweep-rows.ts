import type { ConcurrencyChoice } from '@regsweep/sweep';
import { randomUUID } from 'node:crypto';
import type { Repository } from 'typeorm';
import { SqliteService, sqliteDate } from '../../database/sqlite.service';
import { SweepEntity } from '../../sweeps/sweep.entity';
import { bestSummary, bestValidation } from '../best-summary';
import { reportJsonInSlices } from '../report-json';
import type { NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepSort, SweepTracking } from '../store-types';
import { sweepFilterSql, type FilterDialect } from '../sweep-filter-sql';

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
  'tags',
  'notes',
  'model',
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
  bestValidation: 'sweep.bestValidation',
};

/** TypeORM's named parameters; dates in the text form it stores `datetime` columns in; LIKE folds ASCII case. */
const SQLITE_FILTERS: FilterDialect = {
  placeholder: (n) => `:f${n}`,
  date: sqliteDate,
  containsIgnoringAsciiCase: (column, placeholder) => `${column} LIKE ${placeholder} ESCAPE '\\'`,
};

/**
 * The `sweep` table through TypeORM: these are one-row reads and writes, where the entity's column transformers
 * (JSON config, dates) matter more than the statement's cost.
 */
export class SweepRows {
  constructor(
    private readonly sweeps: Repository<SweepEntity>,
    private readonly sqlite: SqliteService,
  ) {}

  /**
   * The sweep row and its penalty rows (sweep_penalty, what the list filters on) in one synchronous transaction,
   * then read back through TypeORM as every other read.
   */
  async create(sweep: NewSweep): Promise<SweepEntity> {
    const id = randomUUID();
    this.sqlite.transaction(() => {
      this.sqlite
        .statement(
          'INSERT INTO sweep (id, name, datasetId, datasetVersion, config, status, progressDone, progressTotal, ' +
            "scheduleId, createdAt, regsweepVersion, model) VALUES (?, ?, ?, ?, ?, 'queued', 0, 0, ?, ?, ?, ?)",
        )
        .run(
          id,
          sweep.name,
          sweep.datasetId,
          sweep.datasetVersion,
          JSON.stringify(sweep.config),
          sweep.scheduleId ?? null,
          sqliteDate(sweep.createdAt),
          sweep.regsweepVersion ?? null,
          sweep.config.model,
        );
      const penalty = this.sqlite.statement('INSERT OR IGNORE INTO sweep_penalty (sweepId, penalty) VALUES (?, ?)');
      for (const kind of sweep.config.penalties) penalty.run(id, kind);
    });
    const created = await this.find(id);
    if (!created) throw new Error(`sweep ${id} was not stored`);
    return created;
  }

  /** The tags (the JSON list and its sweep_tag rows) and notes in one transaction; false when there is no sweep. */
  setTracking(id: string, tracking: SweepTracking): Promise<boolean> {
    return Promise.resolve(
      this.sqlite.transaction(() => {
        const exists = this.sqlite.statement('SELECT 1 FROM sweep WHERE id = ?').get(id) !== undefined;
        if (!exists) return false;
        if (tracking.notes !== undefined) {
          this.sqlite.statement('UPDATE sweep SET notes = ? WHERE id = ?').run(tracking.notes, id);
        }
        if (tracking.tags !== undefined) {
          this.sqlite.statement('UPDATE sweep SET tags = ? WHERE id = ?').run(JSON.stringify(tracking.tags), id);
          this.sqlite.statement('DELETE FROM sweep_tag WHERE sweepId = ?').run(id);
          const insert = this.sqlite.statement('INSERT OR IGNORE INTO sweep_tag (sweepId, tag) VALUES (?, ?)');
          for (const tag of tracking.tags) insert.run(id, tag);
        }
        return true;
      }),
    );
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
    const { where, parameters } = sweepFilterSql(query, SQLITE_FILTERS);
    if (where) builder.where(where, Object.fromEntries(parameters.map((value, i) => [`f${i + 1}`, value])));
    // COUNT(*), not getCount's COUNT(DISTINCT id) (the query joins nothing): an index that answers the filters then
    // answers the count without reading the rows, each pages long with its report.
    const { total } = (await builder.clone().select('COUNT(*)', 'total').getRawOne<{ total: number }>())!;
    // Sweeps without a best model after those with one, whichever the order (the others keep SQLite's NULLs first).
    const nulls = query.sort === 'bestValidation' ? 'NULLS LAST' : undefined;
    // The page's ids first, then their rows: asked for every summary column at once, the planner sorts all matching
    // rows by their width (reading each one past its report) rather than walking the sort's index to the page.
    const pageIds = await builder
      .clone()
      .select('sweep.id', 'id')
      .orderBy(SORT_COLUMNS[query.sort], direction, nulls)
      .addOrderBy('sweep.id', direction)
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany<{ id: string }>();
    if (pageIds.length === 0) return { items: [], total };
    const { entities, raw } = await this.summaryQuery()
      .where('sweep.id IN (:...ids)', { ids: pageIds.map((row) => row.id) })
      .getRawAndEntities<{ best: string | null }>();
    const byId = new Map(entities.map((sweep, i) => [sweep.id, { sweep, best: bestSummary(raw[i]?.best ?? null) }]));
    const items = pageIds.map((row) => byId.get(row.id)!);
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
    await this.sweeps.query('UPDATE sweep SET report = ?, best = ?, bestValidation = ? WHERE id = ?', [
      report,
      best,
      bestValidation(end.report?.best),
      id,
    ]);
    await this.sweeps.update({ id }, { status: end.status, finishedAt: end.finishedAt, error: end.error ?? null });
  }
}
