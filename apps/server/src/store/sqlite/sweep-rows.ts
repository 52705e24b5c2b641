import type { ConcurrencyChoice } from '@regsweep/sweep';
import { randomUUID } from 'node:crypto';
import { LruCache } from '../../common/lru-cache';
import { sqliteDate, type SqliteStatements } from '../../database/sqlite-statements';
import type { SweepEntity } from '../../sweeps/sweep.entity';
import { bestSummary, bestValidation } from '../best-summary';
import { reportJsonBytesInSlices } from '../report-json';
import type { NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepSort, SweepTracking } from '../store-types';
import { sweepFilterSql, type FilterDialect } from '../sweep-filter-sql';
import { SUMMARY_COLUMNS, sweepEntityOf, type SweepRow } from './sweep-entity-row';
import type { PageRows } from '../../common/page';

/** Sort keys → columns. Looked up, never interpolated: only these names can reach the ORDER BY. */
const SORT_COLUMNS: Record<SweepSort, string> = {
  createdAt: 'sweep.createdAt',
  name: 'sweep.name',
  status: 'sweep.status',
  startedAt: 'sweep.startedAt',
  finishedAt: 'sweep.finishedAt',
  bestValidation: 'sweep.bestValidation',
};

/**
 * Sort keys → the index that holds their order (ascending and descending alike; the id breaks ties after it).
 * bestValidation's has NULLs first, the list puts them last.
 */
const SORT_INDEXES: Partial<Record<SweepSort, string>> = { createdAt: 'IDX_sweep_createdAt', name: 'IDX_sweep_name' };

/** Named parameters (`:fN`, bound from an object); dates in the text form `datetime` columns hold; LIKE folds ASCII case. */
const SQLITE_FILTERS: FilterDialect = {
  placeholder: (n) => `:f${n}`,
  date: sqliteDate,
  containsIgnoringAsciiCase: (column, placeholder) => `${column} LIKE ${placeholder} ESCAPE '\\'`,
};

type SummaryRow = SweepRow & { best: string | null };

/** Filters whose count is kept (a dashboard polls a few; each entry is a short key and a number). */
const CACHED_COUNTS = 64;

/**
 * The `sweep` table in plain statements on the store's connection: each row hydrated as TypeORM's entity was
 * (sweep-entity-row.ts), so the same code serves the server and the CLI's light sweep, which has no TypeORM.
 */
export class SweepRows {
  /**
   * The list's counts by filter, each kept with the file's change version it was taken at: a filter on tags has to
   * look up every candidate sweep's tags (about half of a filtered list's time on 10,000 sweeps,
   * docs/benchmarks.md), while the answer only changes when rows do.
   */
  private readonly counts = new LruCache<{ version: string; total: number }>(CACHED_COUNTS);

  constructor(private readonly sqlite: SqliteStatements) {}

  /** The sweep row and its penalty rows (sweep_penalty, what the list filters on) in one synchronous transaction. */
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
    this.sqlite.statement('UPDATE sweep SET datasetChecksum = ? WHERE id = ?').run(checksum, id);
  }

  async recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void> {
    this.sqlite.statement('UPDATE sweep SET concurrency = ? WHERE id = ?').run(JSON.stringify(choice), id);
  }

  async find(id: string): Promise<SweepEntity | null> {
    const row = this.sqlite.statement(`SELECT ${SUMMARY_COLUMNS} FROM sweep WHERE id = ?`).get(id) as
      SweepRow | undefined;
    return row ? { ...sweepEntityOf(row), report: null } : null;
  }

  /** The report from its own table (sweep_report); a sweep without a row there has none yet. */
  async findReport(id: string): Promise<SweepEntity['report'] | undefined> {
    const row = this.sqlite
      .statement('SELECT r.report FROM sweep s LEFT JOIN sweep_report r ON r.sweepId = s.id WHERE s.id = ?')
      .get(id) as { report: string | null } | undefined;
    if (!row) return undefined;
    return row.report === null ? null : (JSON.parse(row.report) as SweepEntity['report']);
  }

  /** A page of sweeps, each with its best model's summary (the `best` column, not the report). */
  async list(query: SweepListQuery): Promise<PageRows<SweepListItem>> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (!Object.hasOwn(SORT_COLUMNS, query.sort)) throw new Error(`unknown sweep sort "${query.sort}"`);
    const { where, parameters } = sweepFilterSql(query, SQLITE_FILTERS);
    const filter = where ? ` WHERE ${where}` : '';
    const named = Object.fromEntries(parameters.map((value, i) => [`f${i + 1}`, value]));
    const total = this.count(filter, named);
    // Sweeps without a best model after those with one, whichever the order (the others keep SQLite's NULLs first).
    const nulls = query.sort === 'bestValidation' ? ' NULLS LAST' : '';
    // The page's ids first, then their rows: asked for every summary column at once, the planner sorts all matching
    // rows by their width rather than walking the sort's index to the page.
    const skip = (query.page - 1) * query.pageSize;
    const index = where ? this.sortIndexToWalk(query, total, skip) : undefined;
    const indexedBy = index ? ` INDEXED BY "${index}"` : '';
    const pageIds = this.sqlite
      .uncachedStatement(
        `SELECT sweep.id AS id FROM sweep${indexedBy}${filter} ORDER BY ${SORT_COLUMNS[query.sort]} ` +
          `${direction}${nulls}, sweep.id ${direction} LIMIT :pageSize OFFSET :skip`,
      )
      .all({ ...named, pageSize: query.pageSize, skip }) as { id: string }[];
    if (pageIds.length === 0) return { items: [], total };
    const rows = this.sqlite
      .statement(
        `SELECT ${SUMMARY_COLUMNS}, sweep.best AS best FROM sweep WHERE sweep.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(pageIds.map((row) => row.id))) as SummaryRow[];
    const byId = new Map(rows.map((row) => [row.id, summaryItem(row)]));
    const items = pageIds.map((row) => byId.get(row.id)!);
    return { items, total };
  }

  /** How many sweeps `filter` matches, from the cache while no row has changed since it was counted. */
  private count(filter: string, named: Record<string, unknown>): number {
    const key = `${filter}\u0000${JSON.stringify(named)}`;
    const version = this.sqlite.changeVersion();
    const cached = this.counts.get(key);
    if (cached?.version === version) return cached.total;
    // The filters' SQL text varies with the request: prepared for this call, not kept.
    // COUNT(*): an index that answers the filters then answers the count without reading the rows.
    const { total } = this.sqlite.uncachedStatement(`SELECT COUNT(*) AS total FROM sweep${filter}`).get(named) as {
      total: number;
    };
    this.counts.set(key, { version, total });
    return total;
  }

  /**
   * The index of the sort order to walk for a filtered page, when walking it is the cheaper plan. SQLite's planner
   * takes an indexed equality (`status IN (?)`, `model IN (?)`) for selective whatever the value bound, then reads and
   * sorts every match: 9,000 for succeeded sweeps out of 10,000 (docs/benchmarks.md). Walking the sort's index stops
   * at the page's last match instead. With m of the n sweeps matching, spread evenly, the walk reads about
   * (offset + pageSize)·n/m rows, the filter's index m (and sorts them): the walk is chosen when
   * (offset + pageSize)·n ≤ m². At worst (the matches all at the far end) it reads the table once.
   */
  private sortIndexToWalk(query: SweepListQuery, matches: number, offset: number): string | undefined {
    const index = SORT_INDEXES[query.sort];
    if (!index || matches === 0) return undefined;
    const { sweeps } = this.sqlite.statement('SELECT COUNT(*) AS sweeps FROM sweep').get() as { sweeps: number };
    return (offset + query.pageSize) * sweeps <= matches * matches ? index : undefined;
  }

  async findSummary(id: string): Promise<SweepListItem | null> {
    const row = this.sqlite
      .statement(`SELECT ${SUMMARY_COLUMNS}, sweep.best AS best FROM sweep WHERE sweep.id = ?`)
      .get(id) as SummaryRow | undefined;
    return row ? summaryItem(row) : null;
  }

  async findUnfinishedIds(): Promise<string[]> {
    const rows = this.sqlite
      .statement("SELECT id FROM sweep WHERE status IN ('queued', 'running') ORDER BY createdAt ASC, id ASC")
      .all() as { id: string }[];
    return rows.map((row) => row.id);
  }

  async markRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    this.sqlite
      .statement("UPDATE sweep SET status = 'running', startedAt = ?, progressTotal = ?, progressDone = ? WHERE id = ?")
      .run(sqliteDate(startedAt), progressTotal, progressDone, id);
  }

  async beginConclusion(id: string): Promise<number> {
    this.sqlite.statement('UPDATE sweep SET concludeAttempts = concludeAttempts + 1 WHERE id = ?').run(id);
    const sweep = this.sqlite.statement('SELECT concludeAttempts FROM sweep WHERE id = ?').get(id) as
      { concludeAttempts: number } | undefined;
    if (!sweep) throw new Error(`sweep ${id} not found`);
    return sweep.concludeAttempts;
  }

  async requeue(id: string): Promise<void> {
    this.sqlite.statement("UPDATE sweep SET status = 'queued', error = NULL WHERE id = ?").run(id);
  }

  /**
   * The report's JSON text is built in time slices (report-json.ts) and stored as is in sweep_report, with its `best`
   * on the sweep row, in one transaction before the status. Without a report (a failed or cancelled end) any earlier
   * one is removed, as the column it replaces was set to NULL. The text is bound as its UTF-8 bytes and stored as
   * TEXT (CAST of a blob to TEXT takes its bytes as the database's UTF-8: the same text, no conversion).
   */
  async finish(id: string, end: SweepEnd): Promise<void> {
    const report = end.report ? await reportJsonBytesInSlices(end.report) : null;
    const best = end.report ? JSON.stringify(end.report.best ?? null) : null;
    this.sqlite.transaction(() => {
      if (report === null) this.sqlite.statement('DELETE FROM sweep_report WHERE sweepId = ?').run(id);
      else {
        this.sqlite
          .statement(
            'INSERT INTO sweep_report (sweepId, report) VALUES (?, CAST(? AS TEXT)) ' +
              'ON CONFLICT (sweepId) DO UPDATE SET report = excluded.report',
          )
          .run(id, report);
      }
      this.sqlite
        .statement('UPDATE sweep SET best = ?, bestValidation = ? WHERE id = ?')
        .run(best, bestValidation(end.report?.best), id);
    });
    this.sqlite
      .statement('UPDATE sweep SET status = ?, finishedAt = ?, error = ? WHERE id = ?')
      .run(end.status, sqliteDate(end.finishedAt), end.error ?? null, id);
  }
}

/** A summary row with its `best` column, as lists show a sweep. */
export function summaryItem(row: SummaryRow): SweepListItem {
  return { sweep: sweepEntityOf(row), best: bestSummary(row.best) };
}
