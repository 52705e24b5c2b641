/**
 * In-process engine timings — the λ path and the 10-fold CV path (crossValidate: every fold plus the full-data
 * path, one thread) — against glmnet's own in-process figures on the same CSV and the same folds. The path row's
 * glmnet figure comes from bench/glmnet_path.R (warmed up, all 100 λ, median), not from glmnet_bench.R's single
 * first call, which also pays R's lazy loading of glmnet and stops early at ~75 λ.
 */
import {
  crossValidate,
  fitGridPath,
  lambdaGrid,
  makeSplitPlan,
  type Dataset,
  type FitPathOptions,
  type PathSpec,
  type PointFit,
} from '@regsweep/engine';
import { rFoldIds } from '../anchors';
import { timeInProcess } from '../measure';
import type { BenchRow } from '../report-table';
import { readCsvDataset } from './data-files';
import type { GlmnetRun } from './glmnet';
import { runGlmnetPath } from './glmnet-path';

const LASSO = { kind: 'l1', l1Ratio: 1 } as const;

const AUTO_100 = { auto: { count: 100 } };

/** The bench's lasso (glmnet's defaults: standardized, thresh 1e-7), its λ values aside. */
const LASSO_PATH: Omit<PathSpec, 'lambdas'> = {
  model: 'linear',
  penalty: LASSO,
  standardize: true,
  solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
};

/** The bench's lasso at the given λ values (lassoGrid: the auto grid of 100). */
export function lassoSpec(lambdas: Float64Array): PathSpec {
  return { ...LASSO_PATH, lambdas };
}

/** The auto grid of 100 λ over `rows` (its own pass over x, as cv.glmnet computes λ_max inside its call). */
export function lassoGrid(data: Dataset, rows: Int32Array): Float64Array {
  return lambdaGrid(AUTO_100, data, rows, 'linear', LASSO, true);
}

/**
 * The single lasso path on the auto grid as glmnet() runs it, λ_max inside the call: fitGridPath, which takes λ_max
 * from the path's own cross products on that route.
 */
export function lassoPath(data: Dataset, rows: Int32Array, options?: FitPathOptions): PointFit[] {
  const grid = (inner: () => number) => lambdaGrid(AUTO_100, data, rows, 'linear', LASSO, true, inner);
  return fitGridPath(data, rows, LASSO_PATH, grid, options);
}

/** glmnet_bench.R's folds when R is here (set.seed(1); sample(rep(1:10, …))), else row i → (i mod 10) + 1. */
export function benchFoldIds(rows: number, glmnet: boolean): number[] {
  return glmnet ? rFoldIds(rows) : Array.from({ length: rows }, (_, i) => (i % 10) + 1);
}

export function engineJobs(
  csv: string,
  n: number,
  p: number,
  foldIds: number[],
  anchor: GlmnetRun | undefined,
): BenchRow[] {
  const data = readCsvDataset(csv);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const plan = makeSplitPlan(n, { kind: 'foldIds', foldIds }, 0);
  const repeats = n * p > 1e6 ? 1 : 5;
  // The λ grid inside the timed calls, as glmnet() and cv.glmnet() compute λ_max inside theirs.
  const pathSeconds = timeInProcess(() => lassoPath(data, all), repeats);
  const pathAnchor = anchor ? runGlmnetPath(csv, n * p > 1e6 ? 3 : 5) : undefined;
  const cvSeconds = timeInProcess(() => crossValidate(data, plan, lassoSpec(lassoGrid(data, all)), 'mse'), repeats);
  const shape = `${n}×${p}`;
  const lambdas = anchor ? `; glmnet fits ${anchor.pathLambdas} λ` : '';
  return [
    {
      job: `lasso path, 100 λ, ${shape} (in-process)`,
      regsweep: pathSeconds,
      anchorName: 'glmnet',
      anchor: pathAnchor?.seconds,
      unit: 'seconds',
      note: `both warmed up; regsweep fits 100 λ, glmnet ${pathAnchor?.lambdas ?? '—'} λ (early stop off)`,
    },
    {
      job: `lasso 10-fold CV path, ${shape} (in-process, 1 thread)`,
      regsweep: cvSeconds,
      anchorName: 'cv.glmnet',
      anchor: anchor?.cvSeconds,
      unit: 'seconds',
      note: `same fold ids${lambdas}`,
    },
  ];
}
