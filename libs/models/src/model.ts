/**
 * The exported model (SPEC §7 "Tracking": `GET /api/sweeps/:id/model?format=json`): everything needed to predict
 * without regsweep, plus where it came from. Plain JSON: every number is a double, written by JSON.stringify, which
 * round-trips doubles exactly, so predictions from the file equal the server's own.
 */
import type { MlpActivation, MlpOutput, PenaltyKind } from '@regsweep/engine';

export const MODEL_FORMAT = 'regsweep-model' as const;
export const MODEL_FORMAT_VERSION = 1;

/** identity: η is the prediction (linear); logit: the prediction is P(y = 1) = 1/(1 + e^{−η}) (logistic). */
export type ModelLink = 'identity' | 'logit';

export interface ModelProvenance {
  readonly sweepId: string;
  readonly sweepName: string;
  readonly datasetId: string;
  readonly datasetName: string;
  readonly datasetVersion: number;
  /** sha256 of the dataset's values (checksum.ts); null for a sweep recorded before checksums were kept. */
  readonly datasetChecksum: string | null;
  /** The regsweep version that ran the sweep (null when not recorded) and the one that exported it. */
  readonly regsweepVersion: string | null;
  readonly exportedBy: string;
}

/**
 * The column statistics of the rows the model was fitted on (the sweep's fit rows: every row but the test rows).
 * GLM: the penalty was applied to (x − mean)/scale; the coefficients below are already on the original scale, so a
 * predictor needs these only to explain the fit (a scale of 0 marks a constant column, whose coefficient is 0).
 * MLP: the network reads x′ = (x − mean)/scale, so they are part of the prediction.
 */
export interface ModelStandardization {
  readonly means: number[];
  readonly scales: number[];
}

interface ModelBase {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  /** Feature names in the order of every per-feature array below; prediction input columns are matched by name. */
  readonly features: string[];
  readonly target: string;
  readonly link: ModelLink;
  /** null for regression; [0, 1] for a binary (logistic) model: predictions are the probability of class 1. */
  readonly classLabels: number[] | null;
  readonly penalty: PenaltyKind;
  readonly l1Ratio: number;
  readonly lambda: number;
  readonly standardize: boolean;
  readonly standardization: ModelStandardization;
  readonly provenance: ModelProvenance;
}

/** A GLM: η = intercept + Σ_j coefficients[j] · x_j on the original feature scale. */
export interface GlmModel extends ModelBase {
  readonly kind: 'glm';
  readonly intercept: number;
  readonly coefficients: number[];
}

/**
 * A network: a_0 = (x − mean)/scale; a_l = act(a_{l−1} · W_l + b_l) for the hidden layers, η = a_L · W_out + b_out.
 * weights[l][k][j]: layer l, input k, unit j (scikit-learn's coefs_ layout); biases[l][j].
 * Linear and logistic output: one output unit, the GLM's identity or logit link and classLabels. Softmax output
 * (`network.output: softmax`): K output units, one per class, link `softmax`, P(class k | x) = e^{η_k} / Σ_l e^{η_l};
 * classLabels[k] (text, as a multinomial model's) names output unit k.
 */
export interface MlpModel extends Omit<ModelBase, 'link' | 'classLabels'> {
  readonly kind: 'mlp';
  readonly link: ModelLink | 'softmax';
  readonly classLabels: number[] | string[] | null;
  readonly network: { readonly hidden: number[]; readonly activation: MlpActivation; readonly output: MlpOutput };
  readonly weights: number[][][];
  readonly biases: number[][];
}

/**
 * A multinomial GLM (glmnet's symmetric parametrisation, SPEC §7): per class k, η_k = intercepts[k] +
 * Σ_j coefficients[k][j] · x_j on the original feature scale, and P(class k | x) = e^{η_k} / Σ_l e^{η_l} (softmax).
 * classLabels[k] names class k (text labels, or a numeric target's integer codes as text); the intercepts are
 * centred to sum to zero, as glmnet reports them (softmax does not change under a common shift).
 */
export interface MultinomialModel extends Omit<ModelBase, 'link' | 'classLabels'> {
  readonly kind: 'multinomial';
  readonly link: 'softmax';
  readonly classLabels: string[];
  /** glmnet's type.multinomial "grouped" (one L1 group per feature across classes) rather than "ungrouped". */
  readonly grouped: boolean;
  readonly intercepts: number[];
  /** [class][feature], in classLabels × features order. */
  readonly coefficients: number[][];
}

export type ExportedModel = GlmModel | MlpModel | MultinomialModel;

/** A network with a softmax output: K outputs named by text class labels. */
export type SoftmaxMlpModel = MlpModel & { readonly link: 'softmax'; readonly classLabels: string[] };

/** A model that answers K class probabilities per row: multinomial, or a softmax network. */
export type ClassModel = MultinomialModel | SoftmaxMlpModel;

export function isClassModel(model: ExportedModel): model is ClassModel {
  return model.link === 'softmax';
}
