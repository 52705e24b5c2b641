import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SqliteService } from './sqlite.service';

/** How often the statistics are taken again while the server runs: the sweep table's make-up drifts slowly. */
const REFRESH_MS = 60 * 60 * 1000;

/**
 * Index statistics for SQLite's query planner (sqlite_stat1), taken at start and hourly. Without them the planner
 * takes an equality on any indexed column to match a few rows: `GET /api/sweeps?status=succeeded` then read every
 * succeeded sweep through the status index and sorted them (rows then held their reports) instead of walking
 * the createdAt index and stopping at the page's 20 (figures in docs/benchmarks.md). Only the tables the list filters
 * on are analyzed (sweep, sweep_tag, sweep_penalty): their indexes hold an entry or two per sweep, so this is quick;
 * the trial table's reads are by sweep id, selective with or without statistics.
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

  /** ANALYZE of the tables the sweep list filters on; a failure (the file locked by another process for long) only costs plan quality. */
  refresh(): void {
    try {
      for (const table of ['sweep', 'sweep_tag', 'sweep_penalty']) this.sqlite.statement(`ANALYZE ${table}`).run();
    } catch (error) {
      this.logger.warn(`planner statistics not refreshed: ${String(error)}`);
    }
  }
}
