/**
 * The shapes that cross the SweepStore seam: what the runner and the services hand to the store and get back.
 * Plain data (no TypeORM entities except the sweep row itself), so another driver can produce the same values.
 */
import type { FoldPathResult } from '@regsweep/engine';
import type { SweepReport } from '@regsweep/sweep';
import type { SweepEntity, SweepStatus } from '../sweeps/sweep.entity';
import type { TaskStatus } from '../sweeps/task.entity';
import type { FoldOutcome } from '../trials/trial-json';

export type { FoldJson, FoldOutcome, TrialJson } from '../trials/trial-json';

export type NewSweep = Pick<
  SweepEntity,
  'name' | 'datasetId' | 'datasetVersion' | 'config' | 'scheduleId' | 'createdAt'
> &
  Partial<Pick<SweepEntity, 'regsweepVersion'>>;

export type SweepSort = 'createdAt' | 'name' | 'status' | 'startedAt' | 'finishedAt' | 'bestValidation';

/**
 * What `GET /api/sweeps` filters on (SPEC §7, "Tracking"): every field given must hold (AND); a field's list means
 * any of its values (OR). An empty or absent list does not filter.
 */
export interface SweepFilters {
  /** The name contains one of these (ASCII letters of either case alike; PostgreSQL folds every letter). */
  name?: readonly string[];
  tag?: readonly string[];
  status?: readonly SweepStatus[];
  /** A dataset name or id; either matches every version of that dataset. */
  dataset?: readonly string[];
  model?: readonly string[];
  /** The config sweeps one of these penalty kinds. */
  penalty?: readonly string[];
  /** createdFrom ≤ createdAt < createdTo. */
  createdFrom?: Date;
  createdTo?: Date;
  scheduleId?: readonly string[];
}

export interface SweepListQuery extends SweepFilters {
  page: number;
  pageSize: number;
  sort: SweepSort;
  order: 'asc' | 'desc';
}

/** `PATCH /api/sweeps/:id`: the tracking fields to replace (an absent one is kept). */
export interface SweepTracking {
  tags?: readonly string[];
  notes?: string;
}

/** The best model of a finished sweep, in a line. */
export interface BestSummary {
  penalty: string;
  l1Ratio: number;
  lambda: number;
  validation: number | null;
}

/** A sweep row without its (possibly megabytes large) report, with the report's best model. */
export interface SweepListItem {
  sweep: SweepEntity;
  best: BestSummary | null;
}

export interface SweepEnd {
  status: SweepStatus;
  finishedAt: Date;
  error?: string | null;
  report?: SweepReport | null;
}

export interface TaskState {
  status: TaskStatus;
  attempts: number;
}

/** A task that failed for good, as the report lists it. */
export interface StoredTaskFailure {
  curve: number;
  fold: number;
  attempts: number;
  error: string;
}

/** A finished task: one curve's path on one fold, for the trials of that curve in λ order. */
export interface FinishedTask {
  sweepId: string;
  taskKey: string;
  /** Trial ids in the order of the curve's λ values (result index j ↔ trialIds[j]). */
  trialIds: readonly number[];
  result: FoldPathResult;
  featureNames: readonly string[];
  /** A multinomial sweep's class labels (index order): its fits' coefficients and intercepts are stored per class. */
  classes?: readonly string[];
  /** The sweep's finished-task count including this one. */
  progressDone: number;
}

/** A task that failed for good: no result on its fold for any trial of its curve. */
export interface FailedTask {
  sweepId: string;
  taskKey: string;
  trialIds: readonly number[];
  fold: number;
  trainSize: number;
  validationSize: number;
  reason: string;
  progressDone: number;
}

/** One fold row as stored, with its trial's curve position and full-data fit (the fit fields are the trial's). */
export interface StoredFoldRow extends FoldOutcome {
  curve: number;
  lambdaIndex: number;
  lambda: number;
  /** 0 or 1, as SQLite stores a boolean. */
  converged: number;
  intercept: number | null;
  nonzeros: number | null;
  /** JSON {feature: value} of the full-data fit, on the fold 0 rows only (the only ones the report reads). */
  coefficients: string | null;
  /** A multinomial full-data fit's JSON {class: value}, on the fold 0 rows only; null for the other models. */
  intercepts: string | null;
  /** JSON StoredLearningCurve, when asked for (curveFoldRows' `learningCurves`). */
  learningCurve?: string | null;
  /** An mlp full-data fit's stored parameter bytes (trial_network), on the fold 0 rows, when asked for (`networks`). */
  networkParameters?: Uint8Array | null;
}

/** What SweepStore.curveFoldRows reads besides the fold rows' values. */
export interface CurveRowsOptions {
  /** Each row's stored learning curve (an mlp report draws them; a gd sweep's would be large, and unread). */
  readonly learningCurves?: boolean;
  /** The fold 0 rows' network parameters (an mlp report shows the chosen trial's; absent for trials stored before). */
  readonly networks?: boolean;
}

/** Per trial of one curve (index j ↔ trialIds[j]): the cross-validation means stored on the trial rows. */
export interface CurveStatisticsRows {
  trainMean: ArrayLike<number>;
  validationMean: ArrayLike<number>;
  validationSd: ArrayLike<number>;
  gap: ArrayLike<number>;
}

export type TrialSort = 'lambda' | 'validationMean' | 'trainMean' | 'gap' | 'nonzeros' | 'penalty';
export const TRIAL_SORTS: readonly TrialSort[] = [
  'lambda',
  'validationMean',
  'trainMean',
  'gap',
  'nonzeros',
  'penalty',
];

export interface TrialListQuery {
  page: number;
  pageSize: number;
  /** Undefined: the plan's order (curve, then decreasing λ). */
  sort?: TrialSort;
  order: 'asc' | 'desc';
  penalty?: string;
}

/** What a trials page carries beyond the trial rows: each is a join or a large column, so only on request. */
export interface TrialPageIncludes {
  folds: boolean;
  coefficients: boolean;
  /** gd learning curves on the fold rows (only with `folds`). */
  learningCurves: boolean;
}

/** One sweep of a comparison (`GET /api/compare`): its row without the report, its best model, its dataset's name. */
export interface ComparedSweepRow {
  sweep: SweepEntity;
  /** The report's `best` as stored with it (null until the sweep succeeded, or when no curve had a finite score). */
  best: SweepReport['best'];
  datasetName: string;
}

/** One trial as a compared validation curve draws it: the curve it lies on, its λ and its cross-validation mean. */
export interface CurvePointRow {
  sweepId: string;
  curve: number;
  penalty: string;
  l1Ratio: number;
  lambda: number;
  validationMean: number | null;
  validationSd: number | null;
}

/** What a comparison reads: one statement per table (sweeps joined with their datasets, then trials). */
export interface ComparisonRows {
  /** In no particular order; ids that do not exist are missing. */
  sweeps: ComparedSweepRow[];
  /** By sweep, then curve, then λ index. */
  points: CurvePointRow[];
}
