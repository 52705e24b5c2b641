import type { EpochRungs, LearningCurve } from '../types';

/**
 * The multilayer perceptron family (issue 12, SPEC §7). Objective, over the training rows (or one mini-batch):
 *     data loss + λ·[ r·Σ|W| + (1−r)/2·ΣW² ]     (weights only, never biases)
 * with data loss mean((y − ŷ)²)/2 for `output: linear` (so `hidden: []` is exactly the linear model's objective)
 * and the mean negative log-likelihood for `output: logistic` (ŷ = σ(η)) and `output: softmax` (K output units,
 * p_k = exp(η_k)/Σ_l exp(η_l), y the class index), scikit-learn's conventions.
 */
export type MlpActivation = 'relu' | 'tanh' | 'logistic';
export type MlpOutput = 'linear' | 'logistic' | 'softmax';
export type MlpInit = 'glorot' | 'he';

export interface MlpNetwork {
  /** Hidden layer sizes, 0 to 4 layers; [] is a linear/logistic model trained by gradient methods. */
  readonly hidden: readonly number[];
  readonly activation: MlpActivation;
  readonly output: MlpOutput;
  /** `output: softmax` only: K, the number of classes (the dataset's labels; withClasses sets it), K ≥ 2. */
  readonly classes?: number;
}

export interface MlpEarlyStopping {
  /** Stop after this many epochs without a validation improvement larger than `minDelta`. */
  readonly patience: number;
  readonly minDelta: number;
}

export interface MlpSolverConfig {
  readonly kind: 'sgd' | 'adam';
  readonly learningRate: number;
  /** sgd only: heavy-ball momentum μ, θ ← θ − η·g + μ·(θ − θ_previous); 0 (the default) is plain gradient descent. */
  readonly momentum?: number;
  readonly epochs: number;
  /** Rows per mini-batch; omitted (or ≥ the rows) means full batch. */
  readonly batchSize?: number;
  /** Seeds the initial weights and the mini-batch shuffling. */
  readonly seed: number;
  readonly earlyStopping?: MlpEarlyStopping;
  /** adam only; scikit-learn's defaults 0.9, 0.999, 1e-8. */
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Initialisation; default He for relu, Glorot otherwise. */
  readonly init?: MlpInit;
  /** A pruner's limits between epochs (solver/epoch-rungs.ts); set by a sweep's search, never by a user. */
  readonly rungs?: EpochRungs;
}

/** λ and the L1 ratio r of the weight penalty (r = 1 for l1, 0 for l2 and none). */
export interface MlpPenalty {
  readonly lambda: number;
  readonly l1Ratio: number;
}

/** Exact zeros among the weights, and hidden units the penalty switched off (all incoming or all outgoing weights 0). */
export interface MlpSparsity {
  readonly zeroWeights: number;
  readonly totalWeights: number;
  readonly deadUnits: number;
  readonly totalUnits: number;
}

export type MlpStatus = 'ok' | 'stopped_early' | 'pruned' | 'diverged';

export interface MlpFit {
  /** Flat parameters in the layout's order (see layout.ts), on the standardized input scale. */
  readonly parameters: Float64Array;
  readonly status: MlpStatus;
  /** Why the fit diverged or stopped early. */
  readonly reason?: string;
  readonly epochsRun: number;
  /** Epoch with the lowest validation loss (0 when there are no validation rows). */
  readonly bestEpoch: number;
  /** Per-epoch data loss (mse for linear output, logloss for logistic and softmax), thinned to ≤ 500 points. */
  readonly learningCurve: LearningCurve;
  /** The objective (data loss + penalty) of the returned parameters on all training rows. */
  readonly objective: number;
  readonly sparsity: MlpSparsity;
  /**
   * η of the returned parameters (one per row, K per row for softmax): on the training rows, from the objective's
   * forward pass, and on the validation rows when the last epoch scored these same parameters. A fold task's
   * scores read them instead of forward-passing the rows again.
   */
  readonly eta?: { readonly train: Float64Array; readonly validation?: Float64Array };
}

/** What a path spec carries for `model: mlp` (PathSpec.model is then the output's GLM: linear or logistic). */
export interface MlpPathSpec {
  readonly network: MlpNetwork;
  readonly solver: MlpSolverConfig;
}
