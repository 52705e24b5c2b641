/**
 * The warm-up a pool thread runs at start (engine-warm-up.ts) swallows its errors, so a warm-up that silently stopped
 * exercising the engine would only show as slower sweeps. Here it runs in this thread against the worker's own
 * functions, and every task it runs must be a real fit along the routes it claims to warm.
 */
import { Piscina } from 'piscina';
import { unpackFoldResult, type PackedFoldResult } from '../src/runner/packed-result';
import { foldTaskWorkerFile } from '../src/runner/worker-pool.service';
import { warmUpEngine } from '../src/runner/engine-warm-up';
import runFoldTask, {
  rowsCrossProducts,
  type FoldTaskMessage,
  type RowsCrossProductsMessage,
  type WorkerSettings,
} from '../src/runner/fold-task.worker';

describe('warmUpEngine', () => {
  it('runs the cross-products route for every penalty, full data and a validation fold, twice', () => {
    const tasks: { message: FoldTaskMessage; result: PackedFoldResult }[] = [];
    const chunks: RowsCrossProductsMessage[] = [];
    warmUpEngine({
      runFoldTask: (message) => {
        const result = runFoldTask(message);
        tasks.push({ message, result });
        return result;
      },
      rowsCrossProducts: (message) => {
        rowsCrossProducts(message);
        chunks.push(message);
      },
    });

    expect(chunks).toHaveLength(4); // all rows and the validation rows, per pass
    expect(chunks.every((chunk) => new Float64Array(chunk.target).some((value) => value !== 0))).toBe(true);
    expect(tasks).toHaveLength(16); // 4 penalties × 2 folds × 2 passes
    expect(new Set(tasks.map(({ message }) => message.spec.penalty.kind))).toEqual(
      new Set(['none', 'l1', 'l2', 'elasticnet']),
    );
    for (const { message, result } of tasks) {
      expect(message.crossProducts).toBeDefined();
      const fold = unpackFoldResult(result);
      expect(fold.fits).toHaveLength(message.spec.lambdas.length);
      expect(fold.fits.every((fit) => fit.status === 'ok')).toBe(true);
      expect(Array.from(fold.train).every(Number.isFinite)).toBe(true);
      if (message.fold.fold === 0) continue;
      expect(Array.from(fold.validation).every(Number.isFinite)).toBe(true);
    }
    // The lasso path goes from the null model to fits with more nonzeros than the 40 validation rows' quadratic
    // form is used for: ridge fits (all 60 nonzero) score by predictions.
    const lasso = unpackFoldResult(tasks.find(({ message }) => message.spec.penalty.kind === 'l1')!.result);
    expect(lasso.fits[0].nonzeros).toBe(0);
    const ridge = tasks.find(({ message }) => message.spec.penalty.kind === 'l2' && message.fold.fold === 1)!;
    expect(unpackFoldResult(ridge.result).fits.at(-1)!.nonzeros).toBeGreaterThan(
      ridge.message.fold.validationRows.length,
    );
  });
});

/** The built worker in real threads: it warms the engine up only when the pool's flag asks for it as it starts. */
describe('a pool thread', () => {
  const pools: Piscina[] = [];
  afterAll(() => Promise.all(pools.map((pool) => pool.destroy())));

  const threadWarmedUp = async (flag: 0 | 1): Promise<boolean> => {
    const engineWarmUp = new Int32Array(new SharedArrayBuffer(4));
    engineWarmUp[0] = flag;
    const pool = new Piscina({
      filename: foldTaskWorkerFile(),
      maxThreads: 1,
      workerData: { engineWarmUp: engineWarmUp.buffer } satisfies WorkerSettings,
    });
    pools.push(pool);
    return (await pool.run({}, { name: 'warmUp' })) as boolean;
  };

  it('warms the engine up when started with the flag set (a large sweep)', async () => {
    expect(await threadWarmedUp(1)).toBe(true);
  });

  it('does not when the flag is clear (a small sweep)', async () => {
    expect(await threadWarmedUp(0)).toBe(false);
  });
});
