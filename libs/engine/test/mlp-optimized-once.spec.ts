/**
 * trainMlp, once V8 has optimized it, stays optimized when it trains in a second workspace (another layout: another
 * WebAssembly instance and new buffer objects), as a worker thread's next layout does. Where it did not, every pool
 * thread compiled trainMlp a second time on the sweep's cores (wasm-buffers.ts, wasm-dense.ts's trainEpoch).
 * V8's own optimization status, read through its natives syntax (--allow-natives-syntax, set here): V8 11 (Node 20).
 */
import { setFlagsFromString } from 'node:v8';
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

function fitIn(network: MlpNetwork) {
  const workspace = trainingWorkspace(mlpLayout(COLS, network), solver, train.rows, validation.rows);
  return () =>
    trainMlp({ network, solver, penalty: { lambda: 1e-4, l1Ratio: 0 }, train, validation, workspace }).status;
}

describe('trainMlp optimized once per thread', () => {
  it('keeps its optimized code when it trains in the next workspace, of another layout', () => {
    const first = fitIn(relu(8));
    prepareForOptimization(trainMlp);
    // Enough fits that the calls inside are hot, as in a sweep: V8 builds hot callees into the optimized code.
    for (let fit = 0; fit < 20; fit++) expect(first()).toBe('ok');
    optimizeOnNextCall(trainMlp);
    expect(first()).toBe('ok');
    expect(optimizationStatus(trainMlp) & OPTIMIZED).toBe(OPTIMIZED);
    const second = fitIn(relu(12));
    expect(second()).toBe('ok');
    expect(optimizationStatus(trainMlp) & OPTIMIZED).toBe(OPTIMIZED);
  });
});
