/**
 * `regsweep fit` end to end: spawns the compiled CLI (bin/regsweep.js → dist/, built by `npm run build`,
 * which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lassoFixture from '../../../libs/engine/test/fixtures/linear-diabetes.json';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'regsweep.js');

function regsweep(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI expecting exit code 2 and returns the {path, message} errors it printed on stderr. */
function invalid(...args: string[]): { path: string; message: string }[] {
  const { code, stderr } = regsweep(...args);
  expect({ code, stderr }).toEqual({ code: 2, stderr: expect.any(String) });
  return JSON.parse(stderr).errors;
}

const tempDir = mkdtempSync(join(tmpdir(), 'regsweep-fit-'));
function csvFile(name: string, text: string): string {
  const file = join(tempDir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'apps', 'cli', 'src', 'main.js'))) {
    throw new Error('the compiled CLI is missing: run `npm run build` (npx nest build server) first');
  }
});

describe('regsweep fit', () => {
  it('runs the README example as written, through the package bin (npx regsweep)', () => {
    const result = spawnSync(
      'npx',
      ['--no-install', 'regsweep', 'fit', '--data', 'diabetes', '--target', 'progression', '--model', 'linear'].concat([
        '--penalty',
        'l1',
        '--lambda',
        '1',
        '--json',
      ]),
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ converged: true, coefficients: { bmi: expect.any(Number) } });
  });

  it('--json reproduces the diabetes lasso fixture at λ = 1', () => {
    const expected = lassoFixture.cases.find((c) => c.penalty === 'l1' && c.lam === 1 && c.standardize)!;
    const { code, stdout, stderr } = regsweep(
      'fit',
      '--data',
      'diabetes',
      '--model',
      'linear',
      '--penalty',
      'l1',
      '--lambda',
      '1',
      '--json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['intercept', 'coefficients', 'objective', 'iterations', 'converged']);
    expect(Object.keys(json.coefficients)).toEqual(Object.keys(expected.coefficients));
    const expectedValues = Object.values(expected.coefficients);
    const largest = Math.max(...expectedValues.map(Math.abs));
    const worst = Math.max(
      ...Object.keys(expected.coefficients).map((name, j) => Math.abs(json.coefficients[name] - expectedValues[j])),
    );
    expect(worst / largest).toBeLessThan(1e-6);
    expect(Math.abs(json.intercept - expected.intercept) / Math.abs(expected.intercept)).toBeLessThan(1e-6);
    expect(Math.abs(json.objective - expected.objective) / expected.objective).toBeLessThan(1e-9);
    // Exact zeros where the lasso removed a feature.
    for (const [name, value] of Object.entries(expected.coefficients))
      if (value === 0) expect(json.coefficients[name]).toBe(0);
    expect(json.converged).toBe(true);
    expect(json.iterations).toBeGreaterThan(0);
  });

  it('prints an aligned table without --json', () => {
    const { code, stdout } = regsweep('fit', '--data', 'diabetes', '--penalty', 'l1', '--lambda', '1');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^linear model, l1, λ = 1, standardized, solver cd/);
    expect(stdout).toMatch(/\n {2}bmi {7,} {2,}5\.62674/);
    expect(stdout).toMatch(/nonzero coefficients {2}7 of 10/);
    const valueColumns = stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.length);
    expect(new Set(valueColumns).size).toBe(1); // right-aligned values end in the same column
  });

  it('exits 2 for a missing file', () => {
    expect(invalid('fit', '--data', join(tempDir, 'nope.csv'), '--penalty', 'l2', '--lambda', '1')).toEqual([
      { path: 'data', message: expect.stringMatching(/^file not found: /) },
    ]);
  });

  it('exits 2 for an unknown target, naming the columns', () => {
    const [error] = invalid('fit', '--data', 'diabetes', '--target', 'nope', '--penalty', 'l2', '--lambda', '1');
    expect(error.path).toBe('target');
    expect(error.message).toMatch(/unknown column "nope".*age, sex, bmi/);
  });

  it('exits 2 for a non-numeric cell, naming row and column', () => {
    const file = csvFile('bad-cell.csv', 'a,b,y\n1,2,3\n4,oops,6\n');
    expect(invalid('fit', '--data', file, '--penalty', 'l2', '--lambda', '1')).toEqual([
      { path: 'file: row 2, column b', message: 'not a number: "oops"' },
    ]);
  });

  it('exits 2 for a non-binary target with a logistic model', () => {
    const [error] = invalid('fit', '--data', 'diabetes', '--model', 'logistic', '--penalty', 'l2', '--lambda', '1');
    expect(error.path).toBe('target');
    expect(error.message).toMatch(/0\/1 target/);
  });

  it('exits 2 with every bad flag listed at once', () => {
    const paths = invalid(
      'fit',
      '--data',
      'diabetes',
      '--model',
      'poisson',
      '--penalty',
      'elasticnet',
      '--lambda',
      '-1',
      '--epochs',
      '5',
    ).map((e) => e.path);
    expect(paths).toEqual(['--model', '--lambda', '--l1-ratio', '--epochs']);
    expect(invalid('fit', '--data', 'diabetes', '--penalty', 'l1', '--lambda', 'Infinity')[0].path).toBe('--lambda');
    expect(
      invalid('fit', '--data', 'diabetes', '--penalty', 'elasticnet', '--lambda', '1', '--l1-ratio', '1')[0].path,
    ).toBe('--l1-ratio');
    expect(invalid('fit', '--data', 'diabetes', '--penalty', 'l1', '--lamda', '1')[0]).toEqual({
      path: 'arguments',
      message: expect.stringMatching(/unknown option '--lamda'/),
    });
  });

  it('ignores λ for --penalty none and fits ordinary least squares', () => {
    const expected = lassoFixture.cases.find((c) => c.penalty === 'none')!;
    const { code, stdout } = regsweep(
      'fit',
      '--data',
      'diabetes',
      '--penalty',
      'none',
      '--lambda',
      '5',
      '--tolerance',
      '1e-14',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Math.abs(json.coefficients.s5 - expected.coefficients.s5) / expected.coefficients.s5).toBeLessThan(1e-6);
  });
});
