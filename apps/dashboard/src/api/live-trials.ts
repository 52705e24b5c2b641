/**
 * Live partial curves from the `trial` events of a running sweep. Each event carries one task's
 * results (one curve on one fold); per (curve, λ) we keep the running mean of the validation
 * values of the folds received so far — a preview, replaced by the report's weighted CV mean
 * once the sweep finishes.
 */

import type { TaskTrialsEvent } from '../../../server/src/events/task-trials-event';

export interface LiveCurve {
  label: string;
  /** λ → sum and count of the validation values received. */
  points: Map<number, { sum: number; count: number }>;
  folds: Set<number>;
}

export function isTaskTrialsEvent(data: unknown): data is TaskTrialsEvent {
  const event = data as Partial<TaskTrialsEvent> | null;
  return !!event && typeof event.fold === 'number' && Array.isArray(event.trials);
}

/** Adds one task's results; fold 0 (the full-data fit) has no validation rows and is skipped. */
export function addTaskTrials(curves: Map<string, LiveCurve>, event: TaskTrialsEvent): void {
  if (event.fold === 0) return;
  for (const trial of event.trials) {
    if (trial.validation === null || !Number.isFinite(trial.validation)) continue;
    const key = `${trial.penalty}:${trial.l1Ratio}`;
    let curve = curves.get(key);
    if (!curve) {
      const label = trial.penalty === 'elasticnet' ? `elasticnet (r = ${trial.l1Ratio})` : trial.penalty;
      curve = { label, points: new Map(), folds: new Set() };
      curves.set(key, curve);
    }
    curve.folds.add(event.fold);
    const point = curve.points.get(trial.lambda) ?? { sum: 0, count: 0 };
    point.sum += trial.validation;
    point.count += 1;
    curve.points.set(trial.lambda, point);
  }
}
