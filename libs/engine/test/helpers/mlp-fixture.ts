/** Test-only: the scikit-learn MLP reference fixtures (copied from the shared reference set) and their data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputScaling, scaledRows, type RowMajorRows } from '../../src/mlp/inputs';
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

export interface MlpReferenceCase {
  readonly name: string;
  readonly task: 'regression' | 'classification';
  readonly data: string;
  readonly target: string;
  readonly hidden: number[];
  readonly activation: MlpActivation;
  readonly lambda: number;
  readonly l1Ratio: number;
  readonly init: { weights: number[][][]; biases: number[][] };
  readonly atInit: { loss: number; weightGrads: number[][][]; biasGrads: number[][] };
  readonly training: MlpTrainingCase[];
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
