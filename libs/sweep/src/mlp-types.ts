/** The network family's part of the sweep vocabulary (issue 12, SPEC §7): config, plan values and report section. */
import type { MlpActivation, MlpOutput, Model, PenaltyKind } from '@regsweep/engine';
import type { Sweepable } from './config/sweepable';

/** The GLMs, or the network family (SPEC §7), whose `network.output` says which GLM loss it trains. */
export type SweepModel = Model | 'mlp' | 'multinomial';

/** `network` of a `model: mlp` config with defaults applied; hidden and activation may be swept. */
export interface NetworkSweepConfig {
  readonly hidden: Sweepable<readonly number[]>;
  readonly activation: Sweepable<MlpActivation>;
  readonly output: MlpOutput;
}

/** The sgd / adam solver of a `model: mlp` config with defaults applied; learningRate and batchSize may be swept. */
export interface MlpSolverSweepConfig {
  readonly kind: 'sgd' | 'adam';
  readonly learningRate: Sweepable<number>;
  /** sgd only (0 for adam). */
  readonly momentum: number;
  readonly epochs: number;
  /** Absent: full batch. */
  readonly batchSize?: Sweepable<number>;
  readonly seed: number;
  readonly earlyStopping?: { readonly patience: number; readonly minDelta: number };
}

/** The values of the network / solver fields a config sweeps (only those), as the trials API and report show them. */
export interface SweptParams {
  readonly hidden?: readonly number[];
  readonly activation?: MlpActivation;
  readonly learningRate?: number;
  readonly batchSize?: number;
}

/** One trial's network / solver values (mlp-plan.ts). */
export interface MlpTrialParams {
  readonly hidden: readonly number[];
  readonly activation: MlpActivation;
  readonly learningRate: number;
  readonly batchSize?: number;
}

/** A fold-averaged learning curve of one trial (mlp-report.ts), in the sweep metric's loss (mse or logloss). */
export interface MlpLearningCurveReport {
  readonly role: 'chosen' | 'larger λ' | 'smaller λ' | 'smallest λ';
  readonly lambda: number;
  readonly epochs: readonly number[];
  readonly train: readonly number[];
  readonly validation: readonly number[];
  readonly bestEpoch: number | null;
}

/** Zero weights against λ for one curve (penalty, l1Ratio, swept network values). */
export interface MlpSparsityCurve {
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly params: SweptParams;
  readonly totalWeights: number;
  /**
   * Per λ: the zero weights of its full-data network. A trial without one (search.refit chosen trains it only for
   * the trials the report reads) shows the mean over its folds' networks (totalWeights − mean nonzeros, so possibly
   * fractional) with `fromFolds: true`; null when neither is stored.
   */
  readonly points: readonly {
    lambda: number;
    zeroWeights: number | null;
    zeroFraction: number | null;
    fromFolds?: true;
  }[];
}

/** The chosen network trained on all fitting rows (mlp-chosen.ts): weights on the scaled inputs, and that scaling. */
export interface MlpFullDataFit {
  readonly status: string;
  readonly epochs: number;
  /** x′ = (x − centre) / scale per feature, as the network's first layer reads it. */
  readonly inputScaling: { readonly names: string[]; readonly centres: number[]; readonly scales: number[] };
  /** weights[l][k][j]: layer l, input k, unit j (scikit-learn's coefs_ layout); biases[l][j]. */
  readonly weights: number[][][];
  readonly biases: number[][];
}

export interface MlpReport {
  readonly network: {
    readonly hidden: readonly number[];
    readonly activation: MlpActivation;
    readonly output: MlpOutput;
  };
  /** The chosen trial's values of the swept fields. */
  readonly params: SweptParams;
  /** The epoch with the lowest fold-averaged validation loss of the chosen trial. */
  readonly bestEpoch: number | null;
  readonly learningCurves: readonly MlpLearningCurveReport[];
  readonly sparsity: readonly MlpSparsityCurve[];
  readonly verdict: string;
  readonly fullDataFit: MlpFullDataFit;
}
