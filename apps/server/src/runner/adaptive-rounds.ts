/**
 * The runner's side of adaptive λ grids (`lambdas.auto.adaptive`, libs/sweep plan/adaptive-grid.ts). After the
 * grid's tasks, each round looks at every curve (the grid's path merged with the extensions it already has) and adds
 * one extension curve per curve whose lambdaMin still sits at an end: its trials and one task per fold, appended to
 * the plan with the next curve indices. Rounds are a function of the stored results, so a resumed sweep derives the
 * same extension curves, with the same task keys, and runs only what is not done.
 */
import {
  ADAPTIVE_DECADE_LIMIT,
  limitReachedAt,
  nextExtension,
  nextRefinement,
  REFINE_LIMIT,
  taskKey,
  trialKey,
  type AdaptiveRecord,
  type CurvePlan,
  type CurveResults,
  type CurveState,
  type GridExtension,
  type RefinementState,
  type SweepConfig,
  type SweepPlan,
  type TaskPlan,
  type TrialPlan,
} from '@regsweep/sweep';
import { cvStatistics, isLossMetric } from '@regsweep/engine';

/** An extension curve of the plan: which grid curve it extends and how. */
export interface PlannedExtension {
  readonly base: number;
  readonly curve: number;
  readonly extension: GridExtension;
}

export function isAdaptiveGrid(config: SweepConfig): boolean {
  return 'auto' in config.lambdas && config.lambdas.auto.adaptive === true && config.search.strategy === 'grid';
}

/** The grid curve's parts: itself first, then its extension curves in the order they were added. */
export function curveParts(base: number, extensions: readonly PlannedExtension[]): number[] {
  return [base, ...extensions.filter((e) => e.base === base).map((e) => e.curve)];
}

/** The grid curves of a plan that has extension curves appended (extension curves are never bases). */
export function gridCurves(plan: SweepPlan, extensions: readonly PlannedExtension[]): CurvePlan[] {
  const extensionIndices = new Set(extensions.map((e) => e.curve));
  return plan.curves.filter((curve) => !extensionIndices.has(curve.index));
}

/**
 * A grid curve's results, merged with its extensions' (mergeCurveResults), with its adaptive record (what was added;
 * whether an end reached its limit).
 */
export function withAdaptiveRecord(
  merged: CurveResults,
  base: number,
  extensions: readonly PlannedExtension[],
  config: SweepConfig,
): CurveResults {
  const mine = extensions.filter((e) => e.base === base);
  const record: AdaptiveRecord = {
    added: mine.map(({ extension }) => ({
      direction: extension.direction,
      lambdas: Array.from(extension.lambdas),
      reason: extension.reason,
    })),
    limitReached: limitReachedAt(curveState(merged, mine, config)),
    decadeLimit: ADAPTIVE_DECADE_LIMIT,
    refineLimit: REFINE_LIMIT,
  };
  return { ...merged, adaptive: record };
}

/** What planning a round needs of one grid curve (its merged results with its extensions): gridCurveState. */
export type GridCurveState = CurveState & RefinementState;

/**
 * A grid curve's state for the next round, from its results merged with its extensions (its cross-validation
 * statistics: computed per curve, so that the caller can serve the event loop between curves).
 */
export function gridCurveState(
  results: CurveResults,
  base: number,
  extensions: readonly PlannedExtension[],
  config: SweepConfig,
): GridCurveState {
  return curveState(
    results,
    extensions.filter((e) => e.base === base),
    config,
  );
}

/** The next round: extension curves (indexed after the plan's), their trials and tasks. Empty when none is needed. */
export function planRound(
  sweepId: string,
  plan: SweepPlan,
  states: readonly { base: number; state: GridCurveState }[],
): { extensions: PlannedExtension[]; curves: CurvePlan[]; trials: TrialPlan[]; tasks: TaskPlan[] } {
  const added: PlannedExtension[] = [];
  const curves: CurvePlan[] = [];
  for (const { base, state } of states) {
    // An end first (a decade at a time); once lambdaMin is interior, refine around it.
    const extension = nextExtension(state) ?? nextRefinement(state);
    if (!extension) continue;
    const { penalty, l1Ratio } = plan.curves[base];
    const curve: CurvePlan = {
      index: plan.curves.length + curves.length,
      penalty,
      l1Ratio,
      lambdas: extension.lambdas,
    };
    curves.push(curve);
    added.push({ base, curve: curve.index, extension });
  }
  const trials = curves.flatMap(({ index, penalty, l1Ratio, lambdas }) =>
    Array.from(lambdas, (lambda, lambdaIndex) => ({
      key: trialKey(sweepId, penalty, l1Ratio, lambda),
      curve: index,
      lambdaIndex,
      penalty,
      l1Ratio,
      lambda,
    })),
  );
  const tasks = curves.flatMap(({ index }) =>
    plan.split.folds.map(({ fold }) => ({ key: taskKey(sweepId, index, fold), curve: index, fold })),
  );
  return { extensions: added, curves, trials, tasks };
}

function curveState(
  results: CurveResults,
  mine: readonly PlannedExtension[],
  config: SweepConfig,
): GridCurveState {
  const stats = cvStatistics(results.folds, results.curve.lambdas, config.metric);
  const count = (direction: GridExtension['direction']) =>
    mine.filter((e) => e.extension.direction === direction).length;
  return {
    lambdas: results.curve.lambdas,
    indexMin: stats.indexMin,
    // As a loss (scores negated): the refinement compares lambdaMin with its neighbours by "worse".
    validationMean: isLossMetric(config.metric) ? stats.validationMean : stats.validationMean.map((v) => -v),
    validationSd: stats.validationSd,
    nonzerosAtTop: results.full[0]?.nonzeros ?? 0,
    extended: { small: count('small'), large: count('large') },
    refined: count('interior'),
  };
}
