/**
 * `regsweep fit --model multinomial [--grouped]` end to end through the compiled CLI (bin/regsweep.js → dist/, built
 * by `npx nest build server`), against the R glmnet fixtures (libs/engine/test/fixtures/generate-multinomial.R).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import irisFixture from '../../../libs/engine/test/fixtures/multinomial-iris.json';
import sixFixture from '../../../libs/engine/test/fixtures/multinomial-multiclass6.json';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'regsweep.js');

function regsweep(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `regsweep fit --model multinomial … --lambda λ --json`, which must succeed quietly; answers its parsed JSON. */
function fitMultinomialJson(lambda: number, ...flags: string[]) {
  const { code, stdout, stderr } = regsweep(
    'fit',
    '--model',
    'multinomial',
    ...flags,
    '--lambda',
    String(lambda),
    '--json',
  );
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

interface FixturePoint {
  lambda: number;
  intercept: Record<string, number>;
  coefficients: Record<string, Record<string, number>>;
}

/** max |ours − glmnet| over every intercept and coefficient, relative to the largest glmnet value (or 1). */
function largestDifference(
  output: { intercept: Record<string, number>; coefficients: Record<string, Record<string, number>> },
  point: FixturePoint,
): number {
  let largest = 1;
  let difference = 0;
  for (const label of Object.keys(point.intercept)) {
    largest = Math.max(largest, Math.abs(point.intercept[label]));
    difference = Math.max(difference, Math.abs(output.intercept[label] - point.intercept[label]));
    for (const [feature, value] of Object.entries(point.coefficients[label])) {
      largest = Math.max(largest, Math.abs(value));
      difference = Math.max(difference, Math.abs(output.coefficients[label][feature] - value));
    }
  }
  return difference / largest;
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
    throw new Error('the compiled CLI is missing: run `npx nest build server` first');
  }
});

describe('regsweep fit --model multinomial', () => {
  it('iris, lasso: glmnet’s per-class coefficients and centred intercepts, as JSON', () => {
    const point = irisFixture.cases[0].points[10] as FixturePoint;
    const output = fitMultinomialJson(point.lambda, '--data', 'iris', '--penalty', 'l1');
    expect(Object.keys(output)).toEqual(['intercept', 'coefficients', 'objective', 'iterations', 'converged']);
    expect(Object.keys(output.intercept)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(output.converged).toBe(true);
    expect(largestDifference(output, point)).toBeLessThan(1e-5);
    const interceptSum = Object.values(output.intercept as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(Math.abs(interceptSum)).toBeLessThan(1e-12);
  });

  it('iris, grouped elastic net (--grouped --l1-ratio 0.5)', () => {
    const point = irisFixture.cases[4].points[10] as FixturePoint;
    expect(irisFixture.cases[4]).toMatchObject({ grouped: true, l1Ratio: 0.5 });
    const grouped = ['--data', 'iris', '--grouped', '--penalty', 'elasticnet', '--l1-ratio', '0.5'];
    const output = fitMultinomialJson(point.lambda, ...grouped);
    expect(largestDifference(output, point)).toBeLessThan(1e-5);
  });

  it('a CSV whose target holds integer labels 0..5: six classes named by their labels', () => {
    const point = sixFixture.cases[0].points[10] as FixturePoint;
    const csv = join(root, 'libs', 'engine', 'test', 'fixtures', 'multiclass6.csv');
    const output = fitMultinomialJson(point.lambda, '--data', csv, '--target', 'class', '--penalty', 'l1');
    expect(Object.keys(output.intercept)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(largestDifference(output, point)).toBeLessThan(1e-5);
  });

  it('prints a per-class table without --json', () => {
    const { code, stdout } = regsweep(
      'fit',
      '--data',
      'iris',
      '--model',
      'multinomial',
      '--penalty',
      'l2',
      '--lambda',
      '0.1',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^multinomial model \(ungrouped\), l2, λ = 0\.1, standardized/);
    expect(stdout).toMatch(/ +setosa +versicolor +virginica\n/);
    expect(stdout).toMatch(/\n {2}petal_width +-?\d/);
  });

  it('answers invalid combinations with exit code 2 and {path, message}', () => {
    const grouped = regsweep(
      'fit',
      '--data',
      'iris',
      '--model',
      'logistic',
      '--grouped',
      '--penalty',
      'l1',
      '--lambda',
      '1',
    );
    expect(grouped.code).toBe(2);
    expect(JSON.parse(grouped.stderr).errors).toEqual([
      { path: '--grouped', message: 'only used with --model multinomial' },
    ]);
    const gd = regsweep(
      'fit',
      '--data',
      'iris',
      '--model',
      'multinomial',
      '--solver',
      'gd',
      '--penalty',
      'l1',
      '--lambda',
      '1',
    );
    expect(gd.code).toBe(2);
    expect(JSON.parse(gd.stderr).errors).toEqual([{ path: '--solver', message: 'multinomial fits use --solver cd' }]);
  });
});
