/** MLP training behaviour: seeded determinism, mini-batches, early stopping with restore, divergence, curves, sparsity. */
import { inputScaling, scaledRows } from '../src/mlp/inputs';
import { lossOn, objectiveAndSmoothGradient } from '../src/mlp/evaluate';
import { MlpWorkspace } from '../src/mlp/backprop';
import { mlpLayout } from '../src/mlp/layout';
import { trainingWorkspace, trainMlp, type MlpTrainingInput } from '../src/mlp/train';
import type { MlpNetwork } from '../src/mlp/types';
import { designMatrixFromRows } from '../src/data/design-matrix';
import type { Dataset } from '../src/types';
import { normalSource } from './helpers/synthetic';

/** y = sin(2x₀) + x₁² − x₂ + noise, 3 informative and 3 noise features: a network has something to learn. */
function nonlinearData(rows: number, seed: number): Dataset {
  const normal = normalSource(seed);
  const x = Array.from({ length: rows }, () => Array.from({ length: 6 }, () => normal()));
  const y = x.map((r) => Math.sin(2 * r[0]) + r[1] * r[1] - r[2] + 0.3 * normal());
  return { x: designMatrixFromRows(['a', 'b', 'c', 'd', 'e', 'f'], x), y: Float64Array.from(y) };
}

const data = nonlinearData(300, 5);
const trainRows = Int32Array.from({ length: 200 }, (_, i) => i);
const validationRows = Int32Array.from({ length: 100 }, (_, i) => 200 + i);
const scaling = inputScaling(data, trainRows, true);
const train = scaledRows(data, trainRows, scaling);
const validation = scaledRows(data, validationRows, scaling);
const network: MlpNetwork = { hidden: [16, 8], activation: 'tanh', output: 'linear' };

function base(overrides: Partial<MlpTrainingInput> = {}): MlpTrainingInput {
  return {
    network,
    solver: { kind: 'adam', learningRate: 0.01, epochs: 60, batchSize: 32, seed: 9 },
    penalty: { lambda: 1e-4, l1Ratio: 0 },
    train,
    validation,
    ...overrides,
  };
}

it('the same seed gives the same parameters bit for bit; another seed does not', () => {
  const a = trainMlp(base());
  const b = trainMlp(base());
  const c = trainMlp(base({ solver: { ...base().solver, seed: 10 } }));
  expect(Array.from(a.parameters)).toEqual(Array.from(b.parameters));
  expect(Array.from(a.learningCurve.validation)).toEqual(Array.from(b.learningCurve.validation));
  expect(Array.from(a.parameters)).not.toEqual(Array.from(c.parameters));
});

it('a workspace reused after another fit and a scoring pass gives the same bits as a fresh one', () => {
  const fresh = trainMlp(base());
  const workspace = trainingWorkspace(mlpLayout(train.cols, network), base().solver, train.rows);
  const other = trainMlp(base({ solver: { ...base().solver, seed: 10 }, workspace }));
  lossOn(network, other.parameters, validation, workspace);
  const reused = trainMlp(base({ workspace }));
  expect(Array.from(reused.parameters)).toEqual(Array.from(fresh.parameters));
  expect(Array.from(reused.learningCurve.validation)).toEqual(Array.from(fresh.learningCurve.validation));
});

it('mini-batch adam learns: the training loss falls and ends below the null model', () => {
  const fit = trainMlp(base());
  const curve = fit.learningCurve;
  expect(fit.status).toBe('ok');
  expect(curve.train.at(-1)!).toBeLessThan(0.5 * curve.train[0]);
  // mse of the mean prediction is the variance of y on the training rows.
  const mean = train.y.reduce((s, v) => s + v, 0) / train.rows;
  const variance = train.y.reduce((s, v) => s + (v - mean) ** 2, 0) / train.rows;
  expect(curve.train.at(-1)!).toBeLessThan(variance);
});

it('the curve train value of a full-batch epoch is the mse at the start of that epoch', () => {
  const solver = { kind: 'sgd', learningRate: 0.05, epochs: 5, seed: 2 } as const;
  const fit = trainMlp(base({ solver }));
  const before = trainMlp(base({ solver: { ...solver, epochs: 4 } }));
  const workspace = new MlpWorkspace(mlpLayout(train.cols, network), train.rows);
  expect(fit.learningCurve.train[4]).toBeCloseTo(2 * lossOn(network, before.parameters, train, workspace), 12);
  expect(fit.learningCurve.validation[3]).toBeCloseTo(
    2 * lossOn(network, before.parameters, validation, workspace),
    12,
  );
});

it('early stopping stops after `patience` epochs without improvement and restores the best epoch', () => {
  // A wide network, no penalty, many epochs: it overfits 200 rows, so validation turns up.
  const solver = {
    kind: 'adam',
    learningRate: 0.02,
    epochs: 2000,
    batchSize: 20,
    seed: 4,
    earlyStopping: { patience: 15, minDelta: 0 },
  } as const;
  const wide: MlpNetwork = { hidden: [64, 64], activation: 'relu', output: 'linear' };
  const fit = trainMlp(base({ network: wide, solver, penalty: { lambda: 0, l1Ratio: 0 } }));
  expect(fit.status).toBe('stopped_early');
  expect(fit.epochsRun).toBe(fit.bestEpoch + 15);
  // Restored = the parameters of a run that simply stops at the best epoch.
  const { earlyStopping: _unused, ...plain } = solver;
  const stoppedAtBest = trainMlp(
    base({ network: wide, solver: { ...plain, epochs: fit.bestEpoch }, penalty: { lambda: 0, l1Ratio: 0 } }),
  );
  expect(Array.from(fit.parameters)).toEqual(Array.from(stoppedAtBest.parameters));
  const workspace = new MlpWorkspace(mlpLayout(train.cols, wide), 100);
  const restored = 2 * lossOn(wide, fit.parameters, validation, workspace);
  expect(fit.learningCurve.validation.at(-1)!).toBeGreaterThan(restored);
  expect(Math.min(...Array.from(fit.learningCurve.validation))).toBeGreaterThanOrEqual(restored);
});

it('a learning rate of 50 diverges: status diverged, a reason, nothing non-finite kept', () => {
  const fit = trainMlp(base({ solver: { kind: 'sgd', learningRate: 50, epochs: 200, seed: 1 } }));
  expect(fit.status).toBe('diverged');
  expect(fit.reason).toMatch(/loss (became non-finite|grew above .*) at epoch \d+/);
  expect(fit.epochsRun).toBeLessThan(200);
  expect(fit.parameters.every(Number.isFinite)).toBe(true);
  expect(Number.isFinite(fit.objective)).toBe(true);
  for (const values of [fit.learningCurve.train, fit.learningCurve.validation]) {
    expect(values.every(Number.isFinite)).toBe(true);
  }
});

it('curves keep ≤ 500 points from epoch 1 to the last', () => {
  const fit = trainMlp(
    base({
      network: { hidden: [], activation: 'relu', output: 'linear' },
      solver: { kind: 'sgd', learningRate: 0.01, epochs: 1234, seed: 1 },
    }),
  );
  const epochs = Array.from(fit.learningCurve.epochs);
  expect(epochs.length).toBeLessThanOrEqual(500);
  expect(epochs[0]).toBe(1);
  expect(epochs.at(-1)).toBe(1234);
});

it('L1 switches weights and whole hidden units off with exact zeros; larger λ, more zeros', () => {
  const sparsity = [1e-3, 3e-2, 2e-1].map(
    (lambda) =>
      trainMlp(
        base({
          solver: { kind: 'sgd', learningRate: 0.05, momentum: 0.9, epochs: 300, seed: 3 },
          penalty: { lambda, l1Ratio: 1 },
        }),
      ).sparsity,
  );
  expect(sparsity[0].zeroWeights).toBeLessThan(sparsity[1].zeroWeights);
  expect(sparsity[1].zeroWeights).toBeLessThan(sparsity[2].zeroWeights);
  expect(sparsity[2].deadUnits).toBeGreaterThan(0);
  expect(sparsity[2].totalWeights).toBe(6 * 16 + 16 * 8 + 8);
  expect(sparsity[2].totalUnits).toBe(24);
});

it('the returned objective is the data loss plus the penalty on the training rows', () => {
  const fit = trainMlp(base({ penalty: { lambda: 0.01, l1Ratio: 0.3 } }));
  const layout = mlpLayout(train.cols, network);
  const gradient = new Float64Array(layout.parameterCount);
  const objective = objectiveAndSmoothGradient(
    network,
    layout,
    fit.parameters,
    train,
    { lambda: 0.01, l1Ratio: 0.3 },
    gradient,
  );
  expect(fit.objective).toBeCloseTo(objective, 12);
});

