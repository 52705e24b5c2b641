/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The OpenAPI document as the contract: real answers of every endpoint of a real server (success and refusals) are
 * validated with ajv against the document the server itself serves at /api/docs-json. Every operation must be
 * exercised, and every answer's status must be documented for its operation.
 */
import { OpenApiValidator } from './helpers/openapi-validator';
import { SMALL_LASSO_SWEEP, UNTIL_CANCELLED_SWEEP } from './helpers/sweep-configs';
import { startTestApp, useTestApp, waitForSweep, waitUntil } from './helpers/test-app';

jest.setTimeout(120_000);

const SWEEP = { ...SMALL_LASSO_SWEEP, penalties: ['l1', 'l2'] };

const MULTINOMIAL_SWEEP = {
  name: 'iris-multinomial',
  dataset: 'iris',
  model: 'multinomial',
  multinomial: { grouped: false },
  lambdas: { auto: { count: 5 } },
  split: { kind: 'kfold', folds: 3, seed: 1 },
  testFraction: 0.2,
  concurrency: 1,
};
const CSV = 'a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const t = useTestApp({ app: { writeLimit: 100_000 } });
let contract: OpenApiValidator;
beforeAll(async () => {
  contract = new OpenApiValidator((await t.http.get('/api/docs-json').expect(200)).body);
});

/** Sends the request and checks its answer against `operation`'s documentation. */
async function call(operation: string, request: PromiseLike<any>): Promise<any> {
  const response = await request;
  contract.check(operation, response);
  return response;
}

it('every endpoint answers as documented, successes and refusals alike', async () => {
  const h = t.http;
  await call('GET /api/health', h.get('/api/health'));
  await call('GET /api/health', h.get('/api/health').set('Host', 'evil.example'));

  const datasets = await call('GET /api/datasets', h.get('/api/datasets'));
  await call('GET /api/datasets', h.get('/api/datasets?pageSize=1e3'));
  await call('GET /api/datasets/{id}', h.get(`/api/datasets/${datasets.body.items[0].id}`));
  await call('GET /api/datasets/{id}', h.get(`/api/datasets/${UNKNOWN}`));
  const csv = Buffer.from(CSV);
  await call('POST /api/datasets', h.post('/api/datasets').field('name', 'tiny').attach('file', csv, 'tiny.csv'));
  await call('POST /api/datasets', h.post('/api/datasets').field('name', 'diabetes').attach('file', csv, 'd.csv'));
  await call('POST /api/datasets', h.post('/api/datasets').field('name', 'no file'));
  await call('POST /api/datasets', h.post('/api/datasets').set('Content-Type', 'text/csv').send(CSV));

  const submitted = await call('POST /api/sweeps', h.post('/api/sweeps').send(SWEEP));
  expect(submitted.status).toBe(202);
  await call('POST /api/sweeps', h.post('/api/sweeps').send({ ...SWEEP, penalties: ['l3'] }));
  await call('POST /api/sweeps', h.post('/api/sweeps').send('{"name": '));
  await call('POST /api/sweeps', h.post('/api/sweeps').set('Origin', 'http://evil.example').send(SWEEP));
  await call('POST /api/sweeps', h.post('/api/sweeps').send({ name: 'x'.repeat(6 * 1024 * 1024) }));
  const id = submitted.body.id;
  await waitForSweep(h, id);

  await call('GET /api/sweeps', h.get('/api/sweeps?sort=name&order=asc'));
  await call('GET /api/sweeps', h.get('/api/sweeps?status=done'));
  await call('GET /api/sweeps', h.get('/api/sweeps?status=succeeded,failed&penalty=l1&sort=bestValidation'));
  await call('PATCH /api/sweeps/{id}', h.patch(`/api/sweeps/${id}`).send({ tags: ['baseline'], notes: 'first' }));
  await call('PATCH /api/sweeps/{id}', h.patch(`/api/sweeps/${id}`).send({ tags: ['a,b'] }));
  await call('PATCH /api/sweeps/{id}', h.patch(`/api/sweeps/${UNKNOWN}`).send({ notes: 'x' }));
  await call('GET /api/sweeps/{id}', h.get(`/api/sweeps/${id}`));
  await call('GET /api/sweeps/{id}', h.get(`/api/sweeps/${UNKNOWN}`));
  const report = await call('GET /api/sweeps/{id}/report', h.get(`/api/sweeps/${id}/report`));
  expect(report.body.penalties.length).toBe(2);
  await call('GET /api/sweeps/{id}/report', h.get(`/api/sweeps/${id}/report?maxPoints=3`));
  await call('GET /api/sweeps/{id}/report', h.get(`/api/sweeps/${UNKNOWN}/report`));
  await call('GET /api/sweeps/{id}/model', h.get(`/api/sweeps/${id}/model`));
  await call('GET /api/sweeps/{id}/model', h.get(`/api/sweeps/${id}/model?format=onnx`));
  await call('GET /api/sweeps/{id}/model', h.get(`/api/sweeps/${id}/model?format=pmml`));
  await call('GET /api/sweeps/{id}/model', h.get(`/api/sweeps/${UNKNOWN}/model`));
  const predicted = await call(
    'POST /api/sweeps/{id}/predict',
    h.post(`/api/sweeps/${id}/predict`).send({ rows: [{ x: 0.5 }, { x: 1 }] }),
  );
  expect(predicted.body.predictions).toHaveLength(2);
  const rowsCsv = Buffer.from('x\n0.5\n');
  await call('POST /api/sweeps/{id}/predict', h.post(`/api/sweeps/${id}/predict`).attach('file', rowsCsv, 'x.csv'));
  await call('POST /api/sweeps/{id}/predict', h.post(`/api/sweeps/${id}/predict`).send({ rows: [{ y: 1 }] }));
  await call('POST /api/sweeps/{id}/predict', h.post(`/api/sweeps/${UNKNOWN}/predict`).send({ rows: [{ x: 1 }] }));
  const trials = await call('GET /api/sweeps/{id}/trials', h.get(`/api/sweeps/${id}/trials?pageSize=3`));
  expect(trials.body.items.length).toBe(3);
  await call('GET /api/sweeps/{id}/trials', h.get(`/api/sweeps/${id}/trials?sort=gap&order=desc&penalty=l2`));
  await call('GET /api/sweeps/{id}/trials', h.get(`/api/sweeps/${id}/trials?pageSize=0`));

  // A multinomial sweep: per-class intercepts and coefficients, a confusion matrix in the report and in the trials.
  const multi = await call('POST /api/sweeps', h.post('/api/sweeps').send(MULTINOMIAL_SWEEP));
  await waitForSweep(h, multi.body.id);
  const multiReport = await call('GET /api/sweeps/{id}/report', h.get(`/api/sweeps/${multi.body.id}/report`));
  expect(multiReport.body.best.test.confusion.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  const multiTrials = h.get(`/api/sweeps/${multi.body.id}/trials?pageSize=2&include=coefficients,folds`);
  expect((await call('GET /api/sweeps/{id}/trials', multiTrials)).body.items[0].intercepts).toBeDefined();
  await call('GET /api/sweeps/{id}/events', h.get(`/api/sweeps/${id}/events`).buffer(true).parse(text));
  await call('GET /api/sweeps/{id}/events', h.get(`/api/sweeps/${UNKNOWN}/events`));
  const rerun = await call('POST /api/sweeps/{id}/rerun', h.post(`/api/sweeps/${id}/rerun`));
  expect(rerun.status).toBe(202);
  await call('POST /api/sweeps/{id}/rerun', h.post(`/api/sweeps/${UNKNOWN}/rerun`));
  await waitForSweep(h, rerun.body.id);
  await call('GET /api/compare', h.get(`/api/compare?sweeps=${id},${rerun.body.id},${multi.body.id}`));
  await call('GET /api/compare', h.get(`/api/compare?sweeps=${id}`));
  await call('GET /api/compare', h.get(`/api/compare?sweeps=${id},${UNKNOWN}`));
  await call('GET /api/datasets/{id}/sweeps', h.get('/api/datasets/iris/sweeps'));
  await call('GET /api/datasets/{id}/sweeps', h.get('/api/datasets/no-such-data/sweeps'));
  await call('POST /api/sweeps/{id}/cancel', h.post(`/api/sweeps/${id}/cancel`));
  await call('POST /api/sweeps/{id}/cancel', h.post(`/api/sweeps/${UNKNOWN}/cancel`));

  const slow = await call('POST /api/sweeps', h.post('/api/sweeps').send(UNTIL_CANCELLED_SWEEP));
  await waitUntil(h, slow.body.id, (sweep) => sweep.status === 'running');
  await call('GET /api/sweeps/{id}/report', h.get(`/api/sweeps/${slow.body.id}/report`)); // 409: no report yet
  await call('GET /api/sweeps/{id}/model', h.get(`/api/sweeps/${slow.body.id}/model`)); // 409: no model yet
  await call('POST /api/sweeps/{id}/predict', h.post(`/api/sweeps/${slow.body.id}/predict`).send({ rows: [] }));
  const cancelled = await call('POST /api/sweeps/{id}/cancel', h.post(`/api/sweeps/${slow.body.id}/cancel`));
  expect(cancelled.status).toBe(200);
  await waitForSweep(h, slow.body.id);

  const schedule = { name: 'nightly', cron: '0 3 * * *', sweep: SWEEP };
  const created = await call('POST /api/schedules', h.post('/api/schedules').send(schedule));
  await call('POST /api/schedules', h.post('/api/schedules').send({ ...schedule, cron: '0 0 31 2 *' }));
  const sid = created.body.id;
  await call('GET /api/schedules', h.get('/api/schedules'));
  await call('GET /api/schedules/{id}', h.get(`/api/schedules/${sid}`));
  await call('GET /api/schedules/{id}', h.get(`/api/schedules/${UNKNOWN}`));
  await call('PATCH /api/schedules/{id}', h.patch(`/api/schedules/${sid}`).send({ enabled: false }));
  await call('PATCH /api/schedules/{id}', h.patch(`/api/schedules/${sid}`).send({ cron: 'soon' }));
  await call('GET /api/schedules/{id}/runs', h.get(`/api/schedules/${sid}/runs`));
  await call('GET /api/schedules/{id}/firings', h.get(`/api/schedules/${sid}/firings`));
  await call('GET /api/schedules/{id}/firings', h.get(`/api/schedules/${UNKNOWN}/firings`));
  await call('DELETE /api/schedules/{id}', h.delete(`/api/schedules/${sid}`));
  await call('DELETE /api/schedules/{id}', h.delete(`/api/schedules/${sid}`));

  const statuses = new Set([...contract.seen].map((seen) => Number(seen.split(' ')[2])));
  expect([...statuses].sort()).toEqual([200, 201, 202, 204, 400, 403, 404, 409, 413, 415, 421]);
  const untested = contract.operations().filter((op) => ![...contract.seen].some((seen) => seen.startsWith(op + ' ')));
  expect(untested).toEqual([]);
});

it('401 (token required) and 429 (write limit) answer as documented', async () => {
  const closed = await startTestApp({ app: { requireAuth: true, readAccess: 'token', writeLimit: 1 } });
  try {
    await call('GET /api/sweeps', closed.http.get('/api/sweeps'));
    await call('POST /api/sweeps', closed.http.post('/api/sweeps').send(SWEEP));
    const limited = await call('POST /api/schedules', closed.http.post('/api/schedules').send({}));
    expect(limited.status).toBe(429);
    expect([...contract.seen]).toEqual(expect.arrayContaining(['GET /api/sweeps 401', 'POST /api/sweeps 401']));
  } finally {
    await closed.close();
  }
});

it('the check itself fails on a body off its schema and on an undocumented status', () => {
  const json = { 'content-type': 'application/json' };
  expect(() => contract.check('GET /api/health', { status: 200, body: { status: 'ok' }, headers: json })).toThrow(
    /database/,
  );
  const page = { items: [{ id: 'not-a-uuid' }], total: 1, page: 1, pageSize: 100 };
  expect(() => contract.check('GET /api/datasets', { status: 200, body: page, headers: json })).toThrow(/schema/);
  expect(() => contract.check('GET /api/health', { status: 418, body: {}, headers: json })).toThrow(/not documented/);
});

/** superagent's parser for a text body (the event stream): the text as it came. */
function text(response: any, done: (error: Error | null, body: string) => void): void {
  let body = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => (body += chunk));
  response.on('end', () => done(null, body));
}
