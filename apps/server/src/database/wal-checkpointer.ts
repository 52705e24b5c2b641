import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { packageRoot } from '../common/package-root';
import { SqliteService } from './sqlite.service';
import type { CheckpointerData, CheckpointerNote } from './wal-checkpoint.worker';

/** How often the thread copies the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 200;

/** The compiled worker: like the fold-task pool, even under ts-jest the thread runs the build in dist/. */
export function walCheckpointWorkerFile(): string {
  return join(packageRoot(), 'dist', 'apps', 'server', 'src', 'database', 'wal-checkpoint.worker.js');
}

/**
 * WAL checkpoints of the SQLite file on a thread of their own (wal-checkpoint.worker.ts) instead of in the server's
 * commits. SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages, on the thread
 * that commits: during a large sweep that is the main thread, copying 4 MB into the database file and syncing it
 * while requests wait (docs/benchmarks.md, issue 17). With the thread ready the main connection's automatic
 * checkpoint is turned off; if the thread cannot start or fails later, it is turned on again. Durability is the
 * same: a commit is in the WAL either way, and a checkpoint only copies committed pages.
 */
@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WalCheckpointer.name);
  private worker: Worker | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sqlite: SqliteService,
  ) {}

  onApplicationBootstrap(): void {
    const dbPath = this.dataSource.options.database;
    const filename = walCheckpointWorkerFile();
    if (typeof dbPath !== 'string' || dbPath === ':memory:' || !existsSync(filename)) return;
    const data: CheckpointerData = { dbPath, everyMs: CHECKPOINT_EVERY_MS };
    const worker = new Worker(filename, { workerData: data });
    worker.unref(); // never what keeps the process alive
    // A note that arrives once the server is stopping (the connection may be closed by then) is ignored.
    worker.on('message', (note: CheckpointerNote) => {
      if (this.worker !== worker) return;
      if (note.kind === 'ready') this.setAutoCheckpoint(0);
      else this.stopped(`WAL checkpoint thread stopped: ${note.message}`);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.stopped(`WAL checkpoint thread failed: ${String(error)}`);
    });
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Referenced again while it closes: an unreferenced thread is all a closing CLI process would be waiting on, and
    // Node would exit (code 0, its output unwritten) before the thread's exit arrives.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private stopped(reason: string): void {
    this.logger.warn(reason);
    this.worker = undefined;
    this.setAutoCheckpoint(1000); // SQLite's default
  }

  private setAutoCheckpoint(pages: number): void {
    this.sqlite.statement(`PRAGMA wal_autocheckpoint = ${pages}`).all();
  }
}
