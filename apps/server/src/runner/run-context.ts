/** What one run of a sweep keeps in memory between its steps (prepare → tasks → conclude), and small readers of it. */
import type { FoldRows, PathSpec } from '@regsweep/engine';
import type { ParsedDataset } from '@regsweep/datasets';
import type { SweepConfig, SweepPlan, SweepReport, TaskPlan } from '@regsweep/sweep';
import type { SweepStatus } from '../sweeps/sweep.entity';
import type { SharedDataset } from './shared-dataset';
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
  readonly plan: SweepPlan;
  readonly shared: SharedDataset;
  /** The row blocks' AᵀA, computed once across the pool for the tasks that fit from cross products. */
  crossProducts?: SweepCrossProducts;
  /** Per curve, its trials (id and key) in λ order. */
  readonly curveTrials: { id: number; key: string }[][];
  readonly state: RunState;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
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
  const { config, plan } = context;
  const curve = plan.curves[task.curve];
  return {
    model: config.model,
    penalty: { kind: curve.penalty, l1Ratio: curve.l1Ratio },
    lambdas: curve.lambdas,
    standardize: config.standardize,
    solver: config.solver,
  };
}

export function describeTask(context: RunContext, task: TaskPlan): string {
  const curve = context.plan.curves[task.curve];
  return `${curve.penalty}${curve.penalty === 'elasticnet' ? `(${curve.l1Ratio})` : ''} fold ${task.fold}`;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
