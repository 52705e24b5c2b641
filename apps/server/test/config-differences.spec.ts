/** configDifferences: the config fields whose values differ across sweeps, as flattened paths. */
import { configDifferences, flattenConfig } from '../src/compare/config-differences';

it('flattens objects into dotted paths and keeps arrays and scalars as values', () => {
  const flat = flattenConfig({ name: 'a', split: { kind: 'kfold', folds: 5 }, penalties: ['l1', 'l2'], lambdas: {} });
  expect([...flat]).toEqual([
    ['name', 'a'],
    ['split.kind', 'kfold'],
    ['split.folds', 5],
    ['penalties', ['l1', 'l2']],
  ]);
});

it('keeps only the paths whose values are not all equal; a missing field counts as null', () => {
  const configs = [
    { name: 'a', split: { kind: 'kfold', folds: 5 }, penalties: ['l1', 'l2'], metric: 'mse' },
    { name: 'b', split: { kind: 'kfold', folds: 5 }, penalties: ['l1', 'l2'], metric: 'mse', testFraction: 0.2 },
    { name: 'c', split: { kind: 'holdout', fraction: 0.3 }, penalties: ['l1'], metric: 'mse' },
  ];
  expect(configDifferences(configs)).toEqual([
    { path: 'name', values: ['a', 'b', 'c'] },
    { path: 'split.kind', values: ['kfold', 'kfold', 'holdout'] },
    { path: 'split.folds', values: [5, 5, null] },
    { path: 'penalties', values: [['l1', 'l2'], ['l1', 'l2'], ['l1']] },
    { path: 'testFraction', values: [null, 0.2, null] },
    { path: 'split.fraction', values: [null, null, 0.3] },
  ]);
  expect(configDifferences([configs[0], { ...configs[0] }])).toEqual([]);
});
