/** fast-check generators of valid raw sweep configs (SPEC §2), for the property tests. */
import fc from 'fast-check';

const kinds = ['none', 'l1', 'l2', 'elasticnet'] as const;
const ratio = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
const positive = fc.double({ min: 1e-9, max: 1e6, noNaN: true });
const seed = fc.integer({ min: 0, max: 2 ** 31 });

const autoLambdas = fc.record(
  { count: fc.integer({ min: 1, max: 10_000 }), minRatio: fc.double({ min: 1e-8, max: 0.99, noNaN: true }) },
  { requiredKeys: [] },
);
const rangeLambdas = fc
  .tuple(positive, positive, fc.integer({ min: 1, max: 10_000 }), fc.constantFrom('log', 'linear'))
  .filter(([a, b]) => a !== b)
  .map(([a, b, count, scale]) => ({ min: Math.min(a, b), max: Math.max(a, b), count, scale }));
const lambdaValues = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });

/** foldIds using every fold 1..K at least once, shuffled. */
const foldIds = fc.tuple(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 30 })).chain(([folds, extra]) =>
  fc.array(fc.integer({ min: 1, max: folds }), { minLength: extra, maxLength: extra }).chain((rest) =>
    fc.shuffledSubarray([...Array.from({ length: folds }, (_, i) => i + 1), ...rest], {
      minLength: folds + extra,
      maxLength: folds + extra,
    }),
  ),
);

const split = fc.oneof(
  fc.record(
    { kind: fc.constant('kfold'), folds: fc.integer({ min: 2, max: 1000 }), shuffle: fc.boolean(), seed },
    { requiredKeys: ['kind'] },
  ),
  fc.record(
    { kind: fc.constant('holdout'), validationFraction: fc.double({ min: 0.01, max: 0.99, noNaN: true }), seed },
    { requiredKeys: ['kind'] },
  ),
  fc.record({ kind: fc.constant('foldIds'), foldIds }),
);

const solver = fc.oneof(
  fc.record(
    { kind: fc.constant('cd'), tolerance: positive, maxIterations: fc.integer({ min: 1, max: 1e9 }) },
    { requiredKeys: ['kind'] },
  ),
  fc.record(
    { kind: fc.constant('gd'), learningRate: positive, epochs: fc.integer({ min: 1, max: 1e7 }), tolerance: positive },
    { requiredKeys: ['kind'] },
  ),
);

/**
 * A valid raw config. With `complete`, every optional section is present (so nested unknown-key tests have
 * somewhere to put the key); otherwise each optional field may be absent.
 */
export function validRawConfig(complete = false): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      name: fc.string({ minLength: 1, maxLength: 200 }),
      dataset: fc.string({ minLength: 1, maxLength: 100 }),
      target: fc.string({ minLength: 1, maxLength: 50 }),
      model: fc.constantFrom('linear', 'logistic'),
      penalties: fc.uniqueArray(fc.constantFrom(...kinds), { minLength: 1, maxLength: 4 }),
      l1Ratios: fc.uniqueArray(ratio, { minLength: 1, maxLength: 5 }),
      lambdaKind: fc.constantFrom('auto', 'range', 'values'),
      auto: autoLambdas,
      range: rangeLambdas,
      values: lambdaValues,
      split,
      testFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
      strategy: fc.constantFrom('grid', 'random'),
      trials: fc.integer({ min: 1, max: 1_000_000 }),
      searchSeed: seed,
      solver,
      standardize: fc.boolean(),
      metricIndex: fc.integer({ min: 0, max: 2 }),
      selection: fc.constantFrom('min', '1se'),
      concurrency: fc.integer({ min: 1, max: 64 }),
      keep: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    })
    .map((g) => {
      const metrics = g.model === 'linear' ? ['mse', 'mae', 'r2'] : ['logloss', 'accuracy', 'auc'];
      // random search needs lambdas.range or lambdas.values
      const lambdaKind = g.strategy === 'random' && g.lambdaKind === 'auto' ? 'range' : g.lambdaKind;
      const optional: Record<string, unknown> = {
        target: g.target,
        penalties: g.penalties,
        l1Ratios: g.l1Ratios,
        lambdas: { [lambdaKind]: g[lambdaKind as 'auto' | 'range' | 'values'] },
        split: g.split,
        testFraction: g.testFraction,
        search: { strategy: g.strategy, trials: g.trials, seed: g.searchSeed },
        solver: g.solver,
        standardize: g.standardize,
        metric: metrics[g.metricIndex],
        selection: g.selection,
        concurrency: g.concurrency,
      };
      const raw: Record<string, unknown> = { name: g.name, dataset: g.dataset, model: g.model };
      Object.entries(optional).forEach(([key, value], i) => {
        // lambdas must stay when the search is random (the auto default cannot be sampled)
        const required = complete || (key === 'lambdas' && g.strategy === 'random');
        if (required || g.keep[i]) raw[key] = value;
      });
      return raw;
    });
}
