/** Test-only: the shipped diabetes CSV as an engine Dataset (the sweep library itself does no I/O). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designMatrixFromRows, type Dataset } from '@regsweep/engine';

export const DIABETES_TARGET = 'progression';

export function readDiabetes(): Dataset {
  const path = join(__dirname, '../../../datasets/data/diabetes.csv');
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  const targetIndex = names.indexOf(DIABETES_TARGET);
  const rows = lines.map((line) => line.split(',').map(Number));
  return {
    x: designMatrixFromRows(
      names.filter((_, j) => j !== targetIndex),
      rows.map((row) => row.filter((_, j) => j !== targetIndex)),
    ),
    y: Float64Array.from(rows, (row) => row[targetIndex]),
  };
}
