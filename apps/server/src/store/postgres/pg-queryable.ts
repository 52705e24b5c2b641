/** What the PostgreSQL store's row classes run statements on: the DataSource, or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * The rows of a SELECT. (TypeORM's PostgreSQL driver answers an UPDATE … RETURNING with [rows, count] instead, so
 * statements that return rows from a write are written as `WITH changed AS (UPDATE … RETURNING …) SELECT …`.)
 */
export async function selectRows<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, parameters)) as T[];
}

/**
 * Page `page` (1-based, `pageSize` rows) of `SELECT columns FROM source ORDER BY orderBy`, and how many rows
 * `source` (a table and its WHERE, whose $1…$k are `parameters`) holds in all.
 */
export async function selectPage<T>(
  db: Queryable,
  query: {
    readonly columns: string;
    readonly source: string;
    readonly orderBy: string;
    readonly parameters?: unknown[];
  },
  page: number,
  pageSize: number,
): Promise<{ rows: T[]; total: number }> {
  const { columns, source, orderBy, parameters = [] } = query;
  const [{ total }] = await selectRows<{ total: number }>(
    db,
    `SELECT COUNT(*)::int AS total FROM ${source}`,
    parameters,
  );
  const limit = parameters.length + 1;
  const rows = await selectRows<T>(
    db,
    `SELECT ${columns} FROM ${source} ORDER BY ${orderBy} LIMIT $${limit} OFFSET $${limit + 1}`,
    [...parameters, pageSize, (page - 1) * pageSize],
  );
  return { rows, total };
}

/** Splits rows into batches, so one statement's array parameters stay a bounded size. */
export function* batches<T>(items: readonly T[], size = 5000): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
