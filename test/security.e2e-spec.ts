/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers and SQLite rows are untyped JSON here */
/**
 * Security over HTTP on a temporary SQLite file: API tokens on writes (and reads when closed), helmet headers,
 * body and upload size limits, the write rate limit, and hostile text stored and returned as JSON only.
 * Storage is checked by reading the SQLite file directly.
 */
import { ApiTokensService } from '../apps/server/src/auth/api-tokens.service';
import type { AppOptions } from '../apps/server/src/common/app-options';
import { uploadCsv, queryDb, startTestApp, tableCounts, type TestApp } from './helpers/test-app';

const CSV = 'a,b,y\n1,2,3.5\n2,1,4\n3,5,9.25\n4,4,8\n5,0,5.5\n';

/** A cheap write that ends in 201 (a CSV upload), optionally with a bearer token. */
function upload(t: TestApp, name: string, token?: string) {
  const request = t.http.post('/api/datasets');
  if (token) request.set('Authorization', `Bearer ${token}`);
  return request.field('name', name).attach('file', Buffer.from(CSV), `${name}.csv`);
}

async function withApp(app: Partial<AppOptions>, work: (t: TestApp) => Promise<void>, uploadLimitBytes?: number) {
  const t = await startTestApp({ app, uploadLimitBytes });
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

/** Writes high enough that the rate limit never interferes outside its own test. */
const NO_THROTTLE = { writeLimit: 10_000 };

describe('API tokens on writes (default: reads open)', () => {
  let t: TestApp;
  let tokens: ApiTokensService;
  beforeAll(async () => {
    t = await startTestApp({ app: NO_THROTTLE });
    tokens = t.app.get(ApiTokensService);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts writes without a token while no token exists', async () => {
    await upload(t, 'before-tokens').expect(201);
  });

  describe('once a token exists', () => {
    let token: string;
    let tokenId: string;
    beforeAll(async () => {
      ({ token, id: tokenId } = await tokens.create('ci'));
    });

    it('refuses a write without a token: 401 {statusCode, message}, a WWW-Authenticate header, nothing stored', async () => {
      const before = tableCounts(t.dbPath);
      const { body, headers } = await upload(t, 'no-token').expect(401);
      expect(body).toMatchObject({ statusCode: 401, message: expect.stringContaining('API token is required') });
      expect(headers['www-authenticate']).toMatch(/^Bearer/);
      await t.http.post('/api/sweeps').send({ name: 'x' }).expect(401);
      expect(tableCounts(t.dbPath)).toEqual(before);
    });

    it('refuses a wrong, tampered or malformed token', async () => {
      const before = tableCounts(t.dbPath);
      const lastChar = token.slice(-1) === 'A' ? 'B' : 'A';
      for (const presented of [token.slice(0, -1) + lastChar, `rsw_${'0'.repeat(16)}_${'a'.repeat(43)}`, 'nonsense']) {
        const { body } = await upload(t, 'bad-token', presented).expect(401);
        expect(body).toMatchObject({ statusCode: 401, message: expect.stringContaining('not valid') });
      }
      await t.http.post('/api/datasets').set('Authorization', `Basic ${token}`).field('name', 'x').expect(401);
      expect(tableCounts(t.dbPath)).toEqual(before);
    });

    it('accepts a write with a valid token', async () => {
      const { body } = await upload(t, 'with-token', token).expect(201);
      expect(body).toMatchObject({ name: 'with-token', rows: 5 });
    });

    it('leaves reads open by default, even with tokens in use', async () => {
      await t.http.get('/api/datasets').expect(200);
      await t.http.get('/api/sweeps').expect(200);
    });

    it('stores only the hash of the secret', () => {
      const rows = queryDb<any>(t.dbPath, 'SELECT * FROM api_token WHERE id = ?', tokenId);
      expect(rows).toHaveLength(1);
      expect(rows[0].secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(rows)).not.toContain(token.split('_').slice(2).join('_'));
    });

    it('refuses a revoked token, and keeps requiring tokens after the last one is revoked', async () => {
      await tokens.revoke(tokenId);
      const { body } = await upload(t, 'revoked', token).expect(401);
      expect(body.statusCode).toBe(401);
      await upload(t, 'no-token-after-revoke').expect(401);
    });
  });
});

describe('configured access', () => {
  it('readAccess "token": GETs need a token (the health check excepted)', async () => {
    await withApp({ readAccess: 'token', ...NO_THROTTLE }, async (t) => {
      const { token } = await t.app.get(ApiTokensService).create();
      const { body } = await t.http.get('/api/datasets').expect(401);
      expect(body).toMatchObject({ statusCode: 401, message: expect.any(String) });
      await t.http.get('/api/sweeps').expect(401);
      await t.http.get('/api/datasets').set('Authorization', `Bearer ${token}`).expect(200);
      await t.http.get('/api/health').expect(200);
    });
  });

  it('requireAuth: writes need a token even before the first one is created', async () => {
    await withApp({ requireAuth: true, ...NO_THROTTLE }, async (t) => {
      await upload(t, 'closed').expect(401);
      await t.http.get('/api/datasets').expect(200);
    });
  });
});

describe('HTTP hardening', () => {
  let t: TestApp;
  const UPLOAD_LIMIT = 32 * 1024;
  beforeAll(async () => {
    t = await startTestApp({ app: NO_THROTTLE, uploadLimitBytes: UPLOAD_LIMIT });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends helmet headers; the CSP allows scripts and styles from self only', async () => {
    const { headers } = await t.http.get('/api/datasets').expect(200);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['x-powered-by']).toBeUndefined();
    const csp = headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('lets the Swagger UI keep its inline styles (and nothing more)', async () => {
    const { headers } = await t.http.get('/api/docs').expect(200);
    expect(headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('accepts a JSON body up to 5 MB: a foldIds array for 100k rows reaches validation (400, not 413)', async () => {
    const before = tableCounts(t.dbPath);
    const foldIds = Array.from({ length: 100_000 }, (_, i) => (i % 10) + 1);
    const { body } = await t.http
      .post('/api/sweeps')
      .send({ name: 'big folds', dataset: 'diabetes', model: 'linear', split: { kind: 'foldIds', foldIds } })
      .expect(400);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors.map((e: any) => e.path).join(' ')).toContain('foldIds');
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('answers 413 with a {path, message} list for a JSON body above 5 MB, and stores nothing', async () => {
    const before = tableCounts(t.dbPath);
    const { body } = await t.http
      .post('/api/sweeps')
      .send({ name: 'huge', dataset: 'diabetes', model: 'linear', padding: 'x'.repeat(5 * 1024 * 1024 + 1) })
      .expect(413);
    expect(body).toMatchObject({
      statusCode: 413,
      errors: [{ path: 'body', message: expect.stringContaining('larger') }],
    });
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('answers 413 with a {path, message} list for a CSV above the upload limit, and stores nothing', async () => {
    const before = tableCounts(t.dbPath);
    const big = 'a,y\n' + '1.2345678,2.3456789\n'.repeat(Math.ceil((2 * UPLOAD_LIMIT) / 20));
    const { body } = await uploadCsv(t.http, { name: 'big', csv: big, fileName: 'big.csv' }).expect(413);
    expect(body).toMatchObject({ statusCode: 413, errors: [{ path: 'file', message: expect.any(String) }] });
    expect(tableCounts(t.dbPath)).toEqual(before);
  });

  it('stores a dataset named <script>alert(1)</script> verbatim and returns it as JSON, never HTML', async () => {
    const name = '<script>alert(1)</script>';
    const created = await upload(t, name).expect(201);
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    expect(created.body.name).toBe(name);
    const one = await t.http.get(`/api/datasets/${created.body.id}`).expect(200);
    expect(one.headers['content-type']).toMatch(/^application\/json/);
    expect(one.headers['x-content-type-options']).toBe('nosniff');
    expect(one.body.name).toBe(name);
    expect(one.text).toContain(JSON.stringify(name).slice(1, -1));
    expect(queryDb<any>(t.dbPath, 'SELECT name FROM dataset WHERE id = ?', created.body.id)).toEqual([{ name }]);
  });
});

describe('cross-site writes', () => {
  it('refuses a write whose Origin is another site (403, nothing stored); same-origin and Origin-less writes pass', async () => {
    await withApp(NO_THROTTLE, async (t) => {
      const before = tableCounts(t.dbPath);
      for (const origin of ['http://evil.example', 'null', 'http://localhost:3001']) {
        const { body } = await upload(t, 'csrf').set('Host', 'localhost:3000').set('Origin', origin).expect(403);
        expect(body).toMatchObject({ statusCode: 403, message: expect.stringContaining('cross-site') });
      }
      expect(tableCounts(t.dbPath)).toEqual(before);
      await upload(t, 'same-origin').set('Host', 'localhost:3000').set('Origin', 'http://localhost:3000').expect(201);
      await upload(t, 'no-origin').expect(201);
      await t.http.get('/api/datasets').set('Origin', 'http://evil.example').expect(200);
    });
  });
});

describe('write rate limit', () => {
  it('answers 429 after the configured number of writes per window; reads are not limited', async () => {
    await withApp({ writeLimit: 3, writeWindowMs: 60_000 }, async (t) => {
      for (let i = 0; i < 3; i++)
        await t.http
          .post('/api/sweeps')
          .send({ name: `w${i}` })
          .expect(400);
      const { body, headers } = await t.http.post('/api/sweeps').send({ name: 'w3' }).expect(429);
      expect(body.statusCode).toBe(429);
      expect(Number(headers['retry-after-writes'] ?? headers['retry-after'])).toBeGreaterThan(0);
      await upload(t, 'after-limit').expect(429);
      for (let i = 0; i < 10; i++) await t.http.get('/api/datasets').expect(200);
    });
  });
});
