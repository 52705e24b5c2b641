/**
 * A sweep's plan as a worker sends it back (fold-task.worker.ts `plan`): the trials not as objects but as one string
 * of their keys. A trial is otherwise determined by its curve: trial j of curve c is (c.penalty, c.l1Ratio,
 * c.lambdas[j]) at lambdaIndex j, in the plan's order (planSweep). The structured clone copies a string in one piece
 * but walks objects field by field, on the main thread that also answers requests: for a 90,000-trial random search
 * the object form took hundreds of ms to receive.
 */
import type { SweepPlan, TrialPlan } from '@regsweep/sweep';
import { inTimeSlices } from '../common/in-time-slices';

export interface PackedPlan {
  readonly split: SweepPlan['split'];
  readonly curves: SweepPlan['curves'];
  readonly tasks: SweepPlan['tasks'];
  /** The trials' keys in plan order, each followed by "\n". */
  readonly trialKeys: string;
}

export function packPlan(plan: SweepPlan): PackedPlan {
  const { split, curves, tasks, trials } = plan;
  let trialKeys = '';
  for (const trial of trials) trialKeys += `${trial.key}\n`;
  return { split, curves, tasks, trialKeys };
}

/** The plan with its trial objects, rebuilt in time slices (common/in-time-slices.ts). */
export async function unpackPlan(packed: PackedPlan): Promise<SweepPlan> {
  const { split, curves, tasks, trialKeys } = packed;
  const trials: TrialPlan[] = [];
  let start = 0;
  let curve = 0;
  let lambdaIndex = 0;
  // One trial per step: trial lambdaIndex of curves[curve], its key the next line of trialKeys.
  await inTimeSlices(() => {
    while (curve < curves.length && lambdaIndex >= curves[curve].lambdas.length) {
      curve++;
      lambdaIndex = 0;
    }
    if (curve === curves.length) return false;
    const { index, penalty, l1Ratio, lambdas, params } = curves[curve];
    const end = trialKeys.indexOf('\n', start);
    if (end < 0) throw new Error('the packed plan has fewer trial keys than its curves have λ');
    const key = trialKeys.slice(start, end);
    start = end + 1;
    const lambda = lambdas[lambdaIndex];
    trials.push({ key, curve: index, lambdaIndex, penalty, l1Ratio, lambda, ...(params ? { params } : {}) });
    lambdaIndex++;
    return true;
  });
  if (start !== trialKeys.length) throw new Error('the packed plan has more trial keys than its curves have λ');
  return { split, curves, tasks, trials };
}
