import { cvStatistics, multinomialDatasetOf } from '@regsweep/engine';
import {
  buildReport,
  fitsClassLabels,
  fitWarnings,
  isAdaptiveStrategy,
  mergeCurveResults,
  penaltyCurves,
  type CurveResults,
  type TaskFailure,
} from '@regsweep/sweep';
import { mergedCurve } from './adaptive-grid-step';
import { curveParts, gridCurves, isAdaptiveGrid } from './adaptive-rounds';
import { yieldToEventLoop } from '../store/yield-to-event-loop';
import type { SweepStore } from '../store/sweep-store';
import { multinomialClasses, type Outcome, type RunContext } from './run-context';
import { curveResultsFromRows } from './stored-results';
import { builtCurveResults } from './curve-results-builder';

/**
 * Starts of the conclude step allowed: a second start covers a process killed for another reason while concluding;
 * past it the conclusion is what kills the process (out of memory), and resuming would only crash it again.
 */
export const MAX_CONCLUDE_ATTEMPTS = 2;

/** Why a resumed sweep is failed instead of concluded again. */
export function abandonedConclusion(attempts: number): string {
  return (
    `its conclusion (statistics and report) was started ${attempts} times and never finished: the process stopped ` +
    'each time (e.g. out of memory); it is not retried'
  );
}

/**
 * The conclude step, once every task is done or failed: each curve's results are rebuilt from the stored rows (never
 * from memory, so a resumed sweep reports exactly what an uninterrupted one would), its cross-validation statistics
 * computed once, stored on its trials and handed to the report. A sweep whose every task failed has nothing to
 * report: it fails. A curve is reported whole: a grid curve with its adaptive extensions, a search's trials of one
 * (penalty, l1Ratio) together; a search's pruned trials are listed apart. The event loop is served between curves.
 */
export async function concludeSweep(store: SweepStore, context: RunContext): Promise<Outcome> {
  const { config, plan, data, sweepId } = context;
  await store.beginConclusion(sweepId);
  const failures: TaskFailure[] = (await store.taskFailures(sweepId)).map((task) => ({
    penalty: plan.curves[task.curve].penalty,
    l1Ratio: plan.curves[task.curve].l1Ratio,
    fold: task.fold,
    attempts: task.attempts,
    reason: task.error,
  }));
  if (failures.length === plan.tasks.length) {
    return { status: 'failed', error: `every task failed; the first: ${failures[0].reason}`, report: null };
  }
  const results: CurveResults[] = [];
  for (const { base, parts } of reportCurves(context)) {
    await yieldToEventLoop();
    const merged = isAdaptiveGrid(config)
      ? await mergedCurve(store, context, base)
      : await curveOfParts(store, context, parts);
    // Memory: past this point the report needs of the fold fits only their warnings (an mlp's its learning curves).
    // Each of the three steps is a block of its own on a 10,000-λ curve: the event loop is served between them.
    await yieldToEventLoop();
    const kept = config.model === 'mlp' || merged.fitWarnings ? merged : withoutFoldFits(merged);
    await yieldToEventLoop();
    const statistics = cvStatistics(merged.folds, merged.curve.lambdas, config.metric);
    await yieldToEventLoop();
    // Trial ids in the merged curve's λ order (decreasing), as the statistics are.
    const trialIds = parts
      .flatMap((index) =>
        context.curveTrials[index].map((trial, j) => ({ id: trial.id, lambda: plan.curves[index].lambdas[j] })),
      )
      .sort((a, b) => b.lambda - a.lambda)
      .map((trial) => trial.id);
    await store.saveCurveStatistics(trialIds, statistics);
    results.push({ ...kept, statistics });
  }
  await yieldToEventLoop();
  const report = buildReport({
    sweepId,
    config,
    results,
    featureNames: data.names,
    // y as label indices with the labels (integer class codes are mapped to theirs), as the engine fitted them
    // (model multinomial, and a softmax network)
    data: fitsClassLabels(config) ? { ...data, ...multinomialDatasetOf(data) } : data,
    testRows: plan.split.testRows,
    failures,
  });
  if (context.pruned.length === 0) return { status: 'succeeded', error: null, report };
  const pruned = context.pruned.map(({ curve, step, value }) => {
    const { penalty, l1Ratio, lambdas } = plan.curves[curve];
    return { penalty, l1Ratio, lambda: lambdas[0], step, value };
  });
  return { status: 'succeeded', error: null, report: { ...report, pruned } };
}

/**
 * The report's curves, each with the plan curves it is made of: a grid curve with its adaptive extensions, or for an
 * adaptive search every unpruned one-λ trial curve of one (penalty, l1Ratio), in the order the config lists them
 * (of model mlp: every unpruned trial curve on its own, as a planned mlp search's, since each trains its own network).
 */
export function reportCurves(context: RunContext): { base: number; parts: number[] }[] {
  const { plan, config } = context;
  if (!isAdaptiveStrategy(config.search.strategy)) {
    return gridCurves(plan, context.extensions).map((curve) => ({
      base: curve.index,
      parts: curveParts(curve.index, context.extensions),
    }));
  }
  const pruned = new Set(context.pruned.map((p) => p.curve));
  if (config.model === 'mlp') {
    return plan.curves.filter((c) => !pruned.has(c.index)).map((c) => ({ base: c.index, parts: [c.index] }));
  }
  return penaltyCurves(config.penalties, config.l1Ratios)
    .map(({ penalty, l1Ratio }) =>
      plan.curves
        .filter((c) => c.penalty === penalty && c.l1Ratio === l1Ratio && !pruned.has(c.index))
        .map((c) => c.index),
    )
    .filter((parts) => parts.length > 0)
    .map((parts) => ({ base: parts[0], parts }));
}

/**
 * The results of plan curves of one (penalty, l1Ratio), merged into one decreasing-λ curve. A single plan curve
 * (every grid curve) is built row by row in time slices, keeping two floats per fold row (CurveResultsBuilder).
 */
async function curveOfParts(store: SweepStore, context: RunContext, parts: readonly number[]): Promise<CurveResults> {
  // An mlp report reads the learning curves, and the chosen trial's full-data network (one per trial is read).
  const learningCurves = context.config.model === 'mlp';
  const classes = context.config.multinomial ? multinomialClasses(context.data) : undefined;
  // Learning curves and per-class coefficients take the whole-rows path (curveResultsFromRows).
  if (parts.length === 1 && !learningCurves && !classes) {
    return builtCurveResults(store, context.sweepId, context.plan.curves[parts[0]], context.data.names);
  }
  const results = [];
  for (const index of parts) {
    const rows = await store.curveFoldRows(context.sweepId, index, { learningCurves, networks: learningCurves });
    results.push(curveResultsFromRows(context.plan.curves[index], rows, context.data.names, classes));
  }
  return results.length === 1 ? results[0] : mergeCurveResults(results);
}

/** A curve's results with its fit warnings computed and its fold fits dropped (their train/validation values kept). */
function withoutFoldFits(results: CurveResults): CurveResults {
  return {
    ...results,
    fitWarnings: fitWarnings(results),
    folds: results.folds.map((fold) => ({ ...fold, fits: [] })),
  };
}
