/**
 * `regsweep export` and `regsweep predict` (SPEC §7) through the built command: a sweep run by the CLI, its model
 * written as JSON and ONNX, and the JSON model predicting a CSV as the report's coefficients say; bad input exits 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtinCsvText } from '@regsweep/datasets';
import { predictAnswer, readModelText } from '@regsweep/models';
import { irisMultinomial, irisSoftmaxNetwork, SMALL_LASSO_SWEEP } from './helpers/sweep-configs';

jest.setTimeout(120_000);

const BIN = join(resolve(__dirname, '..'), 'bin', 'regsweep.js');
let dir: string;
let db: string;
let sweepId: string;
let report: { best: { intercept: number; coefficients: Record<string, number>; lambda: number } };

function regsweep(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Runs `regsweep sweep` on `config`, written to `file`, into the test's database; its --json answer. */
async function sweepByCli<Answer>(file: string, config: object): Promise<Answer> {
  writeFileSync(join(dir, file), JSON.stringify(config));
  const run = await regsweep(['sweep', file, '--json', '--db', db]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Answer;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regsweep-export-'));
  db = join(dir, 'regsweep.sqlite');
  const config = { ...SMALL_LASSO_SWEEP, name: 'cli-export', dataset: 'diabetes', lambdas: { auto: { count: 20 } } };
  const answer = await sweepByCli<typeof report & { sweepId: string }>('cfg.json', config);
  report = answer;
  sweepId = answer.sweepId;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('exports the best model as JSON and ONNX, and predicts a CSV with it as the report’s coefficients say', async () => {
  const json = await regsweep(['export', sweepId, '--format', 'json', '--out', 'model.json', '--db', db]);
  expect(json).toMatchObject({ code: 0, stderr: '' });
  const model = readModelText(readFileSync(join(dir, 'model.json'), 'utf8'));
  expect(model).toMatchObject({ kind: 'glm', lambda: report.best.lambda, intercept: report.best.intercept });

  const onnx = await regsweep(['export', sweepId, '--format', 'onnx', '--out', 'model.onnx', '--db', db]);
  expect(onnx).toMatchObject({ code: 0, stderr: '' });
  const bytes = readFileSync(join(dir, 'model.onnx'));
  expect(bytes.includes(Buffer.from('LinearRegressor'))).toBe(true);
  const float32 = await regsweep([
    'export',
    sweepId,
    '--format',
    'onnx',
    '--precision',
    'float32',
    '--out',
    'model32.onnx',
    '--db',
    db,
  ]);
  expect(float32).toMatchObject({ code: 0, stderr: '' });
  expect(readFileSync(join(dir, 'model32.onnx')).includes(Buffer.from('float32'))).toBe(true);

  const csv = builtinCsvText('diabetes').split('\n').slice(0, 11).join('\n') + '\n';
  writeFileSync(join(dir, 'rows.csv'), csv);
  const predicted = await regsweep(['predict', '--model', 'model.json', '--data', 'rows.csv', '--json']);
  expect(predicted).toMatchObject({ code: 0, stderr: '' });
  const { predictions } = JSON.parse(predicted.stdout) as { predictions: number[] };
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  expect(predictions).toHaveLength(10);
  lines.forEach((line, i) => {
    const cells = line.split(',').map(Number);
    const eta = names.reduce(
      (sum, name, j) => sum + (report.best.coefficients[name] ?? 0) * cells[j],
      report.best.intercept,
    );
    expect(Math.abs(predictions[i] - eta)).toBeLessThanOrEqual(1e-12 * Math.abs(eta));
  });
  const plain = await regsweep(['predict', '--model', 'model.json', '--data', 'rows.csv']);
  expect(plain.stdout.trim().split('\n').map(Number)).toEqual(predictions);
});

it('bad input exits 2 with {path, message}; an unknown sweep exits 1', async () => {
  writeFileSync(join(dir, 'bad.csv'), 'age,sex\n1,x\n');
  await regsweep(['export', sweepId, '--out', 'model.json', '--db', db]);
  const badCsv = await regsweep(['predict', '--model', 'model.json', '--data', 'bad.csv']);
  expect(badCsv.code).toBe(2);
  expect(JSON.parse(badCsv.stderr).errors[0].path).toBe('file: header');
  const noModel = await regsweep(['predict', '--model', 'nope.json', '--data', 'bad.csv']);
  expect(noModel.code).toBe(2);
  expect(JSON.parse(noModel.stderr).errors).toEqual([{ path: 'model', message: 'file not found: nope.json' }]);
  await regsweep(['export', sweepId, '--format', 'onnx', '--out', 'model.onnx', '--db', db]);
  const onnxModel = await regsweep(['predict', '--model', 'model.onnx', '--data', 'bad.csv']);
  expect(onnxModel.code).toBe(2);
  const badFormat = await regsweep(['export', sweepId, '--format', 'pmml', '--db', db]);
  expect(badFormat.code).toBe(2);
  const badPrecision = await regsweep(['export', sweepId, '--format', 'onnx', '--precision', 'half', '--db', db]);
  expect(badPrecision.code).toBe(2);
  expect(JSON.parse(badPrecision.stderr).errors).toEqual([
    { path: 'precision', message: 'must be one of float64, float32' },
  ]);
  const unknown = await regsweep(['export', '00000000-0000-4000-8000-000000000000', '--db', db]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toMatch(/not found/);
});

it('a multinomial sweep: exports per-class coefficients and labels, and predicts class probabilities', async () => {
  const { sweepId: id, best } = await sweepByCli<{
    sweepId: string;
    best: { intercept: Record<string, number>; coefficients: Record<string, Record<string, number>> };
  }>('multinomial.json', irisMultinomial('cli-export-multinomial'));
  expect(await regsweep(['export', id, '--out', 'multinomial-model.json', '--db', db])).toMatchObject({ code: 0 });
  const model = readModelText(readFileSync(join(dir, 'multinomial-model.json'), 'utf8'));
  expect(model).toMatchObject({ kind: 'multinomial', classLabels: ['setosa', 'versicolor', 'virginica'] });
  const onnx = await regsweep(['export', id, '--format', 'onnx', '--out', 'multinomial.onnx', '--db', db]);
  expect(onnx).toMatchObject({ code: 0, stderr: '' });
  expect(readFileSync(join(dir, 'multinomial.onnx')).includes(Buffer.from('versicolor'))).toBe(true);

  const lines = builtinCsvText('iris').trim().split('\n');
  writeFileSync(join(dir, 'iris-rows.csv'), [lines[0], lines[1], lines[51], lines[101]].join('\n') + '\n');
  const predicted = await regsweep([
    'predict',
    '--model',
    'multinomial-model.json',
    '--data',
    'iris-rows.csv',
    '--json',
  ]);
  expect(predicted).toMatchObject({ code: 0, stderr: '' });
  const answer = JSON.parse(predicted.stdout) as { predictions: number[][]; classes: string[]; labels: string[] };
  expect(answer.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  expect(answer.labels).toEqual(['setosa', 'versicolor', 'virginica']);
  const names = lines[0].split(',');
  [lines[1], lines[51], lines[101]].forEach((line, i) => {
    const cells = line.split(',');
    // η_k = b_k + Σ_j β_kj x_j from the report; p_k = e^{η_k} / Σ_l e^{η_l}.
    const eta = answer.classes.map((label) =>
      names.reduce(
        (sum, name, j) =>
          name in best.coefficients[label] ? sum + best.coefficients[label][name] * Number(cells[j]) : sum,
        best.intercept[label],
      ),
    );
    const total = eta.reduce((sum, e) => sum + Math.exp(e), 0);
    eta.forEach((e, k) => expect(Math.abs(answer.predictions[i][k] - Math.exp(e) / total)).toBeLessThan(1e-12));
  });
  // Without --json: a CSV of the most probable class and each class's probability.
  const plain = await regsweep(['predict', '--model', 'multinomial-model.json', '--data', 'iris-rows.csv']);
  const [head, ...rows] = plain.stdout.trim().split('\n');
  expect(head).toBe('label,p_setosa,p_versicolor,p_virginica');
  rows.forEach((row, i) => {
    const [label, ...p] = row.split(',');
    expect(label).toBe(answer.labels[i]);
    expect(p.map(Number)).toEqual(answer.predictions[i]);
  });
});

it('a softmax network: exports its K output units and labels, and predicts class probabilities with them', async () => {
  const { sweepId: id, mlp } = await sweepByCli<{
    sweepId: string;
    mlp: { fullDataFit: { weights: number[][][]; biases: number[][] } };
  }>('softmax.json', irisSoftmaxNetwork('cli-export-softmax-network'));
  expect(await regsweep(['export', id, '--out', 'softmax-model.json', '--db', db])).toMatchObject({ code: 0 });
  const model = readModelText(readFileSync(join(dir, 'softmax-model.json'), 'utf8'));
  expect(model).toMatchObject({
    kind: 'mlp',
    link: 'softmax',
    classLabels: ['setosa', 'versicolor', 'virginica'],
    weights: mlp.fullDataFit.weights,
    biases: mlp.fullDataFit.biases,
  });
  const onnx = await regsweep(['export', id, '--format', 'onnx', '--out', 'softmax.onnx', '--db', db]);
  expect(onnx).toMatchObject({ code: 0, stderr: '' });
  const bytes = readFileSync(join(dir, 'softmax.onnx'));
  for (const text of ['Softmax', 'LabelEncoder', 'versicolor']) expect(bytes.includes(Buffer.from(text))).toBe(true);

  const lines = builtinCsvText('iris').trim().split('\n');
  writeFileSync(join(dir, 'iris-rows.csv'), [lines[0], lines[1], lines[51], lines[101]].join('\n') + '\n');
  const predicted = await regsweep(['predict', '--model', 'softmax-model.json', '--data', 'iris-rows.csv', '--json']);
  expect(predicted).toMatchObject({ code: 0, stderr: '' });
  const answer = JSON.parse(predicted.stdout) as { predictions: number[][]; classes: string[]; labels: string[] };
  expect(answer.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  // The model file's own answer, computed here by the library from the same rows.
  const names = lines[0].split(',').slice(0, 4);
  const rows = [lines[1], lines[51], lines[101]].map((line) => line.split(',').map(Number));
  const x = {
    rows: 3,
    cols: 4,
    values: Float64Array.from({ length: 12 }, (_, q) => rows[q % 3][Math.floor(q / 3)]),
    names,
  };
  expect(answer).toEqual(predictAnswer(model, x));
  answer.predictions.forEach((p) => expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12));
});
