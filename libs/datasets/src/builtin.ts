/**
 * The datasets that ship with regsweep (SPEC §6). Their CSV files live in libs/datasets/data (provenance in
 * data/PROVENANCE.md). The folder is found from the package root rather than relative to this file, because
 * this file runs both from libs/datasets/src (ts-jest) and from dist/libs/datasets/src (the build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatasetTask } from './csv';

export type BuiltinDatasetName = 'diabetes' | 'breast-cancer' | 'seed-linear' | 'iris';

export interface BuiltinDataset {
  readonly name: BuiltinDatasetName;
  readonly file: string;
  readonly target: string;
  readonly task: DatasetTask;
  readonly rows: number;
  readonly features: number;
  readonly description: string;
  readonly source: string;
}

export const BUILTIN_DATASETS: readonly BuiltinDataset[] = [
  {
    name: 'diabetes',
    file: 'diabetes.csv',
    target: 'progression',
    task: 'regression',
    rows: 442,
    features: 10,
    description:
      'Disease progression one year after baseline from age, sex, BMI, blood pressure and six serum measurements.',
    source:
      'Efron, Hastie, Johnstone, Tibshirani (2004) "Least Angle Regression", Annals of Statistics; as distributed with scikit-learn (BSD-3-Clause), unscaled',
  },
  {
    name: 'breast-cancer',
    file: 'breast_cancer.csv',
    target: 'benign',
    task: 'binary',
    rows: 569,
    features: 30,
    description: 'Benign (1) or malignant (0) tumour from 30 cell-nucleus measurements.',
    source: 'Breast Cancer Wisconsin (Diagnostic), UCI ML repository; as distributed with scikit-learn (BSD-3-Clause)',
  },
  {
    name: 'seed-linear',
    file: 'seed_linear.csv',
    target: 'y',
    task: 'regression',
    rows: 100,
    features: 1,
    description: 'The textbook example: y = 3x + 2 + 0.5·U(0,1).',
    source: 'generated: x ~ U(0,1), y = 3x + 2 + 0.5·U(0,1) (numpy default_rng(20261126))',
  },
  {
    name: 'iris',
    file: 'iris.csv',
    target: 'species',
    task: 'multiclass',
    rows: 150,
    features: 4,
    description: 'Iris species (setosa, versicolor, virginica) from sepal and petal length and width, in cm.',
    source: 'Fisher (1936) / Anderson (1935) iris data, as distributed with R (datasets::iris)',
  },
];

export function findBuiltinDataset(name: string): BuiltinDataset | undefined {
  return BUILTIN_DATASETS.find((dataset) => dataset.name === name);
}

/** The CSV text of a built-in dataset. */
export function builtinCsvText(name: BuiltinDatasetName): string {
  const dataset = findBuiltinDataset(name);
  if (!dataset) throw new Error(`no built-in dataset named "${name}"`);
  return readFileSync(join(builtinDataDir(), dataset.file), 'utf8');
}

let dataDir: string | undefined;

/** <package root>/libs/datasets/data, the package root being the nearest ancestor with package.json named regsweep. */
export function builtinDataDir(): string {
  dataDir ??= join(findPackageRoot(__dirname), 'libs', 'datasets', 'data');
  return dataDir;
}

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'regsweep') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the regsweep package root above ${start}`);
  }
}
