import { Logger } from '@nestjs/common';
import type { FoldPathResult } from '@regsweep/engine';
import type { TaskPlan } from '@regsweep/sweep';
import type { SweepEventsService } from '../events/sweep-events.service';
import { PackedPathResult, packedOf, withoutFirstFit } from './packed-result';
import { finiteOrNull } from '../store/stored-values';
import type { SweepStore } from '../store/sweep-store';
import { describeTask, foldRows, multinomialClasses, progressTotal, warmStartOf, type RunContext } from './run-context';

/**
 * A task's end, recorded: its rows written by the store (with the task mark and the sweep's progress, in one
 * transaction), the progress counted, and the `trial` / `progress` events sent to the sweep's listeners.
 */
export class TaskOutcomes {
  private readonly logger = new Logger('SweepRunnerService');

  constructor(
    private readonly store: SweepStore,
    private readonly events: SweepEventsService,
  ) {}

  async finished(context: RunContext, task: TaskPlan, fitted: FoldPathResult): Promise<void> {
    // An extension's path starts at the warm-start λ it continues from; that point is the grid's, not stored again.
    const result = warmStartOf(context, task.curve) === undefined ? fitted : withoutFirstPoint(fitted);
    context.done++;
    await this.store.saveFinishedTask({
      sweepId: context.sweepId,
      taskKey: task.key,
      trialIds: context.curveTrials[task.curve].map((trial) => trial.id),
      result,
      featureNames: context.data.names,
      ...(context.config.multinomial ? { classes: multinomialClasses(context.data) } : {}),
      progressDone: context.done,
    });
    // The `trial` event holds a large curve's 10,000 points: built only when someone listens.
    if (this.events.observed(context.sweepId)) this.emitTrials(context, task, result);
    this.emitProgress(context);
  }

  private emitTrials(context: RunContext, task: TaskPlan, result: FoldPathResult): void {
    const curve = context.plan.curves[task.curve];
    const trials = context.curveTrials[task.curve];
    this.events.emit(context.sweepId, {
      type: 'trial',
      data: {
        curve: task.curve,
        fold: task.fold,
        trials: Array.from(curve.lambdas, (lambda, j) => ({
          key: trials[j].key,
          penalty: curve.penalty,
          l1Ratio: curve.l1Ratio,
          lambda,
          train: finiteOrNull(result.train[j]),
          validation: finiteOrNull(result.validation[j]),
        })),
      },
    });
  }

  /** A task that failed for good: its trials get a failed fold row with the reason; the sweep goes on. */
  async failed(context: RunContext, task: TaskPlan, reason: string): Promise<void> {
    const rows = foldRows(context.plan, task.fold);
    context.done++;
    this.logger.warn(`sweep ${context.sweepId}: task ${describeTask(context, task)} failed: ${reason}`);
    await this.store.saveFailedTask({
      sweepId: context.sweepId,
      taskKey: task.key,
      trialIds: context.curveTrials[task.curve].map((trial) => trial.id),
      fold: task.fold,
      trainSize: rows.trainRows.length,
      validationSize: rows.validationRows.length,
      reason,
      progressDone: context.done,
    });
    this.emitProgress(context);
  }

  /** `total`: a new progress total (an adaptive search's, after a trial was pruned). */
  emitProgress(context: RunContext, total?: number): void {
    if (total !== undefined) context.total = total;
    this.events.emit(context.sweepId, {
      type: 'progress',
      data: { done: context.done, total: progressTotal(context) },
    });
  }
}

/** A path's result without its first point: an extension's warm-start λ, fitted only to start the path from. */
function withoutFirstPoint(result: FoldPathResult): FoldPathResult {
  return new PackedPathResult(withoutFirstFit(packedOf(result)));
}
