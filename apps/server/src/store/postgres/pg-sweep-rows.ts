import { randomUUID } from 'node:crypto';
import type { ConcurrencyChoice } from '@regsweep/sweep';
import type { SweepEntity } from '../../sweeps/sweep.entity';
import { reportJsonInSlices } from '../report-json';
import { bestSummary, bestValidation } from '../best-summary';
import type { NewSweep, SweepEnd, SweepListItem, SweepListQuery, SweepSort, SweepTracking } from '../store-types';
import { sweepFilterSql, type FilterDialect } from '../sweep-filter-sql';
import { selectRows, type Queryable } from './pg-queryable';
import type { PageRows } from '../../common/page';

/** Every column of the sweep row but `best` (selected apart), `bestValidation` and `concludeAttempts`. */
export const SUMMARY_COLUMNS =
  '"id", "name", "datasetId", "datasetVersion", "config", "status", "progressDone", "progressTotal", "error", ' +
  '"scheduleId", "createdAt", "startedAt", "finishedAt", "datasetChecksum", "regsweepVersion", "concurrency", ' +
  '"tags", "notes", "model"';

/**
 * Sort keys → ORDER BY terms, looked up, never interpolated. They give SQLite's order: text by bytes (COLLATE "C",
 * not the database's locale) and NULLs first when ascending (PostgreSQL's default is the other way round).
 */
const SORT_TERMS: Record<SweepSort, string> = {
  createdAt: '"createdAt"',
  name: '"name" COLLATE "C"',
  status: '"status" COLLATE "C"',
  startedAt: '"startedAt"',
  finishedAt: '"finishedAt"',
  bestValidation: '"bestValidation"',
};

/**
 * `$n` placeholders; ILIKE folds the case of every letter, a superset of SQLite's ASCII-only LIKE (translate() of
 * A–Z alone, to fold exactly as SQLite, scanned 10,000 names about 3× slower: docs/benchmarks.md).
 */
const POSTGRES_FILTERS: FilterDialect = {
  placeholder: (n) => `$${n}`,
  date: (value) => value,
  containsIgnoringAsciiCase: (column, placeholder) => `${column} ILIKE ${placeholder} ESCAPE '\\'`,
};

export type SweepRow = Omit<SweepEntity, 'config' | 'report' | 'concurrency' | 'tags'> & {
  config: string;
  concurrency: string | null;
  tags: string | null;
  best?: unknown;
};

/** The `sweep` table on PostgreSQL. */
export class PgSweepRows {
  constructor(private readonly db: Queryable) {}

  /** The sweep row and its penalty rows (sweep_penalty, what the list filters on) in one statement. */
  async create(sweep: NewSweep): Promise<SweepEntity> {
    const [row] = await selectRows<SweepRow>(
      this.db,
      'WITH created AS (INSERT INTO sweep ("id", "name", "datasetId", "datasetVersion", "config", "status", ' +
        `"progressDone", "progressTotal", "error", "scheduleId", "createdAt", "regsweepVersion", "model") ` +
        `VALUES ($1, $2, $3, $4, $5, 'queued', 0, 0, NULL, $6, $7, $8, $9) ` +
        `RETURNING ${SUMMARY_COLUMNS}, "concludeAttempts"), ` +
        'penalties AS (INSERT INTO sweep_penalty ("sweepId", "penalty") SELECT DISTINCT "id", unnest($10::varchar[]) ' +
        'FROM created) SELECT * FROM created',
      [
        randomUUID(),
        sweep.name,
        sweep.datasetId,
        sweep.datasetVersion,
        JSON.stringify(sweep.config),
        sweep.scheduleId ?? null,
        sweep.createdAt,
        sweep.regsweepVersion ?? null,
        sweep.config.model,
        [...sweep.config.penalties],
      ],
    );
    return toEntity(row);
  }

  /**
   * The tags (the JSON list and its sweep_tag rows) and notes in one statement: the rows of tags no longer listed
   * are deleted and the new ones added (ON CONFLICT: the kept ones stay), all against the same snapshot.
   */
  async setTracking(id: string, tracking: SweepTracking): Promise<boolean> {
    const tags = tracking.tags === undefined ? null : [...tracking.tags];
    const [{ found }] = await selectRows<{ found: number }>(
      this.db,
      'WITH changed AS (UPDATE sweep SET "tags" = CASE WHEN $2::varchar[] IS NULL THEN "tags" ELSE $3 END, ' +
        '"notes" = CASE WHEN $4::boolean THEN $5 ELSE "notes" END WHERE "id" = $1 RETURNING "id"), ' +
        'removed AS (DELETE FROM sweep_tag WHERE $2::varchar[] IS NOT NULL AND "sweepId" IN (SELECT "id" FROM changed) ' +
        'AND "tag" <> ALL($2::varchar[])), ' +
        'added AS (INSERT INTO sweep_tag ("sweepId", "tag") SELECT DISTINCT "id", unnest($2::varchar[]) FROM changed ' +
        'ON CONFLICT DO NOTHING) SELECT COUNT(*)::int AS found FROM changed',
      [id, tags, JSON.stringify(tags), tracking.notes !== undefined, tracking.notes ?? null],
    );
    return found > 0;
  }

  async recordDatasetChecksum(id: string, checksum: string): Promise<void> {
    await this.db.query('UPDATE sweep SET "datasetChecksum" = $1 WHERE "id" = $2', [checksum, id]);
  }

  async recordConcurrency(id: string, choice: ConcurrencyChoice): Promise<void> {
    await this.db.query('UPDATE sweep SET "concurrency" = $1 WHERE "id" = $2', [JSON.stringify(choice), id]);
  }

  async find(id: string): Promise<SweepEntity | null> {
    const [row] = await selectRows<SweepRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS}, "concludeAttempts" FROM sweep WHERE "id" = $1`,
      [id],
    );
    return row ? toEntity(row) : null;
  }

  /** The report from its own table (sweep_report); a sweep without a row there has none yet. */
  async findReport(id: string): Promise<SweepEntity['report'] | undefined> {
    const [row] = await selectRows<{ report: string | null }>(
      this.db,
      'SELECT r."report" FROM sweep s LEFT JOIN sweep_report r ON r."sweepId" = s."id" WHERE s."id" = $1',
      [id],
    );
    if (!row) return undefined;
    return row.report === null ? null : (JSON.parse(row.report) as SweepEntity['report']);
  }

  /** A page of sweeps, each with its best model's summary (the `best` column, not the report). */
  async list(query: SweepListQuery): Promise<PageRows<SweepListItem>> {
    if (!Object.hasOwn(SORT_TERMS, query.sort)) throw new Error(`unknown sweep sort "${query.sort}"`);
    const filter = sweepFilterSql(query, POSTGRES_FILTERS);
    const where = filter.where ? `WHERE ${filter.where}` : '';
    const { parameters } = filter;
    const [{ total }] = await selectRows<{ total: number }>(
      this.db,
      `SELECT COUNT(*)::int AS total FROM sweep ${where}`,
      parameters,
    );
    const direction = query.order === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST';
    // Sweeps without a best model after those with one, whichever the order (as on SQLite).
    const sortDirection = query.sort === 'bestValidation' ? `${query.order.toUpperCase()} NULLS LAST` : direction;
    const n = parameters.length;
    const rows = await selectRows<SweepRow>(
      this.db,
      `SELECT ${SUMMARY_COLUMNS}, "best" FROM sweep ${where} ` +
        `ORDER BY ${SORT_TERMS[query.sort]} ${sortDirection}, "id" COLLATE "C" ${direction} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...parameters, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items: rows.map(toListItem), total };
  }

  async findSummary(id: string): Promise<SweepListItem | null> {
    const [row] = await selectRows<SweepRow>(this.db, `SELECT ${SUMMARY_COLUMNS}, "best" FROM sweep WHERE "id" = $1`, [
      id,
    ]);
    return row ? toListItem(row) : null;
  }

  async findUnfinishedIds(): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(
      this.db,
      `SELECT "id" FROM sweep WHERE "status" IN ('queued', 'running') ORDER BY "createdAt" ASC, "id" COLLATE "C" ASC`,
    );
    return rows.map((row) => row.id);
  }

  async markRunning(id: string, startedAt: Date, progressTotal: number, progressDone: number): Promise<void> {
    await this.db.query(
      `UPDATE sweep SET "status" = 'running', "startedAt" = $2, "progressTotal" = $3, "progressDone" = $4 WHERE "id" = $1`,
      [id, startedAt, progressTotal, progressDone],
    );
  }

  /** Counts a start of the conclude step before it runs; returns the count including this one. */
  async beginConclusion(id: string): Promise<number> {
    const [row] = await selectRows<{ concludeAttempts: number }>(
      this.db,
      'WITH changed AS (UPDATE sweep SET "concludeAttempts" = "concludeAttempts" + 1 WHERE "id" = $1 ' +
        'RETURNING "concludeAttempts") SELECT "concludeAttempts" FROM changed',
      [id],
    );
    if (!row) throw new Error(`sweep ${id} not found`);
    return row.concludeAttempts;
  }

  async requeue(id: string): Promise<void> {
    await this.db.query(`UPDATE sweep SET "status" = 'queued', "error" = NULL WHERE "id" = $1`, [id]);
  }

  /**
   * The report's JSON text is built in time slices (report-json.ts); the sweep row, its report row (sweep_report:
   * written, or removed when the end has no report) in one statement.
   */
  async finish(id: string, end: SweepEnd): Promise<void> {
    const report = end.report ? await reportJsonInSlices(end.report) : null;
    const best = end.report ? JSON.stringify(end.report.best ?? null) : null;
    await this.db.query(
      'WITH changed AS (UPDATE sweep SET "status" = $2, "finishedAt" = $3, "error" = $4, "best" = $6, ' +
        '"bestValidation" = $7 WHERE "id" = $1 RETURNING "id"), ' +
        'stored AS (INSERT INTO sweep_report ("sweepId", "report") SELECT "id", $5 FROM changed WHERE $5::text IS NOT NULL ' +
        'ON CONFLICT ("sweepId") DO UPDATE SET "report" = EXCLUDED."report"), ' +
        'removed AS (DELETE FROM sweep_report WHERE $5::text IS NULL AND "sweepId" = $1) SELECT 1',
      [id, end.status, end.finishedAt, end.error ?? null, report, best, bestValidation(end.report?.best)],
    );
  }

  /**
   * GREATEST: two tasks' transactions (progress n and n+1) may commit in either order here, unlike SQLite's
   * synchronous ones; the count only ever grows within a run.
   */
  async setProgress(sweepId: string, progressDone: number): Promise<void> {
    await this.db.query('UPDATE sweep SET "progressDone" = GREATEST("progressDone", $2) WHERE "id" = $1', [
      sweepId,
      progressDone,
    ]);
  }
}

function toEntity({ best: _best, config, concurrency, tags, ...row }: SweepRow): SweepEntity {
  return {
    ...row,
    config: JSON.parse(config) as SweepEntity['config'],
    concurrency: concurrency === null ? null : (JSON.parse(concurrency) as ConcurrencyChoice),
    tags: tags === null ? null : (JSON.parse(tags) as string[]),
    report: null,
  };
}

export function toListItem(row: SweepRow): SweepListItem {
  return { sweep: toEntity(row), best: bestSummary((row.best ?? null) as Parameters<typeof bestSummary>[0]) };
}
