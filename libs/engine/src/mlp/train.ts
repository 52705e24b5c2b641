import { mulberry32, shuffleInPlace } from '../cv/prng';
import { throwIfAborted } from '../path/abort';
import { dataLossAndGradient, MlpWorkspace } from './backprop';
import { lossOn, nullEta, nullLoss } from './evaluate';
import type { RowMajorRows } from './inputs';
import { defaultInit, initialParameters } from './init';
import { mlpLayout, outputUnits, type MlpLayout } from './layout';
import { EpochCurve } from '../solver/epoch-curve';
import { describeRungStop, EpochRungJudge } from '../solver/epoch-rungs';
import { FusedEpochs, fusedEpochApplies } from './fused-epoch';
import { createOptimizer } from './optimizers';
import { addL2Gradient, softThresholdWeights, weightPenalty } from './penalty';
import { weightSparsity } from './sparsity';
import type { MlpFit, MlpNetwork, MlpPenalty, MlpSolverConfig, MlpStatus } from './types';

/** A training loss this many times above the larger of the initial and the null model's loss counts as divergence. */
const DIVERGENCE_FACTOR = 1e6;
/** Mixed into the seed for the shuffling stream so it differs from the initialisation stream. */
const SHUFFLE_STREAM = 0x9e3779b9;

export interface MlpTrainingInput {
  readonly network: MlpNetwork;
  readonly solver: MlpSolverConfig;
  readonly penalty: MlpPenalty;
  readonly train: RowMajorRows;
  /** Scored after every epoch (curve, best epoch, early stopping); absent or empty for a full-data fit. */
  readonly validation?: RowMajorRows;
  /** Start from these parameters instead of the seeded initialisation (the reference fixtures do). */
  readonly initialParameters?: Float64Array;
  readonly signal?: { readonly aborted: boolean };
  /**
   * Buffers to train in (trainingWorkspace's for this network, rows and solver): a fold task reuses one for its fits
   * and its scoring, so the WebAssembly instance and its memory are made once per task instead of once per use.
   */
  readonly workspace?: MlpWorkspace;
}

/** Rows per optimizer step: the batch size, capped by the training rows (full batch when it covers them all). */
export function batchRows(solver: MlpSolverConfig, n: number): number {
  return Math.max(1, Math.min(solver.batchSize ?? n, n));
}

/** A workspace trainMlp can train this layout on `rows` training rows in, scoring `validationRows` between epochs. */
export function trainingWorkspace(
  layout: MlpLayout,
  solver: MlpSolverConfig,
  rows: number,
  validationRows = 0,
): MlpWorkspace {
  const batch = batchRows(solver, rows);
  return new MlpWorkspace(layout, batch, 'wasm', batch < rows ? rows : 0, validationRows);
}

/**
 * Trains the network. Each epoch visits the training rows in mini-batches (reshuffled with the seeded stream, or
 * the whole set at once for full batch); each batch takes one step on the smooth part of the objective,
 *     g = ∇(data loss) + λ(1−r)·W,   θ ← optimizer(θ, g),   W ← S(W, η·λ·r)
 * the last being the proximal soft-threshold of the L1 part. The curve's train value is the mean batch data
 * loss over the epoch (as scikit-learn's loss_curve_ and Keras report it); validation is scored after the epoch.
 * Both are in metric units: mse (twice the ½-mse data loss) for linear output, logloss for logistic and softmax.
 * Early stopping (with validation rows) restores the best epoch's parameters; divergence (a non-finite or
 * exploding loss) returns the best finite parameters seen (the initial ones at worst) with status `diverged`.
 * With `solver.rungs` (a sweep's pruner) training stops, status `pruned`, at the first rung epoch it loses.
 */
export function trainMlp(input: MlpTrainingInput): MlpFit {
  const { network, solver, penalty, train } = input;
  const validation = input.validation && input.validation.rows > 0 ? input.validation : undefined;
  const layout = mlpLayout(train.cols, network);
  const n = train.rows;
  const batch = batchRows(solver, n);
  const fullBatch = batch >= n;
  const given = input.workspace;
  const fits = given && given.maxRows >= batch && sameSizes(given.layout, layout);
  const workspace = fits ? given : trainingWorkspace(layout, solver, n);
  // With WebAssembly kernels the parameters, the gradient and the batch rows live in the kernels' memory, so no step
  // copies them in or out (workspace.stage, dataLossAndGradient); the fit returns a copy.
  const { wasm } = workspace;
  const start = input.initialParameters
    ? Float64Array.from(input.initialParameters)
    : initialParameters(layout, network, solver.init ?? defaultInit(network), solver.seed, nullEta(network, train.y));
  const parameters = wasm ? wasm.parameters : start;
  if (wasm) wasm.parameters.set(start);
  const gradient = wasm ? wasm.gradient : new Float64Array(layout.parameterCount);
  const optimizer = createOptimizer(solver, layout.parameterCount, wasm);
  // The training rows copied into the module's memory once, so each batch is gathered there in one call.
  const held = wasm && !fullBatch && wasm.rows.order.length >= n ? wasm.rows : undefined;
  if (held) {
    held.x.set(train.x.subarray(0, n * train.cols));
    held.y.set(train.y.subarray(0, n));
  }
  const order = held ? held.order.subarray(0, n) : new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const shuffleSeed = (solver.seed ^ SHUFFLE_STREAM) >>> 0;
  const shuffle = mulberry32(shuffleSeed);
  const batchX = fullBatch ? train.x : (wasm?.input ?? new Float64Array(batch * train.cols));
  const batchY = fullBatch ? train.y : (held?.targets ?? new Float64Array(batch));
  const batchBuffers = [batchX, batchY] as const;
  const l2Scale = penalty.lambda * (1 - penalty.l1Ratio);
  const threshold = solver.learningRate * penalty.lambda * penalty.l1Ratio;
  // A whole epoch in one WebAssembly call where it computes the same bits (fused-epoch.ts).
  const fused =
    wasm && fusedEpochApplies(network) && (held || fullBatch) && FusedEpochs.fits(workspace, n, batch)
      ? new FusedEpochs(workspace, optimizer, train, batch, held !== undefined, l2Scale, threshold, shuffleSeed)
      : undefined;
  // The data loss and η of the current parameters on the training and validation rows: in the module's memory by
  // dense.wat's forwardLoss where the fused epochs run (the rows kept there), else by lossOn; the same sums.
  const keptValidation = fused && validation ? fused.keepValidation(validation) : undefined;
  const validationRows = validation?.rows ?? 0;
  const trainEta = fused && held ? held.eta.subarray(0, n) : new Float64Array(n * outputUnits(network));
  const validationEta = keptValidation
    ? keptValidation.eta.subarray(0, validationRows)
    : new Float64Array(validationRows * outputUnits(network));
  const trainingLoss = (): number =>
    fused && held ? fused.loss(held, n) : lossOn(network, parameters, train, workspace, trainEta);
  const validationLossOf = (rows: RowMajorRows): number =>
    fused && keptValidation
      ? fused.loss(keptValidation, rows.rows)
      : lossOn(network, parameters, rows, workspace, validationEta);
  const curveScale = network.output === 'linear' ? 2 : 1;
  const startLoss = curveScale * trainingLoss();
  const divergenceLimit = DIVERGENCE_FACTOR * Math.max(startLoss, curveScale * nullLoss(network, train.y));
  const curve = new EpochCurve(solver.epochs);
  const stopping = validation ? solver.earlyStopping : undefined;
  const rungs = validation && solver.rungs ? new EpochRungJudge(solver.rungs) : undefined;
  // The parameters to fall back on: the best epoch's under early stopping, the start's after a divergence.
  const kept = Float64Array.from(parameters);
  let best = { loss: Infinity, epoch: 0 };
  let sinceImprovement = 0;
  let last = { epoch: 0, train: NaN, validation: NaN };
  const finish = (result: Float64Array, status: MlpStatus, reason?: string): MlpFit => {
    // The last epoch's validation η belongs to the returned parameters when they are that epoch's.
    const scoredValidation = result === parameters && last.epoch > 0;
    const returned = result === parameters ? parameters.slice() : result;
    // Training is over: the parameters buffer takes the returned ones for the objective's forward pass.
    if (result !== parameters) parameters.set(result);
    const objective = trainingLoss() + weightPenalty(layout, result, penalty.lambda, penalty.l1Ratio);
    return {
      parameters: returned,
      status,
      ...(reason ? { reason } : {}),
      epochsRun: last.epoch,
      bestEpoch: best.epoch,
      learningCurve: curve.finish(last),
      objective,
      sparsity: weightSparsity(layout, result),
      eta: { train: trainEta.slice(), ...(scoredValidation ? { validation: validationEta.slice() } : {}) },
    };
  };
  /** One epoch step by step, the visiting order shuffled first: Σ over the batches of rows × the batch's data loss. */
  const steppedEpoch = (): number => {
    if (!fullBatch) shuffleInPlace(order, shuffle);
    let lossSum = 0;
    for (let start = 0; start < n; start += batch) {
      const rows = Math.min(batch, n - start);
      if (wasm && held) wasm.dense.gatherRows(held.x, held.y, train.cols, order, start, rows, batchBuffers);
      else if (!fullBatch) gatherRows(train, order, start, rows, batchX, batchY);
      lossSum += rows * dataLossAndGradient(network, parameters, batchX, batchY, rows, workspace, gradient);
      addL2Gradient(layout, parameters, gradient, l2Scale);
      optimizer.step(parameters, gradient);
      softThresholdWeights(layout, parameters, threshold);
    }
    return lossSum;
  };
  for (let epoch = 1; epoch <= solver.epochs; epoch++) {
    throwIfAborted(input.signal);
    // The fused epochs shuffle the order in the module, with the same draws.
    const lossSum = fused ? fused.run() : steppedEpoch();
    const trainLoss = curveScale * (lossSum / n);
    const validationLoss = validation ? curveScale * validationLossOf(validation) : NaN;
    const finite = Number.isFinite(trainLoss) && (!validation || Number.isFinite(validationLoss));
    if (!finite || trainLoss > divergenceLimit) {
      const what = finite ? `grew above ${DIVERGENCE_FACTOR} × its starting value` : 'became non-finite';
      const reason = `loss ${what} at epoch ${epoch} (learning rate ${solver.learningRate} too large?)`;
      return finish(kept, 'diverged', reason);
    }
    last = { epoch, train: trainLoss, validation: validationLoss };
    curve.record(epoch, trainLoss, validationLoss, epoch === solver.epochs);
    // A pruner's rung (epoch-rungs.ts): judged on the epochs the curve keeps, so the stored curve replays it.
    const stop = curve.wants(epoch) ? rungs?.stops(epoch, validationLoss) : undefined;
    if (stop) return finish(parameters, 'pruned', describeRungStop(stop));
    // Keras's rule: an epoch improves when it beats the best by more than minDelta; only then is it the best.
    if (validationLoss < best.loss - (stopping?.minDelta ?? 0)) {
      best = { loss: validationLoss, epoch };
      if (stopping) kept.set(parameters);
      sinceImprovement = 0;
    } else if (stopping && ++sinceImprovement >= stopping.patience) {
      const reason = `validation loss did not improve by more than ${stopping.minDelta} for ${stopping.patience} epochs; restored epoch ${best.epoch}`;
      return finish(kept, 'stopped_early', reason);
    }
  }
  return finish(stopping && best.epoch > 0 ? kept : parameters, 'ok');
}

/** Copies rows order[start, start + count) of the training block into the contiguous batch buffers. */
function gatherRows(
  train: RowMajorRows,
  order: Int32Array,
  start: number,
  count: number,
  batchX: Float64Array,
  batchY: Float64Array,
): void {
  const { x, y, cols } = train;
  for (let i = 0; i < count; i++) {
    // An element loop, not set(subarray(…)): a view per row would be an allocation per sample.
    const row = order[start + i];
    const from = row * cols;
    const to = i * cols;
    for (let j = 0; j < cols; j++) batchX[to + j] = x[from + j];
    batchY[i] = y[row];
  }
}

function sameSizes(a: MlpLayout, b: MlpLayout): boolean {
  return a.sizes.length === b.sizes.length && a.sizes.every((units, l) => units === b.sizes[l]);
}
