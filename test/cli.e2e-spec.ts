/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * The `regsweep` command (bin/regsweep.js → dist/) on temporary SQLite files: `sweep` reproduces cv.glmnet and
 * stores its results, a CSV dataset path is registered once, invalid input exits 2, `datasets` lists, `serve` serves.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fixture from './fixtures/cv-diabetes-lasso.json';
import { closeRelative, diabetesLassoConfig, queryDb, tableCounts } from './helpers/test-app';
import { freePort } from './helpers/free-port';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin', 'regsweep.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function regsweep(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('regsweep sweep', () => {
  it('runs the diabetes lasso CV config to the end and prints the cv.glmnet numbers as JSON', async () => {
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify(diabetesLassoConfig()));
    const db = join(dir, 'tmp.sqlite');
    const { code, stdout, stderr } = await regsweep(['sweep', 'cfg.json', '--json', '--db', db]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout);
    const [lasso] = report.penalties;
    lasso.curve.forEach((point: any, j: number) => {
      expect(closeRelative(point.validation, fixture.validationMean[j], 1e-6)).toBe(true);
      expect(closeRelative(point.validationSd, fixture.validationSd[j], 1e-6)).toBe(true);
      expect(closeRelative(point.train, fixture.trainMean[j], 1e-6)).toBe(true);
    });
    expect(closeRelative(lasso.lambdaMin, fixture.lambdaMin, 1e-9)).toBe(true);
    expect(closeRelative(lasso.lambda1se, fixture.lambda1se, 1e-9)).toBe(true);

    // Same database as the server: the sweep, its trials and fold rows are stored.
    const [sweep] = queryDb<any>(db, 'SELECT id, status, progressDone FROM sweep');
    expect(sweep).toEqual({ id: report.sweepId, status: 'succeeded', progressDone: 11 });
    expect(tableCounts(db)).toMatchObject({ sweep: 1, task: 11, trial: 100, fold_result: 1100 });
  });

  it('prints a readable table by default, and registers a CSV dataset path once', async () => {
    writeFileSync(
      join(dir, 'line.csv'),
      'x,z,y\n' +
        Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 5},${2 * i + 1 + ((i * 3) % 4) / 10}`).join('\n'),
    );
    writeFileSync(
      join(dir, 'cfg.yaml'),
      [
        'name: line',
        'dataset: line.csv',
        'model: linear',
        'penalties: [l1, l2]',
        'lambdas:',
        '  values: [1, 0.1, 0.01]',
        'split:',
        '  kind: kfold',
        '  folds: 4',
        '',
      ].join('\n'),
    );
    const db = join(dir, 'csv.sqlite');
    const first = await regsweep(['sweep', 'cfg.yaml', '--db', db, '--concurrency', '1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/penalty\s+lambdaMin\s+mse at lambdaMin/);
    expect(first.stdout).toMatch(/^l1\s/m);
    expect(first.stdout).toMatch(/^l2\s/m);
    expect(first.stdout).toMatch(/Best \(1se\): l[12] at lambda = /);
    expect(first.stdout).toMatch(/^x\s+-?\d/m);
    expect(first.stdout).toMatch(/^Threads: 1 \(set by the sweep config\)$/m);
    const second = await regsweep(['sweep', 'cfg.yaml', '--db', db]);
    expect(second.code).toBe(0);
    // No concurrency: the run chose to run this tiny sweep inline (no worker thread), and says why.
    expect(second.stdout).toMatch(/^Threads: 0 \(estimated [0-9.e+]+ multiply-adds < 3\.0e\+7: inline, .+\)$/m);
    expect(queryDb(db, 'SELECT name, version, target FROM dataset WHERE builtin = 0')).toEqual([
      { name: 'line', version: 1, target: 'y' },
    ]);
    expect(queryDb<any>(db, 'SELECT DISTINCT datasetId FROM sweep')).toHaveLength(1);
  });

  it('exits 2 with {errors: [{path, message}]} on stderr for an invalid config, storing nothing', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'name: bad\ndataset: diabetes\nmodel: linear\nsplit: { kind: kfold, folds: 1 }\ncolour: blue\n',
    );
    const db = join(dir, 'bad.sqlite');
    const { code, stdout, stderr } = await regsweep(['sweep', 'bad.yaml', '--db', db]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const paths = JSON.parse(stderr).errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['split.folds', 'colour']));

    const good = JSON.stringify({ ...diabetesLassoConfig(), split: { kind: 'foldIds', foldIds: [1, 2] } });
    writeFileSync(join(dir, 'short.json'), good);
    const dataError = await regsweep(['sweep', 'short.json', '--db', db]);
    expect(dataError.code).toBe(2);
    expect(JSON.parse(dataError.stderr).errors[0].path).toBe('split.foldIds');
    expect(tableCounts(db)).toMatchObject({ sweep: 0, trial: 0 });

    const missing = await regsweep(['sweep', 'nope.yaml', '--db', db]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stderr).errors[0].path).toBe('config');
  });
});

describe('regsweep datasets', () => {
  it('lists the built-ins of a new database', async () => {
    const { code, stdout } = await regsweep(['datasets', '--json', '--db', join(dir, 'fresh.sqlite')]);
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout)
        .map((d: any) => d.name)
        .sort(),
    ).toEqual(['breast-cancer', 'diabetes', 'iris', 'seed-linear']);
    const text = await regsweep(['datasets', '--db', join(dir, 'fresh.sqlite')]);
    expect(text.stdout).toMatch(/^diabetes\s+1\s+442\s+10\s+progression\s+regression\s+yes/m);
  });
});

describe('regsweep serve', () => {
  it('serves the API on the given port and database', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--db', join(dir, 'serve.sqlite')], {
      cwd: dir,
    });
    try {
      const health = await poll(`http://127.0.0.1:${port}/api/health`);
      expect(health).toEqual({ status: 'ok', database: 'ok' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

async function poll(url: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
