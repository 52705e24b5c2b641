/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Compare (issue 15): GET /api/compare puts sweeps side by side. Every number is checked against each sweep's own
 * report (curves, best model, test score), the config differences list exactly the fields the configs were given
 * differently, and bad lists answer 400 {path, message} (an unknown id 404). GET /api/datasets/:id/sweeps lists
 * the sweeps on every version of a dataset's name.
 */
import { useTestApp, waitForSweep } from './helpers/test-app';
import { SMALL_LASSO_SWEEP } from './helpers/sweep-configs';
import { driftingCsv } from './helpers/drifting-csv';

jest.setTimeout(120_000);

const t = useTestApp();

/** Version `seed` of the drifting dataset: 60 rows. */
const csv = (seed: number) => Buffer.from(driftingCsv(seed, 60));

/** Two penalties on the uploaded data, with a test split; `extra` varies what the comparison should find. */
function config(extra: Record<string, unknown>) {
  return {
    name: 'compare-a',
    dataset: 'drifting',
    model: 'linear',
    penalties: ['l1', 'l2'],
    lambdas: { auto: { count: 6 } },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 2 },
    testFraction: 0.2,
    concurrency: 1,
    ...extra,
  };
}

async function run(body: object): Promise<any> {
  const { id } = (await t.http.post('/api/sweeps').send(body).expect(202)).body;
  expect((await waitForSweep(t.http, id)).status).toBe('succeeded');
  return (await t.http.get(`/api/sweeps/${id}`).expect(200)).body;
}

let a: any;
let b: any;
let other: any;
beforeAll(async () => {
  await t.http.post('/api/datasets').field('name', 'drifting').attach('file', csv(1), 'v1.csv').expect(201);
  a = await run(config({}));
  // A new version of the name, then a sweep on it with other folds and λ count.
  await t.http.post('/api/datasets').field('name', 'drifting').attach('file', csv(2), 'v2.csv').expect(201);
  b = await run(
    config({
      name: 'compare-b',
      lambdas: { auto: { count: 9 } },
      split: { kind: 'kfold', folds: 4, shuffle: true, seed: 2 },
    }),
  );
  other = await run(SMALL_LASSO_SWEEP);
});

it('answers each sweep with the numbers of its own report, in the order asked', async () => {
  const { body } = await t.http.get(`/api/compare?sweeps=${b.id},${a.id},${other.id}`).expect(200);
  expect(body.sweeps.map((sweep: any) => sweep.id)).toEqual([b.id, a.id, other.id]);
  for (const [compared, sweep] of body.sweeps.map((s: any, i: number) => [s, [b, a, other][i]])) {
    const report = (await t.http.get(`/api/sweeps/${sweep.id}/report`).expect(200)).body;
    expect(compared.name).toBe(sweep.name);
    expect(compared.metric).toBe(report.metric);
    expect(compared.dataset).toEqual({
      id: sweep.datasetId,
      name: sweep.config.dataset,
      version: sweep.datasetVersion,
      checksum: sweep.datasetChecksum,
    });
    expect(compared.dataset.checksum).toMatch(/^sha256:/);
    const { penalty, l1Ratio, lambda, validation, nonzeros, test } = report.best;
    expect(compared.best).toEqual({ penalty, l1Ratio, lambda, validation, nonzeros, test: test ?? null });
    // One curve per report penalty, point for point: λ, validation mean and sd.
    expect(compared.curves.map((curve: any) => [curve.penalty, curve.l1Ratio])).toEqual(
      report.penalties.map((p: any) => [p.penalty, p.l1Ratio]),
    );
    compared.curves.forEach((curve: any, k: number) => {
      const expected = report.penalties[k].curve.map((point: any) => ({
        lambda: point.lambda,
        validation: point.validation,
        validationSd: point.validationSd,
      }));
      expect(curve.points).toEqual(expected);
    });
  }
  // The two drifting sweeps ran on two versions of one name; the data differ, so do the checksums.
  expect(body.sweeps[0].dataset.version).toBe(2);
  expect(body.sweeps[1].dataset.version).toBe(1);
  expect(body.sweeps[0].dataset.checksum).not.toBe(body.sweeps[1].dataset.checksum);
  expect(body.sweeps[1].best.test).toEqual({ mse: expect.any(Number) });
});

it('lists only the config fields that differ, flattened, from the fully defaulted configs', async () => {
  const { body } = await t.http.get(`/api/compare?sweeps=${a.id},${b.id}`).expect(200);
  expect(body.differences).toEqual([
    { path: 'name', values: ['compare-a', 'compare-b'] },
    { path: 'lambdas.auto.count', values: [6, 9] },
    { path: 'split.folds', values: [3, 4] },
  ]);
  // A default the configs did not write out (the metric) is in both stored configs, equal, so not a difference.
  expect(a.config.metric).toBe('mse');
  expect(b.config.metric).toBe('mse');

  const three = (await t.http.get(`/api/compare?sweeps=${a.id},${b.id},${other.id}`).expect(200)).body;
  const paths = three.differences.map((difference: any) => difference.path);
  expect(paths).toEqual(expect.arrayContaining(['dataset', 'penalties', 'testFraction', 'split.folds']));
  expect(paths).not.toContain('model');
  const penalties = three.differences.find((difference: any) => difference.path === 'penalties');
  expect(penalties.values).toEqual([['l1', 'l2'], ['l1', 'l2'], ['l1']]);
});

it('takes the ids as a comma list or repeated, 2 to 20 of them, each once; an unknown id is 404', async () => {
  const repeated = await t.http.get(`/api/compare?sweeps=${a.id}&sweeps=${b.id}`).expect(200);
  expect(repeated.body.sweeps.map((sweep: any) => sweep.id)).toEqual([a.id, b.id]);

  const refused = async (query: string, message: RegExp) => {
    const { body } = await t.http.get(`/api/compare${query}`).expect(400);
    expect(body.errors).toEqual([{ path: 'sweeps', message: expect.stringMatching(message) }]);
  };
  await refused(`?sweeps=${a.id}`, /at least 2/);
  await refused('', /at least 2/);
  await refused(`?sweeps=${Array.from({ length: 21 }, (_, i) => `id-${i}`).join(',')}`, /at most 20/);
  await refused(`?sweeps=${a.id},${a.id}`, /once/);
  await refused(`?sweeps=${a.id},`, /empty/);
  const unknown = await t.http.get(`/api/compare?sweeps=${a.id},00000000-0000-4000-8000-000000000000`).expect(404);
  expect(unknown.body.message).toMatch(/00000000-0000-4000-8000-000000000000/);
});

it('lists every sweep on any version of a dataset, oldest first, by name or by any version id', async () => {
  const byName = (await t.http.get('/api/datasets/drifting/sweeps').expect(200)).body;
  expect(byName.items.map((sweep: any) => [sweep.id, sweep.datasetVersion])).toEqual([
    [a.id, 1],
    [b.id, 2],
  ]);
  expect(byName.total).toBe(2);
  expect(byName.items[0].best.validation).toBe(
    (await t.http.get(`/api/sweeps/${a.id}/report`).expect(200)).body.best.validation.mean,
  );
  const byFirstVersion = (await t.http.get(`/api/datasets/${a.datasetId}/sweeps?pageSize=1&page=2`).expect(200)).body;
  expect(byFirstVersion).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: b.id }] });
  await t.http.get('/api/datasets/never-uploaded/sweeps').expect(404);
  await t.http.get('/api/datasets/drifting/sweeps?pageSize=0').expect(400);
});
