/**
 * A fold task's result as a worker sends it back: the per-λ fields of its fits as columns (typed arrays), not an
 * array of PointFit objects. The structured clone copies a typed array in one piece but walks an object field by
 * field; for a 333-λ path the object form cost the two threads several ms per task, as much as the fit itself.
 * Only fold 0's coefficients travel (the only ones SweepStore.saveFinishedTask stores); a validation fold's fits
 * come back with empty coefficients. Reasons, learning curves (rare: failed or gd fits) and a network's full-data
 * weights (fold 0 of an mlp task only) stay sparse.
 */
import type { FitStatus, FoldPathResult, LearningCurve, PointFit } from '@regsweep/engine';

export interface PackedFoldResult {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly train: Float64Array;
  readonly validation: Float64Array;
  /** One entry per fit (the path's prefix that was fitted). */
  readonly lambda: Float64Array;
  readonly intercept: Float64Array;
  readonly nonzeros: Float64Array;
  readonly objective: Float64Array;
  readonly iterations: Float64Array;
  readonly converged: Uint8Array;
  /** Index into FIT_STATUSES. */
  readonly status: Uint8Array;
  /** Fit j's coefficients at [j·featureCount, (j+1)·featureCount): fold 0 only, else empty. */
  readonly coefficients: Float64Array;
  readonly featureCount: number;
  /** A multinomial path's K intercepts per fit, fit j's at [j·classCount, (j+1)·classCount); else empty (classCount 0). */
  readonly intercepts: Float64Array;
  readonly classCount: number;
  /** Fit index → reason, for the fits that have one. */
  readonly reasons: Record<number, string>;
  readonly learningCurves: Record<number, LearningCurve>;
  /** Fit index → PointFit.networkParameters (an mlp full-data fit's weights), for the fits that have them. */
  readonly networks: Record<number, Float64Array>;
}

const FIT_STATUSES: readonly FitStatus[] = ['ok', 'not_converged', 'diverged'];

export function packFoldResult(result: FoldPathResult): PackedFoldResult {
  const { fits } = result;
  const count = fits.length;
  const featureCount = result.fold === 0 && count > 0 ? fits[0].coefficients.length : 0;
  const classCount = count > 0 ? (fits[0].intercepts?.length ?? 0) : 0;
  const packed = {
    fold: result.fold,
    trainSize: result.trainSize,
    validationSize: result.validationSize,
    train: result.train,
    validation: result.validation,
    lambda: new Float64Array(count),
    intercept: new Float64Array(count),
    nonzeros: new Float64Array(count),
    objective: new Float64Array(count),
    iterations: new Float64Array(count),
    converged: new Uint8Array(count),
    status: new Uint8Array(count),
    coefficients: new Float64Array(count * featureCount),
    featureCount,
    intercepts: new Float64Array(count * classCount),
    classCount,
    reasons: {} as Record<number, string>,
    learningCurves: {} as Record<number, LearningCurve>,
    networks: {} as Record<number, Float64Array>,
  };
  fits.forEach((fit, j) => {
    packed.lambda[j] = fit.lambda;
    packed.intercept[j] = fit.intercept;
    packed.nonzeros[j] = fit.nonzeros;
    packed.objective[j] = fit.objective;
    packed.iterations[j] = fit.iterations;
    packed.converged[j] = fit.converged ? 1 : 0;
    packed.status[j] = FIT_STATUSES.indexOf(fit.status);
    if (featureCount > 0) packed.coefficients.set(fit.coefficients, j * featureCount);
    if (classCount > 0 && fit.intercepts) packed.intercepts.set(fit.intercepts, j * classCount);
    if (fit.reason !== undefined) packed.reasons[j] = fit.reason;
    if (fit.learningCurve) packed.learningCurves[j] = fit.learningCurve;
    if (fit.networkParameters) packed.networks[j] = fit.networkParameters;
  });
  return packed;
}

/**
 * A FoldPathResult over a packed one: the metric columns as they came, the PointFit objects built only when `fits`
 * is first read. The SQLite store's writer thread takes `packed` as it is (packedOf), so the main thread never builds
 * the 10,000 fit objects of a large task it only forwards (docs/benchmarks.md, issue 17).
 */
export class PackedPathResult implements FoldPathResult {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly train: Float64Array;
  readonly validation: Float64Array;
  private unpacked?: PointFit[];

  constructor(readonly packed: PackedFoldResult) {
    ({
      fold: this.fold,
      trainSize: this.trainSize,
      validationSize: this.validationSize,
      train: this.train,
      validation: this.validation,
    } = packed);
  }

  get fits(): PointFit[] {
    return (this.unpacked ??= unpackFits(this.packed));
  }
}

/** The result as a thread sends it: its fits unpacked when read (PackedPathResult). */
export function unpackFoldResult(packed: PackedFoldResult): FoldPathResult {
  return new PackedPathResult(packed);
}

/** The packed form of any result: the one it was unpacked from, else packed now. */
export function packedOf(result: FoldPathResult): PackedFoldResult {
  return result instanceof PackedPathResult ? result.packed : packFoldResult(result);
}

/** The result without its first fit (an extension path's warm-start λ), as views of the same columns. */
export function withoutFirstFit(packed: PackedFoldResult): PackedFoldResult {
  const { featureCount, classCount } = packed;
  const shifted = <T>(sparse: Record<number, T>): Record<number, T> =>
    Object.fromEntries(
      Object.entries(sparse)
        .filter(([j]) => Number(j) > 0)
        .map(([j, value]) => [Number(j) - 1, value]),
    );
  return {
    ...packed,
    train: packed.train.subarray(1),
    validation: packed.validation.subarray(1),
    lambda: packed.lambda.subarray(1),
    intercept: packed.intercept.subarray(1),
    nonzeros: packed.nonzeros.subarray(1),
    objective: packed.objective.subarray(1),
    iterations: packed.iterations.subarray(1),
    converged: packed.converged.subarray(1),
    status: packed.status.subarray(1),
    coefficients: packed.coefficients.subarray(Math.min(featureCount, packed.coefficients.length)),
    intercepts: packed.intercepts.subarray(Math.min(classCount, packed.intercepts.length)),
    reasons: shifted(packed.reasons),
    learningCurves: shifted(packed.learningCurves),
    networks: shifted(packed.networks ?? {}),
  };
}

function unpackFits(packed: PackedFoldResult): PointFit[] {
  const { featureCount, classCount } = packed;
  const empty = new Float64Array(0);
  return Array.from(packed.lambda, (lambda, j) => {
    const reason = packed.reasons[j];
    const learningCurve = packed.learningCurves[j];
    // Absent from a result a worker of an earlier version sent (queue mode): the report then trains the network.
    const networkParameters = packed.networks?.[j];
    return {
      lambda,
      intercept: packed.intercept[j],
      coefficients: featureCount > 0 ? packed.coefficients.subarray(j * featureCount, (j + 1) * featureCount) : empty,
      ...(classCount > 0 ? { intercepts: packed.intercepts.subarray(j * classCount, (j + 1) * classCount) } : {}),
      nonzeros: packed.nonzeros[j],
      objective: packed.objective[j],
      iterations: packed.iterations[j],
      converged: packed.converged[j] === 1,
      status: FIT_STATUSES[packed.status[j]],
      ...(reason !== undefined ? { reason } : {}),
      ...(learningCurve ? { learningCurve } : {}),
      ...(networkParameters ? { networkParameters } : {}),
    };
  });
}
