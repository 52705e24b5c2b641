import type { KernelScratch } from './kernels';
import { MAX_HIDDEN_LAYERS, type MlpLayout } from './layout';
import { createWasmDense } from './wasm/wasm-dense';
import { HeldRows, ScoredRows, WasmBuffers } from './wasm-buffers';

/** i32 words of trainEpoch's plan (dense.wat): 21 fixed and 5 per layer, hidden and output (an even count). */
const PLAN_WORDS = 21 + 5 * (MAX_HIDDEN_LAYERS + 1);

/**
 * Preallocated buffers for up to `maxRows` rows: activations[l] and deltas[l] hold layer l+1's outputs and their
 * error terms, row-major (row i at i·units); `scratch` holds the JavaScript kernels' nonzero lists and `transposed`
 * one layer's transposed weight gradient. Reused for every batch, so training allocates nothing per batch.
 *
 * Where the runtime runs WebAssembly SIMD (and `kernels` is not 'javascript'), the dense products run in
 * wasm/dense.wat and every buffer is a view of that module's memory, with room for a copy of the parameters, the
 * gradient, Adam's moments, the input rows, a column of ones, one layer's Wᵀ, a whole epoch's plan, and copies of
 * the training and validation rows with their η: `wasm` is then set. Both kernels give the same sums (kernels.ts).
 */
export class MlpWorkspace {
  readonly activations: Float64Array[];
  readonly deltas: Float64Array[];
  readonly scratch: KernelScratch;
  readonly transposed: Float64Array;
  readonly wasm: WasmBuffers | undefined;

  constructor(
    readonly layout: MlpLayout,
    readonly maxRows: number,
    kernels: 'wasm' | 'javascript' = 'wasm',
    /** Training rows the module's memory keeps a copy of, so batches are gathered there (trainMlp); 0 for none. */
    readonly trainingRows = 0,
    /** Validation rows the module's memory keeps a copy of, so they are scored there between epochs; 0 for none. */
    readonly validationRows = 0,
  ) {
    const layers = layout.sizes.length - 1;
    const outputs = Array.from({ length: layers }, (_, l) => maxRows * layout.sizes[l + 1]);
    const longest = Math.max(maxRows, ...layout.sizes);
    const largestLayer = Math.max(...layout.sizes.slice(1).map((units, l) => units * layout.sizes[l]));
    const count = layout.parameterCount;
    const dense =
      kernels === 'wasm'
        ? createWasmDense(
            [
              count,
              count,
              count,
              count,
              maxRows * layout.sizes[0],
              maxRows,
              largestLayer,
              largestLayer,
              trainingRows * layout.sizes[0],
              trainingRows,
              Math.ceil(trainingRows / 2),
              maxRows,
              PLAN_WORDS / 2,
              Math.max(1, Math.ceil(trainingRows / maxRows)),
              trainingRows,
              validationRows * layout.sizes[0],
              validationRows,
              validationRows,
              ...outputs,
              ...outputs,
            ],
            longest,
          )
        : undefined;
    if (dense) {
      const [parameters, gradient, first, second, input, ones, transposedWeights, transposed, trainX, trainY, order] =
        dense.buffers;
      const [targets, planWords, rates, trainEta, validationX, validationY, validationEta, ...rest] =
        dense.buffers.slice(11);
      ones.fill(1);
      const orderView = new Int32Array(order.buffer, order.byteOffset, trainingRows);
      const plan = new Int32Array(planWords.buffer, planWords.byteOffset, PLAN_WORDS);
      this.wasm = new WasmBuffers(
        dense,
        parameters,
        gradient,
        [first, second],
        input,
        ones,
        transposedWeights,
        new HeldRows(trainX, trainY, trainEta, orderView, targets),
        new ScoredRows(validationX, validationY, validationEta),
        plan,
        rates,
      );
      this.transposed = transposed;
      this.activations = rest.slice(0, layers);
      this.deltas = rest.slice(layers);
    } else {
      this.wasm = undefined;
      this.transposed = new Float64Array(largestLayer);
      this.activations = outputs.map((length) => new Float64Array(length));
      this.deltas = outputs.map((length) => new Float64Array(length));
    }
    this.scratch = {
      offsets: new Int32Array(longest),
      values: new Float64Array(longest),
      offsets2: new Int32Array(longest),
    };
  }

  /**
   * The parameters and input rows as the kernels read them: copied into the module's memory when it runs them and
   * they are not there already (trainMlp keeps its parameters and batch rows there).
   */
  stage(
    parameters: Float64Array,
    input: Float64Array,
    rows: number,
  ): { parameters: Float64Array; input: Float64Array } {
    const wasm = this.wasm;
    if (!wasm) return { parameters, input };
    if (parameters !== wasm.parameters) wasm.parameters.set(parameters);
    if (wasm.dense.holds(input)) return { parameters: wasm.parameters, input };
    const length = rows * this.layout.sizes[0];
    wasm.input.set(length === input.length ? input : input.subarray(0, length));
    return { parameters: wasm.parameters, input: wasm.input };
  }
}
