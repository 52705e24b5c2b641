/**
 * The MLP's dense products in WebAssembly SIMD (mlp/wasm/dense.wat) against the plain definitions and against the
 * JavaScript kernels they replace, which stay the fallback: every output the same number (=== , so an exact zero
 * may differ only in its sign), on shapes that reach every column tile (16, 8, 2 and the odd 1) and with factors that
 * have exact zeros (relu units switched off) and factors that have none.
 */
import { MlpWorkspace, dataLossAndGradient } from '../src/mlp/backprop';
import { denseBackward, denseForward, type KernelScratch } from '../src/mlp/kernels';
import { denseWeightGradient } from '../src/mlp/kernels-gradient';
import { mlpLayout } from '../src/mlp/layout';
import { createOptimizer } from '../src/mlp/optimizers';
import { trainMlp } from '../src/mlp/train';
import type { MlpActivation, MlpNetwork, MlpOutput } from '../src/mlp/types';
import { createWasmDense, WASM_DENSE_AVAILABLE, type WasmDense } from '../src/mlp/wasm/wasm-dense';
import { normalSource, uniformSource } from './helpers/synthetic';

/** Normal values with about `zeros` of them exactly 0. */
function values(length: number, zeros: number, seed: number): Float64Array {
  const normal = normalSource(seed);
  const uniform = uniformSource(seed + 1);
  return Float64Array.from({ length }, () => (uniform() < zeros ? 0 : normal()));
}

function expectSame(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  const differing = Array.from(actual.keys()).filter((i) => actual[i] !== expected[i]);
  expect(differing.map((i) => [i, actual[i], expected[i]])).toEqual([]);
}

function scratchFor(length: number): KernelScratch {
  return { offsets: new Int32Array(length), values: new Float64Array(length), offsets2: new Int32Array(length) };
}

// (rows, fanIn, fanOut): 16- and 8-column tiles with and without leftovers, odd widths, single columns and rows.
const shapes: [number, number, number][] = [
  [7, 5, 3],
  [11, 20, 64],
  [4, 33, 17],
  [9, 1, 35],
  [1, 16, 1],
  [13, 64, 5],
  [6, 2, 2],
  [5, 10, 27],
  [8, 27, 10],
];
const cases = shapes.flatMap(([rows, fanIn, fanOut], s) =>
  [0, 0.5].map((zeros, z) => ({ rows, fanIn, fanOut, zeros, seed: 100 * s + 10 * z + 1 })),
);

describe('WebAssembly dense kernels', () => {
  it('run on this runtime (Node 20 validates WebAssembly SIMD), so the workspace uses them', () => {
    expect(WASM_DENSE_AVAILABLE).toBe(true);
    const layout = mlpLayout(3, { hidden: [4], activation: 'relu', output: 'linear' });
    expect(new MlpWorkspace(layout, 5).wasm).toBeDefined();
    expect(new MlpWorkspace(layout, 5, 'javascript').wasm).toBeUndefined();
  });

  describe.each(cases)('rows $rows, $fanIn → $fanOut, zeros $zeros', ({ rows, fanIn, fanOut, zeros, seed }) => {
    const weightCount = fanIn * fanOut;
    const parameterCount = 3 + weightCount + fanOut; // weights at 3, biases after them: offsets are honoured.
    const setUp = (): { wasm: WasmDense; views: Float64Array[] } => {
      const lengths = [
        parameterCount,
        rows * fanIn,
        rows * fanOut,
        rows * fanIn,
        weightCount,
        Math.max(weightCount, rows),
      ];
      const wasm = createWasmDense(lengths, Math.max(rows, fanIn, fanOut));
      if (!wasm) throw new Error('WebAssembly SIMD unavailable');
      const [parameters, input, delta] = wasm.buffers;
      parameters.set(values(parameterCount, 0.1, seed));
      input.set(values(rows * fanIn, zeros, seed + 2));
      delta.set(values(rows * fanOut, zeros, seed + 4));
      return { wasm, views: [...wasm.buffers] };
    };

    it('forward: Z[i, j] = b_j + Σ_k A[i, k]·W[k, j], k ascending, relu or not', () => {
      const { wasm, views } = setUp();
      const [parameters, input, out] = views;
      for (const relu of [false, true]) {
        wasm.forward(parameters, 3, 3 + weightCount, input, fanIn, fanOut, rows, out, relu);
        const plain = new Float64Array(rows * fanOut);
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < fanOut; j++) {
            let s = parameters[3 + weightCount + j];
            for (let k = 0; k < fanIn; k++) s += input[i * fanIn + k] * parameters[3 + k * fanOut + j];
            plain[i * fanOut + j] = relu && !(s > 0) ? 0 : s;
          }
        expectSame(out, plain);
        const javascript = new Float64Array(rows * fanOut);
        const p = Float64Array.from(parameters);
        denseForward(
          p,
          3,
          3 + weightCount,
          Float64Array.from(input),
          fanIn,
          fanOut,
          rows,
          javascript,
          relu,
          scratchFor(64),
        );
        expectSame(out, javascript);
      }
    });

    it('backward: below[i, k] = Σ_j δ[i, j]·W[k, j], j ascending, 0 where a relu unit is off', () => {
      const { wasm, views } = setUp();
      const [parameters, activated, delta, below, transposedWeights] = views;
      for (const relu of [false, true]) {
        wasm.backward(parameters, 3, delta, activated, fanIn, fanOut, rows, below, relu, transposedWeights);
        const plain = new Float64Array(rows * fanIn);
        for (let i = 0; i < rows; i++)
          for (let k = 0; k < fanIn; k++) {
            let s = 0;
            for (let j = 0; j < fanOut; j++) s += delta[i * fanOut + j] * parameters[3 + k * fanOut + j];
            plain[i * fanIn + k] = relu && activated[i * fanIn + k] <= 0 ? 0 : s;
          }
        expectSame(below, plain);
        const javascript = new Float64Array(rows * fanIn);
        const [p, a, d] = [parameters, activated, delta].map((v) => Float64Array.from(v));
        denseBackward(p, 3, d, a, fanIn, fanOut, rows, javascript, relu, scratchFor(64));
        expectSame(below, javascript);
      }
    });

    it('weight gradient: ∂W[k, j] = Σ_i A[i, k]·δ[i, j], i ascending, skipping either factor’s zeros', () => {
      const { wasm, views } = setUp();
      const [gradient, input, delta, , , transposed] = views;
      const plain = new Float64Array(weightCount);
      for (let k = 0; k < fanIn; k++)
        for (let j = 0; j < fanOut; j++) {
          let s = 0;
          for (let i = 0; i < rows; i++) s += input[i * fanIn + k] * delta[i * fanOut + j];
          plain[k * fanOut + j] = s;
        }
      const javascript = new Float64Array(3 + weightCount);
      const [a, d] = [input, delta].map((v) => Float64Array.from(v));
      denseWeightGradient(javascript, 3, a, d, fanIn, fanOut, rows, new Float64Array(weightCount), scratchFor(64));
      for (const skipInput of [true, false]) {
        gradient.fill(NaN);
        wasm.weightGradient(gradient, 3, input, delta, fanIn, fanOut, rows, skipInput, transposed);
        expectSame(gradient.subarray(3, 3 + weightCount), plain);
        expectSame(gradient.subarray(3, 3 + weightCount), javascript.subarray(3));
      }
    });

    it('one-unit forward: z_i = b + Σ_k A[i, k]·w_k, k ascending, rows in pairs and an odd last one', () => {
      const { wasm, views } = setUp();
      const [parameters, input, out] = views;
      out.fill(NaN);
      wasm.forwardOneUnit(parameters, 3, parameters[0], input, fanIn, rows, out);
      const plain = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let s = parameters[0];
        for (let k = 0; k < fanIn; k++) s += input[i * fanIn + k] * parameters[3 + k];
        plain[i] = s;
      }
      expectSame(out.subarray(0, rows), plain);
    });

    it('bias gradient: ∂b_j = Σ_i δ[i, j], i ascending', () => {
      const { wasm, views } = setUp();
      const [gradient, , delta, , , ones] = views;
      ones.fill(1);
      gradient.fill(NaN);
      wasm.biasGradient(gradient, 3, delta, fanOut, rows, ones);
      const plain = new Float64Array(fanOut);
      for (let i = 0; i < rows; i++) for (let j = 0; j < fanOut; j++) plain[j] += delta[i * fanOut + j];
      expectSame(gradient.subarray(3, 3 + fanOut), plain);
    });
  });

  it.each([3, 4])(
    'adam on %i inputs → 5 units (even and odd parameter counts): in WebAssembly, the same parameters as JavaScript',
    (cols) => {
      const layout = mlpLayout(cols, { hidden: [5], activation: 'relu', output: 'linear' });
      const wasm = new MlpWorkspace(layout, 4).wasm;
      if (!wasm) throw new Error('WebAssembly SIMD unavailable');
      const config = { kind: 'adam', learningRate: 0.01, epochs: 1, seed: 1 } as const;
      const inWasm = createOptimizer(config, layout.parameterCount, wasm);
      const inJavaScript = createOptimizer(config, layout.parameterCount);
      const start = values(layout.parameterCount, 0.2, 21);
      wasm.parameters.set(start);
      const parameters = Float64Array.from(start);
      const kernel = jest.spyOn(wasm.dense, 'adam');
      for (let step = 0; step < 5; step++) {
        const gradient = values(layout.parameterCount, 0.2, 30 + step);
        wasm.gradient.set(gradient);
        inWasm.step(wasm.parameters, wasm.gradient);
        inJavaScript.step(parameters, gradient);
      }
      expect(kernel).toHaveBeenCalledTimes(5);
      expect(parameters.some((v, i) => v !== start[i])).toBe(true);
      expectSame(wasm.parameters, parameters);
    },
  );

  const networks: [MlpActivation, MlpOutput, number[]][] = [
    ['relu', 'linear', [20, 17]],
    ['relu', 'softmax', [33]],
    ['tanh', 'logistic', [9, 5, 3]],
    ['logistic', 'softmax', [18]],
    ['relu', 'logistic', []],
  ];
  it.each(networks)(
    '%s units, %s output, hidden %j: the same loss and gradient as the JavaScript kernels',
    (activation, output, hidden) => {
      const cols = 7;
      const rows = 29;
      const network: MlpNetwork = { hidden, activation, output, ...(output === 'softmax' ? { classes: 4 } : {}) };
      const layout = mlpLayout(cols, network);
      const x = values(rows * cols, 0.2, 7);
      const uniform = uniformSource(9);
      const y = Float64Array.from({ length: rows }, (_, i) =>
        output === 'linear' ? uniform() : output === 'softmax' ? i % 4 : i % 2,
      );
      const parameters = values(layout.parameterCount, 0, 11).map((v) => 0.5 * v);
      const results = (['wasm', 'javascript'] as const).map((kernels) => {
        const gradient = new Float64Array(layout.parameterCount);
        const workspace = new MlpWorkspace(layout, rows, kernels);
        const loss = dataLossAndGradient(network, parameters, x, y, rows, workspace, gradient);
        return { loss, gradient };
      });
      expect(results[0].loss).toBe(results[1].loss);
      expectSame(results[0].gradient, results[1].gradient);
    },
  );

  it('mini-batch training, batches gathered in the module (odd width, a short last batch), matches JavaScript', () => {
    const cols = 7;
    const rows = 45;
    const network: MlpNetwork = { hidden: [12], activation: 'relu', output: 'linear' };
    const uniform = uniformSource(4);
    const train = { rows, cols, x: values(rows * cols, 0.1, 3), y: Float64Array.from({ length: rows }, uniform) };
    const solver = { kind: 'adam', learningRate: 0.01, epochs: 4, batchSize: 8, seed: 2 } as const;
    const fit = (kernels: 'wasm' | 'javascript') =>
      trainMlp({
        network,
        solver,
        penalty: { lambda: 1e-3, l1Ratio: 0 },
        train,
        workspace: new MlpWorkspace(mlpLayout(cols, network), 8, kernels, rows),
      });
    const [wasm, javascript] = [fit('wasm'), fit('javascript')];
    expectSame(wasm.parameters, javascript.parameters);
    expectSame(wasm.learningCurve.train, javascript.learningCurve.train);
  });
});
