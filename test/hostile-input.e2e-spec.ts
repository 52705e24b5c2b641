/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Hostile and malformed input over HTTP: bad query parameters, broken CSV uploads and random junk sweep configs
 * all answer 4xx with a non-empty `[{path, message}]` list, and nothing is stored (row counts read from the
 * SQLite file itself). Property runs are kept small (≤ 100) so the suite stays fast.
 */
import fc from 'fast-check';
import { uploadCsv, useTestApp, tableCounts, waitForSweep } from './helpers/test-app';

const UPLOAD_LIMIT = 64 * 1024;

// The write limit is raised so the property runs (many POSTs) are not answered 429.
const t = useTestApp({ uploadLimitBytes: UPLOAD_LIMIT, app: { writeLimit: 100_000 } });

/** A refusal as the API promises it: the status, and a non-empty list of string paths and messages. */
function expectProblems(response: { status: number; body: any }, status: number): void {
  expect(response.status).toBe(status);
  expect(Array.isArray(response.body.errors)).toBe(true);
  expect(response.body.errors.length).toBeGreaterThan(0);
  for (const problem of response.body.errors) {
    expect(problem).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(problem.message.length).toBeGreaterThan(0);
  }
}

describe('query parameters', () => {
  const TRIALS = '/api/sweeps/00000000-0000-4000-8000-000000000000/trials';
  const refused: [string, string][] = [
    ['/api/sweeps?page=0', 'page'],
    ['/api/sweeps?page=-3', 'page'],
    ['/api/sweeps?page=abc', 'page'],
    ['/api/sweeps?page=1.5', 'page'],
    ['/api/sweeps?pageSize=0', 'pageSize'],
    ['/api/sweeps?pageSize=1001', 'pageSize'],
    ['/api/sweeps?sort=config', 'sort'],
    ['/api/sweeps?sort=' + encodeURIComponent('name; DROP TABLE sweep'), 'sort'],
    ['/api/sweeps?order=sideways', 'order'],
    ['/api/sweeps?status=done', 'status'],
    ['/api/sweeps?limit=5', 'limit'],
    ['/api/datasets?pageSize=100000', 'pageSize'],
    ['/api/datasets?sort=name', 'sort'],
    ['/api/datasets?' + encodeURIComponent('a[b]') + '=1', 'a[b]'],
    [`${TRIALS}?sort=key`, 'sort'],
    [`${TRIALS}?order=DESC;`, 'order'],
    [`${TRIALS}?penalty=l3`, 'penalty'],
    [`${TRIALS}?pageSize=5000`, 'pageSize'],
    [`${TRIALS}?fields=all`, 'fields'],
  ];

  it.each(refused)('%s → 400 naming %s', async (url, path) => {
    const response = await t.http.get(url);
    expectProblems(response, 400);
    expect(response.body.errors.map((e: any) => e.path)).toContain(path);
  });

  it.each(['valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '?%s=1 (an Object.prototype name) → 400, not silently ignored',
    async (key) => {
      const response = await t.http.get(`/api/sweeps?${key}=1`);
      expectProblems(response, 400);
      expect(response.body.errors).toEqual([{ path: key, message: 'is not a known field' }]);
    },
  );

  it('accepts the bounds themselves', async () => {
    await t.http.get('/api/sweeps?page=1&pageSize=1000&sort=name&order=asc&status=queued').expect(200);
    await t.http.get('/api/datasets?page=1&pageSize=1').expect(200);
    await t.http.get(`${TRIALS}?page=1&pageSize=1000&sort=gap&order=desc&penalty=l1`).expect(404);
  });

  it('answers random query strings with 200 or 400 (with its errors), never a server error', async () => {
    const knownKey = fc.constantFrom('page', 'pageSize', 'sort', 'order', 'status');
    const query = fc.dictionary(
      fc.oneof(knownKey, fc.string({ minLength: 1, maxLength: 12 })),
      fc.string({ maxLength: 20 }),
      {
        maxKeys: 4,
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/sweeps', '/api/datasets'), query, async (path, params) => {
        const response = await t.http.get(`${path}?${new URLSearchParams(params).toString()}`);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) expectProblems(response, 400);
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV uploads', () => {
  const LOGISTIC = { model: 'logistic' };
  const CSV = Buffer.from('a,y\n1,2\n3,5\n');
  const refused: [string, string, Record<string, string>?][] = [
    ['empty file', ''],
    ['blank lines only', '\n \n\n'],
    ['header only', 'a,b,y\n'],
    ['ragged row', 'a,b,y\n1,2,3\n4,5\n'],
    ['non-numeric cell', 'a,y\n1,2\nfoo,3\n'],
    ['hexadecimal cell', 'a,y\n0x10,2\n1,3\n'],
    ['missing cell', 'a,b,y\n1,,2\n3,4,5\n'],
    ['duplicate column names', 'a,a,y\n1,2,3\n4,5,6\n'],
    ['empty column name', 'a,,y\n1,2,3\n4,5,6\n'],
    ['NaN', 'a,y\n1,NaN\n2,3\n'],
    ['Infinity', 'a,y\nInfinity,1\n2,3\n'],
    ['-inf', 'a,y\n-inf,1\n2,3\n'],
    ['number out of range', 'a,y\n1e999,1\n2,3\n'],
    ['only a target column', 'y\n1\n2\n'],
    ['unterminated quote', 'a,y\n"1,2\n3,4\n'],
    ['binary junk', '\u0000\u0001\u00ff,\u0002\n\u0003,\u0004\n'],
    ['non-binary target for logistic', 'a,y\n1,0.5\n2,1\n3,0\n', LOGISTIC],
    ['a single class for logistic', 'a,y\n1,1\n2,1\n3,1\n', LOGISTIC],
  ];

  it.each(refused)('%s → 400 with its {path, message}, nothing stored', async (_label, csv, fields = {}) => {
    const before = tableCounts(t.dbPath);
    let request = t.http.post('/api/datasets').field('name', 'hostile');
    for (const [key, value] of Object.entries(fields)) request = request.field(key, value);
    const response = await request.attach('file', Buffer.from(csv, 'latin1'), 'hostile.csv');
    expectProblems(response, 400);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  const badForms: [string, string, (r: any) => any][] = [
    ['no name', 'name', (r) => r.attach('file', CSV, 'a.csv')],
    ['name above 200 characters', 'name', (r) => r.field('name', 'n'.repeat(201)).attach('file', CSV, 'a.csv')],
    ['unknown model', 'model', (r) => r.field('name', 'x').field('model', 'svm').attach('file', CSV, 'a.csv')],
    ['unknown form field', 'evil', (r) => r.field('name', 'x').field('evil', '1').attach('file', CSV, 'a.csv')],
    ['file under another field name', 'file', (r) => r.field('name', 'x').attach('data', CSV, 'a.csv')],
    ['two files', 'file', (r) => r.field('name', 'x').attach('file', CSV, 'a.csv').attach('file', CSV, 'b.csv')],
  ];

  it.each(badForms)('%s → 400 naming %s, nothing stored', async (_label, path, build) => {
    const before = tableCounts(t.dbPath);
    const response = await build(t.http.post('/api/datasets'));
    expectProblems(response, 400);
    expect(response.body.errors.map((e: any) => e.path)).toContain(path);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('a file above the upload limit → 413 with its {path, message}, nothing stored', async () => {
    const before = tableCounts(t.dbPath);
    const big = 'a,y\n' + '1.5,2.5\n'.repeat(Math.ceil((2 * UPLOAD_LIMIT) / 8));
    const response = await uploadCsv(t.http, { name: 'big', csv: big, fileName: 'big.csv' });
    expectProblems(response, 413);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('answers random bytes as a CSV with 201 or 400, never a server error; a 400 stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const before = tableCounts(t.dbPath);
        const response = await uploadCsv(t.http, { name: 'random', csv: bytes, fileName: 'r.csv' });
        expect([201, 400]).toContain(response.status);
        if (response.status === 400) {
          expectProblems(response, 400);
          expect(tableCounts(t.dbPath)).toEqual(before);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('POST /api/sweeps with junk', () => {
  /** A config that would be accepted (and run): every generated body below differs from it in a way that is wrong. */
  const VALID = {
    name: 'junk target',
    dataset: 'diabetes',
    model: 'linear',
    penalties: ['l1'],
    lambdas: { values: [0.1] },
    split: { kind: 'kfold', folds: 3 },
  };
  const KNOWN_FIELDS = [
    'name',
    'dataset',
    'target',
    'model',
    'penalties',
    'l1Ratios',
    'lambdas',
    'split',
    'testFraction',
  ];
  KNOWN_FIELDS.push('search', 'solver', 'standardize', 'metric', 'selection', 'concurrency');

  type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
  const kindOf = (value: unknown): Kind =>
    value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as Exclude<Kind, 'array' | 'null'>);
  /** The JSON kind each field must have. (null is left out: class-validator reads null as "not given".) */
  const FIELD_KINDS: Record<string, Kind> = {
    name: 'string',
    dataset: 'string',
    model: 'string',
    target: 'string',
    penalties: 'array',
    l1Ratios: 'array',
    lambdas: 'object',
    split: 'object',
    search: 'object',
    solver: 'object',
    standardize: 'boolean',
    testFraction: 'number',
    concurrency: 'number',
  };

  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const wrongKind = fc
    .constantFrom(...Object.keys(FIELD_KINDS))
    .chain((field) =>
      anyJson
        .filter((value) => value !== null && kindOf(value) !== FIELD_KINDS[field])
        .map((value) => ({ ...VALID, [field]: value })),
    );
  const unknownField = fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 15 }).filter((key) => !KNOWN_FIELDS.includes(key)),
      anyJson,
    )
    .map(([key, value]) => ({ ...VALID, [key]: value }));
  /** Raw request text: JSON of anything (top-level primitives included), or arbitrary text that may not parse. */
  const body = fc.oneof(
    anyJson.map((value) => JSON.stringify(value)),
    wrongKind.map((value) => JSON.stringify(value)),
    unknownField.map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 60 }),
  );

  it('always answers 400 with a non-empty errors list, and stores nothing', async () => {
    const before = tableCounts(t.dbPath);
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const response = await t.http.post('/api/sweeps').set('Content-Type', 'application/json').send(text);
        expectProblems(response, 400);
        expect(tableCounts(t.dbPath)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['{"valueOf":"x"}', 'valueOf'],
    ['{"constructor":{"name":"x"}}', 'constructor'],
    ['{"__proto__":{"name":"x"}}', '__proto__'],
    ['{"split":{"kind":"kfold","toString":1}}', 'split.toString'],
    ['{"penalties":[{"hasOwnProperty":1}]}', 'penalties.0.hasOwnProperty'],
  ])('a valid config plus %s → 400 naming %s, nothing stored', async (extra, path) => {
    const before = tableCounts(t.dbPath);
    // Appended to the valid config's JSON text: a repeated key (split, penalties) replaces the valid one.
    const text = JSON.stringify(VALID).slice(0, -1) + ',' + extra.slice(1);
    const response = await t.http.post('/api/sweeps').set('Content-Type', 'application/json').send(text);
    expectProblems(response, 400);
    expect(response.body.errors.map((e: any) => e.path)).toContain(path);
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('answers a body that is not JSON at all with 415 (its media type is not read)', async () => {
    const response = await t.http.post('/api/sweeps').set('Content-Type', 'text/plain').send('name: yaml?');
    expectProblems(response, 415);
    expect(response.body.errors[0].path).toBe('headers.content-type');
  });

  it('the valid base config itself is accepted (so the junk above is refused for its junk)', async () => {
    const { body: submitted } = await t.http.post('/api/sweeps').send(VALID).expect(202);
    expect(submitted).toMatchObject({ id: expect.any(String), status: 'queued' });
    await waitForSweep(t.http, submitted.id); // let it finish before the app closes (its result is not this test's)
  });
});
