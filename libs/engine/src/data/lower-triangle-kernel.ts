/**
 * The cross products' kernel (sums[j·q + k] += Σ_r x_j[r]·x_k[r], k ≤ j, block by block) behind one interface, with
 * two implementations: scalar JavaScript (below, on lower-triangle.ts) and WebAssembly SIMD
 * (wasm/wasm-lower-triangle.ts). Both give the same sums bit for bit; CrossProductsWorkspace chooses.
 */
import { accumulateLowerTriangle } from './lower-triangle';

/** Rows per block: the kernels' layouts and the cross products' gather loop are built on it. */
export const BLOCK_ROWS = 256;

/** Where a block's columns go: column j's row r at block[columnStart[j] + r·rowStep]. */
export interface BlockLayout {
  readonly block: Float64Array;
  readonly columnStart: Int32Array;
  readonly rowStep: number;
}

export interface LowerTriangleKernel {
  /** Sets the sums of a q-column block to zero and returns where to gather the block's rows (valid until the next start). */
  start(q: number): BlockLayout;
  /** Adds the products of the block's first `length` rows (1 ≤ length ≤ BLOCK_ROWS) to the sums. */
  accumulate(length: number): void;
  /** Writes the sums' lower triangle (k ≤ j) to target[j·q + k]; the other entries are left as they were. */
  readLowerTriangle(target: Float64Array): void;
}

/** The scalar JavaScript kernel: column-major blocks, column j at block[j·BLOCK_ROWS, …). */
export class JsLowerTriangle implements LowerTriangleKernel {
  private block = new Float64Array(0);
  private sums = new Float64Array(0);
  private layout: BlockLayout | undefined;
  private q = 0;

  start(q: number): BlockLayout {
    // A fresh multi-MB typed array costs page faults on first touch: the arrays are kept from block to block.
    if (this.block.length < q * BLOCK_ROWS) this.block = new Float64Array(q * BLOCK_ROWS);
    if (this.sums.length < q * q) this.sums = new Float64Array(q * q);
    this.sums.fill(0, 0, q * q);
    if (this.q !== q || this.layout?.block !== this.block) {
      const columnStart = Int32Array.from({ length: q }, (_, j) => j * BLOCK_ROWS);
      this.layout = { block: this.block, columnStart, rowStep: 1 };
    }
    this.q = q;
    return this.layout;
  }

  accumulate(length: number): void {
    accumulateLowerTriangle(this.block, BLOCK_ROWS, this.q, length, this.sums);
  }

  readLowerTriangle(target: Float64Array): void {
    const q = this.q;
    for (let j = 0; j < q; j++) target.set(this.sums.subarray(j * q, j * q + j + 1), j * q);
  }
}
