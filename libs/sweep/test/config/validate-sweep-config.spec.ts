import fc from 'fast-check';
import { InvalidInputError } from '@regsweep/datasets/invalid-input';
import { sweepConfigErrors, validateSweepConfig } from '../../src/config';
import { validRawConfig } from './config-arbitrary';

type Raw = Record<string, unknown>;

/** The errors validateSweepConfig throws for `raw` ([] when it accepts it). */
function errorsOf(raw: unknown): { path: string; message: string }[] {
  try {
    validateSweepConfig(raw);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return [...error.errors];
  }
}

const base: Raw = { name: 'diabetes-penalties', dataset: 'diabetes', model: 'linear' };

describe('validateSweepConfig: random valid configs', () => {
  it('accepts every valid config and round-trips (validating the result gives the result)', () => {
    fc.assert(
      fc.property(validRawConfig(), (raw) => {
        const config = validateSweepConfig(raw);
        expect(validateSweepConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
        expect(config.name).toBe(raw.name);
        expect(config.model).toBe(raw.model);
        if (raw.penalties) expect(config.penalties).toEqual(raw.penalties);
        if (raw.split) expect(config.split).toMatchObject(raw.split as object);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * One field made bad, the rest of a valid config left alone. `path` is the error path that must appear;
 * `set` returns the mutated config (it rebuilds the section around the field so the kind fits).
 */
interface Mutation {
  readonly path: string;
  readonly set: (raw: Raw) => Raw;
}

const at = (key: string, value: unknown) => (raw: Raw) => ({ ...raw, [key]: value });
const inSection = (section: string, value: Raw) => (raw: Raw) => ({ ...raw, [section]: value });
const lambdaRange = (range: Raw) => inSection('lambdas', { range: { min: 0.001, max: 10, ...range } });

const mutations: Mutation[] = [
  ...[['', 'empty'], ['x'.repeat(201), 'long'], [5], [null], [['a']]].map(([v]) => ({
    path: 'name',
    set: at('name', v),
  })),
  ...['', 7, {}].map((v) => ({ path: 'dataset', set: at('dataset', v) })),
  ...['', 3].map((v) => ({ path: 'target', set: at('target', v) })),
  ...['poisson', 1, null].map((v) => ({ path: 'model', set: at('model', v) })),
  ...[[], 'l1', {}].map((v) => ({ path: 'penalties', set: at('penalties', v) })),
  { path: 'penalties.0', set: at('penalties', ['lasso']) },
  { path: 'penalties.1', set: at('penalties', ['l1', 'l1']) },
  { path: 'penalties.2', set: at('penalties', ['l1', 'l2', 3]) },
  ...[0, 1, 1.5, -0.2, '0.5', NaN].map((v) => ({ path: 'l1Ratios.0', set: at('l1Ratios', [v]) })),
  { path: 'l1Ratios.1', set: at('l1Ratios', [0.5, 0.5]) },
  { path: 'l1Ratios', set: at('l1Ratios', 0.5) },
  ...[5, [], 'auto'].map((v) => ({ path: 'lambdas', set: at('lambdas', v) })),
  { path: 'lambdas', set: inSection('lambdas', {}) },
  { path: 'lambdas', set: inSection('lambdas', { auto: {}, values: [1] }) },
  ...[0, 10_001, 2.5, '100'].map((v) => ({
    path: 'lambdas.auto.count',
    set: inSection('lambdas', { auto: { count: v } }),
  })),
  ...[0, 1, -1].map((v) => ({ path: 'lambdas.auto.minRatio', set: inSection('lambdas', { auto: { minRatio: v } }) })),
  ...[0, -1, 'a', Infinity, undefined].map((v) => ({ path: 'lambdas.range.min', set: lambdaRange({ min: v }) })),
  { path: 'lambdas.range.min', set: lambdaRange({ min: 10, max: 1 }) },
  { path: 'lambdas.range.min', set: lambdaRange({ min: 1, max: 1 }) },
  ...[NaN, -3].map((v) => ({ path: 'lambdas.range.max', set: lambdaRange({ max: v }) })),
  ...[0, 10_001].map((v) => ({ path: 'lambdas.range.count', set: lambdaRange({ count: v }) })),
  { path: 'lambdas.range.scale', set: lambdaRange({ scale: 'ln' }) },
  ...[[], Array(10_001).fill(1), 'x'].map((v) => ({
    path: 'lambdas.values',
    set: inSection('lambdas', { values: v }),
  })),
  ...[-1, Infinity, '1', null].map((v) => ({
    path: 'lambdas.values.1',
    set: inSection('lambdas', { values: [1, v] }),
  })),
  ...[[], 'kfold', 3].map((v) => ({ path: 'split', set: at('split', v) })),
  { path: 'split.kind', set: inSection('split', { kind: 'loo' }) },
  ...[1, 0, 2.5, '10', true].map((v) => ({
    path: 'split.folds',
    set: inSection('split', { kind: 'kfold', folds: v }),
  })),
  { path: 'split.folds', set: inSection('split', { kind: 'holdout', folds: 5 }) },
  { path: 'split.shuffle', set: inSection('split', { kind: 'kfold', shuffle: 'yes' }) },
  ...[-1, 1.5, 'seed'].map((v) => ({ path: 'split.seed', set: inSection('split', { kind: 'kfold', seed: v }) })),
  ...[0, 1, 1.2, '0.2'].map((v) => ({
    path: 'split.validationFraction',
    set: inSection('split', { kind: 'holdout', validationFraction: v }),
  })),
  { path: 'split.foldIds', set: inSection('split', { kind: 'foldIds' }) },
  { path: 'split.foldIds', set: inSection('split', { kind: 'foldIds', foldIds: [1, 1, 3] }) },
  { path: 'split.foldIds', set: inSection('split', { kind: 'foldIds', foldIds: [1, 1] }) },
  { path: 'split.foldIds.1', set: inSection('split', { kind: 'foldIds', foldIds: [1, 0, 2] }) },
  { path: 'split.foldIds.2', set: inSection('split', { kind: 'foldIds', foldIds: [1, 2, 2.5] }) },
  ...[-0.01, 0.91, '0.1', NaN].map((v) => ({ path: 'testFraction', set: at('testFraction', v) })),
  ...['grid', []].map((v) => ({ path: 'search', set: at('search', v) })),
  { path: 'search.strategy', set: inSection('search', { strategy: 'bayesian' }) },
  ...[0, 1_000_001, 2.5].map((v) => ({ path: 'search.trials', set: inSection('search', { trials: v }) })),
  ...[-1, 0.5].map((v) => ({ path: 'search.seed', set: inSection('search', { seed: v }) })),
  { path: 'solver.kind', set: inSection('solver', { kind: 'newton' }) },
  ...[0, -1, 'tight'].map((v) => ({
    path: 'solver.tolerance',
    set: inSection('solver', { kind: 'cd', tolerance: v }),
  })),
  ...[0, 1.5].map((v) => ({
    path: 'solver.maxIterations',
    set: inSection('solver', { kind: 'cd', maxIterations: v }),
  })),
  { path: 'solver.maxIterations', set: inSection('solver', { kind: 'gd', maxIterations: 10 }) },
  ...[0, -0.1, Infinity].map((v) => ({
    path: 'solver.learningRate',
    set: inSection('solver', { kind: 'gd', learningRate: v }),
  })),
  { path: 'solver.learningRate', set: inSection('solver', { kind: 'cd', learningRate: 0.1 }) },
  ...[0, 10_000_001, 1.5].map((v) => ({ path: 'solver.epochs', set: inSection('solver', { kind: 'gd', epochs: v }) })),
  ...['yes', 1].map((v) => ({ path: 'standardize', set: at('standardize', v) })),
  { path: 'metric', set: at('metric', 'rmse') },
  { path: 'metric', set: (raw) => ({ ...raw, metric: raw.model === 'linear' ? 'auc' : 'mse' }) },
  { path: 'selection', set: at('selection', 'max') },
  ...[0, 65, 1.5, '2'].map((v) => ({ path: 'concurrency', set: at('concurrency', v) })),
];

describe('validateSweepConfig: one bad field', () => {
  it('names the bad field in an error, and only that part of the config', () => {
    fc.assert(
      fc.property(validRawConfig(), fc.constantFrom(...mutations), (raw, mutation) => {
        const errors = errorsOf(mutation.set(raw));
        expect(errors.map((e) => e.path)).toContain(mutation.path);
        // Nothing outside the mutated top-level field is blamed.
        const section = mutation.path.split('.')[0];
        for (const error of errors) expect(error.path.split('.')[0]).toBe(section);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports every problem at once, one entry each', () => {
    const errors = errorsOf({
      ...base,
      name: '',
      penalties: ['l1', 'lasso'],
      split: { kind: 'kfold', folds: 1 },
      search: { trials: 0 },
      metric: 'auc',
    });
    expect(errors.map((e) => e.path).sort()).toEqual(['metric', 'name', 'penalties.1', 'search.trials', 'split.folds']);
  });
});

describe('validateSweepConfig: unknown fields', () => {
  const known: Record<string, string[]> = {
    '': ['name', 'dataset', 'target', 'model', 'penalties', 'l1Ratios', 'lambdas', 'split', 'testFraction', 'search'],
    lambdas: ['auto', 'range', 'values'],
    split: ['kind', 'folds', 'shuffle', 'seed', 'validationFraction', 'foldIds'],
    search: ['strategy', 'trials', 'seed'],
    solver: ['kind', 'tolerance', 'maxIterations', 'learningRate', 'epochs'],
  };
  const allKnown = new Set([
    ...Object.values(known).flat(),
    'solver',
    'standardize',
    'metric',
    'selection',
    'concurrency',
  ]);
  const unknownKey = fc
    .stringMatching(/^[A-Za-z_$][A-Za-z0-9_$-]{0,15}$/)
    .filter((key) => !allKnown.has(key) && !['count', 'minRatio', 'min', 'max', 'scale'].includes(key));
  const location = fc.constantFrom('', 'lambdas', 'lambdas.LAMBDA', 'split', 'search', 'solver');

  it('rejects an unknown key at any depth, naming it', () => {
    fc.assert(
      fc.property(validRawConfig(true), location, unknownKey, fc.jsonValue(), (raw, where, key, value) => {
        const lambdaKind = Object.keys(raw.lambdas as object)[0];
        const objectPath = where.replace('LAMBDA', lambdaKind);
        const copy = JSON.parse(JSON.stringify(raw));
        const target = objectPath === '' ? copy : objectPath.split('.').reduce((o: Raw, k) => o[k] as Raw, copy);
        if (Array.isArray(target)) return; // lambdas.values: no keys to add
        target[key] = value;
        const path = objectPath === '' ? key : `${objectPath}.${key}`;
        expect(errorsOf(copy)).toContainEqual({ path, message: 'is not a known field' });
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateSweepConfig: keys named like Object.prototype members', () => {
  it.each(['valueOf', 'constructor', 'toString', 'hasOwnProperty'])('rejects "%s" at the top and nested', (key) => {
    expect(errorsOf({ ...base, [key]: 'x' })).toContainEqual({ path: key, message: 'is not a known field' });
    expect(errorsOf({ ...base, split: { kind: 'kfold', folds: 5, [key]: 1 } })).toContainEqual({
      path: `split.${key}`,
      message: 'is not a known field',
    });
  });

  it('rejects __proto__ given as an own key (JSON.parse makes it one)', () => {
    const raw = JSON.parse(`{"name":"x","dataset":"diabetes","model":"linear","__proto__":{"polluted":true}}`);
    expect(errorsOf(raw)).toContainEqual({ path: '__proto__', message: 'is not a known field' });
  });
});

describe('validateSweepConfig: defaults (SPEC §2)', () => {
  it('fills every default for a minimal linear config', () => {
    expect(validateSweepConfig(base)).toEqual({
      name: 'diabetes-penalties',
      dataset: 'diabetes',
      model: 'linear',
      penalties: ['l1'],
      l1Ratios: [0.5],
      lambdas: { auto: { count: 100, adaptive: true } },
      split: { kind: 'kfold', folds: 10, shuffle: true, seed: 42 },
      testFraction: 0,
      search: { strategy: 'grid', trials: 60, seed: 0 },
      solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100000 },
      standardize: true,
      metric: 'mse',
      selection: '1se',
    });
  });

  it('defaults the metric by model, gd solver fields, holdout fields and range fields', () => {
    const config = validateSweepConfig({
      ...base,
      model: 'logistic',
      solver: { kind: 'gd' },
      split: { kind: 'holdout' },
      lambdas: { range: { min: 0.01, max: 1 } },
      search: { strategy: 'random' },
    });
    expect(config.metric).toBe('logloss');
    expect(config.solver).toEqual({ kind: 'gd', learningRate: 0.1, epochs: 1000, tolerance: 1e-9 });
    expect(config.split).toEqual({ kind: 'holdout', validationFraction: 0.2, seed: 42 });
    expect(config.lambdas).toEqual({ range: { min: 0.01, max: 1, count: 100, scale: 'log' } });
    expect(config.search).toEqual({ strategy: 'random', trials: 60, seed: 0 });
  });

  it('keeps the pruner settings that were given, and adaptive when given', () => {
    const config = validateSweepConfig({
      ...base,
      search: { strategy: 'tpe', pruner: { kind: 'asha', minResource: 2 } },
      lambdas: { range: { min: 0.01, max: 1 } },
    });
    expect(config.search.pruner).toEqual({ kind: 'asha', minResource: 2 });
    expect(validateSweepConfig({ ...base, lambdas: { auto: { adaptive: false } } }).lambdas).toEqual({
      auto: { count: 100, adaptive: false },
    });
  });

  it('makes auto grids adaptive by default for linear and logistic only (multinomial and mlp keep a fixed grid)', () => {
    const adaptive = (extra: Record<string, unknown>) =>
      (validateSweepConfig({ ...base, ...extra }).lambdas as { auto: { adaptive: boolean } }).auto.adaptive;
    expect(adaptive({ model: 'logistic', dataset: 'breast-cancer' })).toBe(true);
    expect(adaptive({ model: 'multinomial', dataset: 'iris' })).toBe(false);
    expect(adaptive({ model: 'mlp' })).toBe(false);
  });

  it('treats null (YAML "key:" with nothing after it) as absent', () => {
    expect(validateSweepConfig({ ...base, split: null, solver: null })).toEqual(validateSweepConfig(base));
  });
});

describe('validateSweepConfig: bounds (SPEC §2), at and just past each bound', () => {
  const cases: [string, Raw, string | null][] = [
    ['name 200 chars', { name: 'n'.repeat(200) }, null],
    ['name 201 chars', { name: 'n'.repeat(201) }, 'name'],
    ['λ count 1', { lambdas: { auto: { count: 1 } } }, null],
    ['λ count 10,000', { lambdas: { auto: { count: 10_000 } } }, null],
    ['λ count 10,001', { lambdas: { auto: { count: 10_001 } } }, 'lambdas.auto.count'],
    ['λ value 0', { lambdas: { values: [0] } }, null],
    ['λ value -1e-300', { lambdas: { values: [-1e-300] } }, 'lambdas.values.0'],
    ['range min just above 0', { lambdas: { range: { min: 1e-300, max: 1 } } }, null],
    ['range min 0', { lambdas: { range: { min: 0, max: 1 } } }, 'lambdas.range.min'],
    ['folds 2', { split: { folds: 2 } }, null],
    ['folds 1', { split: { folds: 1 } }, 'split.folds'],
    ['l1Ratio 0.001', { penalties: ['elasticnet'], l1Ratios: [0.001, 0.999] }, null],
    ['l1Ratio 0', { penalties: ['elasticnet'], l1Ratios: [0] }, 'l1Ratios.0'],
    ['l1Ratio 1', { penalties: ['elasticnet'], l1Ratios: [0.5, 1] }, 'l1Ratios.1'],
    ['elasticnet without l1Ratios', { penalties: ['l1', 'elasticnet'], l1Ratios: [] }, 'l1Ratios'],
    ['trials 1', { search: { trials: 1 } }, null],
    ['trials 1,000,000', { search: { trials: 1_000_000 } }, null],
    ['trials 0', { search: { trials: 0 } }, 'search.trials'],
    ['trials 1,000,001', { search: { trials: 1_000_001 } }, 'search.trials'],
    ['learningRate 1e-12', { solver: { kind: 'gd', learningRate: 1e-12 } }, null],
    ['learningRate 0', { solver: { kind: 'gd', learningRate: 0 } }, 'solver.learningRate'],
    ['epochs 1', { solver: { kind: 'gd', epochs: 1 } }, null],
    ['epochs 10^7', { solver: { kind: 'gd', epochs: 1e7 } }, null],
    ['epochs 10^7 + 1', { solver: { kind: 'gd', epochs: 1e7 + 1 } }, 'solver.epochs'],
    ['concurrency 1', { concurrency: 1 }, null],
    ['concurrency 64', { concurrency: 64 }, null],
    ['concurrency 65', { concurrency: 65 }, 'concurrency'],
    ['testFraction 0.9', { testFraction: 0.9 }, null],
    ['testFraction 0.9000001', { testFraction: 0.9000001 }, 'testFraction'],
    ['validationFraction 0.999', { split: { kind: 'holdout', validationFraction: 0.999 } }, null],
    ['validationFraction 1', { split: { kind: 'holdout', validationFraction: 1 } }, 'split.validationFraction'],
    ['mae for linear', { metric: 'mae' }, null],
    ['accuracy for linear', { metric: 'accuracy' }, 'metric'],
    ['accuracy for logistic', { model: 'logistic', metric: 'accuracy' }, null],
    ['r2 for logistic', { model: 'logistic', metric: 'r2' }, 'metric'],
    ['random search with auto λ', { search: { strategy: 'random' } }, 'lambdas'],
    ['random search with λ values', { search: { strategy: 'random' }, lambdas: { values: [1, 2] } }, null],
    ['tpe search with auto λ', { search: { strategy: 'tpe' } }, 'lambdas'],
    ['tpe search with a λ range', { search: { strategy: 'tpe' }, lambdas: { range: { min: 1e-3, max: 10 } } }, null],
    ['an unknown search strategy', { search: { strategy: 'bayes' } }, 'search.strategy'],
    [
      'tpe with the median pruner',
      {
        search: { strategy: 'tpe', pruner: { kind: 'median', warmupSteps: 1 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      null,
    ],
    [
      'tpe with asha',
      {
        search: { strategy: 'tpe', pruner: { kind: 'asha', reductionFactor: 3 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      null,
    ],
    ['a pruner on a grid search', { search: { pruner: { kind: 'median' } } }, 'search.pruner.kind'],
    ['no pruner on a grid search', { search: { pruner: { kind: 'none' } } }, null],
    [
      'an asha setting on the median pruner',
      {
        search: { strategy: 'tpe', pruner: { kind: 'median', reductionFactor: 3 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      'search.pruner.reductionFactor',
    ],
    [
      'an unknown pruner',
      { search: { strategy: 'tpe', pruner: { kind: 'bohb' } }, lambdas: { range: { min: 1e-3, max: 10 } } },
      'search.pruner.kind',
    ],
    [
      'tpe with hyperband',
      {
        search: { strategy: 'tpe', pruner: { kind: 'hyperband', minResource: 2, maxResource: 64, reductionFactor: 3 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      null,
    ],
    [
      'an asha-only setting on hyperband (its brackets set their own)',
      {
        search: { strategy: 'tpe', pruner: { kind: 'hyperband', minEarlyStoppingRate: 1 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      'search.pruner.minEarlyStoppingRate',
    ],
    [
      'maxResource on asha',
      {
        search: { strategy: 'tpe', pruner: { kind: 'asha', maxResource: 64 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      'search.pruner.maxResource',
    ],
    [
      'an ASHA reduction factor of 1',
      {
        search: { strategy: 'tpe', pruner: { kind: 'asha', reductionFactor: 1 } },
        lambdas: { range: { min: 1e-3, max: 10 } },
      },
      'search.pruner.reductionFactor',
    ],
    ['adaptive auto λ', { lambdas: { auto: { count: 50, adaptive: true } } }, null],
    ['adaptive not a boolean', { lambdas: { auto: { adaptive: 'yes' } } }, 'lambdas.auto.adaptive'],
  ];

  it.each(cases)('%s', (_label, fields, badPath) => {
    const errors = sweepConfigErrors({ ...base, ...fields });
    if (badPath === null) expect(errors).toEqual([]);
    else expect(errors.map((e) => e.path)).toEqual([badPath]);
  });

  it('rejects a config that is not an object', () => {
    for (const raw of [null, 3, 'name: x', [base]])
      expect(errorsOf(raw)).toEqual([{ path: '', message: expect.any(String) }]);
  });
});
