/**
 * How many tasks of a sweep run at once when its config sets no `concurrency`: from an estimate of the sweep's work
 * in multiply-adds, computed from the plan's shapes (rows n, features p, each fold's training rows n_t, each curve's
 * λ count L). A second thread costs its start, the engine's optimizing compiles on it (V8 compiles per isolate) and
 * a share of the two cores with the main thread, which stores every result (docs/benchmarks.md, "Small sweeps").
 * Below MIN_PARALLEL_MULTIPLY_ADDS that costs more than the second thread saves, so the sweep runs on one. The
 * estimate counts a fixed number of passes per λ, so it is low for tight tolerances and logistic fits (a Newton loop
 * around the passes): the threshold sits between the sweeps measured faster on one thread (5000×100: 1.1e8, 3.0e8)
 * and the load test's 10-fold logistic sweep (1.3e9 estimated, yet twice as fast on two threads; docs/benchmarks.md).
 *
 * The estimate, per task (one curve on one fold), with q = p + 2 and PASSES coordinate-descent passes per λ:
 *   - linear cd from cross products (chooseRoute's crossProducts): the dataset's sums once per sweep, n·q²/2, then
 *     per task min(n_t, n − n_t)·q²/2 for its own sums and L·PASSES·p·min(p, n_t) for the covariance passes;
 *   - any other cd fit (logistic, multinomial × its K classes, naive updates): L·PASSES·n_t·p;
 *   - gd: L·epochs·n_t·p.
 * The mlp and adaptive searches are not estimated: an mlp's cost depends on its network, and a tpe search asks its
 * trials by how many run at once (tpe-sampler.ts), so its trial sequence keeps the pool size.
 */
import { chooseRoute } from '@regsweep/engine';
import { DEFAULTS } from '../config/apply-defaults';
import { isAdaptiveStrategy } from '../search/create-sampler';
import type { SweepConfig, SweepPlan } from '../types';

/** Estimated multiply-adds below which a sweep runs on one thread (calibration in docs/benchmarks.md). */
export const MIN_PARALLEL_MULTIPLY_ADDS = 5e8;

/**
 * Estimated multiply-adds below which a sweep whose caller allows it (the CLI's `sweep`, never the server, whose
 * event loop must keep answering) runs its plan and tasks on the main thread, starting no worker thread: a thread's
 * start and module loading cost more than such a sweep's fits (calibration in docs/benchmarks.md, "CLI start-up").
 */
export const MAX_INLINE_MULTIPLY_ADDS = 3e7;

/** Coordinate-descent passes per λ assumed by the estimate (warm-started paths take a few). */
const PASSES = 5;

/** What a sweep runs with, and why: recorded on the sweep (SPEC §3, `concurrency`). */
export interface ConcurrencyChoice {
  readonly threads: number;
  readonly reason: string;
  /** The estimate the choice came from; absent when the choice did not need one. */
  readonly estimatedMultiplyAdds?: number;
}

export interface ConcurrencyInput {
  readonly config: Pick<SweepConfig, 'model' | 'solver' | 'search' | 'concurrency' | 'multinomial'>;
  readonly plan: Pick<SweepPlan, 'split' | 'curves' | 'tasks'>;
  /** Features p of the dataset. */
  readonly features: number;
  /** Classes K of a multinomial sweep (1 otherwise). */
  readonly classes?: number;
  /** The pool's threads (or, in queue mode, the tasks kept in the queue). */
  readonly poolSize: number;
  /** The caller may run a sweep below MAX_INLINE_MULTIPLY_ADDS on its own thread (threads 0): the CLI's sweep. */
  readonly inline?: boolean;
}

export function chooseConcurrency(input: ConcurrencyInput): ConcurrencyChoice {
  const { config, plan, poolSize } = input;
  if (config.concurrency !== undefined) return { threads: config.concurrency, reason: 'set by the sweep config' };
  if (input.inline && config.model !== 'mlp' && !isAdaptiveStrategy(config.search.strategy)) {
    const work = estimateMultiplyAdds(input);
    if (work < MAX_INLINE_MULTIPLY_ADDS) {
      return {
        threads: 0,
        reason: `estimated ${work.toExponential(1)} multiply-adds < ${MAX_INLINE_MULTIPLY_ADDS.toExponential(1)}: inline, on the main thread, no worker thread started`,
        estimatedMultiplyAdds: work,
      };
    }
  }
  if (poolSize <= 1) return { threads: 1, reason: 'the pool has one thread' };
  if (config.model === 'mlp') return { threads: poolSize, reason: 'mlp sweeps are not estimated: the pool size' };
  if (isAdaptiveStrategy(config.search.strategy)) {
    return {
      threads: poolSize,
      reason: `a ${config.search.strategy} search asks its trials by how many run at once: the pool size`,
    };
  }
  const work = estimateMultiplyAdds(input);
  const estimate = work.toExponential(1);
  if (work < MIN_PARALLEL_MULTIPLY_ADDS) {
    return {
      threads: 1,
      reason: `estimated ${estimate} multiply-adds < ${MIN_PARALLEL_MULTIPLY_ADDS.toExponential(1)}: a second thread would cost more than it saves`,
      estimatedMultiplyAdds: work,
    };
  }
  const threads = Math.max(1, Math.min(poolSize, plan.tasks.length));
  return {
    threads,
    reason: `estimated ${estimate} multiply-adds ≥ ${MIN_PARALLEL_MULTIPLY_ADDS.toExponential(1)}: ${threads === poolSize ? 'every pool thread' : 'one thread per task'}`,
    estimatedMultiplyAdds: work,
  };
}

/**
 * Whether chooseConcurrency gives the sweep every pool thread whatever its size (an mlp, an adaptive search, no
 * `concurrency` set): known from the config alone, so its threads can all start before the plan, and compile alike
 * (WorkerPoolService.warmUp sets V8's compile mode by the threads it starts).
 */
export function usesEveryPoolThread(config: Pick<SweepConfig, 'model' | 'search' | 'concurrency'>): boolean {
  return config.concurrency === undefined && (config.model === 'mlp' || isAdaptiveStrategy(config.search.strategy));
}

/** The sweep's work in multiply-adds, by the formulas above. */
export function estimateMultiplyAdds(input: ConcurrencyInput): number {
  const { config, plan, features: p } = input;
  const n = plan.split.fitRows.length;
  const q = p + 2;
  const classes = config.model === 'multinomial' ? Math.max(2, input.classes ?? 2) : 1;
  const trainRows = new Map<number, number>([[0, n]]);
  for (const fold of plan.split.folds) trainRows.set(fold.fold, fold.trainRows.length);
  const solver = config.solver;
  let sharedSums = 0;
  let work = 0;
  for (const task of plan.tasks) {
    const nt = trainRows.get(task.fold) ?? n;
    const lambdas = plan.curves[task.curve].lambdas.length;
    if (solver.kind === 'gd') {
      work += lambdas * solver.epochs * nt * p;
      continue;
    }
    const model = config.model === 'linear' ? 'linear' : 'logistic';
    const route = chooseRoute({ rows: n, features: p }, { model, solver: 'cd', trainRows: nt });
    if (config.model === 'linear' && route.crossProducts) {
      sharedSums = (n * q * q) / 2;
      work += (Math.min(nt, n - nt) * q * q) / 2 + lambdas * PASSES * p * Math.min(p, nt);
    } else {
      work += lambdas * PASSES * nt * p * classes;
    }
  }
  return sharedSums + work;
}

/**
 * The threads to start before the plan exists (while the data loads and the plan is computed on a thread): the
 * config's concurrency, else every pool thread only when the dataset's cross products alone, n·(p+2)²/2, already
 * reach MIN_PARALLEL_MULTIPLY_ADDS (a large sweep wants its second thread started and warmed early), else one;
 * chooseConcurrency then starts the rest if it picks more. With `inline` (the caller may run a tiny sweep on its
 * own thread) none while the data is tiny: its cross products and one default path on it, n·p·PASSES per λ over
 * DEFAULTS.lambdaCount λ, both below MAX_INLINE_MULTIPLY_ADDS. The plan is then computed inline too, and a thread
 * starts only if chooseConcurrency picks one. Larger data gets its thread now even if its sweep may turn out small
 * enough to run inline: a thread started only after the plan would put its whole start-up in the sweep's time
 * (`node dist/bench/src/pool-choice.js`, docs/benchmarks.md).
 */
export function threadsBeforePlan(
  rows: number,
  features: number,
  configured: number | undefined,
  poolSize: number,
  inline = false,
): number {
  if (configured !== undefined) return Math.min(configured, poolSize);
  const sums = (rows * (features + 2) ** 2) / 2;
  const defaultPath = rows * features * PASSES * DEFAULTS.lambdaCount;
  if (inline && Math.max(sums, defaultPath) < MAX_INLINE_MULTIPLY_ADDS) return 0;
  return sums >= MIN_PARALLEL_MULTIPLY_ADDS ? poolSize : 1;
}
