/**
 * A new worker thread runs the engine unoptimized until V8 has seen enough of it: on a sweep of four penalties on
 * 100000×200, each thread's first fold task of each penalty took 30–70 ms instead of 5–30, and two threads paid
 * that twice over (each isolate compiles its own code). So before a large sweep every thread fits a small synthetic
 * problem through the very routes the sweep's tasks take (shared memory, the cross products of row blocks, fold
 * tasks from them for none/l1/l2/elastic net, a logistic fold), with the same object shapes, while the main thread
 * loads the data and plans (~60 ms per thread).
 */
import type { Penalty, PenaltyKind } from '@regsweep/engine';
import type { FoldTaskMessage, RowsCrossProductsMessage, SharedDatasetMessage } from './fold-task.worker';

const ROWS = 600;
const COLS = 12;
const FOLDS = 2;
const KINDS: readonly PenaltyKind[] = ['none', 'l1', 'l2', 'elasticnet'];

export interface WarmUpTasks {
  runFoldTask(message: FoldTaskMessage): unknown;
  rowsCrossProducts(message: RowsCrossProductsMessage): void;
}

export function warmUpEngine(tasks: WarmUpTasks): void {
  const dataset = syntheticDataset();
  const size = COLS + 2;
  const centre = new SharedArrayBuffer(COLS * 8); // zero centre: fine for data centred near 0
  const blockRows = ROWS / FOLDS;
  const blocks = Array.from({ length: FOLDS }, (_, k) => {
    const chunk = Int32Array.from({ length: blockRows }, (_, i) => k * blockRows + i);
    const target = new SharedArrayBuffer(size * size * 8);
    tasks.rowsCrossProducts({ ...dataset, centre, responseCentre: 0, chunk, target });
    return { chunk, target };
  });
  const full = new SharedArrayBuffer(size * size * 8);
  const fullValues = new Float64Array(full);
  for (const { target } of blocks) {
    const values = new Float64Array(target);
    for (let i = 0; i < values.length; i++) fullValues[i] += values[i];
  }
  const all = Int32Array.from({ length: ROWS }, (_, i) => i);
  for (const kind of KINDS) {
    for (let fold = 0; fold <= FOLDS; fold++) {
      const validationRows = fold === 0 ? new Int32Array(0) : blocks[fold - 1].chunk;
      const trainRows = all.filter((row) => fold === 0 || Math.floor(row / blockRows) !== fold - 1);
      tasks.runFoldTask({
        ...dataset,
        fold: { fold, trainRows, validationRows },
        spec: linearSpec(kind),
        metric: 'mse',
        crossProducts: {
          centre,
          responseCentre: 0,
          full,
          validation: fold === 0 ? null : blocks[fold - 1].target,
          others: null,
        },
      });
    }
  }
  const binary = { ...dataset, y: binaryResponse(dataset.y), key: 'jit-warm-up-binary' };
  tasks.runFoldTask({
    ...binary,
    fold: { fold: 1, trainRows: all.subarray(blockRows), validationRows: all.subarray(0, blockRows) },
    spec: { ...linearSpec('l1'), model: 'logistic', lambdas: geometric(0.05, 20) },
    metric: 'logloss',
  });
}

/** y = x₀ + x₁/2 − x₂/4 + noise, features uniform on [−½, ½), from a fixed linear congruential sequence. */
function syntheticDataset(): SharedDatasetMessage {
  const x = new SharedArrayBuffer(ROWS * COLS * 8);
  const y = new SharedArrayBuffer(ROWS * 8);
  const xs = new Float64Array(x);
  const ys = new Float64Array(y);
  let state = 12345;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  for (let i = 0; i < xs.length; i++) xs[i] = uniform();
  for (let i = 0; i < ROWS; i++) ys[i] = xs[i] + 0.5 * xs[ROWS + i] - 0.25 * xs[2 * ROWS + i] + 0.3 * uniform();
  const names = Array.from({ length: COLS }, (_, j) => `x${j}`);
  return { x, y, rows: ROWS, cols: COLS, names, key: 'jit-warm-up' };
}

function binaryResponse(y: SharedArrayBuffer): SharedArrayBuffer {
  const labels = new SharedArrayBuffer(y.byteLength);
  const source = new Float64Array(y);
  const target = new Float64Array(labels);
  for (let i = 0; i < source.length; i++) target[i] = source[i] > 0 ? 1 : 0;
  return labels;
}

function linearSpec(kind: PenaltyKind): FoldTaskMessage['spec'] {
  const penalty: Penalty = { kind, l1Ratio: kind === 'l1' ? 1 : kind === 'elasticnet' ? 0.5 : 0 };
  return {
    model: 'linear',
    penalty,
    lambdas: kind === 'none' ? Float64Array.of(0) : geometric(0.5, 25),
    standardize: true,
    solver: { kind: 'cd', tolerance: 1e-7, maxIterations: 100_000 },
  };
}

/** count values from `largest` down by a factor 0.9 each. */
function geometric(largest: number, count: number): Float64Array {
  return Float64Array.from({ length: count }, (_, k) => largest * 0.9 ** k);
}
