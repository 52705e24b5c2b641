/**
 * The groups of buffers a workspace holds in its WebAssembly module's memory (workspace.ts makes them).
 *
 * Classes, not object literals, on purpose. V8 records for each field of an object's hidden class the class of the
 * objects stored in it, and optimized code that reads the field relies on that record (trainMlp, FusedEpochs.run).
 * An object literal keeps the record only until the literal runs a second time: V8 then widens every field's record
 * to "any object" (its trace's reason: uninitialized field) and throws away the code that relied on it. A worker
 * thread makes its second workspace (another layout) after trainMlp is optimized, so each thread compiled trainMlp
 * twice. A constructor's stores keep the record, every instance storing the same classes.
 */
import type { WasmDense } from './wasm/wasm-dense';

/** Rows kept in a module's memory (x row-major, y) and room for the network's η on them (one per row). */
export class ScoredRows {
  constructor(
    readonly x: Float64Array,
    readonly y: Float64Array,
    readonly eta: Float64Array,
  ) {}
}

/** The copy of the training rows, with their visiting order and the batch's targets. */
export class HeldRows extends ScoredRows {
  constructor(
    x: Float64Array,
    y: Float64Array,
    eta: Float64Array,
    readonly order: Int32Array,
    readonly targets: Float64Array,
  ) {
    super(x, y, eta);
  }
}

/** A workspace's WebAssembly kernels and its buffers in their memory. */
export class WasmBuffers {
  constructor(
    readonly dense: WasmDense,
    readonly parameters: Float64Array,
    readonly gradient: Float64Array,
    /** Adam's first and second moments (optimizers.ts), zero until an optimizer takes them. */
    readonly moments: readonly [Float64Array, Float64Array],
    readonly input: Float64Array,
    /** maxRows ones: the bias gradient 1ᵀδ is a product too. */
    readonly ones: Float64Array,
    readonly transposedWeights: Float64Array,
    /** The copy of the training rows (`trainingRows` of them), their visiting order, the batch's targets and η. */
    readonly rows: HeldRows,
    /** The copy of the validation rows (`validationRows` of them) and their η. */
    readonly validation: ScoredRows,
    /** dense.wat's trainEpoch's plan (fused-epoch.ts) and its rate per step: one epoch of the training rows. */
    readonly plan: Int32Array,
    readonly rates: Float64Array,
  ) {}
}
