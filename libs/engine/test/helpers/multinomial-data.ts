/** Test-only helpers for the multinomial fixtures: CSVs whose target is a class label (string or integer). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designMatrixFromRows } from '../../src/data/design-matrix';
import type { MultinomialDataset } from '../../src/multinomial/types';
import { DATA_DIR, FIXTURE_DIR } from './read-csv';

/** Numeric features, a label column; classes sorted as R sorts factor levels of these labels. */
export function readMultinomialCsv(path: string, target: string): MultinomialDataset {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const targetIndex = header.indexOf(target);
  const names = header.filter((_, j) => j !== targetIndex);
  const labels: string[] = [];
  const rows: number[][] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    labels.push(cells[targetIndex]);
    rows.push(cells.filter((_, j) => j !== targetIndex).map(Number));
  }
  const classes = [...new Set(labels)].sort();
  const y = Float64Array.from(labels, (label) => classes.indexOf(label));
  return { x: designMatrixFromRows(names, rows), y, classes };
}

export function multinomialFixtureDataset(file: string, target: string): MultinomialDataset {
  return readMultinomialCsv(join(file === 'iris.csv' ? DATA_DIR : FIXTURE_DIR, file), target);
}

export interface MultinomialFixturePoint {
  readonly lambda: number;
  readonly intercept: Record<string, number>;
  readonly coefficients: Record<string, Record<string, number>>;
  readonly nonzeros: Record<string, number>;
  readonly deviance: number;
}

export interface MultinomialFixtureCase {
  readonly penalty: 'l1' | 'l2' | 'elasticnet';
  readonly l1Ratio: number;
  readonly grouped: boolean;
  readonly lambdaMax: number;
  readonly points: MultinomialFixturePoint[];
}

export interface MultinomialFixture {
  readonly dataset: string;
  readonly target: string;
  readonly classes: string[];
  readonly cases: MultinomialFixtureCase[];
}

export interface MultinomialCvFixture {
  readonly dataset: string;
  readonly target: string;
  readonly penalty: 'l1' | 'l2' | 'elasticnet';
  readonly l1Ratio: number;
  readonly grouped: boolean;
  readonly lambdas: number[];
  readonly deviance: CvMeasure;
  readonly misclassification: CvMeasure;
}

interface CvMeasure {
  readonly cvm: number[];
  readonly cvsd: number[];
  readonly lambdaMin: number;
  readonly lambda1se: number;
}

export function readJsonFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as T;
}
