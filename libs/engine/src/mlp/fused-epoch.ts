import { mulberry32StateAfter } from '../cv/prng';
import type { RowMajorRows } from './inputs';
import type { MlpOptimizer } from './optimizers';
import type { MlpNetwork } from './types';
import type { ScoredRows, WasmBuffers } from './wasm-buffers';
import type { MlpWorkspace } from './workspace';

/**
 * A whole epoch of trainMlp's mini-batch steps in one WebAssembly call (dense.wat's trainEpoch), instead of ~10 calls
 * per step: the same kernels, operations and order, so the same bits. Only for a linear output unit with relu
 * hidden layers (or none): the other activations and losses need Math.exp / Math.tanh, which WebAssembly cannot
 * reproduce bit for bit, so they keep the step-by-step loop.
 */
export function fusedEpochApplies(network: MlpNetwork): boolean {
  return network.output === 'linear' && (network.hidden.length === 0 || network.activation === 'relu');
}

/** Byte address of a view of the module's memory. */
function at(view: Float64Array | Int32Array): number {
  return view.byteOffset;
}

/** Trains epochs of `train` (n rows, batches of `batch`) in the workspace's module, the parameters already there. */
export class FusedEpochs {
  private readonly wasm: WasmBuffers;
  private epochs = 0;

  /**
   * `gather`: the training rows are kept in the module (wasm.rows) and each batch is gathered there, the order
   * shuffled there before each epoch by mulberry32(`shuffleSeed`)'s stream, as trainMlp's shuffleInPlace would;
   * otherwise one full batch, copied to the input buffer before each epoch (scoring between epochs overwrites it).
   */
  constructor(
    workspace: MlpWorkspace,
    private readonly optimizer: MlpOptimizer,
    private readonly train: RowMajorRows,
    private readonly batch: number,
    private readonly gather: boolean,
    private readonly l2Scale: number,
    private readonly threshold: number,
    private readonly shuffleSeed: number,
  ) {
    const wasm = workspace.wasm;
    if (!wasm) throw new Error('fused epochs need the WebAssembly kernels');
    this.wasm = wasm;
    const { sizes, weightOffsets, biasOffsets, parameterCount } = workspace.layout;
    const layers = sizes.length - 1;
    const { moments, rows } = wasm;
    // The word order of dense.wat's plan; the list scratch (words 17, 18) is filled in by WasmDense.trainEpoch.
    wasm.plan.set([
      layers,
      gather ? 1 : 0,
      train.rows,
      batch,
      sizes[0],
      at(wasm.parameters),
      at(wasm.gradient),
      at(moments[0]),
      at(moments[1]),
      at(wasm.input),
      at(rows.targets),
      at(wasm.ones),
      at(wasm.transposedWeights),
      at(workspace.transposed),
      at(rows.x),
      at(rows.y),
      at(rows.order),
      0,
      0,
      optimizer.settings.kind === 'adam' ? 0 : 1,
      parameterCount,
    ]);
    for (let l = 0; l < layers; l++) {
      const layer = [sizes[l + 1], 8 * weightOffsets[l], 8 * biasOffsets[l]];
      wasm.plan.set([...layer, at(workspace.activations[l]), at(workspace.deltas[l])], 21 + 5 * l);
    }
    // Momentum sgd's previous parameters start as the parameters (MomentumSgd sets them at its first step).
    if (optimizer.settings.kind === 'sgd') moments[0].set(wasm.parameters);
  }

  /** Whether a workspace has room for an epoch of n rows in batches of `batch` (its rate per step). */
  static fits(workspace: MlpWorkspace, n: number, batch: number): boolean {
    return workspace.wasm !== undefined && workspace.wasm.rates.length >= Math.ceil(n / batch);
  }

  /**
   * Mean ½-mse data loss of the current parameters on the first `count` rows kept in the module (the training rows'
   * copy, or the validation rows copied in by keepValidation), their η left in `rows.eta`: lossOn's sums in its order.
   */
  loss(rows: ScoredRows, count: number): number {
    return this.wasm.dense.forwardLoss(this.wasm.plan, rows.x, rows.y, count, rows.eta);
  }

  /**
   * The validation rows copied into the module once, for `loss(wasm.validation, rows)` between epochs; the
   * validation area when the workspace has room for them, else undefined (lossOn scores them then).
   */
  keepValidation(validation: RowMajorRows): ScoredRows | undefined {
    const kept = this.wasm.validation;
    if (kept.y.length < validation.rows) return undefined;
    kept.x.set(validation.x.subarray(0, validation.rows * validation.cols));
    kept.y.set(validation.y.subarray(0, validation.rows));
    return kept;
  }

  /** One epoch: Σ over the batches of rows × the batch's data loss. */
  run(): number {
    const { wasm, train, batch } = this;
    const n = train.rows;
    // Each earlier epoch's shuffle drew n − 1 numbers from the stream.
    const shuffleState = mulberry32StateAfter(this.shuffleSeed, this.epochs * Math.max(0, n - 1));
    this.epochs++;
    const steps = Math.ceil(n / batch);
    for (let s = 0; s < steps; s++) wasm.rates[s] = this.optimizer.nextRate();
    if (!this.gather) {
      wasm.input.set(train.x.subarray(0, n * train.cols));
      wasm.rows.targets.set(train.y.subarray(0, n));
    }
    const { l2Scale, threshold, optimizer } = this;
    return wasm.dense.trainEpoch(wasm.plan, wasm.rates, l2Scale, threshold, optimizer.settings, shuffleState);
  }
}
