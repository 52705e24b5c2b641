/**
 * The multinomial row kernels in WebAssembly SIMD (multinomial-rows.wat): two float64 multiplies, or adds, per
 * instruction where JavaScript has one. The same doubles as the JavaScript kernels bit for bit (see the .wat).
 *
 * Memory, byte addresses: a copy of z (column-major, n·p) at 0, then r (n), v (n) and η (classes·n).
 */
import type { MultinomialRowKernels } from '../row-kernels';
import type { ResidualSweep } from '../residual-sweeps';
import { MULTINOMIAL_ROWS_WASM } from './multinomial-rows-wasm';

/** The slice of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
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

const PAGE_BYTES = 65536;
/** 32-bit memory: 65536 pages of 64 KiB. */
const MAX_PAGES = 65536;

/** Compiled once per thread, when this module loads (as wasm-lower-triangle.ts); undefined without SIMD. */
const COMPILED = compile();

function compile(): object | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) return undefined;
  const bytes = Uint8Array.from(atob(MULTINOMIAL_ROWS_WASM), (c) => c.charCodeAt(0));
  return api.validate(bytes) ? new api.Module(bytes) : undefined;
}

/** Kernels with their own memory holding a copy of z, or undefined without WebAssembly SIMD or room for the data. */
export function createWasmRowKernels(
  z: Float64Array,
  n: number,
  p: number,
  classes: number,
): WasmRowKernels | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!COMPILED || !api) return undefined;
  const bytes = 8 * (n * p + 2 * n + classes * n);
  const pages = Math.ceil(bytes / PAGE_BYTES);
  if (pages > MAX_PAGES) return undefined;
  const exports = new api.Instance(COMPILED).exports as unknown as MultinomialRowsExports;
  const memory = exports.memory;
  const have = memory.buffer.byteLength / PAGE_BYTES;
  if (pages > have) {
    try {
      memory.grow(pages - have);
    } catch (error) {
      if (error instanceof RangeError) return undefined;
      throw error;
    }
  }
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
