/**
 * An mlp fold task's full-data fit (fold 0) returns its network's parameters (PointFit.networkParameters), which the
 * store keeps per trial and the report shows instead of training the network again (issues 12 and 14). They must be
 * the bits of trainMlp on all fitting rows without validation rows, as the report trains it (report/mlp-chosen.ts);
 * fold 0 scored on held-out test rows keeps them only when those rows could not have changed the training (no early
 * stopping); validation folds never carry them.
 */
import { evaluateFold } from '../src/cv/evaluate-fold';
import { designMatrixFromRows } from '../src/data/design-matrix';
import { inputScaling, scaledRows } from '../src/mlp/inputs';
import { trainMlp } from '../src/mlp/train';
import type { MlpSolverConfig } from '../src/mlp/types';
import type { Dataset, FoldRows, PathSpec } from '../src/types';
import { normalSource } from './helpers/synthetic';

const normal = normalSource(11);
const x = Array.from({ length: 120 }, () => Array.from({ length: 4 }, () => normal()));
const data: Dataset = {
  x: designMatrixFromRows(['a', 'b', 'c', 'd'], x),
  y: Float64Array.from(x, (r) => Math.tanh(r[0]) - r[1] * r[2] + 0.2 * normal()),
};
const fitRows = Int32Array.from({ length: 100 }, (_, i) => i);
const testRows = Int32Array.from({ length: 20 }, (_, i) => 100 + i);
const network = { hidden: [6, 3], activation: 'tanh', output: 'linear' } as const;
const solver: MlpSolverConfig = { kind: 'adam', learningRate: 0.02, momentum: 0, epochs: 25, batchSize: 16, seed: 3 };

function specWith(mlpSolver: MlpSolverConfig): PathSpec {
  return {
    model: 'linear',
    penalty: { kind: 'elasticnet', l1Ratio: 0.5 },
    lambdas: Float64Array.of(0.01, 0.0001),
    standardize: true,
    solver: { kind: 'gd', learningRate: 0.02, epochs: 25, tolerance: 0 },
    mlp: { network, solver: mlpSolver },
  };
}

/** The report's training of the network at λ: all fitting rows, no validation rows. */
function fresh(lambda: number, mlpSolver: MlpSolverConfig): Float64Array {
  const train = scaledRows(data, fitRows, inputScaling(data, fitRows, true));
  const { earlyStopping: _unused, ...withoutStopping } = mlpSolver;
  return trainMlp({ network, solver: withoutStopping, penalty: { lambda, l1Ratio: 0.5 }, train }).parameters;
}

const bits = (values: Float64Array | undefined) => (values ? Buffer.from(values.buffer).toString('hex') : undefined);

describe('an mlp full-data fit', () => {
  it.each([
    ['without validation rows', new Int32Array(0)],
    ['scored on test rows, without early stopping', testRows],
  ])('%s returns the parameters of trainMlp on the fitting rows, bit for bit', (_, validationRows) => {
    const fold: FoldRows = { fold: 0, trainRows: fitRows, validationRows };
    const result = evaluateFold(data, fold, specWith(solver), 'mse');
    expect(result.fits).toHaveLength(2);
    expect(result.fits.map((fit) => fit.lambda)).toEqual([0.01, 0.0001]);
    result.fits.forEach((fit) => {
      expect(fit.networkParameters).toHaveLength(6 * 4 + 6 + 3 * 6 + 3 + 3 + 1);
      expect(bits(fit.networkParameters)).toBe(bits(fresh(fit.lambda, solver)));
      expect(fit.iterations).toBe(25);
    });
  });

  it('scored on test rows with early stopping keeps none (they may have stopped it), without validation rows does', () => {
    const stopping = { ...solver, epochs: 200, earlyStopping: { patience: 2, minDelta: 0 } };
    const onTest = evaluateFold(
      data,
      { fold: 0, trainRows: fitRows, validationRows: testRows },
      specWith(stopping),
      'mse',
    );
    expect(onTest.fits.map((fit) => fit.networkParameters)).toEqual([undefined, undefined]);
    expect(onTest.fits.some((fit) => fit.status === 'ok' && fit.iterations < 200)).toBe(true); // it did stop early
    const full = evaluateFold(
      data,
      { fold: 0, trainRows: fitRows, validationRows: new Int32Array(0) },
      specWith(stopping),
      'mse',
    );
    full.fits.forEach((fit) => expect(bits(fit.networkParameters)).toBe(bits(fresh(fit.lambda, stopping))));
  });

  it('a validation fold carries no parameters', () => {
    const fold: FoldRows = { fold: 1, trainRows: fitRows.subarray(0, 80), validationRows: fitRows.subarray(80) };
    expect(evaluateFold(data, fold, specWith(solver), 'mse').fits.map((fit) => fit.networkParameters)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
