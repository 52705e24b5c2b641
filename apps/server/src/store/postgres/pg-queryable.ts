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

/** Splits rows into batches, so one statement's array parameters stay a bounded size. */
export function* batches<T>(items: readonly T[], size = 5000): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
