import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { SqliteStatements, type SqliteConnection } from './sqlite-statements';

export { sqliteDate, type SqliteConnection, type SqliteStatement } from './sqlite-statements';

/**
 * The server's SqliteStatements: synchronous transactions and prepared statements on TypeORM's own better-sqlite3
 * connection (sqlite-statements.ts says why synchronous). Provided as SqliteStatements too (database.module.ts), the
 * token the stores ask for.
 */
@Injectable()
export class SqliteService extends SqliteStatements {
  constructor(dataSource: DataSource) {
    super(() => connectionOf(dataSource));
  }
}

/** The driver's better-sqlite3 Database, through TypeORM's public `databaseConnection` of its SQLite drivers. */
function connectionOf(dataSource: DataSource): SqliteConnection {
  const { driver } = dataSource;
  if (!(driver instanceof BetterSqlite3Driver)) {
    throw new Error(`SqliteService needs the better-sqlite3 driver, not ${dataSource.options.type}`);
  }
  return driver.databaseConnection as SqliteConnection;
}
