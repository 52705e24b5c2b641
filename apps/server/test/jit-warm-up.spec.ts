/**
 * The engine warm-up a thread runs before a large sweep (jit-warm-up.ts) must take the routes the sweep's tasks take
 * and fit every problem cleanly: in this thread with the real task functions, and in a real Piscina worker from the
 * build.
 */
import { Piscina } from 'piscina';
import type { FoldTaskMessage, RowsCrossProductsMessage } from '../src/runner/fold-task.worker';
import runFoldTask, { rowsCrossProducts } from '../src/runner/fold-task.worker';
import { warmUpEngine } from '../src/runner/jit-warm-up';
import type { PackedFoldResult } from '../src/runner/packed-result';
import { foldTaskWorkerFile } from '../src/runner/worker-pool.service';

describe('warmUpEngine', () => {
  it('sums row blocks, then fits every penalty from them on every fold, and a logistic fold, all cleanly', () => {
    const folds: { message: FoldTaskMessage; result: PackedFoldResult }[] = [];
    let blocks = 0;
    warmUpEngine({
      runFoldTask: (message) => {
        const result = runFoldTask(message);
        folds.push({ message, result });
        return result;
      },
      rowsCrossProducts: (message: RowsCrossProductsMessage) => {
        blocks++;
        rowsCrossProducts(message);
      },
    });
    expect(blocks).toBe(2);
    const linear = folds.filter(({ message }) => message.spec.model === 'linear');
    expect(linear.map(({ message }) => `${message.spec.penalty.kind} ${message.fold.fold}`)).toEqual(
      ['none', 'l1', 'l2', 'elasticnet'].flatMap((kind) => [0, 1, 2].map((fold) => `${kind} ${fold}`)),
    );
    expect(linear.every(({ message }) => message.crossProducts !== undefined)).toBe(true);
    expect(folds.filter(({ message }) => message.spec.model === 'logistic')).toHaveLength(1);
    for (const { message, result } of folds) {
      expect([...result.status]).toEqual(Array(message.spec.lambdas.length).fill(0)); // 0 = 'ok'
      expect([...result.train].every(Number.isFinite)).toBe(true);
      if (message.fold.fold > 0) expect([...result.validation].every(Number.isFinite)).toBe(true);
    }
  });

  it('runs as the compiled worker export `optimize`', async () => {
    const pool = new Piscina({ filename: foldTaskWorkerFile(), maxThreads: 1 });
    try {
      await expect(pool.run({}, { name: 'optimize' })).resolves.toBeUndefined();
    } finally {
      await pool.destroy();
    }
  });
});
