/** Test-only: a pruner run on a schedule of learning curves, as the sweep runner asks it between epochs. */
import { IntermediateValues, type Pruner } from '../../src/prune';

/**
 * Runs trials one after another, each reporting curve(step) for steps 1..maxStep until the pruner stops it;
 * answers, per trial, the last step it ran and whether it was pruned.
 */
export function runSchedule(pruner: Pruner, curves: ((step: number) => number)[], maxStep: number) {
  const values = new IntermediateValues();
  return curves.map((curve, trial) => {
    for (let step = 1; step <= maxStep; step++) {
      values.report(trial, step, curve(step));
      if (pruner.shouldPrune(values, trial, step)) {
        values.finish(trial, 'pruned');
        return { lastStep: step, pruned: true };
      }
    }
    values.finish(trial, 'complete');
    return { lastStep: maxStep, pruned: false };
  });
}
