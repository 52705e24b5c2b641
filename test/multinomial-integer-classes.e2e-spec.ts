/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Integer class codes in an uploaded CSV (issue 16): iris with its species written as 0/1/2 or as 3/7/9 is the same
 * data as the built-in iris, so a multinomial sweep on it must give the built-in's numbers exactly, with the codes
 * as the class labels of the report's per-class coefficients and confusion matrix. The same upload still serves a
 * linear sweep (y keeps the codes), and a float target or a single class is refused with `{path, message}`.
 */
import { CODES_012, CODES_379, irisWithCodes } from './helpers/iris-codes';
import { irisMultinomial } from './helpers/sweep-configs';
import { uploadCsv, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(180_000);

const t = useTestApp();

const multinomialConfig = (dataset: string) => irisMultinomial(`multinomial on ${dataset}`, dataset);

async function runToEnd(config: object): Promise<any> {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  const sweep = await waitForSweep(t.http, body.id, 150_000);
  expect(sweep).toMatchObject({ status: 'succeeded', error: null });
  return (await t.http.get(`/api/sweeps/${body.id}/report`).expect(200)).body;
}

describe('a CSV whose target is integer class codes', () => {
  let builtinReport: any;
  beforeAll(async () => {
    builtinReport = await runToEnd(multinomialConfig('iris'));
  });

  it.each([
    ['3/7/9', CODES_379, ['3', '7', '9']],
    ['0/1/2', CODES_012, ['0', '1', '2']],
  ])('codes %s: the labels are the codes, the numbers those of the text-labelled iris', async (_, codes, labels) => {
    const name = `iris codes ${labels.join('')}`;
    const { body: dataset } = await uploadCsv(t.http, {
      name,
      csv: irisWithCodes(codes),
      fileName: 'codes.csv',
    }).expect(201);
    // Uploaded without a model: a numeric (regression) target, as before; the sweep reads the codes from its values.
    expect(dataset).toMatchObject({ task: 'regression', classes: null });

    const report = await runToEnd(multinomialConfig(name));
    const textLabels = ['setosa', 'versicolor', 'virginica'];
    expect(Object.keys(report.best.coefficients)).toEqual(labels);
    expect(Object.keys(report.best.intercept)).toEqual(labels);
    expect(report.best.test.confusion.classes).toEqual(labels);
    expect(report.best.test.confusion.counts).toEqual(builtinReport.best.test.confusion.counts);
    expect(report.best.lambda).toBe(builtinReport.best.lambda);
    labels.forEach((label, k) => {
      expect(report.best.intercept[label]).toBe(builtinReport.best.intercept[textLabels[k]]);
      expect(report.best.coefficients[label]).toEqual(builtinReport.best.coefficients[textLabels[k]]);
    });
  });

  it('declared for multinomial at upload, the codes are stored as its labels; a linear sweep still fits the codes', async () => {
    const csv = irisWithCodes(CODES_379);
    const { body: dataset } = await uploadCsv(t.http, {
      name: 'iris declared',
      model: 'multinomial',
      csv,
      fileName: 'declared.csv',
    }).expect(201);
    expect(dataset).toMatchObject({ task: 'regression', classes: ['3', '7', '9'] });
    const { body: listed } = await t.http.get(`/api/datasets/${dataset.id}`).expect(200);
    expect(listed.classes).toEqual(['3', '7', '9']);

    const multinomial = await runToEnd(multinomialConfig('iris declared'));
    expect(multinomial.best.test.confusion.classes).toEqual(['3', '7', '9']);
    await expectCodesInModel(multinomial, csv);

    // Linear regression of the code on the features: one coefficient per feature, an intercept near the codes' mean.
    const linear = await runToEnd({ ...multinomialConfig('iris declared'), model: 'linear', metric: 'mse' });
    expect(Object.keys(linear.best.coefficients)).toEqual([
      'sepal_length',
      'sepal_width',
      'petal_length',
      'petal_width',
    ]);
    expect(typeof linear.best.intercept).toBe('number');
  });
});

/**
 * The sweep's exported model and its predictions carry the codes as labels: the JSON model's classLabels, the ONNX
 * file's, and POST /predict's probabilities, which are the softmax of η_k = b_k + Σ_j β_kj x_j computed here from
 * the report's per-class coefficients (1e-12), with each row's most probable code.
 */
async function expectCodesInModel(report: any, csv: string): Promise<void> {
  const { sweepId, best } = report;
  const { body: model } = await t.http.get(`/api/sweeps/${sweepId}/model?format=json`).expect(200);
  expect(model).toMatchObject({ kind: 'multinomial', link: 'softmax', classLabels: ['3', '7', '9'] });
  const onnx = await t.http.get(`/api/sweeps/${sweepId}/model?format=onnx`).buffer(true).expect(200);
  for (const text of ['Softmax', 'ArgMax', 'LabelEncoder', 'classes_strings']) {
    expect((onnx.body as Buffer).includes(Buffer.from(text))).toBe(true);
  }

  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  const rows = [0, 60, 120].map((i) => Object.fromEntries(lines[i].split(',').map((v, j) => [names[j], Number(v)])));
  const { body } = await t.http.post(`/api/sweeps/${sweepId}/predict`).send({ rows }).expect(200);
  expect(body.classes).toEqual(['3', '7', '9']);
  rows.forEach((row, i) => {
    const eta = body.classes.map((label: string) =>
      Object.entries(best.coefficients[label] as Record<string, number>).reduce(
        (sum, [name, beta]) => sum + beta * row[name],
        best.intercept[label] as number,
      ),
    );
    const top = Math.max(...eta);
    const total = eta.reduce((sum: number, e: number) => sum + Math.exp(e - top), 0);
    eta.forEach((e: number, k: number) =>
      expect(Math.abs(body.predictions[i][k] - Math.exp(e - top) / total)).toBeLessThan(1e-12),
    );
    expect(body.labels[i]).toBe(body.classes[eta.indexOf(top)]);
  });
  // The three rows are one of each species: setosa (3), versicolor (7), virginica (9).
  expect(body.labels).toEqual(['3', '7', '9']);
}

describe('targets a multinomial model cannot take', () => {
  const floats = 'a,b,y\n1,2,0.5\n2,1,1\n3,0,2\n4,1,1\n';
  const oneClass = 'a,b,y\n1,2,4\n2,1,4\n3,0,4\n4,1,4\n';
  /** An upload that declares its target as class labels (model multinomial). */
  const uploadAsClasses = (name: string, csv: string) =>
    uploadCsv(t.http, { name, model: 'multinomial', csv, fileName: `${name}.csv` });

  it('a float target: refused at upload for multinomial, and when a multinomial sweep is submitted', async () => {
    const { body } = await uploadAsClasses('floats', floats).expect(400);
    expect(body.errors).toEqual([
      { path: 'target', message: 'model multinomial needs class labels (text or integers): "y" is 0.5 in row 1' },
    ]);
    await uploadCsv(t.http, { name: 'floats', csv: floats, fileName: 'f.csv' }).expect(201);
    const { body: sweep } = await t.http.post('/api/sweeps').send(multinomialConfig('floats')).expect(400);
    expect(sweep.errors).toEqual(body.errors);
  });

  it('a class on one row only (as glmnet refuses it): a numeric target read as codes', async () => {
    const csv = 'a,b,y\n1,2,1\n2,1,1\n3,0,2\n4,1,5\n';
    const { body } = await uploadAsClasses('sparse', csv).expect(400);
    expect(body.errors).toEqual([
      {
        path: 'target',
        message:
          'model multinomial needs at least 2 rows per class (as glmnet): "y" has one row of class 2 and 1 more; is it a numeric (regression) target?',
      },
    ]);
  });

  it('a single class: refused at upload for multinomial, and when a multinomial sweep is submitted', async () => {
    const { body } = await uploadAsClasses('one', oneClass).expect(400);
    const expected = [
      { path: 'target', message: 'model multinomial needs at least 2 classes, but "y" holds only the class 4' },
    ];
    expect(body.errors).toEqual(expected);
    await uploadCsv(t.http, { name: 'one', csv: oneClass, fileName: 'o.csv' }).expect(201);
    const { body: sweep } = await t.http.post('/api/sweeps').send(multinomialConfig('one')).expect(400);
    expect(sweep.errors).toEqual(expected);
    // Nothing half-stored: the refused uploads added no dataset, the refused sweeps no sweep.
    const { body: datasets } = await t.http.get('/api/datasets?pageSize=100').expect(200);
    expect(datasets.items.filter((d: any) => d.name === 'one' || d.name === 'floats')).toHaveLength(2);
    const { body: sweeps } = await t.http.get('/api/sweeps?pageSize=100').expect(200);
    expect(
      sweeps.items.filter((s: any) => s.name === 'multinomial on one' || s.name === 'multinomial on floats'),
    ).toEqual([]);
  });
});
