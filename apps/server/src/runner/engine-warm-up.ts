/**
 * What a worker thread started for a large sweep (data-size.ts; WorkerPoolService.warmUp) runs once, before its
 * first task: a small synthetic sweep (400 rows × 60 features) through the same functions real tasks run, the cross
 * products of row chunks and the fold paths of the linear cross-products route for none, l1, l2 and elastic net, so
 * that V8 has optimized the engine before the first real task arrives.
 *
 * Why: each thread is its own V8 isolate and compiles the engine for itself (the solver's methods several times
 * each, after deoptimizations). With a pool that fills every core the compiles run on the thread itself
 * (worker-pool.service.ts), inside the sweep's first tasks; with a spare core they run beside it. The threads start
 * while the main thread starts Nest, parses the CSV and stores the plan, so this work costs a large sweep nothing.
 * Small data gets none (the engine's chooseRoute decides, libs/engine/src/route.ts): its tasks run fine
 * unoptimized, and the compiles would compete with Nest's start-up for the cores. The measurements are in
 * docs/benchmarks.md.
 *
 * Logistic models, penalty `none` with p ≥ n, the naive updates (p > 2n) and gd are not warmed: they are
 * rarer, and each route warmed costs every thread start a few ms.
 */
import { mulberry32 } from '@regsweep/engine';
import type { FoldRows, PathSpec } from '@regsweep/engine';
import type { FoldTaskMessage, RowsCrossProductsMessage, SharedDatasetMessage } from './fold-task.worker';

const ROWS = 400;
const FEATURES = 60;
/** Two passes: the first collects type feedback and compiles, the second runs what deoptimized once more. */
const PASSES = 2;

export interface WarmUpTarget {
  runFoldTask(message: FoldTaskMessage): unknown;
  rowsCrossProducts(message: RowsCrossProductsMessage): void;
}

export function warmUpEngine(target: WarmUpTarget): void {
  const data = syntheticData();
  const all = Int32Array.from({ length: ROWS }, (_, i) => i);
  // 40 validation rows, fewer than the ridge fits' 60 nonzeros: both validation scorers of the route run.
  const fold: FoldRows = {
    fold: 1,
    trainRows: all.filter((i) => i % 10 !== 0),
    validationRows: all.filter((i) => i % 10 === 0),
  };
  const full: FoldRows = { fold: 0, trainRows: all, validationRows: new Int32Array(0) };
  const size = FEATURES + 2;
  const centre = new SharedArrayBuffer(FEATURES * 8);
  const products = (chunk: Int32Array): SharedArrayBuffer => {
    const values = new SharedArrayBuffer(size * size * 8);
    target.rowsCrossProducts({ ...data, centre, responseCentre: 0, chunk, target: values });
    return values;
  };
  const lambdas = Float64Array.from({ length: 30 }, (_, j) => 10 ** (-j / 10));
  for (let pass = 0; pass < PASSES; pass++) {
    const fullProducts = products(all);
    const validationProducts = products(fold.validationRows);
    for (const [kind, l1Ratio] of [
      ['none', 0],
      ['l1', 1],
      ['l2', 0],
      ['elasticnet', 0.5],
    ] as const) {
      const spec: PathSpec = {
        model: 'linear',
        penalty: { kind, l1Ratio },
        lambdas: kind === 'none' ? Float64Array.of(0) : lambdas,
        standardize: true,
        solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
      };
      for (const rows of [full, fold]) {
        target.runFoldTask({
          ...data,
          fold: rows,
          spec,
          metric: 'mse',
          crossProducts: {
            full: fullProducts,
            centre,
            responseCentre: 0,
            validation: rows.fold === 0 ? null : validationProducts,
            others: null,
          },
        });
      }
    }
  }
}

/** y = the sum of the first 5 features + noise, features uniform in [−½, ½): a lasso path with a few entering. */
function syntheticData(): SharedDatasetMessage {
  const random = mulberry32(20261127);
  const x = new Float64Array(new SharedArrayBuffer(ROWS * FEATURES * 8));
  const y = new Float64Array(new SharedArrayBuffer(ROWS * 8));
  for (let i = 0; i < x.length; i++) x[i] = random() - 0.5;
  for (let i = 0; i < ROWS; i++) {
    let value = random() - 0.5;
    for (let j = 0; j < 5; j++) value += x[j * ROWS + i];
    y[i] = value;
  }
  return {
    x: x.buffer as SharedArrayBuffer,
    y: y.buffer as SharedArrayBuffer,
    rows: ROWS,
    cols: FEATURES,
    names: Array.from({ length: FEATURES }, (_, j) => `x${j}`),
    key: 'engine-warm-up',
  };
}
