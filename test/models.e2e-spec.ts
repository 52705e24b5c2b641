/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Export and serve (SPEC §7): a real server runs a sweep; its model comes back as JSON and ONNX, and
 * POST /api/sweeps/:id/predict answers the model's predictions for JSON rows and for a CSV, with the uploads'
 * {path, message} errors for bad rows.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { builtinCsvText, parseCsvDataset } from '@regsweep/datasets';
import { checkModel, predict } from '@regsweep/models';
import { startTestApp, waitForSweep, waitUntil, type TestApp } from './helpers/test-app';
import { SMALL_LASSO_SWEEP } from './helpers/sweep-configs';

jest.setTimeout(120_000);

const LOGISTIC = {
  ...SMALL_LASSO_SWEEP,
  name: 'export-breast-cancer',
  dataset: 'breast-cancer',
  model: 'logistic',
  lambdas: { auto: { count: 15 } },
  split: { kind: 'kfold', folds: 3, seed: 2 },
  testFraction: 0.2,
};

const data = parseCsvDataset(builtinCsvText('breast-cancer'), { target: 'benign' });

/** The first `n` rows of breast-cancer as {feature: value} objects. */
function recordRows(n: number): Record<string, number>[] {
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(data.names.map((name, j) => [name, data.x.values[j * data.rows + i]])),
  );
}

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await startTestApp();
  const submitted = await t.http.post('/api/sweeps').send(LOGISTIC).expect(202);
  id = submitted.body.id;
  expect((await waitForSweep(t.http, id)).status).toBe('succeeded');
});
afterAll(async () => {
  await t?.close();
});

it('GET /model answers the report’s best model as JSON, with provenance', async () => {
  const [model, report, dataset] = await Promise.all([
    t.http.get(`/api/sweeps/${id}/model`).expect(200),
    t.http.get(`/api/sweeps/${id}/report`).expect(200),
    t.http.get('/api/datasets').expect(200),
  ]);
  const checked = checkModel(model.body);
  const best = report.body.best;
  expect(checked).toMatchObject({ kind: 'glm', link: 'logit', penalty: 'l1', lambda: best.lambda });
  if (checked.kind !== 'glm') return;
  expect(checked.intercept).toBe(best.intercept);
  checked.features.forEach((name, j) => expect(checked.coefficients[j]).toBe(best.coefficients[name]));
  const breastCancer = dataset.body.items.find((d: any) => d.name === 'breast-cancer');
  expect(checked.provenance).toMatchObject({ sweepId: id, datasetId: breastCancer.id, datasetVersion: 1 });
  expect(checked.provenance.datasetChecksum).toMatch(/^sha256:[0-9a-f]{64}$/);
});

/**
 * The largest |p_onnx − p_json| of P(class 1) over the first 20 rows: the ONNX file run by onnxruntime-node (in a
 * child process, run-onnx.js says why) against the JSON model's own predictions.
 */
async function onnxAgainstJsonModel(onnx: Buffer): Promise<number> {
  const model = checkModel((await t.http.get(`/api/sweeps/${id}/model`)).body);
  const n = 20;
  const features = new Float64Array(n * data.names.length);
  recordRows(n).forEach((row, i) => data.names.forEach((name, j) => (features[i * data.names.length + j] = row[name])));
  const answer = execFileSync(process.execPath, [join(__dirname, '../libs/models/test/helpers/run-onnx.js')], {
    input: JSON.stringify({
      model: onnx.toString('base64'),
      rows: n,
      cols: data.names.length,
      features: Buffer.from(features.buffer).toString('base64'),
    }),
  });
  const probabilities = JSON.parse(answer.toString()).probabilities.data as number[];
  const expected = predict(model, { rows: n, cols: data.x.cols, values: columnMajor(n), names: data.names });
  return Math.max(...expected.map((p, i) => Math.abs(probabilities[2 * i + 1] - p)));
}

it('GET /model?format=onnx answers an ONNX file that onnxruntime runs to the JSON model’s probabilities', async () => {
  const onnx = await t.http
    .get(`/api/sweeps/${id}/model?format=onnx`)
    .buffer(true)
    .parse(binary)
    .expect(200)
    .expect('Content-Type', 'application/octet-stream');
  expect(await onnxAgainstJsonModel(onnx.body as Buffer)).toBeLessThan(1e-5);
});

it('GET /model?format=onnx&precision=float32 answers a LinearClassifier graph on float input, within float32', async () => {
  const onnx = await t.http
    .get(`/api/sweeps/${id}/model?format=onnx&precision=float32`)
    .buffer(true)
    .parse(binary)
    .expect(200);
  const bytes = onnx.body as Buffer;
  expect(bytes.includes(Buffer.from('LinearClassifier'))).toBe(true);
  expect(await onnxAgainstJsonModel(bytes)).toBeLessThan(1e-6);
  const bad = await t.http.get(`/api/sweeps/${id}/model?format=onnx&precision=half`).expect(400);
  expect(bad.body.errors).toEqual([{ path: 'precision', message: expect.stringMatching(/float64, float32/) }]);
});

it('POST /predict answers P(class 1) for JSON rows and for a CSV, the same for both', async () => {
  const n = 25;
  const model = checkModel((await t.http.get(`/api/sweeps/${id}/model`)).body);
  const expected = Array.from(
    predict(model, { rows: n, cols: data.x.cols, values: columnMajor(n), names: data.names }),
  );
  const json = await t.http
    .post(`/api/sweeps/${id}/predict`)
    .send({ rows: recordRows(n) })
    .expect(200);
  expect(json.body.predictions).toEqual(expected);
  // A CSV with the columns in another order and the target among them: matched by name.
  const names = [...data.names].reverse();
  const csv = [
    ['benign', ...names].join(','),
    ...recordRows(n).map((row) => ['1', ...names.map((c) => row[c])].join(',')),
  ];
  const fromCsv = await t.http
    .post(`/api/sweeps/${id}/predict`)
    .attach('file', Buffer.from(csv.join('\n') + '\n'), 'rows.csv')
    .expect(200);
  expect(fromCsv.body.predictions).toEqual(expected);
  expect(expected.every((p) => p > 0 && p < 1)).toBe(true);
});

it('refuses bad rows with {path, message}, as uploads do', async () => {
  const rows = recordRows(2);
  const [first, second] = data.names;
  delete rows[0][first];
  (rows[1] as any)[second] = 'high';
  const bad = await t.http.post(`/api/sweeps/${id}/predict`).send({ rows }).expect(400);
  expect(bad.body.errors).toEqual([
    { path: `rows[0].${first}`, message: 'missing value' },
    { path: `rows[1].${second}`, message: 'must be a finite number' },
  ]);
  const header = data.names.join(',');
  const cells = recordRows(1)[0];
  const line = data.names.map((name, j) => (j === 2 ? 'NaN' : cells[name])).join(',');
  const csv = await t.http
    .post(`/api/sweeps/${id}/predict`)
    .attach('file', Buffer.from(`${header}\n${line}\n`), 'rows.csv')
    .expect(400);
  expect(csv.body.errors).toEqual([
    { path: `file: row 1, column ${data.names[2]}`, message: 'NaN and Infinity are not allowed: "NaN"' },
  ]);
  const missing = await t.http
    .post(`/api/sweeps/${id}/predict`)
    .attach('file', Buffer.from('a,b\n1,2\n'), 'rows.csv')
    .expect(400);
  expect(missing.body.errors[0]).toEqual({
    path: 'file: header',
    message: `missing feature column "${data.names[0]}"`,
  });
  await t.http.post(`/api/sweeps/${id}/predict`).send({}).expect(400);
  await t.http.post(`/api/sweeps/${id}/predict`).send({ rows: [], extra: 1 }).expect(400);
  await t.http.get(`/api/sweeps/${id}/model?format=pmml`).expect(400);
});

it('404 for an unknown sweep, 409 for one without a model yet', async () => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await t.http.get(`/api/sweeps/${unknown}/model`).expect(404);
  await t.http
    .post(`/api/sweeps/${unknown}/predict`)
    .send({ rows: recordRows(1) })
    .expect(404);
  const slow = await t.http
    .post('/api/sweeps')
    .send({
      ...LOGISTIC,
      name: 'slow',
      testFraction: 0,
      lambdas: { values: [0.01] },
      solver: { kind: 'gd', learningRate: 0.01, epochs: 10_000_000, tolerance: 1e-300 },
    })
    .expect(202);
  await waitUntil(t.http, slow.body.id, (sweep) => sweep.status === 'running');
  await t.http.get(`/api/sweeps/${slow.body.id}/model`).expect(409);
  await t.http.post(`/api/sweeps/${slow.body.id}/cancel`).expect(200);
});

/** The first n rows of breast-cancer's features, column-major. */
function columnMajor(n: number): Float64Array {
  const values = new Float64Array(n * data.x.cols);
  for (let j = 0; j < data.x.cols; j++)
    for (let i = 0; i < n; i++) values[j * n + i] = data.x.values[j * data.rows + i];
  return values;
}

/** superagent's parser for a binary body: the bytes as they came. */
function binary(response: any, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
