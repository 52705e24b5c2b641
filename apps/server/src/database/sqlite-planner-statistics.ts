import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SqliteService } from './sqlite.service';

/** How often the statistics are taken again while the server runs: the sweep table's make-up drifts slowly. */
const REFRESH_MS = 60 * 60 * 1000;

/**
 * Index statistics for SQLite's query planner (sqlite_stat1), taken at start and hourly. Without them the planner
 * takes an equality on any indexed column to match a few rows: `GET /api/sweeps?status=succeeded` then read every
 * succeeded sweep through the status index and sorted them (551 ms on 10,000 sweeps, each row pages long with its
 * report) instead of walking the createdAt index and stopping at the page's 20 (0.2 ms). Only the sweep table is
 * analyzed: its indexes are small (one entry per sweep), so this takes milliseconds; the trial table's reads are by
 * sweep id, selective with or without statistics.
 */
@Injectable()
export class SqlitePlannerStatistics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqlitePlannerStatistics.name);
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly sqlite: SqliteService) {}

  onApplicationBootstrap(): void {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.timer.unref(); // never what keeps the process alive
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** ANALYZE of the sweep table; a failure (the file locked by another process for long) only costs plan quality. */
  refresh(): void {
    try {
      this.sqlite.statement('ANALYZE sweep').run();
    } catch (error) {
      this.logger.warn(`planner statistics not refreshed: ${String(error)}`);
    }
  }
}
