/**
 * The cross products' kernel in WebAssembly SIMD (lower-triangle.wat): two float64 multiplies, or adds, per instruction
 * where JavaScript has one, on blocks gathered straight into the module's memory (no copy). Same sums as the
 * JavaScript kernel bit for bit (see the .wat).
 *
 * Memory: the block at byte 0 (pairs of columns, 4096 bytes a pair), then the q × q sums, row-major.
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
    q: number,
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

/** The sums' byte address: after the block's pairs of columns. */
function sumsStart(q: number): number {
  return Math.ceil(q / 2) * 16 * BLOCK_ROWS;
}

export class WasmLowerTriangle implements LowerTriangleKernel {
  private q = 0;
  private sumsAt = 0;
  private layout: BlockLayout | undefined;

  constructor(private readonly wasm: LowerTriangleExports) {}

  /** Whether the memory holds (or could grow to hold) a q-column block and its sums: 32-bit memory ends at 4 GB. */
  canHold(q: number): boolean {
    return growMemoryTo(this.wasm.memory, sumsStart(q) + q * q * 8);
  }

  start(q: number): BlockLayout {
    if (!this.canHold(q)) throw new RangeError(`No WebAssembly memory for ${q} columns.`);
    const memory = this.wasm.memory;
    const sumsAt = sumsStart(q);
    new Float64Array(memory.buffer, sumsAt, q * q).fill(0);
    // Growing detaches the old buffer, so the views are made again after it.
    if (this.q !== q || this.layout?.block.buffer !== memory.buffer) {
      const columnStart = Int32Array.from({ length: q }, (_, j) => (j >> 1) * 2 * BLOCK_ROWS + (j & 1));
      this.layout = { block: new Float64Array(memory.buffer, 0, sumsAt / 8), columnStart, rowStep: 2 };
    }
    this.q = q;
    this.sumsAt = sumsAt;
    return this.layout;
  }

  accumulate(length: number): void {
    const q = this.q;
    for (let jTile = 0; jTile < q; jTile += TILE_COLUMNS) {
      const jEnd = Math.min(q, jTile + TILE_COLUMNS);
      for (let kTile = 0; kTile <= jTile; kTile += TILE_COLUMNS)
        this.wasm.tile(0, this.sumsAt, q, length, jTile, jEnd, kTile, kTile + TILE_COLUMNS);
    }
  }

  readLowerTriangle(target: Float64Array): void {
    const q = this.q;
    const sums = new Float64Array(this.wasm.memory.buffer, this.sumsAt, q * q);
    for (let j = 0; j < q; j++) target.set(sums.subarray(j * q, j * q + j + 1), j * q);
  }
}
