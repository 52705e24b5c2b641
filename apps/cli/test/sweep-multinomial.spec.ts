/** `regsweep sweep` on a multinomial config: spawns the compiled CLI (build with `npx nest build server` first). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { irisMultinomial } from '../../../test/helpers/sweep-configs';

const root = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'regsweep-sweep-multinomial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sweep(config: object, ...flags: string[]) {
  const file = join(dir, 'multinomial.json');
  writeFileSync(file, JSON.stringify(config));
  const args = [join(root, 'bin', 'regsweep.js'), 'sweep', file, '--db', join(dir, 'r.sqlite'), ...flags];
  return spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

const config = (dataset: string) => irisMultinomial('classes', dataset);

it('prints a coefficient table with one column per class and the confusion matrix of the test rows', () => {
  const result = sweep(config('iris'));
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/coefficient\s+setosa\s+versicolor\s+virginica/);
  expect(result.stdout).toMatch(/\(intercept\)(\s+-?[\d.e+-]+){3}/);
  expect(result.stdout).toMatch(/petal_width(\s+(-?[\d.e+-]+|0)){3}/);
  expect(result.stdout).toContain('Confusion matrix on the test rows (rows: actual class, columns: predicted class):');
  // The matrix's rows count the 30 test rows.
  const matrix = result.stdout.split('actual / predicted')[1].split('\n').slice(2, 5);
  const total = matrix.flatMap((line) => line.trim().split(/\s+/).slice(1).map(Number)).reduce((a, b) => a + b, 0);
  expect(total).toBe(30);
});

it('sweeps a CSV file whose target holds text labels, keeping the labels in the JSON report', () => {
  const iris = readFileSync(join(root, 'libs', 'datasets', 'data', 'iris.csv'), 'utf8');
  const csv = join(dir, 'flowers.csv');
  writeFileSync(csv, iris.replace(/setosa/g, 'Setosa (small)').replace(/virginica/g, 'Virginica'));
  const result = sweep(config(csv), '--json');
  expect(result.status).toBe(0);
  const report = JSON.parse(result.stdout) as { best: { intercept: Record<string, number> } };
  expect(Object.keys(report.best.intercept)).toEqual(['Setosa (small)', 'Virginica', 'versicolor']);
});
