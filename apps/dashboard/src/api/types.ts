/**
 * The JSON shapes of the public REST API (SPEC §4). The report is the sweep layer's own `SweepReport` type; the
 * sweep status, the comparison and the trials (with their folds) the server's own types (type-only imports: nothing
 * from libs/ or the server is bundled into the dashboard), so a server change the dashboard does not follow fails
 * its typecheck.
 */
import type { MetricName, Model, PenaltyKind } from '@regsweep/engine';
import type { CurvePoint, PenaltyReport, SweepReport } from '@regsweep/sweep';
import type { SweepStatus } from '../../../server/src/sweeps/sweep-status';

export type { CurvePoint, MetricName, Model, PenaltyKind, PenaltyReport, SweepReport, SweepStatus };
export type { ComparedBest, ComparedCurve, ComparedSweep, Comparison } from '../../../server/src/compare/comparison';
export type { FoldJson, StoredLearningCurve, TrialJson } from '../../../server/src/trials/trial-json';

export type SortOrder = 'asc' | 'desc';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: SortOrder;
}

export interface DatasetInfo {
  id: string;
  name: string;
  version: number;
  rows: number;
  features: string[];
  target: string;
  task: string;
  builtin?: boolean;
  createdAt?: string;
}

export interface Progress {
  done: number;
  total: number;
}

/** The sweep config as sent to `POST /api/sweeps` (SPEC §2); the server fills in defaults. */
export type SweepConfigBody = Record<string, unknown>;

/** Best model summary, when the list endpoint includes it. */
export interface BestSummary {
  penalty: PenaltyKind;
  l1Ratio: number;
  lambda: number;
  /** The best model's validation mean (null when not finite). */
  validation?: number | null;
}

export interface SweepInfo {
  id: string;
  name: string;
  status: SweepStatus;
  datasetId: string;
  datasetVersion?: number;
  /** Provenance: sha256 of the dataset values the sweep ran on, and the regsweep version that ran it. */
  datasetChecksum?: string | null;
  /** The tasks its run ran at once and why (null until a run has planned). */
  concurrency?: { threads: number; reason: string; estimatedMultiplyAdds?: number } | null;
  regsweepVersion?: string | null;
  config: SweepConfigBody & {
    model?: Model;
    metric?: MetricName;
    selection?: 'min' | '1se';
    solver?: { kind: 'cd' | 'gd' };
  };
  progress: Progress;
  /** Tracking (PATCH): the user's tags, in their order, and free-text notes. */
  tags?: string[];
  notes?: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  best?: BestSummary | null;
}

export type TrialSort = 'lambda' | 'validationMean' | 'trainMean' | 'gap' | 'nonzeros' | 'penalty';

export interface TrialQuery extends PageQuery {
  sort?: TrialSort;
  penalty?: PenaltyKind;
  /** gd learning curves per fold: large, so the server sends them only when asked. */
  learningCurves?: boolean;
  /** `folds`, `coefficients` or both (comma-separated): without them a page carries the trial rows only. */
  include?: string;
}

export interface ApiFieldError {
  path: string;
  message: string;
}

export interface ScheduleInfo {
  id: string;
  name: string;
  cron: string;
  timezone?: string | null;
  enabled: boolean;
  overlap?: 'skip' | 'queue';
  sweep: SweepConfigBody;
  nextRunAt?: string | null;
  createdAt?: string;
}

/** One sweep a schedule started (`GET /api/schedules/:id/runs`), newest first. */
export interface ScheduleRun {
  sweepId: string;
  status: SweepStatus;
  createdAt?: string;
  startedAt: string | null;
  finishedAt: string | null;
  error?: string | null;
  /** The report's best model; null until the sweep has succeeded. */
  best: { penalty: PenaltyKind; l1Ratio: number; lambda: number; validation: number | null } | null;
  /** The best model's gap (validation − train). */
  gap?: number | null;
  /** log10(best λ) − log10(best λ of the run before): +1 means λ grew tenfold; null for the first run. */
  lambdaDrift?: number | null;
}

export interface ScheduleRunsPage extends Page<ScheduleRun> {
  /** Ticks that started nothing because the previous run was still going. */
  skipped: number;
  /** Ticks whose sweep could not be submitted. */
  failed: number;
}

/** One point of a coefficient path: the full-data fit's coefficients at λ. */
export interface PathPoint {
  lambda: number;
  coefficients: Record<string, number>;
}
