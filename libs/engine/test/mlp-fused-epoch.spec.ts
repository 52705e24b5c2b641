/**
 * A whole epoch in one WebAssembly call (mlp/fused-epoch.ts, dense.wat trainEpoch) against the step-by-step loop it
 * replaces: the same parameters (===), learning curve and status after training, on 0–3 hidden layers (16-, 8-, 2-
 * and 1-column tiles, a one-unit hidden layer), batches that do not divide the rows and full batch, adam, sgd and
 * momentum sgd, every penalty. The step-by-step loop runs on the JavaScript kernels and, for mini-batches, on the
 * WebAssembly kernels one call per kernel (a workspace that keeps no copy of the training rows). The fused fits also
 * score the validation rows between epochs, and the training rows at the start and the end, in the module
 * (dense.wat forwardLoss on the rows kept there): the same curve, objective and η as lossOn's.
 */
import { MlpWorkspace } from '../src/mlp/backprop';
import { mlpLayout } from '../src/mlp/layout';
import { trainMlp } from '../src/mlp/train';
import type { MlpFit, MlpNetwork, MlpPenalty, MlpSolverConfig } from '../src/mlp/types';
import { WasmDense } from '../src/mlp/wasm/wasm-dense';
import { normalSource, uniformSource } from './helpers/synthetic';

const COLS = 10;
const ROWS = 150;

/** Normal values with about `zeros` of them exactly 0. */
function values(length: number, zeros: number, seed: number): Float64Array {
  const normal = normalSource(seed);
  const uniform = uniformSource(seed + 1);
  return Float64Array.from({ length }, () => (uniform() < zeros ? 0 : normal()));
}

function rows(count: number, seed: number): { rows: number; cols: number; x: Float64Array; y: Float64Array } {
  const x = values(count * COLS, 0.1, seed);
  const y = Float64Array.from(
    { length: count },
    (_, i) => Math.sin(2 * x[i * COLS]) + x[i * COLS + 1] * x[i * COLS + 2],
  );
  return { rows: count, cols: COLS, x, y };
}

/** The same bits, element by element (toEqual would take NaN for NaN and −0 for 0 alike). */
function expectSameBits(actual: Float64Array | undefined, expected: Float64Array | undefined): void {
  expect(actual?.length).toBe(expected?.length);
  const differing = Array.from(actual ?? [], (value, i) => [i, value, expected?.[i]]).filter(
    ([, value, other]) => !Object.is(value, other),
  );
  expect(differing).toEqual([]);
}

function expectSameFit(actual: MlpFit, expected: MlpFit): void {
  const differing = Array.from(actual.parameters.keys()).filter((i) => actual.parameters[i] !== expected.parameters[i]);
  expect(differing.map((i) => [i, actual.parameters[i], expected.parameters[i]])).toEqual([]);
  expect(Array.from(actual.learningCurve.train)).toEqual(Array.from(expected.learningCurve.train));
  expect(Array.from(actual.learningCurve.validation)).toEqual(Array.from(expected.learningCurve.validation));
  expect([actual.status, actual.epochsRun, actual.bestEpoch]).toEqual([
    expected.status,
    expected.epochsRun,
    expected.bestEpoch,
  ]);
  expect(Object.is(actual.objective, expected.objective)).toBe(true);
  expectSameBits(actual.eta?.train, expected.eta?.train);
  expectSameBits(actual.eta?.validation, expected.eta?.validation);
}

const train = rows(ROWS, 1);
const validation = rows(41, 2);
const hiddens = [[], [16], [33], [1], [32, 16], [9, 5, 3]];
const solvers: MlpSolverConfig[] = [
  { kind: 'adam', learningRate: 0.01, epochs: 4, batchSize: 64, seed: 3 },
  { kind: 'adam', learningRate: 0.02, epochs: 3, batchSize: 7, seed: 4 },
  { kind: 'adam', learningRate: 0.05, epochs: 3, seed: 5 },
  { kind: 'sgd', learningRate: 0.05, epochs: 3, batchSize: 32, seed: 6 },
  { kind: 'sgd', learningRate: 0.02, momentum: 0.9, epochs: 3, batchSize: 64, seed: 7 },
  { kind: 'sgd', learningRate: 0.02, momentum: 0.9, epochs: 3, seed: 8 },
];
const penalties: MlpPenalty[] = [
  { lambda: 0, l1Ratio: 0 },
  { lambda: 1e-2, l1Ratio: 0 },
  { lambda: 1e-2, l1Ratio: 1 },
  { lambda: 3e-2, l1Ratio: 0.5 },
];
const cases = hiddens.flatMap((hidden) =>
  solvers.flatMap((solver) => penalties.map((penalty) => ({ hidden, solver, penalty }))),
);

describe('mini-batch training, an epoch in one WebAssembly call', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(cases)('hidden $hidden, $solver, $penalty: the same bits as step by step', ({ hidden, solver, penalty }) => {
    const network: MlpNetwork = { hidden, activation: 'relu', output: 'linear' };
    const layout = mlpLayout(COLS, network);
    const batch = Math.min(solver.batchSize ?? ROWS, ROWS);
    const fit = (workspace: MlpWorkspace): MlpFit =>
      trainMlp({ network, solver, penalty, train, validation, workspace });
    const epochs = jest.spyOn(WasmDense.prototype, 'trainEpoch');
    const scored = jest.spyOn(WasmDense.prototype, 'forwardLoss');
    const fused = fit(new MlpWorkspace(layout, batch, 'wasm', batch < ROWS ? ROWS : 0, validation.rows));
    expect(epochs).toHaveBeenCalledTimes(solver.epochs);
    // The validation rows after every epoch; the kept training rows (mini-batches) at the start and the end.
    expect(scored).toHaveBeenCalledTimes(solver.epochs + (batch < ROWS ? 2 : 0));
    epochs.mockClear();
    const javascript = fit(new MlpWorkspace(layout, batch, 'javascript'));
    expectSameFit(fused, javascript);
    if (batch < ROWS) expectSameFit(fused, fit(new MlpWorkspace(layout, batch, 'wasm', 0)));
    expect(epochs).not.toHaveBeenCalled();
  });

  it('a diverging fit (learning rate far too large) diverges at the same epoch with the same parameters', () => {
    const network: MlpNetwork = { hidden: [16], activation: 'relu', output: 'linear' };
    const layout = mlpLayout(COLS, network);
    const solver: MlpSolverConfig = { kind: 'sgd', learningRate: 50, epochs: 10, batchSize: 16, seed: 9 };
    const fit = (workspace: MlpWorkspace): MlpFit =>
      trainMlp({ network, solver, penalty: { lambda: 0, l1Ratio: 0 }, train, validation, workspace });
    const fused = fit(new MlpWorkspace(layout, 16, 'wasm', ROWS, validation.rows));
    expect(fused.status).toBe('diverged');
    expectSameFit(fused, fit(new MlpWorkspace(layout, 16, 'javascript')));
  });

  it.each([
    ['tanh', 'linear'],
    ['relu', 'logistic'],
  ] as const)('%s units with %s output keep the step-by-step loop (Math.tanh, Math.exp)', (activation, output) => {
    const network: MlpNetwork = { hidden: [8], activation, output };
    const binary = { ...train, y: train.y.map((v) => (v > 0 ? 1 : 0)) };
    const solver: MlpSolverConfig = { kind: 'adam', learningRate: 0.01, epochs: 2, batchSize: 32, seed: 1 };
    const epochs = jest.spyOn(WasmDense.prototype, 'trainEpoch');
    const layout = mlpLayout(COLS, network);
    const data = output === 'logistic' ? binary : train;
    trainMlp({
      network,
      solver,
      penalty: { lambda: 0, l1Ratio: 0 },
      train: data,
      workspace: new MlpWorkspace(layout, 32, 'wasm', ROWS),
    });
    expect(epochs).not.toHaveBeenCalled();
  });
});
