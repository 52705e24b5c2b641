/** `model: mlp` configs (SPEC §7): defaults, swept fields, and the {path, message} errors of bad ones. */
import { sweepConfigErrors, validateSweepConfig } from '../../src/config';

const base = { name: 'net', dataset: 'diabetes', model: 'mlp' };
const errorsOf = (fields: Record<string, unknown>) => sweepConfigErrors({ ...base, ...fields });
const paths = (fields: Record<string, unknown>) => errorsOf(fields).map((error) => error.path);

describe('mlp config', () => {
  it('fills the defaults: adam, full batch, hidden [32] relu, linear output, mse', () => {
    const config = validateSweepConfig(base);
    expect(config.network).toEqual({ hidden: [32], activation: 'relu', output: 'linear' });
    expect(config.solver).toEqual({ kind: 'adam', learningRate: 0.001, momentum: 0, epochs: 200, seed: 0 });
    expect(config.metric).toBe('mse');
  });

  it('takes the SPEC §7 example with swept fields, and a logistic output scores logloss', () => {
    const config = validateSweepConfig({
      ...base,
      network: { hidden: { choices: [[16], [32], [64, 32]] }, activation: 'tanh', output: 'logistic' },
      solver: {
        kind: 'sgd',
        learningRate: { range: { min: 1e-3, max: 1e-1, scale: 'log' } },
        momentum: 0.9,
        epochs: 50,
        batchSize: 64,
        seed: 1,
        earlyStopping: { patience: 20 },
      },
      penalties: ['l1', 'l2', 'elasticnet'],
      lambdas: { range: { min: 1e-4, max: 1 } },
      search: { strategy: 'random', trials: 20, seed: 3 },
    });
    expect(config.metric).toBe('logloss');
    expect(config.solver).toMatchObject({ kind: 'sgd', momentum: 0.9, earlyStopping: { patience: 20, minDelta: 0 } });
    expect(config.network?.hidden).toEqual({ choices: [[16], [32], [64, 32]] });
  });

  it.each([
    [{ network: { hidden: [0] } }, 'network.hidden'],
    [{ network: { hidden: [8, 8, 8, 8, 8] } }, 'network.hidden'],
    [{ network: { hidden: { choices: [[8], [-1]] } } }, 'network.hidden'],
    [{ network: { activation: 'softplus' } }, 'network.activation'],
    [{ network: { output: 'sigmoid' } }, 'network.output'],
    [{ network: { output: 'softmax' }, metric: 'mse' }, 'metric'],
    [{ network: { width: 3 } }, 'network.width'],
    [{ solver: { kind: 'cd' } }, 'solver.kind'],
    [{ solver: { kind: 'adam', momentum: 0.9 } }, 'solver.momentum'],
    [{ solver: { learningRate: 0 } }, 'solver.learningRate'],
    [{ solver: { learningRate: { range: { min: 0.1, max: 0.01 } } } }, 'solver.learningRate'],
    [{ solver: { learningRate: { choices: [0.1, 'fast'] } } }, 'solver.learningRate'],
    [{ solver: { learningRate: { range: { min: 0.001, max: 0.1 } } } }, 'solver.learningRate'],
    [{ solver: { batchSize: 2.5 } }, 'solver.batchSize'],
    [{ solver: { earlyStopping: { patience: 0 } } }, 'solver.earlyStopping.patience'],
    [{ metric: 'auc' }, 'metric'],
  ])('rejects %j at %s', (fields, path) => {
    expect(paths(fields)).toContain(path);
  });

  it('search.refit: chosen by default for mlp, every when given, absent for the GLMs and refused there', () => {
    expect(validateSweepConfig(base).search.refit).toBe('chosen');
    const every = validateSweepConfig({ ...base, search: { trials: 3, refit: 'every' } });
    expect(every.search).toEqual({ strategy: 'grid', trials: 3, seed: 0, refit: 'every' });
    expect(validateSweepConfig({ ...base, model: 'linear' }).search).not.toHaveProperty('refit');
    expect(paths({ search: { refit: 'best' } })).toEqual(['search.refit']);
    const glm = sweepConfigErrors({ ...base, model: 'logistic', search: { refit: 'every' } });
    expect(glm).toEqual([{ path: 'search.refit', message: 'is only used by model mlp, not logistic' }]);
  });

  it('the network and the sgd/adam solvers belong to model mlp only', () => {
    expect(sweepConfigErrors({ ...base, model: 'linear', network: { hidden: [4] } }).map((e) => e.path)).toEqual([
      'network',
    ]);
    expect(sweepConfigErrors({ ...base, model: 'logistic', solver: { kind: 'adam' } }).map((e) => e.path)).toEqual([
      'solver.kind',
    ]);
    const gd = sweepConfigErrors({
      ...base,
      model: 'linear',
      solver: { kind: 'gd', learningRate: { choices: [0.1] } },
    });
    expect(gd.map((e) => e.path)).toEqual(['solver.learningRate']);
  });

  it('says why, in words', () => {
    const [error] = errorsOf({ solver: { learningRate: { range: { min: 0.001, max: 0.1 } } } });
    expect(error.message).toMatch(/grid search needs \{choices\}/);
  });
});
