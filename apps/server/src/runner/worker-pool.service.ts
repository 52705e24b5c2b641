import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { FoldPathResult } from '@regsweep/engine';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { packageRoot } from '../common/package-root';
import type { FoldTaskMessage } from './fold-task.worker';

export const POOL_SIZE = Symbol('POOL_SIZE');

/**
 * The compiled worker. Piscina needs a .js file, so even under ts-jest the workers run the build in dist/
 * (`npm test` builds first).
 */
export function foldTaskWorkerFile(): string {
  return join(packageRoot(), 'dist', 'apps', 'server', 'src', 'runner', 'fold-task.worker.js');
}

/** The one Piscina pool of the process. Created on first use, so contexts that never fit spawn no threads. */
@Injectable()
export class WorkerPoolService implements OnModuleDestroy {
  private readonly logger = new Logger(WorkerPoolService.name);
  private pool?: Piscina<FoldTaskMessage, FoldPathResult>;
  private closed = false;
  readonly size: number;

  constructor(@Inject(POOL_SIZE) size: number | undefined) {
    this.size = size ?? availableParallelism();
  }

  /** Runs one task; an abort terminates the thread running it (Piscina) and rejects with an AbortError. */
  runFoldTask(message: FoldTaskMessage, signal: AbortSignal): Promise<FoldPathResult> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed (the process is stopping)'));
    return this.getPool().run(message, { signal });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private getPool(): Piscina<FoldTaskMessage, FoldPathResult> {
    if (!this.pool) {
      const filename = foldTaskWorkerFile();
      if (!existsSync(filename)) throw new Error(`worker ${filename} not found: run \`npm run build\` first`);
      this.pool = new Piscina({ filename, minThreads: 0, maxThreads: this.size, idleTimeout: 30_000 });
      this.pool.on('error', (error: unknown) => this.logger.error(`worker pool error: ${String(error)}`));
    }
    return this.pool;
  }
}
