/**
 * The ungrouped multinomial solver's hot row loops and the row vectors they work on: the residual sweep
 * (residual-sweeps.ts) over r and v, and the η update (column-blocks.ts's addScaledColumns) into η. Two
 * implementations with the same doubles bit for bit: WebAssembly SIMD (wasm/multinomial-rows.wat, its own copy of z
 * and its r, v, η in the module's memory) where the runtime has it and the arrays fit in 32-bit memory, and plain
 * JavaScript on the TrainingSet's z otherwise.
 */
import type { TrainingSet } from '../data/training-set';
import { addScaledColumns } from './column-blocks';
import { sweepResidual, type ResidualSweep } from './residual-sweeps';
import { createWasmRowKernels } from './wasm/wasm-multinomial-rows';

/** η and its update, as MultinomialState needs them. */
export interface PredictorColumns {
  /** η, class-major (η[k·n + i]). */
  readonly eta: Float64Array;
  /** η[offset + i] += Σ_l changes[l]·z_i,features[l], l < count, column by column in that order. */
  addScaledColumns(offset: number, features: Int32Array, changes: Float64Array, count: number): void;
}

export interface MultinomialRowKernels extends PredictorColumns {
  /** r, the working residual of the class's quadratic (n rows). */
  readonly residual: Float64Array;
  /** v, the class's quadratic weights (n rows). */
  readonly weights: Float64Array;
  /** sweepResidual on z, r, v: the pending r −= Δ·v∘z_q (q ≥ 0), then ⟨z_j, r⟩ and, with `squares`, xv_j. */
  sweep(j: number, q: number, delta: number, squares: boolean, out: ResidualSweep): void;
}

export class JsRowKernels implements MultinomialRowKernels {
  readonly residual: Float64Array;
  readonly weights: Float64Array;
  readonly eta: Float64Array;

  constructor(
    private readonly z: Float64Array,
    private readonly n: number,
    classes: number,
  ) {
    this.residual = new Float64Array(n);
    this.weights = new Float64Array(n);
    this.eta = new Float64Array(classes * n);
  }

  sweep(j: number, q: number, delta: number, squares: boolean, out: ResidualSweep): void {
    sweepResidual(this.z, this.n, j, this.residual, this.weights, q, delta, squares, out);
  }

  addScaledColumns(offset: number, features: Int32Array, changes: Float64Array, count: number): void {
    addScaledColumns(this.eta, offset, this.z, this.n, features, changes, count);
  }
}

/** `auto`: WebAssembly when available, else JavaScript; `js`: JavaScript. */
export type RowKernelChoice = 'auto' | 'js';

export function createRowKernels(
  set: TrainingSet,
  classes: number,
  choice: RowKernelChoice = 'auto',
): MultinomialRowKernels {
  const wasm = choice === 'js' ? undefined : createWasmRowKernels(set.z, set.n, set.p, classes);
  return wasm ?? new JsRowKernels(set.z, set.n, classes);
}
