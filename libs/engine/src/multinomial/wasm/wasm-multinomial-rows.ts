/**
 * The multinomial row kernels in WebAssembly SIMD (multinomial-rows.wat): two float64 multiplies, or adds, per
 * instruction where JavaScript has one. The same doubles as the JavaScript kernels bit for bit (see the .wat).
 *
 * Memory, byte addresses: a copy of z (column-major, n·p) at 0, then r (n), v (n) and η (classes·n).
 */
import type { MultinomialRowKernels } from '../row-kernels';
import type { ResidualSweep } from '../residual-sweeps';
import { compileModule, growMemoryTo, instantiate, type WasmMemory } from '../../wasm/wasm-module';
import { MULTINOMIAL_ROWS_WASM } from './multinomial-rows-wasm';

interface MultinomialRowsExports {
  memory: WasmMemory;
  squares: { value: number };
  sweep(
    zj: number,
    zq: number,
    r: number,
    w: number,
    n: number,
    delta: number,
    pending: number,
    squares: number,
  ): number;
  addFour(
    target: number,
    za: number,
    zb: number,
    zc: number,
    zd: number,
    ca: number,
    cb: number,
    cc: number,
    cd: number,
    n: number,
  ): void;
  addOne(target: number, z: number, c: number, n: number): void;
}

/** Compiled once per thread, when this module loads (wasm-module.ts says why); undefined without SIMD. */
const COMPILED = compileModule(MULTINOMIAL_ROWS_WASM);

/** Kernels with their own memory holding a copy of z, or undefined without WebAssembly SIMD or room for the data. */
export function createWasmRowKernels(
  z: Float64Array,
  n: number,
  p: number,
  classes: number,
): WasmRowKernels | undefined {
  const exports = instantiate<MultinomialRowsExports>(COMPILED);
  if (!exports || !growMemoryTo(exports.memory, 8 * (n * p + 2 * n + classes * n))) return undefined;
  return new WasmRowKernels(exports, z, n, p, classes);
}

export class WasmRowKernels implements MultinomialRowKernels {
  readonly residual: Float64Array;
  readonly weights: Float64Array;
  readonly eta: Float64Array;
  private readonly residualAt: number;
  private readonly weightsAt: number;
  private readonly etaAt: number;

  constructor(
    private readonly wasm: MultinomialRowsExports,
    z: Float64Array,
    private readonly n: number,
    p: number,
    classes: number,
  ) {
    // Views made after the memory has grown (growing detaches the old buffer); it does not grow again.
    const buffer = wasm.memory.buffer;
    new Float64Array(buffer, 0, n * p).set(z.subarray(0, n * p));
    this.residualAt = 8 * n * p;
    this.weightsAt = this.residualAt + 8 * n;
    this.etaAt = this.weightsAt + 8 * n;
    this.residual = new Float64Array(buffer, this.residualAt, n);
    this.weights = new Float64Array(buffer, this.weightsAt, n);
    this.eta = new Float64Array(buffer, this.etaAt, classes * n);
  }

  sweep(j: number, q: number, delta: number, squares: boolean, out: ResidualSweep): void {
    const columnBytes = 8 * this.n;
    const wasm = this.wasm;
    out.gradient = wasm.sweep(
      j * columnBytes,
      q >= 0 ? q * columnBytes : 0,
      this.residualAt,
      this.weightsAt,
      this.n,
      delta,
      q >= 0 ? 1 : 0,
      squares ? 1 : 0,
    );
    out.squares = wasm.squares.value;
  }

  addScaledColumns(offset: number, features: Int32Array, changes: Float64Array, count: number): void {
    const n = this.n;
    const columnBytes = 8 * n;
    const target = this.etaAt + 8 * offset;
    const wasm = this.wasm;
    let l = 0;
    for (; l + 4 <= count; l += 4) {
      wasm.addFour(
        target,
        features[l] * columnBytes,
        features[l + 1] * columnBytes,
        features[l + 2] * columnBytes,
        features[l + 3] * columnBytes,
        changes[l],
        changes[l + 1],
        changes[l + 2],
        changes[l + 3],
        n,
      );
    }
    for (; l < count; l++) wasm.addOne(target, features[l] * columnBytes, changes[l], n);
  }
}
