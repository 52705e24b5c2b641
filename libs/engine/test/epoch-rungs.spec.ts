/**
 * A pruner's limits between epochs (solver/epoch-rungs.ts) in the trainers: gd and the network stop at the first rung
 * they lose, and what they return is what the same training run for that many epochs returns.
 */
import { evaluateFold } from '../src/cv/evaluate-fold';
import { EpochRungJudge, keptEpochs, rungStopOnCurve } from '../src/solver/epoch-rungs';
import type { EpochRungs, FoldRows, PathSpec } from '../src/types';
import { syntheticDataset } from './helpers/synthetic';

const data = syntheticDataset({ rows: 120, cols: 5, model: 'linear', seed: 3 });
const fold: FoldRows = {
  fold: 1,
  trainRows: Int32Array.from({ length: 90 }, (_, i) => i),
  validationRows: Int32Array.from({ length: 30 }, (_, i) => 90 + i),
};
const gdSpec = (epochs: number, rungs?: EpochRungs): PathSpec => ({
  model: 'linear',
  penalty: { kind: 'l2', l1Ratio: 0 },
  lambdas: Float64Array.of(0.1),
  standardize: true,
  solver: { kind: 'gd', learningRate: 0.05, epochs, tolerance: 1e-15, ...(rungs ? { rungs } : {}) },
});
const mlpSpec = (epochs: number, rungs?: EpochRungs): PathSpec => ({
  ...gdSpec(epochs),
  mlp: {
    network: { hidden: [4], activation: 'tanh', output: 'linear' },
    solver: { kind: 'adam', learningRate: 0.01, epochs, batchSize: 16, seed: 3, ...(rungs ? { rungs } : {}) },
  },
});

describe.each([
  ['gd', gdSpec],
  ['mlp', mlpSpec],
])('%s between epochs', (_name, spec) => {
  const unpruned = evaluateFold(data, fold, spec(30), 'mse').fits[0];
  const curve = unpruned.learningCurve!;

  it('stops at the first rung whose limit its validation loss is above, as trained for that many epochs', () => {
    // Limits just above the curve at epoch 4 (it goes on) and just below it at epoch 16 (it stops there).
    const rungs: EpochRungs = {
      judge: 'value',
      epochs: [4, 16],
      limits: [curve.validation[3] * 1.001, curve.validation[15] * 0.999],
    };
    const pruned = evaluateFold(data, fold, spec(30, rungs), 'mse').fits[0];
    expect(pruned.iterations).toBe(16);
    expect(Array.from(pruned.learningCurve!.epochs)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const short = evaluateFold(data, fold, spec(16), 'mse').fits[0];
    expect(Array.from(pruned.coefficients)).toEqual(Array.from(short.coefficients));
    expect(rungStopOnCurve(rungs, pruned.learningCurve!)).toEqual({
      epoch: 16,
      value: curve.validation[15],
      limit: rungs.limits[1],
    });
  });

  it('runs every epoch when each rung is won', () => {
    const rungs: EpochRungs = { judge: 'value', epochs: [1, 4, 16], limits: [Infinity, Infinity, Infinity] };
    const fit = evaluateFold(data, fold, spec(30, rungs), 'mse').fits[0];
    expect(Array.from(fit.coefficients)).toEqual(Array.from(unpruned.coefficients));
  });
});

describe('EpochRungJudge', () => {
  it("judges 'best' on the best loss so far and 'value' on the epoch's own", () => {
    const losses = [5, 3, 4, 6];
    const stopAt = (judge: 'best' | 'value') => {
      const j = new EpochRungJudge({ judge, epochs: [3, 4], limits: [3.5, 3.5] });
      return losses.findIndex((loss, i) => j.stops(i + 1, loss) !== undefined) + 1;
    };
    expect(stopAt('value')).toBe(3); // 4 > 3.5 at epoch 3
    expect(stopAt('best')).toBe(0); // best so far 3 ≤ 3.5 at epochs 3 and 4: never stops
  });

  it('keeps every epoch up to 499 and every s-th beyond (s = ⌈epochs / 499⌉)', () => {
    expect([1, 2, 499].map(keptEpochs(499))).toEqual([true, true, true]);
    expect([1, 2, 3, 4].map(keptEpochs(1000))).toEqual([true, false, false, true]);
  });
});
