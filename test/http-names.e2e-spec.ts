/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Issue 17, items 7 and 8, through a real server: names that shadow built-ins or ids, names with control or bidi
 * characters, multipart prototype fields, UTF-8 file names, server paths in `source`, and the `errors` list and
 * headers of 401 / 403 / 404 / 409 / 429 answers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetsService } from '../apps/server/src/datasets/datasets.service';
import { startTestApp, useTestApp, tableCounts } from './helpers/test-app';

const CSV = 'a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n';
const SWEEP = { name: 'seed-l1', dataset: 'seed-linear', model: 'linear', penalties: ['l1'] };

const t = useTestApp({ app: { writeLimit: 100_000 } });

function expectProblem(response: { status: number; body: any }, status: number, path: string): void {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ statusCode: status, message: expect.any(String) });
  expect(response.body.errors).toEqual([{ path, message: expect.any(String) }]);
}

const upload = (fields: Record<string, string>, fileName = 'data.csv') => {
  const request = t.http.post('/api/datasets');
  for (const [name, value] of Object.entries(fields)) request.field(name, value);
  return request.attach('file', Buffer.from(CSV), fileName);
};

describe('item 7: names that would shadow a built-in or an id', () => {
  it('an upload named like a built-in → 409, nothing stored; `diabetes` stays the built-in', async () => {
    const before = tableCounts(t.dbPath);
    const response = await upload({ name: 'diabetes' });
    expectProblem(response, 409, 'name');
    expect(response.body.message).toContain('built-in');
    expect(tableCounts(t.dbPath)).toEqual(before);
    const list = (await t.http.get('/api/datasets').expect(200)).body.items.filter((d: any) => d.name === 'diabetes');
    expect(list).toEqual([expect.objectContaining({ builtin: true, version: 1 })]);
  });

  it("an upload named with a dataset's id (or any UUID) → 409", async () => {
    const builtin = (await t.http.get('/api/datasets').expect(200)).body.items[0];
    expectProblem(await upload({ name: builtin.id }), 409, 'name');
    expectProblem(await upload({ name: '00000000-0000-4000-8000-000000000000' }), 409, 'name');
  });
});

describe('item 8: smaller holes', () => {
  it.each(['constructor', '__proto__[x]', 'toString'])(
    'a multipart field named %s → 400 like any unknown field',
    async (field) => {
      const response = await upload({ name: 'fields', [field]: 'x' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: field.replace('[x]', ''), message: 'is not a known field' }]);
    },
  );

  it('keeps a UTF-8 file name as sent', async () => {
    const response = await upload({ name: 'utf8 name' }, 'données-é漢.csv');
    expect(response.status).toBe(201);
    expect(response.body.source).toBe('données-é漢.csv');
  });

  it('shows only the file name of a CSV the CLI registered, never its server path', async () => {
    const path = join(t.dir, 'registered-by-cli.csv');
    writeFileSync(path, CSV);
    const dataset = await t.app.get(DatasetsService).registerCsvFile(path, undefined);
    const { body } = await t.http.get(`/api/datasets/${dataset.id}`).expect(200);
    expect(body.source).toBe('registered-by-cli.csv');
    expect(JSON.stringify(await t.http.get('/api/datasets?pageSize=1000').then((r) => r.body))).not.toContain(t.dir);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a newline', 'a\nb'],
    ['ESC', 'a\u001b[31mred'],
    ['a right-to-left override', 'evil\u202Evsc.exe'],
    ['a lone surrogate', 'a\uD800b'],
  ])('a schedule name with %s → 400 naming it; so is an upload name', async (_what, name) => {
    const schedule = await t.http.post('/api/schedules').send({ name, cron: '0 3 * * *', sweep: SWEEP });
    expectProblem(schedule, 400, 'name');
    if (!name.includes('\uD800')) expectProblem(await upload({ name }), 400, 'name'); // multipart carries UTF-8 only
  });

  it('404 and 409 answers carry the errors list', async () => {
    expectProblem(await t.http.get('/api/sweeps/00000000-0000-4000-8000-000000000000'), 404, 'id');
    expectProblem(await upload({ name: 'seed-linear' }), 409, 'name');
  });

  it('403: an Origin of another scheme or with user info is another origin', async () => {
    const host = '127.0.0.1:3000';
    for (const origin of [`https://${host}`, `http://user@${host}`, `http://${host}.evil.example`]) {
      const response = await t.http.post('/api/sweeps').set('Host', host).set('Origin', origin).send(SWEEP);
      expectProblem(response, 403, 'origin');
    }
    const same = await t.http.post('/api/sweeps').set('Host', host).set('Origin', `http://${host}`).send(SWEEP);
    expect(same.status).toBe(202);
    // Behind a TLS proxy: the browser's origin is https, the proxy says so.
    const proxied = t.http.post('/api/sweeps').set('Host', host).set('X-Forwarded-Proto', 'https');
    expect((await proxied.set('Origin', `https://${host}`).send(SWEEP)).status).toBe(202);
  });
});

describe('item 8: 401 and 429', () => {
  it('401 carries the errors list and WWW-Authenticate', async () => {
    const closed = await startTestApp({ app: { requireAuth: true } });
    try {
      const response = await closed.http.post('/api/sweeps').send(SWEEP);
      expectProblem(response, 401, 'authorization');
      expect(response.headers['www-authenticate']).toContain('Bearer');
    } finally {
      await closed.close();
    }
  });

  it('429 carries Retry-After (not Retry-After-writes) and the errors list', async () => {
    const limited = await startTestApp({ app: { writeLimit: 1 } });
    try {
      await limited.http.post('/api/sweeps').send({}).expect(400);
      const response = await limited.http.post('/api/sweeps').send({});
      expectProblem(response, 429, 'request');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['retry-after-writes']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
