import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../common/app-options';
import { SweepLeases } from '../database/sweep-leases';
import { SweepRunnerService } from './sweep-runner.service';

/**
 * At start, resumes the sweeps a previous process left `queued` or `running` (killed, or stopped by SIGTERM): their
 * done and failed tasks are kept, the rest run again. Scheduled sweeps resume the same way: a sweep carries its own
 * config and dataset version, so its schedule is not needed. With several servers on one database (PostgreSQL),
 * only sweeps no live server holds a lease on (database/sweep-leases.ts), and then every `scanMs` those whose
 * server died since. Off in CLI contexts (`resumeSweeps: false`), which run only the sweep they were asked for.
 */
@Injectable()
export class SweepRecoveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SweepRecoveryService.name);
  private scan?: NodeJS.Timeout;

  constructor(
    private readonly leases: SweepLeases,
    private readonly runner: SweepRunnerService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.resumeSweeps === false) return;
    await this.resume(true);
    if (this.leases.scanMs > 0)
      this.scan = setInterval(
        () => void this.resume(false).catch((error) => this.logger.warn(`sweep recovery scan: ${String(error)}`)),
        this.leases.scanMs,
      ).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.scan);
  }

  private async resume(atStart: boolean): Promise<void> {
    for (const id of await this.leases.resumable({ atStart })) {
      if (this.runner.isRunning(id)) continue;
      this.logger.log(`resuming sweep ${id}`);
      void this.runner.start(id); // in the background; start() takes the lease or leaves the sweep to its holder
    }
  }
}
