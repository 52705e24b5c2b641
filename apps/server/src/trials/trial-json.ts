/**
 * The JSON of GET /api/sweeps/:id/trials: a trial and its per-fold results. Types only (no Nest, no TypeORM), so that
 * the dashboard imports this file (type-only) instead of keeping a copy: a change here that the dashboard does not
 * follow fails its typecheck (`npm run lint`'s typecheck).
 */

export type TrialStatus = 'ok' | 'not_converged' | 'diverged' | 'failed' | 'pending' | 'pruned';

/** The per-epoch losses of a gd fit, as stored (plain arrays); a loss that was not finite is null. */
export interface StoredLearningCurve {
  epochs: number[];
  train: (number | null)[];
  validation: (number | null)[];
}

/** What a trial did on one fold, as stored and as the API answers it (`converged` aside). */
export interface FoldOutcome {
  fold: number;
  trainSize: number;
  validationSize: number;
  train: number | null;
  validation: number | null;
  iterations: number;
  status: string;
  reason: string | null;
}

export interface FoldJson extends FoldOutcome {
  converged: boolean;
  learningCurve?: StoredLearningCurve | null;
}

export interface TrialJson {
  id: number;
  key: string;
  curve: number;
  lambdaIndex: number;
  penalty: string;
  l1Ratio: number;
  lambda: number;
  status: TrialStatus;
  trainMean: number | null;
  validationMean: number | null;
  validationSd: number | null;
  gap: number | null;
  nonzeros: number | null;
  intercept: number | null;
  iterations: number | null;
  converged: boolean | null;
  reason: string | null;
  /** Set when status is `pruned`: the step and the intermediate value that pruned the trial. */
  prunedStep: number | null;
  prunedValue: number | null;
  /** {feature: value}; a multinomial trial's {class: {feature: value}}. */
  coefficients?: Record<string, number | null> | Record<string, Record<string, number | null>> | null;
  /** A multinomial trial's intercepts {class: value} (with `coefficients`). */
  intercepts?: Record<string, number | null> | null;
  folds?: FoldJson[];
}
