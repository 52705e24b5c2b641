import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { DateUtils } from 'typeorm/util/DateUtils';

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
 * Synchronous transactions on TypeORM's own better-sqlite3 connection, for batched writes.
 *
 * Why not `dataSource.transaction()`: TypeORM's SQLite driver shares one query runner, so two async transactions
 * that overlap (two tasks finishing together) would nest into each other's BEGIN/ROLLBACK. A better-sqlite3
 * transaction runs synchronously, so nothing can interleave with it, and it commits or rolls back as one.
 */
@Injectable()
export class SqliteService {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(private readonly dataSource: DataSource) {}

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

  /** The driver's better-sqlite3 Database, through TypeORM's public `databaseConnection` of its SQLite drivers. */
  private connection(): SqliteConnection {
    const { driver } = this.dataSource;
    if (!(driver instanceof BetterSqlite3Driver)) {
      throw new Error(`SqliteService needs the better-sqlite3 driver, not ${this.dataSource.options.type}`);
    }
    return driver.databaseConnection as SqliteConnection;
  }
}

/** A date in the text form TypeORM stores and reads back for `datetime` columns. */
export function sqliteDate(date: Date): string {
  return DateUtils.mixedDateToUtcDatetimeString(date) as string;
}
