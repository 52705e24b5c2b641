import { cvStatistics } from '@regsweep/engine';
import { buildReport, type CurveResults, type TaskFailure } from '@regsweep/sweep';
import type { SweepStore } from '../store/sweep-store';
import type { Outcome, RunContext } from './run-context';
import { curveResultsFromRows } from './stored-results';

/**
 * The conclude step, once every task is done or failed: each curve's results are rebuilt from the stored rows (never
 * from memory, so a resumed sweep reports exactly what an uninterrupted one would), its cross-validation statistics
 * computed once, stored on its trials and handed to the report. A sweep whose every task failed has nothing to
 * report: it fails.
 */
export async function concludeSweep(store: SweepStore, context: RunContext): Promise<Outcome> {
  const { config, plan, data, sweepId } = context;
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
  for (const curve of plan.curves) {
    const rows = await store.curveFoldRows(sweepId, curve.index);
    const { folds, full } = curveResultsFromRows(curve, rows, data.names);
    const statistics = cvStatistics(folds, curve.lambdas, config.metric);
    await store.saveCurveStatistics(
      context.curveTrials[curve.index].map((trial) => trial.id),
      statistics,
    );
    results.push({ curve, folds, full, statistics });
  }
  const report = buildReport({
    sweepId,
    config,
    results,
    featureNames: data.names,
    data,
    testRows: plan.split.testRows,
    failures,
  });
  return { status: 'succeeded', error: null, report };
}
