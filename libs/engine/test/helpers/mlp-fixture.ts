/** Test-only: the scikit-learn MLP reference fixtures (copied from the shared reference set) and their data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputScaling, scaledRows, type RowMajorRows } from '../../src/mlp/inputs';
import { objectiveAndSmoothGradient } from '../../src/mlp/evaluate';
import { mlpLayout, packParameters, type MlpLayout } from '../../src/mlp/layout';
import { trainMlp } from '../../src/mlp/train';
import type { MlpActivation, MlpNetwork } from '../../src/mlp/types';
import { allRows, FIXTURE_DIR, readCsvDataset } from './read-csv';

export const MLP_FIXTURE_DIR = join(FIXTURE_DIR, 'mlp');

export interface MlpTrainingCase {
  readonly optimizer: 'sgd' | 'adam';
  readonly learningRate: number;
  readonly steps: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  readonly lossBeforeEachStep: number[];
  readonly final: { weights: number[][][]; biases: number[][] };
  readonly zeroWeights: number;
}

/** What every scikit-learn network case holds: the network, the penalty, the initial weights and the runs from them. */
export interface MlpNetworkCase {
  readonly name: string;
  readonly hidden: number[];
  readonly activation: MlpActivation;
  readonly lambda: number;
  readonly l1Ratio: number;
  readonly init: { weights: number[][][]; biases: number[][] };
  readonly atInit: { loss: number; weightGrads: number[][][]; biasGrads: number[][] };
  readonly training: MlpTrainingCase[];
}

export interface MlpReferenceCase extends MlpNetworkCase {
  readonly task: 'regression' | 'classification';
  readonly data: string;
  readonly target: string;
}

export function readMlpReference(): MlpReferenceCase[] {
  const text = readFileSync(join(MLP_FIXTURE_DIR, 'mlp-reference.json'), 'utf8');
  return (JSON.parse(text) as { cases: MlpReferenceCase[] }).cases;
}

export function networkOf(reference: MlpReferenceCase): MlpNetwork {
  return {
    hidden: reference.hidden,
    activation: reference.activation,
    output: reference.task === 'regression' ? 'linear' : 'logistic',
  };
}

/** The fixture's rows as the network sees them: already standardized over all rows, so no further scaling. */
export function referenceRows(reference: MlpReferenceCase): RowMajorRows {
  const data = readCsvDataset(join(MLP_FIXTURE_DIR, reference.data), reference.target);
  const rows = allRows(data);
  return scaledRows(data, rows, inputScaling(data, rows, false));
}

/** A case's network on its rows, started from the case's initial weights (scikit-learn's). */
export interface ReferenceSetup {
  readonly network: MlpNetwork;
  readonly rows: RowMajorRows;
  readonly layout: MlpLayout;
  readonly start: Float64Array;
  readonly penalty: { lambda: number; l1Ratio: number };
}

export function referenceSetup(reference: MlpNetworkCase, network: MlpNetwork, rows: RowMajorRows): ReferenceSetup {
  const layout = mlpLayout(rows.cols, network);
  const start = packParameters(layout, reference.init.weights, reference.init.biases);
  return { network, rows, layout, start, penalty: { lambda: reference.lambda, l1Ratio: reference.l1Ratio } };
}

/** Largest |a − b| / max(|b|, floor) over the entries. */
export function largestRelativeError(actual: Float64Array, expected: Float64Array, floor: number): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor));
  }
  return worst;
}

/**
 * The relative errors of the objective and of its gradient at the initial weights against scikit-learn's. The
 * gradient's is per entry, with a floor at 1e-9 of the largest gradient for entries that are (near) zero.
 */
export function errorsAtInit(
  setup: ReferenceSetup,
  atInit: MlpNetworkCase['atInit'],
): { loss: number; gradient: number } {
  const { network, layout, start, rows, penalty } = setup;
  const gradient = new Float64Array(layout.parameterCount);
  const loss = objectiveAndSmoothGradient(network, layout, start, rows, penalty, gradient);
  const expected = packParameters(layout, atInit.weightGrads, atInit.biasGrads);
  const scale = expected.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
  return {
    loss: Math.abs(loss - atInit.loss) / atInit.loss,
    gradient: largestRelativeError(gradient, expected, 1e-9 * scale),
  };
}

/** `steps` full-batch steps (no batchSize) of the case's optimizer from its initial weights. */
export function trainSteps(setup: ReferenceSetup, training: MlpTrainingCase, steps: number) {
  const { optimizer: kind, learningRate, beta1, beta2, epsilon } = training;
  return trainMlp({
    network: setup.network,
    solver: { kind, learningRate, momentum: 0, epochs: steps, seed: 0, beta1, beta2, epsilon },
    penalty: setup.penalty,
    train: setup.rows,
    initialParameters: setup.start,
  });
}
