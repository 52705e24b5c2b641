/**
 * The exported model of a finished sweep: its report's best model (the full-data fit at the chosen λ) with the
 * column statistics of the rows it was fitted on, and the provenance the caller knows.
 */
import { computeScaling, multinomialDatasetOf, type Dataset } from '@regsweep/engine';
import { InvalidInputError } from '@regsweep/errors';
import { glmModel, isMultinomialBest, type SweepConfig, type SweepReport } from '@regsweep/sweep';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ExportedModel,
  type ModelProvenance,
  type ModelStandardization,
} from './model';

export interface SweepModelInput {
  readonly config: SweepConfig;
  readonly report: SweepReport;
  /** The sweep's dataset, as the runner loaded it (target column chosen). */
  readonly data: Dataset;
  readonly target: string;
  /** The sweep's held-out test rows (plan.split.testRows): every other row is a fit row. */
  readonly testRows: Int32Array;
  readonly provenance: ModelProvenance;
}

export function modelFromSweep(input: SweepModelInput): ExportedModel {
  const { config, report, data, provenance } = input;
  const best = report.best;
  if (!best) throw new InvalidInputError([{ path: 'sweep', message: 'the sweep has no best model to export' }]);
  const features = [...data.x.names];
  if (isMultinomialBest(best)) {
    const classLabels = Object.keys(best.intercept);
    return {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      kind: 'multinomial',
      features,
      target: input.target,
      link: 'softmax',
      classLabels,
      grouped: config.multinomial?.grouped ?? false,
      penalty: best.penalty,
      l1Ratio: l1RatioOf(best),
      lambda: best.penalty === 'none' ? 0 : best.lambda,
      standardize: config.standardize,
      intercepts: classLabels.map((label) => best.intercept[label]),
      coefficients: classLabels.map((label) => features.map((name) => best.coefficients[label][name])),
      standardization: fitRowScaling(data, input.testRows, config.standardize),
      provenance,
    };
  }
  const logistic = glmModel(config) === 'logistic';
  const base = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    features,
    target: input.target,
    link: logistic ? ('logit' as const) : ('identity' as const),
    classLabels: logistic ? [0, 1] : null,
    penalty: best.penalty,
    l1Ratio: l1RatioOf(best),
    lambda: best.penalty === 'none' ? 0 : best.lambda,
    standardize: config.standardize,
    provenance,
  };
  if (config.model === 'mlp') {
    const mlp = report.mlp;
    if (!mlp) throw new InvalidInputError([{ path: 'sweep', message: 'the report keeps no trained network' }]);
    const { inputScaling, weights, biases } = mlp.fullDataFit;
    // A softmax network's output units are the dataset's classes in the order the sweep fitted them: its text
    // labels, or a numeric target's integer codes in numeric order (multinomialDatasetOf, as the runner does).
    const classes =
      mlp.network.output === 'softmax'
        ? { link: 'softmax' as const, classLabels: [...multinomialDatasetOf(data).classes] }
        : {};
    return {
      ...base,
      ...classes,
      kind: 'mlp',
      network: { hidden: [...mlp.network.hidden], activation: mlp.network.activation, output: mlp.network.output },
      standardization: { means: [...inputScaling.centres], scales: [...inputScaling.scales] },
      weights,
      biases,
    };
  }
  return {
    ...base,
    kind: 'glm',
    intercept: best.intercept,
    coefficients: features.map((name) => best.coefficients[name]),
    standardization: fitRowScaling(data, input.testRows, config.standardize),
  };
}

/** The L1 share of the chosen penalty: 1 for l1, the curve's ratio for elasticnet, 0 otherwise. */
function l1RatioOf(best: { readonly penalty: string; readonly l1Ratio: number }): number {
  return best.penalty === 'l1' ? 1 : best.penalty === 'elasticnet' ? best.l1Ratio : 0;
}

/** Means and scales (population sd, or 1 without standardizing; 0 for a constant column) over the fit rows. */
function fitRowScaling(data: Dataset, testRows: Int32Array, standardize: boolean): ModelStandardization {
  const isTest = new Uint8Array(data.x.rows);
  for (const row of testRows) isTest[row] = 1;
  const fitRows = Int32Array.from({ length: data.x.rows }, (_, i) => i).filter((row) => isTest[row] === 0);
  const { means, scales } = computeScaling(data.x, fitRows, standardize);
  return { means: Array.from(means), scales: Array.from(scales) };
}
