/**
 * A curve's report input built from its stored fold rows one row at a time (in time slices), keeping only what the
 * report reads: per validation fold two floats per λ (train and validation metric, for the statistics and the paired
 * comparison), per fit status a tally for the fit warnings, and the full-data path's fits (fold 0: nonzeros, and the
 * chosen λ's coefficients). stored-results.ts keeps a PointFit object per fold row instead: 990,000 of them for the
 * largest allowed sweep.
 *
 * Fold fits are what the engine returns: the path's prefix up to its first λ without a fit (a missing row or one
 * whose status carries no fit). The tally counts exactly those, so the warnings equal fitWarnings() of the whole rows.
 */
import type { FoldPathResult, PointFit } from '@regsweep/engine';
import type { CurvePlan, CurveResults } from '@regsweep/sweep';
import { fitTallyWarnings } from '@regsweep/sweep';
import { eachInTimeSlices } from '../common/in-time-slices';
import type { StoredFoldRow } from '../store/store-types';
import type { SweepStore } from '../store/sweep-store';
import { FITTED, pointFit } from './stored-results';

/** One plan curve's stored rows through a CurveResultsBuilder, in time slices (fold fits left out). */
export async function builtCurveResults(
  store: SweepStore,
  sweepId: string,
  curve: CurvePlan,
  featureNames: readonly string[],
): Promise<CurveResults> {
  const builder = new CurveResultsBuilder(curve, featureNames);
  const rows = await store.curveFoldRows(sweepId, curve.index);
  await eachInTimeSlices(rows, (row) => builder.add(row));
  return builder.results();
}

interface FoldValues {
  readonly fold: number;
  readonly trainSize: number;
  readonly validationSize: number;
  readonly train: Float64Array;
  readonly validation: Float64Array;
  /** The λ index the fit prefix expects next; −1 once it ended. */
  nextFit: number;
}

export class CurveResultsBuilder {
  private readonly folds = new Map<number, FoldValues>();
  private readonly full: PointFit[] = [];
  private fullOpen = true;
  private fits = 0;
  private readonly notConverged: number[] = [];
  private readonly diverged: number[] = [];
  /** The first diverged fit's reason, of the folds (in fold order) and of the full-data path: fitWarnings' order. */
  private readonly firstDiverged: { folds?: { reason?: string }; full?: { reason?: string } } = {};

  constructor(
    private readonly curve: CurvePlan,
    private readonly featureNames: readonly string[],
  ) {}

  /** One stored row; rows of a fold must come in increasing λ index (curveFoldRows' order). */
  add(row: StoredFoldRow): void {
    const j = row.lambdaIndex;
    const fitted = FITTED.has(row.status);
    if (row.fold === 0) {
      if (!this.fullOpen) return;
      if (this.full.length !== j || !fitted) {
        this.fullOpen = false;
        return;
      }
      const fit = pointFit(row, this.featureNames);
      this.full.push(fit);
      this.tally(fit.status, fit.lambda, fit.reason, 'full');
      return;
    }
    const fold = this.foldValues(row);
    fold.train[j] = row.train ?? NaN;
    fold.validation[j] = row.validation ?? NaN;
    if (fold.nextFit !== j || !fitted) {
      fold.nextFit = -1;
      return;
    }
    fold.nextFit++;
    this.tally(row.status, row.lambda, row.reason ?? undefined, 'folds');
  }

  /** The report input; `fitWarnings` stands in for the fold fits, which are left empty. */
  results(): CurveResults {
    const folds: FoldPathResult[] = [...this.folds.values()]
      .sort((a, b) => a.fold - b.fold)
      .map(({ fold, trainSize, validationSize, train, validation }) => ({
        fold,
        trainSize,
        validationSize,
        fits: [],
        train,
        validation,
      }));
    return { curve: this.curve, folds, full: this.full, fitWarnings: this.fitWarnings() };
  }

  private foldValues(row: StoredFoldRow): FoldValues {
    let fold = this.folds.get(row.fold);
    if (!fold) {
      const count = this.curve.lambdas.length;
      fold = {
        fold: row.fold,
        trainSize: row.trainSize,
        validationSize: row.validationSize,
        train: new Float64Array(count).fill(NaN),
        validation: new Float64Array(count).fill(NaN),
        nextFit: 0,
      };
      this.folds.set(row.fold, fold);
    }
    return fold;
  }

  private tally(status: string, lambda: number, reason: string | undefined, where: 'folds' | 'full'): void {
    this.fits++;
    if (status === 'not_converged') this.notConverged.push(lambda);
    else if (status === 'diverged') {
      this.firstDiverged[where] ??= { reason };
      this.diverged.push(lambda);
    }
  }

  /** fitWarnings() of the whole rows, from the tallies. */
  private fitWarnings(): string[] {
    return fitTallyWarnings(this.curve, {
      fits: this.fits,
      notConverged: this.notConverged,
      diverged: this.diverged,
      firstDivergedReason: (this.firstDiverged.folds ?? this.firstDiverged.full)?.reason,
    });
  }
}
