import { lambdaGrid } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import { penaltyRatio, planSweep, taskKey, trialKey } from '../../src/plan';
import { readDiabetes } from '../helpers/diabetes';

const data = readDiabetes();
const config = (fields: Record<string, unknown>) =>
  validateSweepConfig({ name: 'plan', dataset: 'diabetes', model: 'linear', ...fields });

describe('planSweep: grid', () => {
  const gridConfig = config({
    penalties: ['none', 'l1', 'l2', 'elasticnet'],
    l1Ratios: [0.5, 0.9],
    lambdas: { auto: { count: 20 } },
    split: { kind: 'kfold', folds: 5 },
  });
  const plan = planSweep('sweep-1', gridConfig, data);

  it('has one curve per (penalty, l1Ratio), each with its own grid', () => {
    expect(plan.curves.map((c) => [c.index, c.penalty, c.l1Ratio, c.lambdas.length])).toEqual([
      [0, 'none', 0, 1],
      [1, 'l1', 1, 20],
      [2, 'l2', 0, 20],
      [3, 'elasticnet', 0.5, 20],
      [4, 'elasticnet', 0.9, 20],
    ]);
    expect(plan.curves[0].lambdas[0]).toBe(0);
    // λ_max = max_j |⟨z_j, y − ȳ⟩| / (n · max(r, 1e-3)): halving r doubles it.
    expect(plan.curves[3].lambdas[0]).toBeCloseTo(2 * plan.curves[1].lambdas[0], 9);
    // The lasso grid of the cv.glmnet fixture starts at 45.16003002046289.
    expect(plan.curves[1].lambdas[0]).toBeCloseTo(45.16003002046289, 9);
  });

  it('has one trial per curve point and one task per (curve, fold 0..K)', () => {
    expect(plan.trials).toHaveLength(1 + 4 * 20);
    expect(plan.tasks).toHaveLength(5 * 6);
    expect(plan.split.folds.map((f) => f.fold)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const trial of plan.trials) expect(plan.curves[trial.curve].lambdas[trial.lambdaIndex]).toBe(trial.lambda);
  });

  it('gives unique keys that are the same on every call and differ between sweeps', () => {
    const keys = [...plan.trials.map((t) => t.key), ...plan.tasks.map((t) => t.key)];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
    const again = planSweep('sweep-1', gridConfig, data);
    expect(again.trials.map((t) => t.key)).toEqual(plan.trials.map((t) => t.key));
    expect(again.tasks.map((t) => t.key)).toEqual(plan.tasks.map((t) => t.key));
    const other = planSweep('sweep-2', gridConfig, data);
    expect(other.trials.some((t, i) => t.key === plan.trials[i].key)).toBe(false);
  });

  it('computes the auto grid on the fitting rows (all but the test rows)', () => {
    const withTest = planSweep('sweep-1', config({ testFraction: 0.25, lambdas: { auto: { count: 10 } } }), data);
    expect(withTest.split.testRows.length).toBe(Math.round(0.25 * 442));
    const onFitRows = lambdaGrid(
      { auto: { count: 10 } },
      data,
      withTest.split.fitRows,
      'linear',
      { kind: 'l1', l1Ratio: 1 },
      true,
    );
    expect(Array.from(withTest.curves[0].lambdas)).toEqual(Array.from(onFitRows));
    expect(withTest.curves[0].lambdas[0]).not.toBeCloseTo(45.16003002046289, 3);
  });
});

describe('planSweep: random', () => {
  const randomConfig = config({
    penalties: ['none', 'l1', 'l2'],
    lambdas: { range: { min: 0.01, max: 100 } },
    search: { strategy: 'random', trials: 200, seed: 11 },
    split: { kind: 'kfold', folds: 3 },
  });
  const plan = planSweep('random-1', randomConfig, data);

  it('groups the sampled points into curves sorted by decreasing λ', () => {
    expect(plan.curves.map((c) => c.penalty)).toEqual(['none', 'l1', 'l2']);
    expect(Array.from(plan.curves[0].lambdas)).toEqual([0]);
    for (const curve of plan.curves.slice(1)) {
      for (let i = 1; i < curve.lambdas.length; i++) expect(curve.lambdas[i]).toBeLessThan(curve.lambdas[i - 1]);
      for (const lambda of curve.lambdas) {
        expect(lambda).toBeGreaterThanOrEqual(0.01);
        expect(lambda).toBeLessThan(100);
      }
    }
    // 200 draws, about a third on `none`, whose λ 0 repeats and collapses to one trial.
    const penalized = plan.curves[1].lambdas.length + plan.curves[2].lambdas.length;
    expect(plan.trials).toHaveLength(1 + penalized);
    expect(penalized).toBeGreaterThan(100);
    expect(penalized).toBeLessThan(170);
    expect(plan.tasks).toHaveLength(3 * 4);
  });

  it('is the same plan for the same seed and another for another seed', () => {
    expect(planSweep('random-1', randomConfig, data).trials).toEqual(plan.trials);
    const reseeded = planSweep('random-1', { ...randomConfig, search: { ...randomConfig.search, seed: 12 } }, data);
    expect(reseeded.trials.map((t) => t.lambda)).not.toEqual(plan.trials.map((t) => t.lambda));
  });

  it('collapses duplicate λ values into one trial', () => {
    const valuesPlan = planSweep(
      'random-2',
      config({ lambdas: { values: [0.1, 1, 10] }, search: { strategy: 'random', trials: 100 }, split: { folds: 2 } }),
      data,
    );
    expect(valuesPlan.curves).toHaveLength(1);
    expect(Array.from(valuesPlan.curves[0].lambdas)).toEqual([10, 1, 0.1]);
    expect(valuesPlan.trials).toHaveLength(3);
  });
});

describe('keys and penalty ratios', () => {
  it('trialKey depends on every part, λ to the last bit', () => {
    const key = trialKey('s', 'l1', 1, 0.5);
    expect(trialKey('s', 'l1', 1, 0.5)).toBe(key);
    expect(trialKey('s', 'l1', 1, 0.5 + Number.EPSILON)).not.toBe(key);
    expect(trialKey('s', 'l2', 1, 0.5)).not.toBe(key);
    expect(trialKey('s', 'l1', 0.9, 0.5)).not.toBe(key);
    expect(trialKey('t', 'l1', 1, 0.5)).not.toBe(key);
    expect(taskKey('s', 0, 1)).not.toBe(taskKey('s', 1, 0));
  });

  it('penaltyRatio: l1 ⇒ 1, l2 and none ⇒ 0, elasticnet ⇒ each ratio', () => {
    expect(penaltyRatio('l1', [0.3])).toEqual([1]);
    expect(penaltyRatio('l2', [0.3])).toEqual([0]);
    expect(penaltyRatio('none', [0.3])).toEqual([0]);
    expect(penaltyRatio('elasticnet', [0.3, 0.7])).toEqual([0.3, 0.7]);
  });
});
