import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../common/app-options';
import { SweepStore } from '../store/sweep-store';
import { SweepRunnerService } from './sweep-runner.service';

/**
 * At start, resumes the sweeps a previous process left `queued` or `running` (killed, or stopped by SIGTERM): their
 * done and failed tasks are kept, the rest run again. Scheduled sweeps resume the same way: a sweep carries its own
 * config and dataset version, so its schedule is not needed. Off in CLI contexts (`resumeSweeps: false`), which run
 * only the sweep they were asked for.
 */
@Injectable()
export class SweepRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SweepRecoveryService.name);

  constructor(
    private readonly store: SweepStore,
    private readonly runner: SweepRunnerService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.resumeSweeps === false) return;
    const ids = await this.store.findUnfinishedSweepIds();
    for (const id of ids) {
      this.logger.log(`resuming sweep ${id}`);
      void this.runner.start(id); // in the background; start() never rejects
    }
  }
}
