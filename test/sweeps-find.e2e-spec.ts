/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Finding sweeps over HTTP (issue 15, "Find"; SPEC §7 "Tracking"): `PATCH /api/sweeps/:id {tags, notes}` with its
 * validation and token, and `GET /api/sweeps` with every filter, as repeated and as comma-separated parameters, the
 * sorts, and the 400s of unknown filter values. A real server on a temporary SQLite file, real sweeps run to the
 * end; the store contract (apps/server/test/store-contract-filters.spec.ts) checks the same on PostgreSQL.
 */
import { ApiTokensService } from '../apps/server/src/auth/api-tokens.service';
import { SMALL_LASSO_SWEEP, SMALL_LOGISTIC_SWEEP } from './helpers/sweep-configs';
import { queryDb, uploadCsv, useTestApp, waitForSweep } from './helpers/test-app';

jest.setTimeout(120_000);

const t = useTestApp({ app: { writeLimit: 100_000 } });
const TINY = 'a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n5,1,6\n6,2,9\n7,5,11\n8,3,10\n';
const TINY_SWEEP = {
  model: 'linear',
  penalties: ['l2', 'none'],
  lambdas: { values: [0.1] },
  split: { kind: 'kfold', folds: 2, seed: 1 },
  concurrency: 1,
};

/** name → id of the sweeps below, in the order submitted (each created after the one before). */
const ids: Record<string, string> = {};
let tinyV1: string;
let tinyV2: string;
let firstCreated: string;
let lastCreated: string;

async function run(config: Record<string, unknown>): Promise<void> {
  const { body } = await t.http.post('/api/sweeps').send(config).expect(202);
  ids[config.name as string] = body.id;
  expect(await waitForSweep(t.http, body.id)).toMatchObject({ status: 'succeeded' });
}

beforeAll(async () => {
  tinyV1 = (await uploadCsv(t.http, { name: 'tiny', csv: TINY, fileName: 'tiny.csv' }).expect(201)).body.id;
  await run({ ...SMALL_LASSO_SWEEP, name: 'seed lasso' });
  await run({ ...SMALL_LOGISTIC_SWEEP, name: 'Cancer ridge' });
  await run({ ...TINY_SWEEP, name: 'tiny v1', dataset: tinyV1 });
  tinyV2 = (await uploadCsv(t.http, { name: 'tiny', csv: TINY + '9,9,19\n', fileName: 'tiny.csv' }).expect(201)).body
    .id;
  await run({ ...TINY_SWEEP, name: 'tiny v2', dataset: 'tiny' });
  const created = queryDb<{ createdAt: string }>(t.dbPath, 'SELECT createdAt FROM sweep ORDER BY createdAt');
  [firstCreated, lastCreated] = [created[0].createdAt, created[created.length - 1].createdAt].map((text) =>
    new Date(`${text.replace(' ', 'T')}Z`).toISOString(),
  );
});

/** The names of the sweeps `GET /api/sweeps?query` answers, in its order (oldest first unless `query` sorts). */
async function names(query: string): Promise<string[]> {
  const sorted = query.includes('sort=') ? query : `sort=createdAt&order=asc&${query}`;
  const { body } = await t.http.get(`/api/sweeps?${sorted}`).expect(200);
  expect(body.total).toBe(body.items.length);
  return body.items.map((sweep: any) => sweep.name);
}

async function problems(query: string): Promise<{ path: string; message: string }[]> {
  const { body } = await t.http.get(`/api/sweeps?${query}`).expect(400);
  return body.errors;
}

describe('PATCH /api/sweeps/:id', () => {
  it('sets tags and notes, keeps an absent one, and every read shows them', async () => {
    const id = ids['seed lasso'];
    const notes = 'Best λ at the grid edge.\nExtend minRatio; 100% — ✓';
    const { body } = await t.http
      .patch(`/api/sweeps/${id}`)
      .send({ tags: ['baseline', 'paper'], notes })
      .expect(200);
    expect(body).toMatchObject({ id, tags: ['baseline', 'paper'], notes, status: 'succeeded' });
    await t.http
      .patch(`/api/sweeps/${id}`)
      .send({ tags: ['paper', 'baseline'] })
      .expect(200);
    expect((await t.http.get(`/api/sweeps/${id}`).expect(200)).body).toMatchObject({
      tags: ['paper', 'baseline'],
      notes,
    });
    const { body: listed } = await t.http.get('/api/sweeps?name=seed').expect(200);
    expect(listed.items[0]).toMatchObject({ id, tags: ['paper', 'baseline'], notes });
    await t.http
      .patch(`/api/sweeps/${ids['Cancer ridge']}`)
      .send({ tags: ['paper'] })
      .expect(200);
    await t.http
      .patch(`/api/sweeps/${ids['tiny v2']}`)
      .send({ tags: ['tiny-data'], notes: '' })
      .expect(200);
    expect((await t.http.get(`/api/sweeps/${ids['tiny v1']}`).expect(200)).body).toMatchObject({ tags: [], notes: '' });
  });

  it('refuses bad input with {path, message} and stores nothing; an unknown sweep is 404', async () => {
    const id = ids['Cancer ridge'];
    const bad: [unknown, string][] = [
      [{ tags: 'paper' }, 'tags'],
      [{ tags: ['a,b'] }, 'tags'],
      [{ tags: [' padded'] }, 'tags'],
      [{ tags: [''] }, 'tags'],
      [{ tags: ['x'.repeat(65)] }, 'tags'],
      [{ tags: ['dup', 'dup'] }, 'tags'],
      [{ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags'],
      [{ tags: [7] }, 'tags'],
      [{ tags: ['ok'], notes: 'x'.repeat(10_001) }, 'notes'],
      [{ notes: 'bell\u0007' }, 'notes'],
      [{ notes: 3 }, 'notes'],
      [{ tags: ['ok'], colour: 'red' }, 'colour'],
      [{}, ''],
      [['paper'], ''],
    ];
    for (const [body, path] of bad) {
      const { body: answer } = await t.http
        .patch(`/api/sweeps/${id}`)
        .send(body as object)
        .expect(400);
      expect(answer.errors).toEqual([{ path, message: expect.any(String) }]);
    }
    expect((await t.http.get(`/api/sweeps/${id}`).expect(200)).body).toMatchObject({ tags: ['paper'], notes: '' });
    await t.http.patch('/api/sweeps/00000000-0000-4000-8000-000000000000').send({ notes: 'x' }).expect(404);
  });

  it('needs a token once one exists, like every write', async () => {
    const { token, id: tokenId } = await t.app.get(ApiTokensService).create('find-test');
    try {
      await t.http.patch(`/api/sweeps/${ids['tiny v1']}`).send({ notes: 'no token' }).expect(401);
      await t.http
        .patch(`/api/sweeps/${ids['tiny v1']}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ notes: 'with token' })
        .expect(200);
      expect((await t.http.get(`/api/sweeps/${ids['tiny v1']}`).expect(200)).body.notes).toBe('with token');
    } finally {
      await t.app.get(ApiTokensService).revoke(tokenId);
    }
  });
});

describe('GET /api/sweeps filters', () => {
  it('filters by every field; repeated or comma-separated values mean any of them; fields AND', async () => {
    expect(await names('name=LASSO')).toEqual(['seed lasso']);
    expect(await names('name=lasso,ridge')).toEqual(['seed lasso', 'Cancer ridge']);
    expect(await names('tag=paper')).toEqual(['seed lasso', 'Cancer ridge']);
    expect(await names('tag=baseline&tag=tiny-data')).toEqual(['seed lasso', 'tiny v2']);
    expect(await names('status=succeeded')).toHaveLength(4);
    expect(await names('status=queued,running,failed,cancelled')).toEqual([]);
    expect(await names('dataset=tiny')).toEqual(['tiny v1', 'tiny v2']);
    expect(await names(`dataset=${tinyV2}`)).toEqual(['tiny v1', 'tiny v2']);
    expect(await names('dataset=seed-linear&dataset=breast-cancer')).toEqual(['seed lasso', 'Cancer ridge']);
    expect(await names('model=logistic')).toEqual(['Cancer ridge']);
    expect(await names('penalty=elasticnet,none')).toEqual(['Cancer ridge', 'tiny v1', 'tiny v2']);
    expect(await names(`createdFrom=${firstCreated}&createdTo=${lastCreated}`)).toEqual([
      'seed lasso',
      'Cancer ridge',
      'tiny v1',
    ]);
    expect(await names(`createdFrom=${lastCreated}`)).toEqual(['tiny v2']);
    expect(await names('scheduleId=00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await names('tag=paper&model=linear')).toEqual(['seed lasso']);
    expect(await names('dataset=tiny&penalty=l2&tag=tiny-data')).toEqual(['tiny v2']);
  });

  it('sorts by name and by best validation, both ways, and pages the filtered list', async () => {
    expect(await names('sort=name&order=asc&dataset=tiny,seed-linear')).toEqual(['seed lasso', 'tiny v1', 'tiny v2']);
    const { body } = await t.http.get('/api/sweeps?sort=bestValidation&order=asc').expect(200);
    const values = body.items.map((sweep: any) => sweep.best.validation);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const { body: descending } = await t.http.get('/api/sweeps?sort=bestValidation&order=desc').expect(200);
    expect(descending.items.map((sweep: any) => sweep.id)).toEqual(body.items.map((sweep: any) => sweep.id).reverse());
    const { body: page } = await t.http.get('/api/sweeps?sort=name&order=asc&penalty=l2&pageSize=1&page=2').expect(200);
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ name: 'tiny v1' }] });
  });

  it('answers 400 naming the parameter for unknown values', async () => {
    expect(await problems('status=done')).toEqual([{ path: 'status', message: expect.stringContaining('queued') }]);
    expect(await problems('model=svm')).toEqual([{ path: 'model', message: expect.any(String) }]);
    expect(await problems('penalty=l1,l3')).toEqual([{ path: 'penalty', message: expect.any(String) }]);
    expect(await problems('dataset=no-such-data')).toEqual([
      { path: 'dataset', message: 'no dataset named or with id "no-such-data"' },
    ]);
    expect(await problems('scheduleId=nightly')).toEqual([{ path: 'scheduleId', message: expect.any(String) }]);
    expect(await problems('createdFrom=yesterday')).toEqual([{ path: 'createdFrom', message: expect.any(String) }]);
    expect(await problems(`createdFrom=${lastCreated}&createdTo=${firstCreated}`)).toEqual([
      { path: 'createdTo', message: 'must not be before createdFrom' },
    ]);
    expect(await problems('sort=best')).toEqual([{ path: 'sort', message: expect.any(String) }]);
    expect(await problems('colour=red')).toEqual([{ path: 'colour', message: 'is not a known field' }]);
  });
});
