/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Integer class codes for a softmax network (issue 16), exactly as for model multinomial: iris with its species
 * written as 3/7/9 is the built-in iris, so a softmax network swept on it through the API trains the same weights,
 * with the codes as the class labels of its confusion matrix, its exported model (JSON and ONNX) and its
 * predictions. Codes declared at upload are stored with the dataset and used the same way; a float target is
 * refused with `{path, message}` and nothing stored.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CODES_012, CODES_379, irisWithCodes } from './helpers/iris-codes';
import { irisSoftmaxNetwork } from './helpers/sweep-configs';
import { uploadCsv, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(180_000);

const t = useTestApp();

const softmaxConfig = (dataset: string) => irisSoftmaxNetwork(`softmax network on ${dataset}`, dataset);

async function runToEnd(config: object): Promise<any> {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id, 150_000);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  return (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
}

/** Rows 0, 60 and 120 of iris (one of each species) as {feature: value}, and row-major for ONNX. */
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
function someRows(csv: string): Record<string, number>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  return [0, 60, 120].map((i) => Object.fromEntries(lines[i].split(',').map((v, j) => [names[j], Number(v)])));
}

/** The sweep's ONNX file run by onnxruntime-node (in a child process: libs/models/test/helpers/run-onnx.js). */
async function runOnnx(sweepId: string, rows: Record<string, number>[]): Promise<any> {
  const onnx = await t.http
    .get(`/api/sweeps/${sweepId}/model?format=onnx`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const features = Float64Array.from(rows.flatMap((row) => FEATURES.map((name) => row[name])));
  const answer = execFileSync(process.execPath, [join(__dirname, '../libs/models/test/helpers/run-onnx.js')], {
    input: JSON.stringify({
      model: (onnx.body as Buffer).toString('base64'),
      rows: rows.length,
      cols: FEATURES.length,
      features: Buffer.from(features.buffer).toString('base64'),
    }),
  });
  return JSON.parse(answer.toString());
}

describe('a softmax network on a CSV whose target is integer class codes', () => {
  let builtin: any;
  beforeAll(async () => {
    builtin = await runToEnd(softmaxConfig('iris'));
  });

  it('codes 3/7/9: the same network as on the text-labelled iris, the codes as its labels everywhere', async () => {
    const csv = irisWithCodes(CODES_379);
    const { body: dataset } = await uploadCsv(t.http, { name: 'iris 379', csv, fileName: 'codes.csv' }).expect(201);
    expect(dataset).toMatchObject({ task: 'regression', classes: null });

    const report = await runToEnd(softmaxConfig('iris 379'));
    expect(report.best.lambda).toBe(builtin.best.lambda);
    expect(report.mlp.fullDataFit.weights).toEqual(builtin.mlp.fullDataFit.weights);
    expect(report.mlp.fullDataFit.biases).toEqual(builtin.mlp.fullDataFit.biases);
    expect(report.best.test.confusion.classes).toEqual(['3', '7', '9']);
    expect(report.best.test.confusion.counts).toEqual(builtin.best.test.confusion.counts);
    expect(report.best.test.logloss).toBe(builtin.best.test.logloss);

    const { body: model } = await t.http.get(`/api/sweeps/${report.sweepId}/model?format=json`).expect(200);
    expect(model).toMatchObject({ kind: 'mlp', link: 'softmax', classLabels: ['3', '7', '9'] });
    expect(model.weights).toEqual(report.mlp.fullDataFit.weights);

    // POST /predict: the built-in sweep's probabilities, with each label its code.
    const rows = someRows(csv);
    const [codes, text] = await Promise.all(
      [report.sweepId, builtin.sweepId].map(
        async (id) => (await t.http.post(`/api/sweeps/${id}/predict`).send({ rows }).expect(200)).body,
      ),
    );
    expect(codes.classes).toEqual(['3', '7', '9']);
    expect(codes.predictions).toEqual(text.predictions);
    expect(codes.labels).toEqual(text.labels.map((label: keyof typeof CODES_379) => CODES_379[label]));

    // The ONNX file: the same probabilities to 1e-6 relative, the codes as its labels.
    const onnx = await runOnnx(report.sweepId, rows);
    expect(onnx.label.data).toEqual(codes.labels);
    codes.predictions.flat().forEach((p: number, q: number) => {
      expect(Math.abs(onnx.probabilities.data[q] - p)).toBeLessThanOrEqual(1e-6 * p);
    });
  });

  it('codes 0/1/2 declared for multinomial at upload: stored with the dataset, the softmax network’s labels', async () => {
    const { body: dataset } = await uploadCsv(t.http, {
      name: 'iris 012 declared',
      model: 'multinomial',
      csv: irisWithCodes(CODES_012),
      fileName: 'declared.csv',
    }).expect(201);
    expect(dataset).toMatchObject({ task: 'regression', classes: ['0', '1', '2'] });
    const report = await runToEnd(softmaxConfig('iris 012 declared'));
    expect(report.best.test.confusion).toEqual({ ...builtin.best.test.confusion, classes: ['0', '1', '2'] });
    const { body: model } = await t.http.get(`/api/sweeps/${report.sweepId}/model?format=json`).expect(200);
    expect(model.classLabels).toEqual(['0', '1', '2']);
  });

  it('a float target: refused when the softmax sweep is submitted, naming the model, and nothing stored', async () => {
    await uploadCsv(t.http, { name: 'floats', csv: 'a,b,y\n1,2,0.5\n2,1,1\n3,0,2\n4,1,1\n', fileName: 'f.csv' }).expect(
      201,
    );
    const { body } = await t.http.post('/api/sweeps').send(softmaxConfig('floats')).expect(400);
    expect(body.errors).toEqual([
      {
        path: 'target',
        message: 'model mlp with softmax output needs class labels (text or integers): "y" is 0.5 in row 1',
      },
    ]);
    const { body: sweeps } = await t.http.get('/api/sweeps?pageSize=100').expect(200);
    expect(sweeps.items.filter((s: any) => s.name === 'softmax network on floats')).toEqual([]);
  });
});
