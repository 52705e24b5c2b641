/**
 * A data set where the network is needed: y = sin(2x₀) + x₁² − x₂ + noise, with 6 pure-noise features. The mlp sweep's
 * chosen network must beat the best linear model on the held-out test rows, and its report's learning curves must
 * show the overfitting of small λ (validation turns up while train keeps falling).
 */
import { designMatrixFromRows, evaluateFold, mulberry32, type Dataset } from '@regsweep/engine';
import { validateSweepConfig } from '../../src/config';
import { pathSpecOf, planSweep } from '../../src/plan';
import { buildReport } from '../../src/report';
import type { BestModel, CurveResults, SweepConfig, SweepReport } from '../../src/types';

function nonlinearData(rows: number, seed: number): Dataset {
  const uniform = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const names = Array.from({ length: 9 }, (_, j) => `x${j}`);
  const x = Array.from({ length: rows }, () => names.map(() => normal()));
  const y = x.map((r) => Math.sin(2 * r[0]) + r[1] * r[1] - r[2] + 0.3 * normal());
  return { x: designMatrixFromRows(names, x), y: Float64Array.from(y) };
}

const data = nonlinearData(300, 21);

/** Every task of the plan in this thread, as the pool would run them, then the report. */
function runSweep(config: SweepConfig): SweepReport {
  const plan = planSweep('nonlinear', config, data);
  const results: CurveResults[] = plan.curves.map((curve) => {
    const spec = pathSpecOf(config, curve);
    const byFold = plan.split.folds.map((fold) => evaluateFold(data, fold, spec, config.metric));
    return { curve, folds: byFold.filter((r) => r.fold > 0), full: byFold.find((r) => r.fold === 0)!.fits };
  });
  return buildReport({
    sweepId: 'nonlinear',
    config,
    results,
    featureNames: data.x.names,
    data,
    testRows: plan.split.testRows,
  });
}

const common = {
  name: 'nonlinear',
  dataset: 'synthetic',
  split: { kind: 'kfold', folds: 4, seed: 3 },
  testFraction: 0.3,
  selection: 'min',
};

describe('a nonlinear target', () => {
  const linear = runSweep(
    validateSweepConfig({ ...common, model: 'linear', penalties: ['l1', 'l2'], lambdas: { auto: { count: 30 } } }),
  );
  const network = runSweep(
    validateSweepConfig({
      ...common,
      model: 'mlp',
      network: { hidden: [64, 32], activation: 'relu' },
      solver: { kind: 'adam', learningRate: 0.01, epochs: 300, batchSize: 32, seed: 1 },
      penalties: ['l2'],
      lambdas: { values: [0.03, 0.003, 0.000001] },
    }),
  );

  it('the chosen network beats the best linear model on the test rows', () => {
    const linearTest = (linear.best as BestModel).test!.mse!;
    const networkTest = (network.best as BestModel).test!.mse!;
    // The linear model cannot represent sin(2x₀) + x₁²: its test mse stays near their variance (≈ 2.4).
    expect(networkTest).toBeLessThan(0.6 * linearTest);
  });

  it('the smallest λ overfits in the learning curves: validation turns up while train keeps falling', () => {
    const smallest = network.mlp!.learningCurves.find((c) => c.lambda === 0.000001)!;
    const k = smallest.epochs.indexOf(smallest.bestEpoch!);
    const end = smallest.epochs.length - 1;
    expect(k).toBeLessThan(end);
    expect(smallest.validation[end]).toBeGreaterThan(1.05 * smallest.validation[k]);
    expect(smallest.train[end]).toBeLessThan(smallest.train[k]);
    expect(network.mlp!.verdict).toMatch(/overfits/);
  });

  it('the report names the chosen trial, its best epoch and its weight sparsity', () => {
    expect(network.best!.lambda).toBeGreaterThan(0.000001);
    expect(network.mlp!.bestEpoch).toBeGreaterThan(0);
    expect(network.mlp!.sparsity[0].totalWeights).toBe(9 * 64 + 64 * 32 + 32);
  });
});
