/**
 * The objective every search of the search-efficiency bench minimises: the K-fold cross-validated loss
 * (validationMean, cv.glmnet's weighted mean over folds) of one (penalty, l1Ratio, λ) point, computed by the engine
 * on one fixed split. regsweep's samplers call it in process; Optuna's TPESampler calls it through
 * optuna_tpe_search.py (ask-and-tell over a pipe), so all three searches see the same numbers on the same folds.
 */
import {
  cvStatistics,
  evaluateFold,
  logspace,
  makeSplitPlan,
  validationFolds,
  type Dataset,
  type FoldRows,
  type MetricName,
  type Model,
  type PathSpec,
  type PenaltyKind,
} from '@regsweep/engine';
import { loadDataset } from '@regsweep/datasets';
import type { SearchPoint, SearchSpace } from '@regsweep/sweep';

export interface SearchTask {
  readonly label: string;
  readonly dataset: string;
  readonly model: Model;
  readonly metric: MetricName;
  readonly penalties: readonly PenaltyKind[];
  readonly l1Ratios: readonly number[];
  readonly lambdaMin: number;
  readonly lambdaMax: number;
  /** λ per curve in the exhaustive grid, log-spaced over [lambdaMin, lambdaMax]. */
  readonly gridCount: number;
}

export interface SearchObjective {
  readonly task: SearchTask;
  readonly space: SearchSpace;
  /** The CV loss of one point. */
  evaluate(point: SearchPoint): number;
  /** The best CV loss of the exhaustive grid (every curve, gridCount λ each, warm-started paths). */
  gridBest(): number;
}

const FOLDS = 5;
const SPLIT_SEED = 0;

/** A built-in dataset and its `k` shuffled validation folds: the one split every search of a task is scored on. */
export function datasetFolds(name: string, k: number): { data: Dataset; folds: FoldRows[] } {
  const parsed = loadDataset(name);
  const folds = validationFolds(
    makeSplitPlan(parsed.rows, { kind: 'kfold', folds: k, shuffle: true, seed: SPLIT_SEED }, 0),
  );
  return { data: { x: parsed.x, y: parsed.y }, folds };
}

export function searchObjective(task: SearchTask): SearchObjective {
  const { data, folds } = datasetFolds(task.dataset, FOLDS);
  const curves = task.penalties.flatMap((penalty) =>
    (penalty === 'elasticnet' ? task.l1Ratios : [penalty === 'l1' ? 1 : 0]).map((l1Ratio) => ({ penalty, l1Ratio })),
  );
  const space: SearchSpace = {
    curves: curves.map(({ penalty, l1Ratio }) => ({
      penalty,
      l1Ratio,
      lambdas: { kind: 'logUniform', min: task.lambdaMin, max: task.lambdaMax },
    })),
  };
  const cvLoss = (penalty: PenaltyKind, l1Ratio: number, lambdas: Float64Array) =>
    crossValidatedLoss(data, folds, pathSpec(task.model, penalty, l1Ratio, lambdas), task.metric);
  return {
    task,
    space,
    evaluate: (point) => {
      const ladder = warmStartLadder(task.lambdaMax, point.lambda);
      return cvLoss(point.penalty, point.l1Ratio, ladder)[ladder.length - 1];
    },
    gridBest: () => {
      const grid = logspace(task.lambdaMax, task.lambdaMin, task.gridCount);
      return Math.min(...curves.flatMap(({ penalty, l1Ratio }) => Array.from(cvLoss(penalty, l1Ratio, grid))));
    },
  };
}

/**
 * A point is fitted at the end of a short warm-started path, as glmnet fits any λ: from λ_top down to λ with
 * LADDER_PER_DECADE log-spaced steps per decade. The problem is convex, so the end point is the same solution a cold
 * fit reaches (within the solver's tolerance); a cold fit at a small λ of a logistic model costs tens of times more.
 */
const LADDER_PER_DECADE = 4;

function warmStartLadder(top: number, lambda: number): Float64Array {
  const decades = Math.log10(top / lambda);
  if (!(decades > 0)) return Float64Array.of(lambda);
  return logspace(top, lambda, Math.ceil(decades * LADDER_PER_DECADE) + 1);
}

function pathSpec(model: Model, kind: PenaltyKind, l1Ratio: number, lambdas: Float64Array): PathSpec {
  return {
    model,
    penalty: { kind, l1Ratio },
    lambdas,
    standardize: true,
    solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
  };
}

/** cv.glmnet's validation mean over the folds at each λ of `spec`. */
export function crossValidatedLoss(data: Dataset, folds: FoldRows[], spec: PathSpec, metric: MetricName): Float64Array {
  const results = folds.map((fold) => evaluateFold(data, fold, spec, metric));
  return cvStatistics(results, spec.lambdas, metric).validationMean;
}
