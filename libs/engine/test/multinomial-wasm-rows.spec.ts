/**
 * The multinomial row kernels in WebAssembly SIMD (wasm/multinomial-rows.wat) against their JavaScript fallback
 * (row-kernels.ts's JsRowKernels on residual-sweeps.ts and column-blocks.ts): the same doubles bit for bit, kernel
 * by kernel and over a whole λ path. n = 1003 and 1001 leave remainders after the groups of four rows (3 and 1),
 * n = 1000 none, n = 3 has no group at all; 7 features leave a remainder after the blocks of four columns.
 */
import { JsRowKernels } from '../src/multinomial/row-kernels';
import { createWasmRowKernels } from '../src/multinomial/wasm/wasm-multinomial-rows';
import { multinomialLambdaMax } from '../src/multinomial/multinomial-lambda';
import type { MultinomialPointFit } from '../src/multinomial/types';
import { syntheticMulticlass } from './helpers/multinomial-synthetic';
import { allRows } from './helpers/read-csv';
import { normalSource } from './helpers/synthetic';

const p = 7;
const classes = 3;

function bitsOf(values: Float64Array | number[]): string[] {
  const view = new DataView(new ArrayBuffer(8));
  return Array.from(values, (value) => {
    view.setFloat64(0, value);
    return view.getBigUint64(0).toString(16);
  });
}

describe.each([1003, 1001, 1000, 3])('WebAssembly row kernels, n = %i', (n) => {
  const normal = normalSource(n);
  const z = Float64Array.from({ length: n * p }, () => normal());
  const r0 = Float64Array.from({ length: n }, () => normal() / n);
  const w0 = Float64Array.from({ length: n }, () => Math.abs(normal()) / n);
  const eta0 = Float64Array.from({ length: classes * n }, () => normal());

  function pair() {
    const wasm = createWasmRowKernels(z, n, p, classes);
    if (!wasm) throw new Error('no WebAssembly SIMD in this runtime');
    const js = new JsRowKernels(z, n, classes);
    for (const kernels of [wasm, js]) {
      kernels.residual.set(r0);
      kernels.weights.set(w0);
      kernels.eta.set(eta0);
    }
    return { wasm, js };
  }

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('sweep with a pending update %s, with xv_j %s: the same r, ⟨z_j, r⟩ and xv_j', (pending, squares) => {
    const { wasm, js } = pair();
    const outWasm = { gradient: NaN, squares: NaN };
    const outJs = { gradient: NaN, squares: NaN };
    // Several steps in a row, as the solver makes them: each feature's sweep carries the previous one's update.
    let q = pending ? 4 : -1;
    for (const [j, delta] of [
      [2, 0.37],
      [6, -1.25],
      [0, 3e-4],
    ] as const) {
      wasm.sweep(j, q, delta, squares, outWasm);
      js.sweep(j, q, delta, squares, outJs);
      expect(bitsOf([outWasm.gradient, outWasm.squares])).toEqual(bitsOf([outJs.gradient, outJs.squares]));
      expect(bitsOf(wasm.residual)).toEqual(bitsOf(js.residual));
      if (pending) q = j;
    }
    expect(outJs.gradient).not.toBe(0);
    if (squares) expect(outJs.squares).toBeGreaterThan(0);
    if (pending) expect(bitsOf(js.residual)).not.toEqual(bitsOf(r0));
  });

  it('addScaledColumns: the same η, in every class', () => {
    const { wasm, js } = pair();
    const features = Int32Array.of(6, 0, 3, 5, 1, 2, 4);
    for (let k = 0; k < classes; k++) {
      const changes = Float64Array.from({ length: p }, () => normal());
      const count = p - k; // 7, 6, 5 moved features: remainders 3, 2, 1 after the blocks of four
      wasm.addScaledColumns(k * n, features, changes, count);
      js.addScaledColumns(k * n, features, changes, count);
    }
    expect(bitsOf(wasm.eta)).toEqual(bitsOf(js.eta));
    expect(bitsOf(js.eta)).not.toEqual(bitsOf(eta0));
  });
});

describe('a multinomial λ path with and without WebAssembly', () => {
  it('gives the same intercepts and coefficients bit for bit', () => {
    const data = syntheticMulticlass({ rows: 301, cols: 9, classes: 4, seed: 5, signals: 5 });
    const penalty = { kind: 'l1', l1Ratio: 1 } as const;
    const rows = allRows(data);
    // 20 values from λ_max down to λ_max/1000, geometric.
    const top = multinomialLambdaMax(data, rows, 1, true, false);
    const lambdas = Float64Array.from({ length: 20 }, (_, l) => top * 1e-3 ** (l / 19));
    const spec = {
      penalty,
      lambdas,
      standardize: true,
      grouped: false,
      solver: { kind: 'cd', tolerance: 1e-10, maxIterations: 100_000 },
    } as const;
    const fitAll = (module: typeof import('../src/multinomial/multinomial-path')) =>
      module.fitMultinomialPath(data, rows, spec);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const withWasm = fitAll(require('../src/multinomial/multinomial-path'));
    const global = globalThis as { WebAssembly?: unknown };
    const saved = global.WebAssembly;
    let withoutWasm: MultinomialPointFit[] = [];
    delete global.WebAssembly;
    try {
      jest.isolateModules(() => {
        // A fresh copy of the modules, loaded while WebAssembly is missing (the module is compiled at load).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        withoutWasm = fitAll(require('../src/multinomial/multinomial-path'));
      });
    } finally {
      global.WebAssembly = saved;
    }
    expect(withoutWasm.length).toBe(lambdas.length);
    const nonzero = withWasm.at(-1)!.coefficients.filter((value) => value !== 0).length;
    expect(nonzero).toBeGreaterThan(5);
    for (let l = 0; l < withWasm.length; l++) {
      expect(bitsOf(withWasm[l].coefficients)).toEqual(bitsOf(withoutWasm[l].coefficients));
      expect(bitsOf(withWasm[l].intercepts)).toEqual(bitsOf(withoutWasm[l].intercepts));
    }
  });
});
