/** Sweep configs that several test files submit, named for the part they play. */

/** Well under a second: seed-linear's one feature, lasso, 5 λ, 3 folds, one task at a time. */
export const SMALL_LASSO_SWEEP = {
  name: 'seed-l1',
  dataset: 'seed-linear',
  model: 'linear',
  penalties: ['l1'],
  lambdas: { auto: { count: 5 } },
  split: { kind: 'kfold', folds: 3, seed: 1 },
  concurrency: 1,
};

/** Breast cancer, logistic with two penalties, 2 λ, 2 folds: a second model and dataset for lists to filter by. */
export const SMALL_LOGISTIC_SWEEP = {
  name: 'cancer logistic',
  dataset: 'breast-cancer',
  model: 'logistic',
  penalties: ['l2', 'elasticnet'],
  lambdas: { values: [0.1, 0.01] },
  split: { kind: 'kfold', folds: 2, seed: 1 },
  concurrency: 1,
};

/**
 * Runs until cancelled: the small logistic sweep at one λ, by plain gradient descent for 10⁷ epochs that never meets
 * its tolerance.
 */
export const UNTIL_CANCELLED_SWEEP = {
  ...SMALL_LOGISTIC_SWEEP,
  name: 'slow-gd',
  penalties: ['l2'],
  lambdas: { values: [0.01] },
  solver: { kind: 'gd', learningRate: 0.01, epochs: 10_000_000, tolerance: 1e-300 },
};

/**
 * Slow on purpose, so that a page can follow it while it runs, yet it ends: gd with 5,000 epochs on breast-cancer,
 * 20 λ × 5 folds, one task at a time.
 */
export function slowLiveSweep(name: string): Record<string, unknown> {
  return {
    name,
    dataset: 'breast-cancer',
    model: 'logistic',
    penalties: ['l2'],
    lambdas: { auto: { count: 20 } },
    split: { kind: 'kfold', folds: 5, shuffle: true, seed: 1 },
    solver: { kind: 'gd', learningRate: 0.1, epochs: 5000, tolerance: 1e-300 },
    concurrency: 1,
  };
}

/**
 * Four tasks (the full-data path and 3 folds) of 10,000 λ each to a tight tolerance: long enough that a process can
 * be killed while it holds one.
 */
export function longTasksSweep(name: string, concurrency: number): Record<string, unknown> {
  return {
    name,
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1'],
    lambdas: { auto: { count: 10000, minRatio: 1e-6 } },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
    solver: { kind: 'cd', tolerance: 1e-15, maxIterations: 100000 },
    concurrency,
  };
}

/** A search (random, tpe) over diabetes: three penalties, λ in [0.001, 1000], 5 shuffled folds. */
export function diabetesSearchSweep(name: string, search: Record<string, unknown>) {
  return {
    name,
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1', 'l2', 'elasticnet'],
    l1Ratios: [0.5],
    lambdas: { range: { min: 0.001, max: 1000 } },
    split: { kind: 'kfold', folds: 5, shuffle: true, seed: 1 },
    search,
  };
}

/**
 * A softmax network on iris (or a dataset of the same rows): one tanh layer of 6 units, adam for 40 epochs, 2 λ,
 * 3 folds, a fifth of the rows held out. Cheap enough for a test that runs it several times.
 */
export function irisSoftmaxNetwork(name: string, dataset = 'iris') {
  return {
    name,
    dataset,
    model: 'mlp',
    network: { hidden: [6], activation: 'tanh', output: 'softmax' },
    solver: { kind: 'adam', learningRate: 0.05, epochs: 40, batchSize: 32, seed: 3 },
    penalties: ['l2'],
    lambdas: { values: [0.01, 0.0001] },
    split: { kind: 'kfold', folds: 3, seed: 2 },
    testFraction: 0.2,
  };
}

/** Multinomial lasso on iris (or a dataset of the same rows): 8 λ, 4 folds, a fifth of the rows held out. */
export function irisMultinomial(name: string, dataset = 'iris') {
  return {
    name,
    dataset,
    model: 'multinomial',
    penalties: ['l1'],
    lambdas: { auto: { count: 8 } },
    split: { kind: 'kfold', folds: 4, seed: 5 },
    testFraction: 0.2,
    metric: 'accuracy',
  };
}
