/**
 * The MLP's dense products in WebAssembly SIMD (dense.wat): two float64 multiply-adds per instruction where
 * JavaScript has one. The operands must live in the module's memory, so a WasmDense hands out its buffers as
 * Float64Array views of that memory, laid out once when it is made (the memory never grows afterwards, so the views
 * stay attached). Each output is the same sum, in the same order, as the JavaScript kernels (kernels.ts,
 * kernels-tiled.ts, kernels-gradient.ts) compute it; see the .wat.
 */
import { compileModule, growMemoryTo, instantiate, type WasmMemory } from '../../wasm/wasm-module';
import type { OptimizerSettings } from '../optimizers';
import { MLP_DENSE_WASM } from './dense-wasm';

interface DenseExports {
  memory: WasmMemory;
  rowProducts(
    x: number,
    xCols: number,
    count: number,
    m: number,
    mCols: number,
    start: number,
    out: number,
    mode: number,
    gate: number,
    values: number,
    rows: number,
  ): void;
  crossProducts(
    s: number,
    sCols: number,
    d: number,
    dCols: number,
    count: number,
    out: number,
    values: number,
    rows: number,
  ): void;
  transpose(src: number, rows: number, cols: number, dst: number): void;
  gatherRows(src: number, srcY: number, cols: number, order: number, count: number, dst: number, dstY: number): void;
  dotRows(x: number, xCols: number, count: number, w: number, bias: number, out: number): void;
  adam(
    p: number,
    g: number,
    m: number,
    v: number,
    count: number,
    rate: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    eps: number,
  ): void;
  trainEpoch(
    plan: number,
    rates: number,
    l2: number,
    threshold: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    eps: number,
    momentum: number,
    shuffleState: number,
  ): number;
  forwardLoss(plan: number, x: number, y: number, rows: number, eta: number): number;
}

/** Plan words (dense.wat's trainEpoch) that hold the kernels' list scratch, which only this module knows. */
export const PLAN_LIST_VALUES = 17;
export const PLAN_LIST_ROWS = 18;

/** Byte 0 means "sums from 0" to the kernel, so buffers start after it (16: vectors stay aligned). */
const FIRST_BYTE = 16;
/** The store modes of dense.wat: as is, relu, gated by the activations. */
const PLAIN = 0;
const RELU = 1;
const GATED = 2;

/** Compiled once per thread, when this module loads; undefined where the runtime does not validate SIMD. */
const COMPILED = compileModule(MLP_DENSE_WASM);

/** Whether this runtime runs the WebAssembly kernels (Node 20 does); elsewhere the JavaScript ones are used. */
export const WASM_DENSE_AVAILABLE = COMPILED !== undefined;

/**
 * A module instance whose memory holds `lengths.length` float64 buffers of the given lengths, plus the kernels'
 * list scratch for lists of up to `longestList` entries; undefined where WebAssembly SIMD is unavailable or the
 * 32-bit memory (4 GB) cannot hold them.
 */
export function createWasmDense(lengths: readonly number[], longestList: number): WasmDense | undefined {
  const exports = instantiate<DenseExports>(COMPILED);
  if (!exports) return undefined;
  const starts: number[] = [];
  let end = FIRST_BYTE;
  for (const length of [...lengths, longestList, Math.ceil(longestList / 2)]) {
    starts.push(end);
    end += Math.ceil(length / 2) * 16;
  }
  const memory = exports.memory;
  if (!growMemoryTo(memory, end)) return undefined;
  const views = lengths.map((length, b) => new Float64Array(memory.buffer, starts[b], length));
  return new WasmDense(exports, views, starts[lengths.length], starts[lengths.length + 1]);
}

/** Byte address of element `index` of a view of the module's memory. */
function at(view: Float64Array, index = 0): number {
  return view.byteOffset + 8 * index;
}

/**
 * Every call into the module goes through Function.prototype.call on purpose. Each workspace has an instance of its
 * own, so a call site here reaches another function object for every workspace a thread makes. Called directly, V8's
 * optimizing compiler builds the first instance's function into the optimized caller (trainMlp, FusedEpochs.run,
 * dataLossAndGradient, layerForward, layerGradient) and throws that code away ("wrong call target") when a thread's
 * next workspace arrives; through call() the optimized code calls whichever function it is given.
 */
export class WasmDense {
  constructor(
    private readonly wasm: DenseExports,
    /** The buffers asked for, in order, as views of the module's memory. */
    readonly buffers: readonly Float64Array[],
    private readonly values: number,
    private readonly rows: number,
  ) {}

  /** Bytes of this module's memory. */
  byteLength(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  /** Whether `view` lies in this module's memory (so the kernels can read it without a copy). */
  holds(view: Float64Array): boolean {
    return view.buffer === this.wasm.memory.buffer;
  }

  /**
   * Z = A·W + b: out[i, j] = b_j + Σ_k A[i, k]·W[k, j] (k ascending, zero A[i, k] skipped), relu applied before the
   * store when asked. W and b at `weights` and `biases` in `parameters`.
   */
  forward(
    parameters: Float64Array,
    weights: number,
    biases: number,
    input: Float64Array,
    fanIn: number,
    fanOut: number,
    count: number,
    out: Float64Array,
    relu: boolean,
  ): void {
    this.wasm.rowProducts.call(
      undefined,
      at(input),
      fanIn,
      count,
      at(parameters, weights),
      fanOut,
      at(parameters, biases),
      at(out),
      relu ? RELU : PLAIN,
      0,
      this.values,
      this.rows,
    );
  }

  /** A one-unit layer: out[i] = b + Σ_k A[i, k]·w[k] (k ascending, zeros not skipped), as singleUnitLayer. */
  forwardOneUnit(
    parameters: Float64Array,
    weights: number,
    bias: number,
    input: Float64Array,
    fanIn: number,
    count: number,
    out: Float64Array,
  ): void {
    this.wasm.dotRows.call(undefined, at(input), fanIn, count, at(parameters, weights), bias, at(out));
  }

  /**
   * below[i, k] = Σ_j δ[i, j]·W[k, j] (j ascending, zero δ skipped), set to 0 where `relu` and A[i, k] ≤ 0. Wᵀ is
   * written to `transposedWeights` first so that both lanes of a vector read one contiguous row.
   */
  backward(
    parameters: Float64Array,
    weights: number,
    delta: Float64Array,
    activated: Float64Array,
    fanIn: number,
    fanOut: number,
    count: number,
    below: Float64Array,
    relu: boolean,
    transposedWeights: Float64Array,
  ): void {
    this.wasm.transpose.call(undefined, at(parameters, weights), fanIn, fanOut, at(transposedWeights));
    this.wasm.rowProducts.call(
      undefined,
      at(delta),
      fanOut,
      count,
      at(transposedWeights),
      fanIn,
      0,
      at(below),
      relu ? GATED : PLAIN,
      at(activated),
      this.values,
      this.rows,
    );
  }

  /**
   * ∂W[k, j] = Σ_i A[i, k]·δ[i, j] (i ascending), over gradient[weights, weights + fanIn·fanOut). The list skips
   * the zeros of whichever factor has more of them (`skipInput`: A's); skipping δ's computes ∂Wᵀ into `transposed`
   * and transposes it back.
   */
  weightGradient(
    gradient: Float64Array,
    weights: number,
    input: Float64Array,
    delta: Float64Array,
    fanIn: number,
    fanOut: number,
    count: number,
    skipInput: boolean,
    transposed: Float64Array,
  ): void {
    const { wasm } = this;
    if (skipInput) {
      wasm.crossProducts.call(
        undefined,
        at(input),
        fanIn,
        at(delta),
        fanOut,
        count,
        at(gradient, weights),
        this.values,
        this.rows,
      );
      return;
    }
    wasm.crossProducts.call(
      undefined,
      at(delta),
      fanOut,
      at(input),
      fanIn,
      count,
      at(transposed),
      this.values,
      this.rows,
    );
    wasm.transpose.call(undefined, at(transposed), fanOut, fanIn, at(gradient, weights));
  }

  /**
   * One Adam step (optimizers.ts, the same operations in the same order) on parameters, gradient and moments that all
   * lie in this module's memory, `rate` the bias-corrected step size.
   */
  adam(
    parameters: Float64Array,
    gradient: Float64Array,
    first: Float64Array,
    second: Float64Array,
    rate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
  ): void {
    this.wasm.adam.call(
      undefined,
      at(parameters),
      at(gradient),
      at(first),
      at(second),
      parameters.length,
      rate,
      beta1,
      1 - beta1,
      beta2,
      1 - beta2,
      epsilon,
    );
  }

  /**
   * Rows order[start, start + count) of the training rows (x row-major, `cols` wide, and y) copied into the batch
   * buffers, as trainMlp's gatherRows does; all of them in this module's memory.
   */
  gatherRows(
    x: Float64Array,
    y: Float64Array,
    cols: number,
    order: Int32Array,
    start: number,
    count: number,
    [batchX, batchY]: readonly [Float64Array, Float64Array],
  ): void {
    this.wasm.gatherRows.call(
      undefined,
      at(x),
      at(y),
      cols,
      order.byteOffset + 4 * start,
      count,
      at(batchX),
      at(batchY),
    );
  }

  /**
   * One epoch of training in one call (dense.wat's trainEpoch) on the plan fused-epoch.ts wrote into `plan` (a view
   * of this memory), step s at rates[s]; returns Σ over the batches of rows × the batch's data loss. When the plan
   * gathers, the visiting order is shuffled first, by cv/prng.ts's shuffleInPlace from mulberry32's `shuffleState`.
   */
  trainEpoch(
    plan: Int32Array,
    rates: Float64Array,
    l2: number,
    threshold: number,
    { beta1, beta2, epsilon, momentum }: OptimizerSettings,
    shuffleState: number,
  ): number {
    plan[PLAN_LIST_VALUES] = this.values;
    plan[PLAN_LIST_ROWS] = this.rows;
    return this.wasm.trainEpoch.call(
      undefined,
      plan.byteOffset,
      at(rates),
      l2,
      threshold,
      beta1,
      1 - beta1,
      beta2,
      1 - beta2,
      epsilon,
      momentum,
      shuffleState,
    );
  }

  /**
   * η of the plan's network on `rows` rows (x row-major, y; both in this module's memory) into `eta`, and their
   * ½-mse Σ(η − y)²/(2·rows) (dense.wat's forwardLoss: lossOn's sums in lossOn's order, for a linear output).
   */
  forwardLoss(plan: Int32Array, x: Float64Array, y: Float64Array, rows: number, eta: Float64Array): number {
    plan[PLAN_LIST_VALUES] = this.values;
    plan[PLAN_LIST_ROWS] = this.rows;
    return this.wasm.forwardLoss.call(undefined, plan.byteOffset, at(x), at(y), rows, at(eta));
  }

  /** ∂b_j = Σ_i δ[i, j] (i ascending, from 0), as the product 1ᵀδ with `ones` (at least `count` ones). */
  biasGradient(
    gradient: Float64Array,
    biases: number,
    delta: Float64Array,
    fanOut: number,
    count: number,
    ones: Float64Array,
  ): void {
    this.wasm.crossProducts.call(
      undefined,
      at(ones),
      1,
      at(delta),
      fanOut,
      count,
      at(gradient, biases),
      this.values,
      this.rows,
    );
  }
}
