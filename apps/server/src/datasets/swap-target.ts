import { InvalidInputError, type DatasetTask, type ParsedDataset } from '@regsweep/datasets';

/** Column `target` becomes the response; the old response is appended as the last feature. */
export function swapTarget(data: ParsedDataset, target: string): ParsedDataset {
  const j = data.names.indexOf(target);
  if (j < 0) throw new InvalidInputError([{ path: 'target', message: `the dataset has no column "${target}"` }]);
  const n = data.rows;
  const names = [...data.names.filter((_, k) => k !== j), data.target];
  const values = new Float64Array(n * names.length);
  let column = 0;
  for (let k = 0; k < data.names.length; k++) {
    if (k === j) continue;
    values.set(data.x.values.subarray(k * n, (k + 1) * n), column * n);
    column++;
  }
  values.set(data.y, column * n);
  const y = data.x.values.slice(j * n, (j + 1) * n);
  const task: DatasetTask = isBinary(y) ? 'binary' : 'regression';
  return { names, target, x: { rows: n, cols: names.length, values, names }, y, rows: n, task };
}

function isBinary(y: Float64Array): boolean {
  return y.every((v) => v === 0 || v === 1) && y.includes(0) && y.includes(1);
}
