/** How numbers and learning curves are stored, by every driver alike (so both answer the same bits). */
import type { StoredLearningCurve } from '../trials/fold-result.entity';

/**
 * SQLite has no NaN or Infinity: a metric that is not finite is stored as NULL (the status or reason says why), and
 * the PostgreSQL store does the same.
 */
export function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

export function storedLearningCurve(curve: {
  epochs: Int32Array;
  train: Float64Array;
  validation: Float64Array;
}): StoredLearningCurve {
  return {
    epochs: Array.from(curve.epochs),
    train: Array.from(curve.train, (v) => finiteOrNull(v)),
    validation: Array.from(curve.validation, (v) => finiteOrNull(v)),
  };
}
