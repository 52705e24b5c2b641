/**
 * The cross products' kernel in WebAssembly SIMD (lower-triangle.wat): two float64 multiplies, or adds, per instruction
 * where JavaScript has one, on blocks gathered straight into the module's memory (no copy). Same sums as the
 * JavaScript kernel bit for bit (see the .wat).
 *
 * Memory: the block at byte 0 (pairs of columns, 4096 bytes a pair, w columns: q rounded up to a multiple of 4, as
 * the .wat multiplies four columns by four), then the w × w sums, pair-major (see the .wat).
 */
import { BLOCK_ROWS, type BlockLayout, type LowerTriangleKernel } from '../lower-triangle-kernel';
import { compileModule, growMemoryTo, instantiate, type WasmMemory } from '../../wasm/wasm-module';
import { LOWER_TRIANGLE_WASM } from './lower-triangle-wasm';

interface LowerTriangleExports {
  memory: WasmMemory;
  blockRows: { value: number };
  tile(
    block: number,
    sums: number,
    w: number,
    length: number,
    jFirst: number,
    jEnd: number,
    kFirst: number,
    kEnd: number,
  ): void;
}

/** Columns per tile: two tiles of the block (2 × 32 × 256 × 8 B = 128 KB) stay in a core's L2 cache. */
const TILE_COLUMNS = 32;

/** Compiled once per thread, when this module loads (wasm-module.ts says why). */
const COMPILED = compileModule(LOWER_TRIANGLE_WASM);

/** A kernel with its own memory, or undefined where WebAssembly SIMD is unavailable. */
export function createWasmLowerTriangle(): WasmLowerTriangle | undefined {
  const exports = instantiate<LowerTriangleExports>(COMPILED);
  if (!exports) return undefined;
  if (exports.blockRows.value !== BLOCK_ROWS) throw new Error('lower-triangle.wat is built for another block size.');
  return new WasmLowerTriangle(exports);
}

/** w: q rounded up to a multiple of 4, the columns the block holds and the sums' row width. */
const widthOf = (q: number) => Math.ceil(q / 4) * 4;

/** The sums' byte address: after the block's w/2 pairs of columns. */
function sumsStart(q: number): number {
  return widthOf(q) * 8 * BLOCK_ROWS;
}

export class WasmLowerTriangle implements LowerTriangleKernel {
  private q = 0;
  private sumsAt = 0;
  private layout: BlockLayout | undefined;

  constructor(private readonly wasm: LowerTriangleExports) {}

  /** Whether the memory holds (or could grow to hold) a q-column block and its sums: 32-bit memory ends at 4 GB. */
  canHold(q: number): boolean {
    return growMemoryTo(this.wasm.memory, sumsStart(q) + widthOf(q) ** 2 * 8);
  }

  start(q: number): BlockLayout {
    if (!this.canHold(q)) throw new RangeError(`No WebAssembly memory for ${q} columns.`);
    const memory = this.wasm.memory;
    const sumsAt = sumsStart(q);
    new Float64Array(memory.buffer, sumsAt, widthOf(q) ** 2).fill(0);
    // Growing detaches the old buffer, so the views are made again after it.
    if (this.q !== q || this.layout?.block.buffer !== memory.buffer) {
      const columnStart = Int32Array.from({ length: q }, (_, j) => (j >> 1) * 2 * BLOCK_ROWS + (j & 1));
      this.layout = { block: new Float64Array(memory.buffer, 0, sumsAt / 8), columnStart, rowStep: 2 };
    }
    // The columns from q up to the block's end are multiplied and their sums dropped: zeros, not whatever an earlier
    // shape left there (a non-finite or subnormal value would only cost time, but the time of every multiply).
    if (q % 4 !== 0) this.layout.block.fill(0, (q >> 1) * 2 * BLOCK_ROWS);
    this.q = q;
    this.sumsAt = sumsAt;
    return this.layout;
  }

  accumulate(length: number): void {
    const q = this.q;
    for (let jTile = 0; jTile < q; jTile += TILE_COLUMNS) {
      const jEnd = Math.min(q, jTile + TILE_COLUMNS);
      for (let kTile = 0; kTile <= jTile; kTile += TILE_COLUMNS)
        this.wasm.tile(0, this.sumsAt, widthOf(q), length, jTile, jEnd, kTile, kTile + TILE_COLUMNS);
    }
  }

  readLowerTriangle(target: Float64Array): void {
    const q = this.q;
    const w = widthOf(q);
    const sums = new Float64Array(this.wasm.memory.buffer, this.sumsAt, w * w);
    // (j, k) at ((j >> 1)·w + k)·2 + (j & 1), in float64s.
    for (let j = 0; j < q; j++) {
      const from = (j >> 1) * 2 * w + (j & 1);
      for (let k = 0; k <= j; k++) target[j * q + k] = sums[from + 2 * k];
    }
  }
}
