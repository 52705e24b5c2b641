/**
 * Prepared statements and synchronous transactions on one better-sqlite3 connection, with no TypeORM or Nest: the
 * SQLite stores (sweeps, datasets) take this, so the server (SqliteService, on TypeORM's connection) and the CLI's
 * light sweep (on a connection of its own, cli light-sweep-session.ts) assemble the same store code.
 */

/** The part of a better-sqlite3 connection the batched writers use. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  /** One row at a time, for results too large to hold at once (a dataset's value chunks). */
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as arrays of column values instead of objects (about half the cost for thousands of rows). */
  raw(toggle?: boolean): SqliteStatement;
}
export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  transaction<T>(work: () => T): { (): T; immediate(): T };
}

/**
 * How every connection to a regsweep SQLite file is set up (TypeORM's through data-source-options.ts, the CLI's
 * light sweep's directly). WAL lets readers (API requests) proceed while the runner writes; the busy timeout covers a
 * second process (the CLI next to a running server) holding the write lock for a moment.
 */
export function connectionPragmas(db: { pragma(source: string): unknown }): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
}

/**
 * Why synchronous transactions: TypeORM's SQLite driver shares one query runner, so two async transactions that
 * overlap (two tasks finishing together) would nest into each other's BEGIN/ROLLBACK. A better-sqlite3 transaction
 * runs synchronously, so nothing can interleave with it, and it commits or rolls back as one.
 */
export class SqliteStatements {
  private readonly statements = new Map<string, SqliteStatement>();

  /** `connection` is asked on first use: the server's is TypeORM's, open only once its DataSource has started. */
  constructor(private readonly connection: () => SqliteConnection) {}

  /**
   * Runs `work` as one transaction. BEGIN IMMEDIATE takes the write lock up front, so a read-then-write inside
   * (next dataset version) cannot race another process (the CLI next to the server) sharing the file.
   */
  transaction<T>(work: () => T): T {
    return this.connection().transaction(work).immediate();
  }

  /** A prepared statement, compiled once per SQL text. */
  statement(sql: string): SqliteStatement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.connection().prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * A value that differs whenever the file's rows may have changed since it was last read: this connection's
   * total_changes() (every row it inserted, updated or deleted) and PRAGMA data_version (bumped by other
   * connections' commits, e.g. the CLI next to a running server). What a cached read is kept against.
   */
  changeVersion(): string {
    const { changes } = this.statement('SELECT total_changes() AS changes').get() as { changes: number };
    const { data_version } = this.statement('PRAGMA data_version').get() as { data_version: number };
    return `${changes}:${data_version}`;
  }

  /** A statement prepared for one use, not kept: for SQL whose text varies with the request (the list's filters). */
  uncachedStatement(sql: string): SqliteStatement {
    return this.connection().prepare(sql);
  }
}

/**
 * A date in the text form TypeORM stores `datetime` columns in on SQLite (its DateUtils.mixedDateToUtcDatetimeString):
 * "YYYY-MM-DD HH:MM:SS.mmm" in UTC, without a zone. Written here so the stores need no TypeORM to write one.
 */
export function sqliteDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.` +
    String(date.getUTCMilliseconds()).padStart(3, '0')
  );
}

/** A stored `datetime` text read back as TypeORM's SQLite driver reads it: UTC when it names no zone. */
export function sqliteUtcDate(text: string): Date {
  let iso = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(text) ? text.replace(' ', 'T') : text;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(iso)) iso += 'Z';
  return new Date(iso);
}

/** A nullable `datetime` column, as sqliteUtcDate. */
export function sqliteUtcDateOrNull(text: string | null): Date | null {
  return text === null ? null : sqliteUtcDate(text);
}

/** TypeORM's `simple-json` column read back: the JSON text parsed, NULL kept. */
export function parsedJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
