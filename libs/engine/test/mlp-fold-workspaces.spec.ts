/**
 * What an MLP fold task keeps instead of computing again: the η a fit returns (MlpFit.eta, which the task's scores
 * read instead of a second forward pass) must be the network's predictions of the returned parameters, and the
 * training workspaces a worker thread keeps from task to task (MlpWorkspaces, FoldWorkspace.mlp) must give every
 * task the bits a fresh workspace gives: tasks of several layouts, batch sizes, outputs and row counts in a row,
 * with the scaled rows of a fold kept from task to task too.
 */
import { evaluateFold } from '../src/cv/evaluate-fold';
import { FoldWorkspace } from '../src/cv/gram-fold';
import { designMatrixFromRows } from '../src/data/design-matrix';
import { networkPredictions } from '../src/mlp/evaluate-fold';
import { mlpLayout } from '../src/mlp/layout';
import { trainMlp } from '../src/mlp/train';
import type { MlpNetwork, MlpSolverConfig } from '../src/mlp/types';
import { MlpWorkspaces } from '../src/mlp/workspaces';
import type { Dataset, FoldPathResult, FoldRows, PathSpec } from '../src/types';
import { normalSource } from './helpers/synthetic';

const normal = normalSource(21);
const x = Array.from({ length: 150 }, () => Array.from({ length: 5 }, () => normal()));
const target = Float64Array.from(x, (r) => Math.sin(2 * r[0]) + r[1] * r[2] + 0.1 * normal());
const data: Dataset = { x: designMatrixFromRows(['a', 'b', 'c', 'd', 'e'], x), y: target, key: 'values' };
const binary: Dataset = { ...data, y: target.map((v) => (v > 0 ? 1 : 0)), key: 'signs' };

function rowsFrom(start: number, count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => start + i);
}

/** The full-data fold (no validation rows), then folds with fewer training and more validation rows. */
const folds: FoldRows[] = [
  { fold: 0, trainRows: rowsFrom(0, 150), validationRows: new Int32Array(0) },
  { fold: 1, trainRows: rowsFrom(0, 120), validationRows: rowsFrom(120, 30) },
  { fold: 2, trainRows: rowsFrom(50, 100), validationRows: rowsFrom(0, 50) },
];

const adam = (batchSize?: number): MlpSolverConfig => ({
  kind: 'adam',
  learningRate: 0.02,
  epochs: 6,
  seed: 5,
  ...(batchSize ? { batchSize } : {}),
});

function spec(network: MlpNetwork, solver: MlpSolverConfig): PathSpec {
  return {
    model: network.output === 'logistic' ? 'logistic' : 'linear',
    penalty: { kind: 'elasticnet', l1Ratio: 0.3 },
    lambdas: Float64Array.of(0.01, 0.0001),
    standardize: true,
    solver: { kind: 'gd', learningRate: 0.02, epochs: 6, tolerance: 0 },
    mlp: { network, solver },
  };
}

const relu = (hidden: number[]): MlpNetwork => ({ hidden, activation: 'relu', output: 'linear' });
const tasks: { data: Dataset; spec: PathSpec }[] = [
  { data, spec: spec(relu([16]), adam(32)) },
  { data, spec: spec(relu([8, 4]), adam(32)) },
  { data, spec: spec(relu([16]), adam(32)) },
  { data, spec: spec(relu([16]), adam()) },
  { data, spec: spec(relu([16]), adam(7)) },
  { data: binary, spec: spec({ hidden: [6], activation: 'tanh', output: 'logistic' }, adam(32)) },
  { data, spec: spec(relu([8, 4]), { ...adam(32), earlyStopping: { patience: 2, minDelta: 0 } }) },
];

function bitsOf(result: FoldPathResult): number[] {
  const fits = result.fits.flatMap((fit) => [
    fit.intercept,
    fit.objective,
    ...fit.coefficients,
    ...fit.learningCurve!.train,
    ...fit.learningCurve!.validation,
    ...(fit.networkParameters ?? []),
  ]);
  return [...result.train, ...result.validation, ...fits];
}

function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length);
  const differing = Array.from(actual, (value, i) => [i, value, expected[i]]).filter(
    ([, value, other]) => !Object.is(value, other),
  );
  expect(differing).toEqual([]);
}

describe('MLP fold tasks with the workspaces a worker thread keeps', () => {
  it('every task gives the bits of a task with its own workspace, in any order of layouts and row counts', () => {
    const kept = new FoldWorkspace();
    for (const task of [...tasks, ...tasks.slice().reverse()]) {
      for (const fold of folds) {
        const reused = evaluateFold(task.data, fold, task.spec, 'mse', undefined, undefined, kept);
        const alone = evaluateFold(task.data, fold, task.spec, 'mse');
        expectSameBits(bitsOf(reused), bitsOf(alone));
      }
    }
  });

  it('keeps one workspace per layout and batch, grown to the most training and validation rows asked for', () => {
    const workspaces = new MlpWorkspaces();
    const layout = mlpLayout(5, relu([16]));
    const first = workspaces.forTask(layout, adam(32), 120, 30);
    expect(workspaces.forTask(layout, adam(32), 100, 30)).toBe(first);
    const grown = workspaces.forTask(layout, adam(32), 100, 50);
    expect(grown).not.toBe(first);
    expect([grown.trainingRows, grown.validationRows, grown.maxRows]).toEqual([120, 50, 32]);
    expect(workspaces.forTask(layout, adam(32), 120, 30)).toBe(grown);
    expect(workspaces.forTask(layout, adam(16), 120, 30)).not.toBe(grown);
    expect(workspaces.forTask(mlpLayout(5, relu([8])), adam(32), 120, 30)).not.toBe(grown);
  });

  it("keeps a fold's scaled rows for the same rows of the same dataset key, output kind and standardization", () => {
    const workspaces = new MlpWorkspaces();
    const [, fold] = folds;
    const copy = { ...fold, trainRows: fold.trainRows.slice(), validationRows: fold.validationRows.slice() };
    const first = workspaces.scaledFold(data, fold, true, false);
    expect(workspaces.scaledFold(data, copy, true, false)).toBe(first);
    expect(workspaces.scaledFold(data, folds[2], true, false)).not.toBe(first);
    expect(workspaces.scaledFold(binary, fold, true, false)).not.toBe(first);
    expect(workspaces.scaledFold(data, fold, false, false)).not.toBe(first);
    expect(workspaces.scaledFold(data, fold, true, true)).not.toBe(first);
    const unkeyed = { ...data, key: undefined };
    expect(workspaces.scaledFold(unkeyed, fold, true, false)).not.toBe(
      workspaces.scaledFold(unkeyed, fold, true, false),
    );
    expect(workspaces.scaledFold(data, fold, true, false)).toBe(first);
  });

  it('keeps scaled folds and workspaces up to its byte limit, dropping the oldest first', () => {
    // A fold of 120 + 30 rows × 5 inputs: (150·5 + 150)·8 + 150·4 = 7800 bytes; two fit in 16000, a third does not.
    const workspaces = new MlpWorkspaces(16000);
    const fold = (start: number): FoldRows => ({
      fold: 1,
      trainRows: rowsFrom(start, 120),
      validationRows: rowsFrom(start + 120, 30),
    });
    const [a, b, c] = [fold(0), fold(1), fold(2)];
    const first = workspaces.scaledFold(data, a, true, false);
    const second = workspaces.scaledFold(data, b, true, false);
    expect(workspaces.scaledFold(data, a, true, false)).toBe(first);
    const third = workspaces.scaledFold(data, c, true, false);
    expect(workspaces.scaledFold(data, b, true, false)).toBe(second);
    expect(workspaces.scaledFold(data, c, true, false)).toBe(third);
    expect(workspaces.scaledFold(data, a, true, false)).not.toBe(first);
    // 300 + 150 rows: 23400 bytes, more than the limit: used, never kept.
    const trainRows = Int32Array.from({ length: 300 }, (_, i) => i % 150);
    const large = { fold: 0, trainRows, validationRows: rowsFrom(0, 150) };
    expect(workspaces.scaledFold(data, large, true, false)).not.toBe(workspaces.scaledFold(data, large, true, false));
    // A workspace's module memory is at least one 64 KiB page: none fits in 16000 bytes, so none is kept.
    const layout = mlpLayout(5, relu([16]));
    expect(workspaces.forTask(layout, adam(32), 120, 30)).not.toBe(workspaces.forTask(layout, adam(32), 120, 30));
  });
});

describe("a fit's η", () => {
  const rows = { x: Float64Array.from(x.slice(0, 120).flat()), y: target.slice(0, 120), rows: 120, cols: 5 };
  const validation = { x: Float64Array.from(x.slice(120).flat()), y: target.slice(120), rows: 30, cols: 5 };
  const cases: [string, MlpNetwork, MlpSolverConfig, string, boolean][] = [
    ['relu, epochs in one call', relu([16, 4]), adam(32), 'ok', true],
    ['relu, full batch', relu([16]), adam(), 'ok', true],
    ['tanh, step by step', { hidden: [6], activation: 'tanh', output: 'linear' }, adam(32), 'ok', true],
    [
      'restored by early stopping',
      relu([16]),
      { ...adam(32), epochs: 60, earlyStopping: { patience: 1, minDelta: 0.5 } },
      'stopped_early',
      false,
    ],
    ['diverged', relu([16]), { ...adam(16), learningRate: 1e4 }, 'diverged', false],
  ];

  it.each(cases)(
    '%s: the predictions of the returned parameters (validation only when the last epoch scored them)',
    (_, network, solver, status, scoredValidation) => {
      const fit = trainMlp({ network, solver, penalty: { lambda: 1e-3, l1Ratio: 0 }, train: rows, validation });
      expect(fit.status).toBe(status);
      const layout = mlpLayout(5, network);
      expectSameBits(fit.eta!.train, networkPredictions(network, layout, fit.parameters, rows));
      if (!scoredValidation) expect(fit.eta!.validation).toBeUndefined();
      else expectSameBits(fit.eta!.validation!, networkPredictions(network, layout, fit.parameters, validation));
    },
  );
});
