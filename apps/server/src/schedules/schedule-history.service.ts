import { Injectable } from '@nestjs/common';
import { Page } from '../common/page';
import { bestSummary } from '../store/best-summary';
import type { BestSummary } from '../store/store-types';
import type { SweepStatus } from '../sweeps/sweep.entity';
import type { FiringOutcome } from './schedule-firing.entity';
import { ScheduleRunRow, ScheduleRepository } from './schedule.repository';
import { SchedulesService } from './schedules.service';

/** One sweep a schedule started (GET /api/schedules/:id/runs). */
export interface ScheduleRunJson {
  sweepId: string;
  status: SweepStatus;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  datasetId: string;
  datasetVersion: number;
  error: string | null;
  /** The report's best model; null until the sweep has succeeded. */
  best: BestSummary | null;
  /** The best model's overfitting gap (validation − train, positive = better on train). */
  gap: number | null;
  /**
   * log10(best λ) − log10(best λ of the previous run that has one): +1 means λ grew tenfold. Null for the first
   * run, a run without a best model, or when either λ is 0 (penalty none).
   */
  lambdaDrift: number | null;
}

export interface ScheduleRunsPage extends Page<ScheduleRunJson> {
  /** Ticks that started nothing because the previous run was still going (or the schedule was paused). */
  skipped: number;
  /** Ticks whose sweep could not be submitted (e.g. the newest dataset version no longer fits the config). */
  failed: number;
}

export interface ScheduleFiringJson {
  id: number;
  firedAt: Date;
  outcome: FiringOutcome;
  sweepId: string | null;
  reason: string | null;
}

/** The history of a schedule: the runs it started with their best λ and its drift, and every tick it handled. */
@Injectable()
export class ScheduleHistoryService {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly schedulesService: SchedulesService,
  ) {}

  async runs(scheduleId: string, page: number, pageSize: number): Promise<ScheduleRunsPage> {
    await this.schedulesService.getEntity(scheduleId);
    const { items, total } = await this.schedules.listRuns(scheduleId, page, pageSize);
    const [skipped, failed] = await Promise.all([
      this.schedules.countFirings(scheduleId, 'skipped'),
      this.schedules.countFirings(scheduleId, 'failed'),
    ]);
    return { items: items.map(toRunJson), total, page, pageSize, skipped, failed };
  }

  async firings(scheduleId: string, page: number, pageSize: number): Promise<Page<ScheduleFiringJson>> {
    await this.schedulesService.getEntity(scheduleId);
    const { items, total } = await this.schedules.listFirings(scheduleId, page, pageSize);
    return {
      items: items.map(({ id, firedAt, outcome, sweepId, reason }) => ({ id, firedAt, outcome, sweepId, reason })),
      total,
      page,
      pageSize,
    };
  }
}

function toRunJson({ sweep, best, previousLambda }: ScheduleRunRow): ScheduleRunJson {
  return {
    sweepId: sweep.id,
    status: sweep.status,
    createdAt: sweep.createdAt,
    startedAt: sweep.startedAt,
    finishedAt: sweep.finishedAt,
    datasetId: sweep.datasetId,
    datasetVersion: sweep.datasetVersion,
    error: sweep.error,
    best: bestSummary(best),
    gap: best ? best.gap : null,
    lambdaDrift: best ? lambdaDrift(best.lambda, previousLambda) : null,
  };
}

/** Δ log10 λ between two runs; undefined on a log scale (null) when either λ is missing or not positive. */
export function lambdaDrift(lambda: number, previousLambda: number | null): number | null {
  if (previousLambda === null || !(lambda > 0) || !(previousLambda > 0)) return null;
  return Math.log10(lambda) - Math.log10(previousLambda);
}
