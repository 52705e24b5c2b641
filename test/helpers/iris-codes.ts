/** iris.csv with each species written as an integer class code (issue 16: integer class labels in a CSV). */
import { builtinCsvText } from '@regsweep/datasets';

export const CODES_379 = { setosa: '3', versicolor: '7', virginica: '9' };
export const CODES_012 = { setosa: '0', versicolor: '1', virginica: '2' };

export function irisWithCodes(codes: Record<string, string>): string {
  const [header, ...lines] = builtinCsvText('iris').trim().split('\n');
  const rows = lines.map((line) => {
    const cells = line.split(',');
    cells[cells.length - 1] = codes[cells[cells.length - 1]];
    return cells.join(',');
  });
  return [header, ...rows].join('\n') + '\n';
}
