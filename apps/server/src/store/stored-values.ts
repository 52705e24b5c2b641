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

/**
 * A network's parameters as stored (trial_network.parameters): their float64 bytes, little-endian as on every
 * platform Node runs on, so they come back bit for bit (8 bytes each, a third less than base64 text). Not copied.
 */
export function networkBytes(parameters: Float64Array): Buffer {
  return Buffer.from(parameters.buffer, parameters.byteOffset, parameters.byteLength);
}

/** The stored bytes back as parameters, copied into an aligned buffer (a driver's Buffer may sit at any offset). */
export function networkParameters(bytes: Uint8Array): Float64Array {
  const aligned = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(aligned).set(bytes);
  return new Float64Array(aligned);
}

/**
 * The status a trial still `pending` at the conclusion takes (the CASE both drivers' statistics writes apply, `$v`
 * its new validationMean): an mlp trial whose full-data network was not trained (search.refit chosen) is judged by
 * its folds, `ok` with a finite validation mean, else `diverged` with NO_VALIDATION_REASON. A trial with a full-data
 * fit (ok, not_converged, diverged), failed or pruned keeps its status and reason.
 */
export function concludedStatusSql(validationMean: string): { status: string; reason: string } {
  return {
    status: `CASE WHEN status <> 'pending' THEN status WHEN ${validationMean} IS NULL THEN 'diverged' ELSE 'ok' END`,
    reason: `CASE WHEN status <> 'pending' THEN reason WHEN ${validationMean} IS NULL THEN '${NO_VALIDATION_REASON}' ELSE NULL END`,
  };
}

export const NO_VALIDATION_REASON = 'no fold has a finite validation score';
