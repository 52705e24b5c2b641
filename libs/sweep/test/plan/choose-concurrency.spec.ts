import { logspace, makeSplitPlan } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import {
  chooseConcurrency,
  estimateMultiplyAdds,
  MAX_INLINE_MULTIPLY_ADDS,
  MIN_PARALLEL_MULTIPLY_ADDS,
  planSweep,
  threadsBeforePlan,
  usesEveryPoolThread,
} from '../../src/plan';
import type { CurvePlan, SweepConfig, SweepPlan, TaskPlan } from '../../src/types';
import { readDiabetes } from '../helpers/diabetes';

const config = (fields: Record<string, unknown> = {}): SweepConfig =>
  validateSweepConfig({ name: 'threads', dataset: 'diabetes', model: 'linear', ...fields });

/** A 10-fold plan of `curves` 100-λ curves on n rows, without data: the estimate reads only the shapes. */
function shapePlan(n: number, curves: number): SweepPlan {
  const split = makeSplitPlan(n, { kind: 'kfold', folds: 10, shuffle: true, seed: 1 }, 0);
  const curvePlans: CurvePlan[] = Array.from({ length: curves }, (_, index) => ({
    index,
    penalty: 'l1',
    l1Ratio: 1,
    lambdas: logspace(1, 1e-4, 100),
  }));
  const tasks: TaskPlan[] = curvePlans.flatMap((curve) =>
    Array.from({ length: 11 }, (_, fold) => ({ key: `${curve.index}:${fold}`, curve: curve.index, fold })),
  );
  return { split, curves: curvePlans, trials: [], tasks };
}

describe('chooseConcurrency', () => {
  const lasso = config({ penalties: ['l1'] });

  it("keeps the config's concurrency and says so", () => {
    const choice = chooseConcurrency({
      config: config({ concurrency: 3 }),
      plan: shapePlan(100000, 1),
      features: 200,
      poolSize: 2,
    });
    expect(choice).toEqual({ threads: 3, reason: 'set by the sweep config' });
  });

  it('runs on the one thread of a one-thread pool', () => {
    expect(chooseConcurrency({ config: lasso, plan: shapePlan(100000, 1), features: 200, poolSize: 1 }).threads).toBe(
      1,
    );
  });

  it('runs a small sweep (diabetes, 10-fold lasso) on one thread of two, with the estimate in the reason', () => {
    const data = readDiabetes();
    const plan = planSweep('s', lasso, data);
    const choice = chooseConcurrency({ config: lasso, plan, features: data.x.cols, poolSize: 2 });
    expect(choice.threads).toBe(1);
    expect(choice.estimatedMultiplyAdds).toBeLessThan(MIN_PARALLEL_MULTIPLY_ADDS);
    expect(choice.reason).toContain('a second thread would cost more than it saves');
    expect(choice.reason).toContain(choice.estimatedMultiplyAdds!.toExponential(1));
  });

  it('estimates a linear lasso from cross products: the dataset sums once, each fold its own, then the passes', () => {
    const n = 1000;
    const p = 1000;
    const plan = shapePlan(n, 1);
    const q = p + 2;
    // By hand: n·q²/2 once; each of the 10 folds sums its 100 held-out rows, min(900, 100)·q²/2; 11 paths of
    // 100 λ × 5 passes × p × min(p, n_t) (n_t = 900 for a fold, 1000 for the full-data path).
    const expected = (n * q * q) / 2 + (10 * 100 * q * q) / 2 + 100 * 5 * p * (10 * 900 + 1000);
    expect(estimateMultiplyAdds({ config: lasso, plan, features: p, poolSize: 2 })).toBeCloseTo(expected, -3);
  });

  it('estimates logistic cd from passes over the rows, times K classes for multinomial', () => {
    const plan = shapePlan(1000, 1);
    const rowsPerPass = 10 * 900 + 1000; // Σ n_t over the 11 tasks
    const logistic = config({ model: 'logistic', penalties: ['l1'] });
    expect(estimateMultiplyAdds({ config: logistic, plan, features: 10, poolSize: 2 })).toBeCloseTo(
      100 * 5 * rowsPerPass * 10,
      -3,
    );
    const multinomial = { ...logistic, model: 'multinomial' as const };
    expect(estimateMultiplyAdds({ config: multinomial, plan, features: 10, classes: 3, poolSize: 2 })).toBeCloseTo(
      3 * 100 * 5 * rowsPerPass * 10,
      -3,
    );
  });

  it('puts the 5000×100 lasso sweep on one thread, and 1000×1000 and 100000×200 on every pool thread', () => {
    const at = (n: number, p: number) =>
      chooseConcurrency({ config: lasso, plan: shapePlan(n, 1), features: p, poolSize: 2 });
    expect(at(5000, 100).threads).toBe(1);
    expect(at(1000, 1000)).toEqual(
      expect.objectContaining({ threads: 2, reason: expect.stringContaining('every pool thread') }),
    );
    expect(at(100000, 200).threads).toBe(2);
  });

  it('never asks for more threads than there are tasks', () => {
    const plan = shapePlan(100000, 1);
    const one = { ...plan, tasks: plan.tasks.slice(0, 1) };
    const choice = chooseConcurrency({ config: lasso, plan: one, features: 2000, poolSize: 4 });
    expect(choice.threads).toBe(1);
    expect(choice.reason).toContain('one thread per task');
  });

  it('leaves tpe searches and mlp sweeps at the pool size, saying why', () => {
    const tpe = config({
      penalties: ['l1'],
      search: { strategy: 'tpe', trials: 20 },
      lambdas: { range: { min: 1e-3, max: 10 } },
    });
    const choice = chooseConcurrency({ config: tpe, plan: shapePlan(100, 1), features: 10, poolSize: 2 });
    expect(choice).toEqual({
      threads: 2,
      reason: 'a tpe search asks its trials by how many run at once: the pool size',
    });
    const mlp = { ...lasso, model: 'mlp' as const };
    expect(chooseConcurrency({ config: mlp, plan: shapePlan(100, 1), features: 10, poolSize: 2 }).threads).toBe(2);
    // Known before the plan, so their threads start then (prepare-run.ts).
    expect([tpe, mlp, lasso].map(usesEveryPoolThread)).toEqual([true, true, false]);
    expect(usesEveryPoolThread({ ...mlp, concurrency: 1 })).toBe(false);
  });

  describe('inline (the CLI may run a tiny sweep on its main thread)', () => {
    it('runs the diabetes 10-fold lasso inline when allowed, with the estimate in the reason, and only then', () => {
      const data = readDiabetes();
      const plan = planSweep('s', lasso, data);
      const input = { config: lasso, plan, features: data.x.cols, poolSize: 2 };
      const choice = chooseConcurrency({ ...input, inline: true });
      expect(choice.threads).toBe(0);
      expect(choice.estimatedMultiplyAdds).toBeLessThan(MAX_INLINE_MULTIPLY_ADDS);
      expect(choice.reason).toContain(`${choice.estimatedMultiplyAdds!.toExponential(1)} multiply-adds < 3.0e+7`);
      expect(choice.reason).toContain('inline, on the main thread');
      expect(chooseConcurrency(input)).toEqual(chooseConcurrency({ ...input, inline: false }));
      expect(chooseConcurrency(input).threads).toBe(1);
      // Inline also when the pool has one thread: the estimate decides first.
      expect(chooseConcurrency({ ...input, poolSize: 1, inline: true }).threads).toBe(0);
    });

    it('keeps a sweep at or above the threshold, a configured concurrency, tpe and mlp on threads', () => {
      // 5000×100, 10-fold, one 100-λ curve: ~1.1e8 estimated, on one thread.
      const large = chooseConcurrency({
        config: lasso,
        plan: shapePlan(5000, 1),
        features: 100,
        poolSize: 2,
        inline: true,
      });
      expect(large.estimatedMultiplyAdds).toBeGreaterThanOrEqual(MAX_INLINE_MULTIPLY_ADDS);
      expect(large.threads).toBe(1);
      const tiny = { plan: shapePlan(100, 1), features: 2, poolSize: 2, inline: true };
      expect(chooseConcurrency({ ...tiny, config: lasso }).threads).toBe(0);
      expect(chooseConcurrency({ ...tiny, config: config({ concurrency: 1 }) })).toEqual({
        threads: 1,
        reason: 'set by the sweep config',
      });
      const tpe = config({
        penalties: ['l1'],
        search: { strategy: 'tpe', trials: 20 },
        lambdas: { range: { min: 1e-3, max: 10 } },
      });
      expect(chooseConcurrency({ ...tiny, config: tpe }).threads).toBe(2);
      expect(chooseConcurrency({ ...tiny, config: { ...lasso, model: 'mlp' as const } }).threads).toBe(2);
    });

    it('starts no thread before the plan only for tiny data (cross products and a default path below the threshold)', () => {
      // diabetes: 442·12²/2 = 31 824 and 442·10·5·100 = 2.2e6 multiply-adds; 10000×100: 5.2e7.
      expect(threadsBeforePlan(442, 10, undefined, 2, true)).toBe(0);
      // 5000×100: cross products 2.6e7 (below 3e7), but one default path 5000·100·5·100 = 2.5e8: a thread now.
      expect(threadsBeforePlan(5000, 100, undefined, 2, true)).toBe(1);
      expect(threadsBeforePlan(442, 10, undefined, 2)).toBe(1);
      expect(threadsBeforePlan(10000, 100, undefined, 2, true)).toBe(1);
      expect(threadsBeforePlan(442, 10, 2, 2, true)).toBe(2);
    });
  });
});
