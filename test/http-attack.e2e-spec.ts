/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Issue 17, items 3–8, against a real server with the dashboard mounted (its static-file error handler is what
 * turned refusals before routing into `404 Cannot POST`): every refusal is a 4xx with the `{path, message}` list,
 * nothing is stored, and no request reaches a 500.
 */
import { startTestApp, useTestApp, tableCounts } from './helpers/test-app';

const t = useTestApp({ app: { dashboard: true, writeLimit: 100_000 } });

function expectProblems(response: { status: number; body: any }, status: number, path?: string): void {
  expect({ status: response.status, body: response.body }).toEqual({
    status,
    body: expect.objectContaining({ statusCode: status, errors: expect.any(Array) }),
  });
  expect(response.body.errors.length).toBeGreaterThan(0);
  for (const problem of response.body.errors)
    expect(problem).toEqual({ path: expect.any(String), message: expect.any(String) });
  if (path !== undefined) expect(response.body.errors.map((e: any) => e.path)).toContain(path);
}

const post = (body: string, type = 'application/json') =>
  t.http.post('/api/sweeps').set('Content-Type', type).send(body);

describe('item 5: errors before routing', () => {
  it.each([
    ['malformed JSON', '{"name": '],
    ['top-level null', 'null'],
    ['top-level number', '5'],
    ['top-level string', '"sweep"'],
    ['NaN', '{"testFraction": NaN}'],
  ])('%s → 400 naming the body', async (_what, body) => {
    expectProblems(await post(body), 400, 'body');
  });

  it.each([
    ['{"__proto__": {"polluted": 1}}', '__proto__'],
    ['{"name": "x", "constructor": {"prototype": {}}}', 'constructor'],
  ])('%s → 400 naming the key', async (body, path) => {
    expectProblems(await post(body), 400, path);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('?__proto__[x]=1 and ?constructor=1 → 400', async () => {
    expectProblems(await t.http.get('/api/sweeps?__proto__[x]=1'), 400, '__proto__[x]');
    expectProblems(await t.http.get('/api/sweeps?constructor=1'), 400, 'constructor');
  });

  it('a charset body-parser cannot read, an unknown or broken Content-Encoding → 415 / 400', async () => {
    expectProblems(await post('{}', 'application/json; charset=latin1'), 415, 'headers.content-type');
    // '{}' as it is, whatever the header says: rot13 is no encoding, and '{}' is no gzip stream.
    const encoded = (encoding: string) =>
      t.http.post('/api/sweeps').set('Content-Type', 'application/json').set('Content-Encoding', encoding).send('{}');
    expectProblems(await encoded('rot13'), 415, 'headers.content-encoding');
    expectProblems(await encoded('gzip'), 400, 'body');
  });

  it('a body over 5 MB → 413; a urlencoded body → 415 (only JSON and multipart are read)', async () => {
    expectProblems(await post(`{"name": "${'x'.repeat(5 * 1024 * 1024 + 10)}"}`), 413, 'body');
    expectProblems(
      await post('name=x&dataset=diabetes', 'application/x-www-form-urlencoded'),
      415,
      'headers.content-type',
    );
  });
});

describe('item 6: inputs that reached a 500', () => {
  it('JSON nested 3,000 deep → 400 (was a stack overflow in class-transformer)', async () => {
    const deep = '{"split":'.repeat(3000) + '1' + '}'.repeat(3000);
    const response = await post(deep);
    expectProblems(response, 400);
    expect(response.body.errors).toEqual([
      { path: Array(16).fill('split').join('.'), message: 'is nested deeper than 16 levels' },
    ]);
    const deepArrays = '['.repeat(3000) + ']'.repeat(3000);
    const arrays = await post(`{"penalties": ${deepArrays}}`);
    expect(arrays.body.errors).toEqual([
      { path: 'penalties' + '.0'.repeat(15), message: 'is nested deeper than 16 levels' },
    ]);
  });

  it.each(['page=1e300', 'page=99999999999999999999', 'pageSize=1e3', 'pageSize=0x10', 'pageSize=%205', 'page=1.0'])(
    'GET /api/sweeps?%s → 400 (plain decimal whole numbers only)',
    async (query) => {
      expectProblems(await t.http.get(`/api/sweeps?${query}`), 400, query.split('=')[0]);
    },
  );
});

describe('item 3: bodies that are slow to validate are refused early, with a short answer', () => {
  it('250,000 unknown keys → 400 in one problem, a small answer, nothing stored', async () => {
    const before = tableCounts(t.dbPath);
    const keys = Object.fromEntries(Array.from({ length: 250_000 }, (_, i) => [`k${i}`, 1]));
    const response = await t.http.post('/api/sweeps').send(keys);
    expectProblems(response, 400);
    expect(response.body.errors).toEqual([{ path: 'body', message: 'has more than 100 fields' }]);
    expect(JSON.stringify(response.body).length).toBeLessThan(1000);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('penalties of 10⁶ items → 400 naming penalties; fold ids may be as many as a dataset has rows', async () => {
    const penalties = new Array(1_000_000).fill('l1');
    const response = await t.http.post('/api/sweeps').send({ name: 'x', dataset: 'diabetes', penalties });
    expect(response.body.errors).toEqual([{ path: 'penalties', message: 'has more than 10000 items' }]);
    // 442 fold ids pass the shape bounds (and go on to the config's own checks).
    const foldIds = Array.from({ length: 442 }, (_, i) => (i % 5) + 1);
    const ok = await t.http.post('/api/sweeps').send({
      name: 'x',
      dataset: 'diabetes',
      model: 'linear',
      penalties: ['l1'],
      split: { kind: 'foldIds', foldIds },
    });
    expect(ok.status).toBe(202);
  });

  it('at most 20 problems are listed, the rest counted', async () => {
    const penalties = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const response = await t.http.post('/api/sweeps').send({ name: 'x', dataset: 'diabetes', penalties });
    expectProblems(response, 400);
    expect(response.body.errors.length).toBeLessThanOrEqual(20);
    if (response.body.errors.length === 20) expect(response.body.errorsOmitted).toBeGreaterThan(0);
  });
});

describe('item 4: DNS rebinding', () => {
  it.each(['evil.example', 'evil.example:80', '127.0.0.1.nip.io'])(
    'Host: %s → 421 on reads and writes',
    async (host) => {
      expectProblems(await t.http.get('/api/sweeps').set('Host', host), 421, 'host');
      expectProblems(await t.http.post('/api/sweeps').set('Host', host).send({}), 421, 'host');
    },
  );

  it.each(['localhost:3000', '127.0.0.1', '[::1]:8080', 'LOCALHOST'])('Host: %s is served', async (host) => {
    await t.http.get('/api/health').set('Host', host).expect(200);
  });

  it('--allowed-hosts extends the list', async () => {
    const other = await startTestApp({ app: { allowedHosts: ['regsweep.lan'] } });
    try {
      await other.http.get('/api/health').set('Host', 'regsweep.lan:3000').expect(200);
      expectProblems(await other.http.get('/api/health').set('Host', 'evil.example'), 421, 'host');
    } finally {
      await other.close();
    }
  });
});
