/**
 * The two cross-products kernels (JavaScript, WebAssembly SIMD) give the same sums bit for bit, and both equal the
 * plain definition: every sum Σ_r x_j[r]·x_k[r] taken from 0 in row order within a block, then added to the running
 * sums block by block.
 */
import { mulberry32 } from '../src/cv/prng';
import { crossProducts, CrossProductsWorkspace, datasetCentre } from '../src/data/cross-products';
import { BLOCK_ROWS, JsLowerTriangle, type LowerTriangleKernel } from '../src/data/lower-triangle-kernel';
import { createWasmLowerTriangle } from '../src/data/wasm/wasm-lower-triangle';
import { syntheticDataset } from './helpers/synthetic';

/** Blocks of random values (mixed signs and magnitudes, so that rounding differs with the order of additions). */
function randomBlocks(q: number, lengths: number[], seed: number): Float64Array[][] {
  const rng = mulberry32(seed);
  const value = () => (rng() - 0.5) * 10 ** Math.floor(rng() * 6 - 3);
  return lengths.map((length) => Array.from({ length: q }, () => Float64Array.from({ length }, value)));
}

/** The definition, written out: each entry's sum over a block in row order, added to the running entry. */
function plainSums(q: number, blocks: Float64Array[][]): Float64Array {
  const sums = new Float64Array(q * q);
  for (const columns of blocks)
    for (let j = 0; j < q; j++)
      for (let k = 0; k <= j; k++) {
        let s = 0;
        for (let r = 0; r < columns[j].length; r++) s += columns[j][r] * columns[k][r];
        sums[j * q + k] += s;
      }
  return sums;
}

function kernelSums(kernel: LowerTriangleKernel, q: number, blocks: Float64Array[][]): Float64Array {
  const { block, columnStart, rowStep } = kernel.start(q);
  for (const columns of blocks) {
    columns.forEach((column, j) => column.forEach((v, r) => (block[columnStart[j] + r * rowStep] = v)));
    kernel.accumulate(columns[0].length);
  }
  const sums = new Float64Array(q * q);
  kernel.readLowerTriangle(sums);
  return sums;
}

/** The entries' bit patterns, so that equality means the same bits (toEqual would pass 0 against −0). */
const bitsOf = (values: Float64Array) => Array.from(new BigUint64Array(values.slice().buffer));

function wasmKernel() {
  const kernel = createWasmLowerTriangle();
  if (!kernel) throw new Error('Node 20 has WebAssembly SIMD; the kernel must instantiate here.');
  return kernel;
}

describe('lower-triangle kernels', () => {
  // Odd and even widths, one tile and several (32 columns a tile), row counts with and without a part block.
  const shapes: [number, number[]][] = [
    [1, [1]],
    [2, [3]],
    [3, [BLOCK_ROWS, 5]],
    [5, [7, BLOCK_ROWS]],
    [8, [BLOCK_ROWS, BLOCK_ROWS, 1]],
    [33, [BLOCK_ROWS, 17]],
    [37, [255]],
    [66, [BLOCK_ROWS, 100]],
    [102, [BLOCK_ROWS, 137]],
    [131, [61]],
  ];

  it.each(shapes)('give the plain sums bit for bit at %i columns, blocks of %j rows', (q, lengths) => {
    const blocks = randomBlocks(q, lengths, 17 * q + lengths.length);
    const plain = bitsOf(plainSums(q, blocks));
    expect(bitsOf(kernelSums(new JsLowerTriangle(), q, blocks))).toEqual(plain);
    expect(bitsOf(kernelSums(wasmKernel(), q, blocks))).toEqual(plain);
  });

  it('keep their sums right when one kernel serves wider, then narrower blocks (memory grown, views remade)', () => {
    const wasm = wasmKernel();
    const js = new JsLowerTriangle();
    for (const [q, seed] of [
      [9, 1],
      [301, 2],
      [12, 3],
      [301, 4],
    ]) {
      const blocks = randomBlocks(q, [BLOCK_ROWS, 40], seed);
      const plain = bitsOf(plainSums(q, blocks));
      expect(bitsOf(kernelSums(wasm, q, blocks))).toEqual(plain);
      expect(bitsOf(kernelSums(js, q, blocks))).toEqual(plain);
    }
  });

  it('write only the lower triangle', () => {
    const q = 7;
    const blocks = randomBlocks(q, [20], 3);
    for (const kernel of [new JsLowerTriangle(), wasmKernel()]) {
      const { block, columnStart, rowStep } = kernel.start(q);
      blocks[0].forEach((column, j) => column.forEach((v, r) => (block[columnStart[j] + r * rowStep] = v)));
      kernel.accumulate(20);
      const target = new Float64Array(q * q).fill(-7);
      kernel.readLowerTriangle(target);
      for (let j = 0; j < q; j++) for (let k = j + 1; k < q; k++) expect(target[j * q + k]).toBe(-7);
    }
  });

  // An odd and an even number of features: the WebAssembly gather writes the features in pairs, the last odd one alone.
  it.each([41, 40])('give crossProducts the same bits on either kernel at %i features, all rows and a subset', (p) => {
    const data = syntheticDataset({ rows: 1300, cols: p, model: 'linear', seed: 11, rho: 0.5, signals: 6 });
    const { centre, responseCentre } = datasetCentre(data);
    const rng = mulberry32(5);
    const subset = Int32Array.from({ length: 1300 }, (_, i) => i).filter(() => rng() < 0.7);
    for (const rows of [null, subset]) {
      const js = crossProducts(data, rows, centre, responseCentre, undefined, new CrossProductsWorkspace('js'));
      const wasm = crossProducts(data, rows, centre, responseCentre, undefined, new CrossProductsWorkspace('wasm'));
      expect(bitsOf(wasm.values)).toEqual(bitsOf(js.values));
      // And they are cross products: the constant's own entry counts the rows.
      expect(js.values[js.values.length - 1]).toBe(rows ? rows.length : 1300);
    }
  });
});

describe('a runtime without WebAssembly', () => {
  it('gets the JavaScript kernel from the workspace, with the same bits', () => {
    const data = syntheticDataset({ rows: 600, cols: 13, model: 'linear', seed: 3, rho: 0.3, signals: 4 });
    const { centre, responseCentre } = datasetCentre(data);
    const withWasm = crossProducts(data, null, centre, responseCentre);
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    let withoutWasm: Float64Array | undefined;
    delete global.WebAssembly;
    try {
      jest.isolateModules(() => {
        // A fresh copy of the modules, loaded while WebAssembly is missing (the module is compiled at load).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fresh = require('../src/data/cross-products') as typeof import('../src/data/cross-products');
        const workspace = new fresh.CrossProductsWorkspace();
        expect(workspace.kernel(15)).toBeInstanceOf(
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          (require('../src/data/lower-triangle-kernel') as typeof import('../src/data/lower-triangle-kernel'))
            .JsLowerTriangle,
        );
        expect(() => new fresh.CrossProductsWorkspace('wasm')).toThrow('no WebAssembly SIMD');
        withoutWasm = fresh.crossProducts(data, null, centre, responseCentre, undefined, workspace).values;
      });
    } finally {
      global.WebAssembly = saved;
    }
    expect(bitsOf(withoutWasm!)).toEqual(bitsOf(withWasm.values));
  });
});
