/**
 * trainMlp (and a layer of the step-by-step training), once V8 has optimized it, stays optimized when it trains in a
 * second workspace (another layout: another WebAssembly instance and new buffer objects), as a worker thread's next
 * layout does. Where it did not, every pool thread compiled them a second time on the sweep's cores (wasm-buffers.ts,
 * and WasmDense's calls into the module).
 * V8's own optimization status, read through its natives syntax (--allow-natives-syntax, set here): V8 11 (Node 20).
 */
import { setFlagsFromString } from 'node:v8';
import { layerForward } from '../src/mlp/layer-kernels';
import { mlpLayout } from '../src/mlp/layout';
import { trainingWorkspace, trainMlp } from '../src/mlp/train';
import type { MlpNetwork, MlpSolverConfig } from '../src/mlp/types';
import { normalSource } from './helpers/synthetic';

setFlagsFromString('--allow-natives-syntax');
type Natives = (fn: unknown) => number;
// Parsed after the flag is set, so the % calls compile.
const natives = (body: string): Natives => new Function('fn', body) as Natives;
const prepareForOptimization = natives('%PrepareFunctionForOptimization(fn); return 0;');
const optimizeOnNextCall = natives('%OptimizeFunctionOnNextCall(fn); return 0;');
const optimizationStatus = natives('return %GetOptimizationStatus(fn);');
/** The bit of V8's OptimizationStatus (src/runtime/runtime.h) set while the function has optimized code. */
const OPTIMIZED = 1 << 4;

const COLS = 6;
const normal = normalSource(17);
function rows(count: number): { rows: number; cols: number; x: Float64Array; y: Float64Array } {
  const x = Float64Array.from({ length: count * COLS }, () => normal());
  const y = Float64Array.from({ length: count }, (_, i) => Math.sin(2 * x[i * COLS]) + x[i * COLS + 1]);
  return { rows: count, cols: COLS, x, y };
}

const train = rows(64);
const validation = rows(32);
const solver: MlpSolverConfig = { kind: 'adam', learningRate: 0.01, epochs: 3, batchSize: 16, seed: 3 };
const relu = (units: number): MlpNetwork => ({ hidden: [units], activation: 'relu', output: 'linear' });
// tanh is trained step by step, one module call per kernel and batch (fused-epoch.ts: only relu is fused).
const tanh = (units: number): MlpNetwork => ({ hidden: [units], activation: 'tanh', output: 'linear' });

function fitIn(network: MlpNetwork) {
  const workspace = trainingWorkspace(mlpLayout(COLS, network), solver, train.rows, validation.rows);
  return () =>
    trainMlp({ network, solver, penalty: { lambda: 1e-4, l1Ratio: 0 }, train, validation, workspace }).status;
}

/** Optimizes `fn` while fitting in a workspace of one layout, then fits in one of another; fn's status after. */
function statusAfterNextWorkspace(fn: unknown, first: MlpNetwork, next: MlpNetwork): number {
  const fitFirst = fitIn(first);
  prepareForOptimization(fn);
  // Enough fits that the calls inside are hot, as in a sweep: V8 builds hot callees into the optimized code.
  for (let fit = 0; fit < 20; fit++) expect(fitFirst()).toBe('ok');
  optimizeOnNextCall(fn);
  expect(fitFirst()).toBe('ok');
  expect(optimizationStatus(fn) & OPTIMIZED).toBe(OPTIMIZED);
  expect(fitIn(next)()).toBe('ok');
  return optimizationStatus(fn);
}

describe('the training code optimized once per thread', () => {
  it('trainMlp keeps its optimized code when it trains in the next workspace, of another layout', () => {
    expect(statusAfterNextWorkspace(trainMlp, relu(8), relu(12)) & OPTIMIZED).toBe(OPTIMIZED);
  });

  // The first workspaces of the file for these call sites: trainMlp's fused epochs above make none of these calls.
  it("so does a layer's forward pass in the step-by-step training (a tanh network)", () => {
    expect(statusAfterNextWorkspace(layerForward, tanh(8), tanh(12)) & OPTIMIZED).toBe(OPTIMIZED);
  });
});
