/** What one run of a sweep keeps in memory between its steps (prepare → tasks → conclude), and small readers of it. */
import { multinomialDatasetOf, type FoldRows, type PathSpec } from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import {
  pathSpecOf,
  refitsChosen,
  type ConcurrencyChoice,
  withEpochRungs,
  type SweepConfig,
  type SweepPlan,
  type SweepReport,
  type TaskPlan,
} from '@regsweep/sweep';
import type { SweepStatus } from '../sweeps/sweep.entity';
import type { SharedDataset } from './shared-dataset';
import type { PlannedExtension } from './adaptive-rounds';
import type { SweepCrossProducts } from './sweep-cross-products';

/** A sweep running in this process. */
export interface RunState {
  readonly controller: AbortController;
  /** Why it was stopped early: a user's cancel, or the process shutting down (then it resumes on the next start). */
  stopReason?: 'cancel' | 'shutdown';
  done?: Promise<void>;
}

export interface RunContext {
  readonly sweepId: string;
  /** The stored dataset (one version) the data came from: what a queue worker fetches (queue/). */
  readonly datasetId: string;
  readonly config: SweepConfig;
  readonly data: ParsedDataset;
  /** The plan; an adaptive grid or search appends curves, trials and tasks as it goes. */
  plan: SweepPlan;
  /** The adaptive grid's extension curves so far (adaptive-rounds.ts). */
  readonly extensions: PlannedExtension[];
  /** The search trials a pruner stopped (their curves stay out of the report's curves). */
  readonly pruned: { curve: number; step: number; value: number }[];
  readonly startedAt: Date;
  /** The progress total when it is not the plan's task count (an adaptive search's trials × tasks per trial). */
  total?: number;
  readonly shared: SharedDataset;
  /** The row blocks' AᵀA, computed once across the pool for the tasks that fit from cross products. */
  crossProducts?: SweepCrossProducts;
  /** Per curve, its trials (id and key) in λ order. */
  readonly curveTrials: { id: number; key: string }[][];
  readonly state: RunState;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** The tasks it runs at once, and why (chooseConcurrency; recorded on the sweep). */
  readonly concurrency: ConcurrencyChoice;
  /** Finished tasks (done or failed for good), including those a previous run of this sweep finished. */
  done: number;
}

/** How a run ended, as stored on the sweep. */
export interface Outcome {
  status: SweepStatus;
  error: string | null;
  report: SweepReport | null;
}

/** Task statuses that are final: a resumed sweep does not run these again. */
export const FINAL_TASK_STATUSES: ReadonlySet<string> = new Set(['done', 'failed']);

/** The rows of fold `fold`; fold 0 (all fitting rows, nothing to validate on) is built if the plan lists only 1..K. */
export function foldRows(plan: SweepPlan, fold: number): FoldRows {
  const found = plan.split.folds.find((rows) => rows.fold === fold);
  if (found) return found;
  if (fold === 0) return { fold: 0, trainRows: plan.split.fitRows, validationRows: new Int32Array(0) };
  throw new Error(`the plan has no fold ${fold}`);
}

/** The λ path a task fits: its curve's penalty and λ values with the sweep's model, solver and standardization. */
export function pathSpec(context: RunContext, task: TaskPlan): PathSpec {
  const curve = context.plan.curves[task.curve];
  const given = pathSpecOf(context.config, curve);
  // An adaptive search prunes a trained trial on fold 1's epochs (adaptive-search-step.ts).
  const spec = curve.epochRungs && task.fold === 1 ? withEpochRungs(given, curve.epochRungs) : given;
  const warmStart = warmStartOf(context, task.curve);
  return warmStart === undefined ? spec : { ...spec, lambdas: Float64Array.of(warmStart, ...spec.lambdas) };
}

/** The λ an extension curve's path starts from (fitted, not stored): the end of the grid it continues. */
export function warmStartOf(context: RunContext, curve: number): number | undefined {
  return context.extensions.find((e) => e.curve === curve)?.extension.warmStart;
}

/**
 * The refit tasks a progress total holds before the refit round (refit-step.ts) knows them: the chosen trial's, which
 * every sweep with a finite validation score has.
 */
export function reservedRefitTasks(context: Pick<RunContext, 'config'>): number {
  return refitsChosen(context.config) ? 1 : 0;
}

/** The progress total: the plan's tasks, or an adaptive search's planned total. */
export function progressTotal(context: RunContext): number {
  return context.total ?? context.plan.tasks.length;
}

/** A multinomial sweep's class labels in index order: the dataset's own, else its numeric target's distinct values. */
export function multinomialClasses(data: ParsedDataset): readonly string[] {
  return data.classes ?? multinomialDatasetOf(data).classes;
}

export function describeTask(context: RunContext, task: TaskPlan): string {
  const curve = context.plan.curves[task.curve];
  return `${curve.penalty}${curve.penalty === 'elasticnet' ? `(${curve.l1Ratio})` : ''} fold ${task.fold}`;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
