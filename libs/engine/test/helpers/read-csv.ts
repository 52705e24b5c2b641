/** Test-only helpers: read the shipped CSVs and fixture JSON (the engine itself does no I/O). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designMatrixFromRows } from '../../src/data/design-matrix';
import type { Dataset } from '../../src/types';

export const DATA_DIR = join(__dirname, '../../../datasets/data');
export const FIXTURE_DIR = join(__dirname, '../fixtures');

/** A numeric CSV with a header; the column named `target` becomes y, the others x (in file order). */
export function readCsvDataset(path: string, target: string): Dataset {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((name) => name.trim());
  const targetIndex = header.indexOf(target);
  if (targetIndex < 0) throw new Error(`no column ${target} in ${path}`);
  const names = header.filter((_, j) => j !== targetIndex);
  const rows: number[][] = [];
  const y: number[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',').map(Number);
    y.push(cells[targetIndex]);
    rows.push(cells.filter((_, j) => j !== targetIndex));
  }
  return { x: designMatrixFromRows(names, rows), y: Float64Array.from(y) };
}

export interface FixtureCase {
  readonly penalty: 'none' | 'l1' | 'l2' | 'elasticnet';
  readonly l1Ratio: number;
  readonly lam: number;
  readonly standardize: boolean;
  readonly intercept: number;
  readonly coefficients: Record<string, number>;
  readonly objective: number;
  readonly nonzeros: number;
}

export interface Fixture {
  readonly dataset: string;
  readonly target: string;
  readonly model: 'linear' | 'logistic';
  readonly cases: FixtureCase[];
}

export function readFixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as Fixture;
}

/** The dataset a fixture names: the wine CSVs live beside the fixtures, the others in libs/datasets/data. */
export function fixtureDataset(fixture: Fixture): Dataset {
  const dir = fixture.dataset.startsWith('wine') ? FIXTURE_DIR : DATA_DIR;
  return readCsvDataset(join(dir, fixture.dataset), fixture.target);
}

export function allRows(data: Dataset): Int32Array {
  return Int32Array.from({ length: data.x.rows }, (_, i) => i);
}
