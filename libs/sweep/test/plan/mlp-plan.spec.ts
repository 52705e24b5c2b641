/** Planning a `model: mlp` sweep: one curve and one task per (trial, fold), swept fields crossed or sampled. */
import { validateSweepConfig } from '../../src/config';
import { pathSpecOf, planSweep } from '../../src/plan';
import { readDiabetes } from '../helpers/diabetes';

const data = readDiabetes();
const config = (fields: Record<string, unknown>) =>
  validateSweepConfig({
    name: 'net',
    dataset: 'diabetes',
    model: 'mlp',
    split: { kind: 'kfold', folds: 3 },
    ...fields,
  });

describe('mlp grid', () => {
  const gridConfig = config({
    penalties: ['l1', 'l2'],
    lambdas: { values: [0.1, 0.01] },
    network: { hidden: { choices: [[4], [8, 4]] } },
    solver: { kind: 'adam', learningRate: { choices: [0.01, 0.001] }, epochs: 5 },
  });
  const plan = planSweep('s1', gridConfig, data);

  it('crosses every (penalty, λ) point with every combination of the choices', () => {
    expect(plan.trials).toHaveLength(2 * 2 * 2 * 2);
    const described = plan.trials.map((t) => JSON.stringify([t.penalty, t.lambda, t.params]));
    expect(new Set(described).size).toBe(16);
    expect(plan.trials[0].params).toEqual({ hidden: [4], learningRate: 0.01 });
  });

  it('has one curve per trial and one task per (trial, fold 1..K): fold 0 waits for the refit round (search.refit chosen)', () => {
    expect(gridConfig.search.refit).toBe('chosen');
    expect(plan.curves).toHaveLength(16);
    for (const curve of plan.curves) expect(curve.lambdas).toHaveLength(1);
    expect(plan.tasks).toHaveLength(16 * 3);
    expect(plan.tasks.some((task) => task.fold === 0)).toBe(false);
    expect(new Set(plan.trials.map((t) => t.key)).size).toBe(16);
  });

  it('plans fold 0 of every trial too with search.refit every, the same keys for folds 1..K', () => {
    const every = planSweep('s1', { ...gridConfig, search: { ...gridConfig.search, refit: 'every' } }, data);
    expect(every.tasks).toHaveLength(16 * 4);
    expect(every.tasks.filter((task) => task.fold > 0)).toEqual(plan.tasks);
  });

  it("each curve's path spec carries its own network and learning rate", () => {
    const trial = plan.trials.find(
      (t) => t.params?.learningRate === 0.001 && (t.params.hidden as number[]).length === 2,
    )!;
    const spec = pathSpecOf(gridConfig, plan.curves[trial.curve]);
    expect(spec.model).toBe('linear');
    expect(spec.mlp?.network).toEqual({ hidden: [8, 4], activation: 'relu', output: 'linear' });
    expect(spec.mlp?.solver).toMatchObject({ kind: 'adam', learningRate: 0.001, epochs: 5 });
  });
});

describe('mlp random', () => {
  const randomConfig = config({
    penalties: ['l1', 'elasticnet'],
    lambdas: { range: { min: 1e-4, max: 1 } },
    network: { hidden: { choices: [[4], [16]] }, activation: { choices: ['relu', 'tanh'] } },
    solver: { learningRate: { range: { min: 1e-3, max: 1e-1, scale: 'log' } }, batchSize: { choices: [16, 32] } },
    search: { strategy: 'random', trials: 25, seed: 5 },
  });

  it('draws each swept field per trial, the same for the same seed and within the bounds', () => {
    const a = planSweep('s2', randomConfig, data);
    const b = planSweep('s2', randomConfig, data);
    expect(a.trials).toHaveLength(25);
    expect(a.trials.map((t) => t.key)).toEqual(b.trials.map((t) => t.key));
    for (const trial of a.trials) {
      const params = trial.params as { learningRate: number; batchSize: number; hidden: number[]; activation: string };
      expect(params.learningRate).toBeGreaterThanOrEqual(1e-3);
      expect(params.learningRate).toBeLessThan(1e-1);
      expect([16, 32]).toContain(params.batchSize);
      expect(['relu', 'tanh']).toContain(params.activation);
    }
    const rates = new Set(a.trials.map((t) => t.params?.learningRate));
    expect(rates.size).toBe(25);
    const other = planSweep('s2', { ...randomConfig, search: { ...randomConfig.search, seed: 6 } }, data);
    expect(other.trials.map((t) => t.key)).not.toEqual(a.trials.map((t) => t.key));
  });
});
