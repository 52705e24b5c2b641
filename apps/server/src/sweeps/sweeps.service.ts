import { ConflictException, Injectable, MessageEvent, NotFoundException } from '@nestjs/common';
import { InvalidInputError, multinomialClassesOf } from '@regsweep/datasets';
import {
  checkConfigAgainstData,
  fitsClassLabels,
  glmModel,
  thinReport,
  type ConcurrencyChoice,
  type SweepConfig,
  type SweepReport,
} from '@regsweep/sweep';
import { concat, map, Observable, of } from 'rxjs';
import { ClockService } from '../common/clock.service';
import { regsweepVersion } from '../common/regsweep-version';
import { Page } from '../common/page';
import type { DatasetEntity } from '../datasets/dataset.entity';
import { DatasetsService } from '../datasets/datasets.service';
import { SweepEvent, SweepEventsService } from '../events/sweep-events.service';
import { SweepRunnerService } from '../runner/sweep-runner.service';
import { ReportCache } from './report-cache';
import { estimateSweepCost, sweepCostProblems } from './sweep-cost';
import type { SweepEntity } from './sweep.entity';
import { FINISHED_STATUSES, type SweepStatus } from './sweep-status';
import type { BestSummary, SweepListItem, SweepListQuery, SweepTracking } from '../store/store-types';
import { SweepStore } from '../store/sweep-store';

export interface SweepJson {
  id: string;
  name: string;
  status: SweepStatus;
  datasetId: string;
  datasetVersion: number;
  /** Provenance (null when not recorded): the dataset values' checksum and the regsweep version that ran it. */
  datasetChecksum: string | null;
  regsweepVersion: string | null;
  /** The tasks its run ran at once and why (chooseConcurrency); null until a run has planned. */
  concurrency: ConcurrencyChoice | null;
  config: SweepConfig;
  /** Tracking (PATCH): the user's tags, in their order, and notes. */
  tags: string[];
  notes: string;
  progress: { done: number; total: number };
  error: string | null;
  scheduleId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  best: BestSummary | null;
}

export interface SubmittedSweep {
  id: string;
  status: SweepStatus;
  /** Settles when the sweep has finished (succeeded, failed or cancelled). */
  finished: Promise<void>;
}

@Injectable()
export class SweepsService {
  private readonly reports = new ReportCache();

  constructor(
    private readonly store: SweepStore,
    private readonly datasets: DatasetsService,
    private readonly runner: SweepRunnerService,
    private readonly sweepEvents: SweepEventsService,
    private readonly clock: ClockService,
  ) {}

  /**
   * Checks a validated config against its dataset, stores the sweep (queued) and starts it in the background.
   * A refused config stores nothing.
   */
  async submit(
    config: SweepConfig,
    options: { scheduleId?: string; datasetId?: string } = {},
  ): Promise<SubmittedSweep> {
    const dataset = await this.checkAgainstData(config, options.datasetId);
    const sweep = await this.store.createSweep({
      name: config.name,
      datasetId: dataset.id,
      datasetVersion: dataset.version,
      config,
      scheduleId: options.scheduleId ?? null,
      createdAt: this.clock.now(),
      regsweepVersion: regsweepVersion(),
    });
    const finished = this.runner.start(sweep.id);
    return { id: sweep.id, status: sweep.status, finished };
  }

  /**
   * The checks a validated config needs its data for (dataset exists, target, rows for the split, what the sweep
   * would cost: sweep-cost.ts): the dataset it resolves to (a name → its newest version), or InvalidInputError.
   * Schedules run it when they are saved.
   */
  async checkAgainstData(config: SweepConfig, datasetId?: string): Promise<DatasetEntity> {
    const dataset = datasetId ? await this.datasets.getEntity(datasetId) : await this.datasets.resolve(config.dataset);
    const errors = checkConfigAgainstData(config, {
      rows: dataset.rows,
      names: dataset.features,
      target: dataset.target,
      task: dataset.task as 'regression' | 'binary' | 'multiclass',
      classes: await this.classesForMultinomial(config, dataset),
    });
    if (errors.length === 0 && glmModel(config) === 'logistic' && config.target && config.target !== dataset.target) {
      // Another column as target: whether it is 0/1 is only known from its values.
      const data = await this.datasets.loadForSweep(dataset, config.target);
      if (data.task !== 'binary') {
        errors.push({
          path: 'target',
          message: `model logistic needs a binary (0/1) target, but "${config.target}" is not`,
        });
      }
    }
    // The cost bound last, so a config that does not fit the data says that first; its figures need a valid split.
    if (errors.length === 0) {
      errors.push(
        ...sweepCostProblems(
          config,
          estimateSweepCost(config, { rows: dataset.rows, features: dataset.features.length }),
        ),
      );
    }
    if (errors.length > 0) throw new InvalidInputError(errors);
    return dataset;
  }

  /**
   * The class labels of a multinomial sweep or a softmax network's: the dataset's stored ones (text labels, or integer
   * codes stored by an upload declared for multinomial), else its numeric target's integer codes read from the values
   * (a non-integer value or a single class is refused here). Null for the other models and for another column than
   * the declared target.
   */
  private async classesForMultinomial(config: SweepConfig, dataset: DatasetEntity): Promise<readonly string[] | null> {
    const declaredTarget = config.target === undefined || config.target === dataset.target;
    if (!fitsClassLabels(config) || !declaredTarget) return null;
    if (dataset.classes) return dataset.classes;
    const model = config.model === 'mlp' ? 'mlp with softmax output' : 'multinomial';
    return multinomialClassesOf(await this.datasets.loadForSweep(dataset), model);
  }

  /**
   * A page of the sweeps the query's filters select. A dataset filter names datasets that exist (a name or an id,
   * else 400, as a config's `dataset`); the created range must not be reversed.
   */
  async list(query: SweepListQuery): Promise<Page<SweepJson>> {
    for (const dataset of query.dataset ?? []) await this.datasets.resolve(dataset);
    if (query.createdFrom && query.createdTo && query.createdFrom > query.createdTo) {
      throw new InvalidInputError([{ path: 'createdTo', message: 'must not be before createdFrom' }]);
    }
    const { items, total } = await this.store.listSweeps(query);
    return {
      items: items.map(({ sweep, best }) => toSweepJson(sweep, best)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(id: string): Promise<SweepJson> {
    const { sweep, best } = await this.getSummary(id);
    return toSweepJson(sweep, best);
  }

  /** Replaces the sweep's tags and/or notes; answers the sweep as it is then. */
  async track(id: string, tracking: SweepTracking): Promise<SweepJson> {
    if (!(await this.store.setSweepTracking(id, tracking))) throw new NotFoundException(`sweep ${id} not found`);
    return this.get(id);
  }

  /**
   * The stored report; with `maxPoints`, each curve thinned for drawing (a 100k-trial random search has huge
   * curves). Served from memory after the first read (report-cache.ts): a stored report never changes.
   */
  /** The report as a value (the CLI's `sweep`). */
  async report(id: string, maxPoints?: number): Promise<SweepReport> {
    return JSON.parse(await this.reportJson(id, maxPoints)) as SweepReport;
  }

  /** The report as the API sends it: JSON text, cached per (sweep, maxPoints). */
  async reportJson(id: string, maxPoints?: number): Promise<string> {
    const key = `${id}|${maxPoints ?? ''}`;
    const cached = this.reports.get(key);
    if (cached) return cached;
    const report = await this.store.findReport(id);
    if (report === undefined) throw new NotFoundException(`sweep ${id} not found`);
    if (!report) {
      const { sweep } = await this.getSummary(id);
      throw new ConflictException(`sweep ${id} has no report (status ${sweep.status})`);
    }
    const served = JSON.stringify(maxPoints === undefined ? report : thinReport(report, maxPoints));
    this.reports.set(key, served);
    return served;
  }

  /**
   * "Run again": the sweep's config, identical (every default already applied when it was stored), submitted on the
   * same dataset version, even when its name has a newer version since, so the rerun sees the same data.
   */
  async rerun(id: string): Promise<SubmittedSweep> {
    const sweep = await this.store.findSweep(id);
    if (!sweep) throw new NotFoundException(`sweep ${id} not found`);
    return this.submit(sweep.config, { datasetId: sweep.datasetId });
  }

  /**
   * Aborts a running sweep and answers once it is recorded as cancelled. Finished sweeps cannot be cancelled. A sweep
   * this process does not run is cancelled here too when no server runs it (its server died); one that another live
   * server runs (PostgreSQL, several servers) is a 409 saying so.
   */
  async cancel(id: string): Promise<SweepJson> {
    const { sweep } = await this.getSummary(id);
    if (FINISHED_STATUSES.includes(sweep.status)) {
      throw new ConflictException(`sweep ${id} has already finished (status ${sweep.status})`);
    }
    const runElsewhere = `sweep ${id} is run by another server process (it holds the sweep's lease): cancel it there`;
    const finished = this.runner.cancel(id);
    if (finished) await finished;
    else if (!(await this.runner.cancelUnrun(id))) throw new ConflictException(runElsewhere);
    const after = await this.get(id);
    // Unfinished after the run here ended: this process's start lost the lease to the server that runs it.
    if (!FINISHED_STATUSES.includes(after.status)) throw new ConflictException(runElsewhere);
    return after;
  }

  /**
   * The sweep's events for SSE: a progress snapshot then the live stream until `completed`. A sweep that is not
   * running here answers its current status (and `completed` when it has finished), then the stream ends.
   */
  async events(id: string): Promise<Observable<MessageEvent>> {
    const { sweep } = await this.getSummary(id);
    const live = this.sweepEvents.live(id); // checked synchronously after the read: a completion cannot slip between
    if (live) {
      const snapshot: SweepEvent = { type: 'progress', data: { done: sweep.progressDone, total: sweep.progressTotal } };
      return concat(of(snapshot), live).pipe(map(toMessageEvent));
    }
    const { sweep: current } = await this.getSummary(id);
    const events: SweepEvent[] = [{ type: 'status', data: { status: current.status } }];
    if (FINISHED_STATUSES.includes(current.status)) {
      events.unshift({ type: 'progress', data: { done: current.progressDone, total: current.progressTotal } });
      events.push({ type: 'completed', data: { status: current.status, error: current.error } });
    }
    return of(...events).pipe(map(toMessageEvent));
  }

  /** The sweep without its (possibly large) report, with the best model's summary read inside SQLite. */
  private async getSummary(id: string): Promise<SweepListItem> {
    const summary = await this.store.findSweepSummary(id);
    if (!summary) throw new NotFoundException(`sweep ${id} not found`);
    return summary;
  }
}

function toMessageEvent(event: SweepEvent): MessageEvent {
  return { type: event.type, data: event.data };
}

export function toSweepJson(sweep: SweepEntity, best: BestSummary | null): SweepJson {
  return {
    id: sweep.id,
    name: sweep.name,
    status: sweep.status,
    datasetId: sweep.datasetId,
    datasetVersion: sweep.datasetVersion,
    datasetChecksum: sweep.datasetChecksum ?? null,
    regsweepVersion: sweep.regsweepVersion ?? null,
    concurrency: sweep.concurrency ?? null,
    config: sweep.config,
    tags: sweep.tags ?? [],
    notes: sweep.notes ?? '',
    progress: { done: sweep.progressDone, total: sweep.progressTotal },
    error: sweep.error,
    scheduleId: sweep.scheduleId,
    createdAt: sweep.createdAt,
    startedAt: sweep.startedAt,
    finishedAt: sweep.finishedAt,
    best,
  };
}
