/**
 * What one sweep may cost (apps/server/src/sweeps/sweep-cost.ts), through the real server: a sweep over the limit
 * on fold results or on estimated memory is refused with 400 and the figures before anything is stored; one within
 * them is accepted.
 */
import { MAX_ESTIMATED_BYTES, MAX_FOLD_RESULTS } from '../apps/server/src/sweeps/sweep-cost';
import { uploadCsv, useTestApp, tableCounts, waitForSweep } from './helpers/test-app';

jest.setTimeout(120_000);

const t = useTestApp();

/** Refused with 400: the error list, and not a row more in any table. */
async function refused(config: object): Promise<{ path: string; message: string }[]> {
  const before = tableCounts(t.dbPath);
  const { body } = await t.http.post('/api/sweeps').send(config).expect(400);
  expect(tableCounts(t.dbPath)).toEqual(before);
  return body.errors;
}

const GRID = {
  name: 'grid-bound',
  dataset: 'diabetes',
  model: 'linear',
  penalties: ['l1', 'l2', 'elasticnet'],
  l1Ratios: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  lambdas: { auto: { count: 10_000 } },
  split: { kind: 'kfold', folds: 10, seed: 1 },
};

it('refuses a grid of 11 curves × 10,000 λ × (10 folds + 1) fits: 1,210,000 fold results', async () => {
  const errors = await refused(GRID);
  expect(errors).toEqual([
    {
      path: 'lambdas',
      message: expect.stringContaining(
        `110,000 trials × 11 fits each (10 folds + the full-data path) = 1,210,000 fold results; at most ` +
          `${MAX_FOLD_RESULTS.toLocaleString('en-US')} are allowed`,
      ),
    },
  ]);
});

it('refuses a random search of 10⁶ trials, naming search.trials', async () => {
  const errors = await refused({
    ...GRID,
    lambdas: { range: { min: 0.001, max: 10 } },
    search: { strategy: 'random', trials: 1_000_000, seed: 1 },
  });
  expect(errors.map((error) => error.path)).toEqual(['search.trials', 'search.trials']);
  expect(errors[0].message).toContain('1,000,000 trials × 11 fits each');
  expect(errors[1].message).toMatch(/about [\d,]+ MB of memory; at most 1,024 MB/);
});

it('refuses a wide dataset whose cross products (folds × features²) pass the memory bound, naming its size', async () => {
  // 40 rows × 2,500 features: (10 folds + 12) × 2,502² × 8 B ≈ 1.1 GB of cross products.
  const features = 2500;
  const header = [...Array.from({ length: features }, (_, j) => `x${j}`), 'y'].join(',');
  const rows = Array.from({ length: 40 }, (_, i) =>
    Array.from({ length: features + 1 }, (_, j) => ((i * 31 + j * 17) % 97) / 7).join(','),
  );
  await uploadCsv(t.http, {
    name: 'wide',
    target: 'y',
    csv: [header, ...rows].join('\n') + '\n',
    fileName: 'wide.csv',
  }).expect(201);
  const errors = await refused({
    name: 'wide',
    dataset: 'wide',
    model: 'linear',
    penalties: ['l2'],
    lambdas: { values: [1, 0.1] },
    split: { kind: 'kfold', folds: 10, seed: 1 },
  });
  expect(errors).toEqual([
    { path: 'dataset', message: expect.stringMatching(/about 1,0[5-9]\d MB of memory; at most 1,024 MB/) },
  ]);
  expect(MAX_ESTIMATED_BYTES).toBe(1024 ** 3);
});

it('accepts and runs a sweep within the bounds', async () => {
  const { body } = await t.http
    .post('/api/sweeps')
    .send({ ...GRID, l1Ratios: [0.5], lambdas: { auto: { count: 20 } }, split: { kind: 'kfold', folds: 3, seed: 1 } })
    .expect(202);
  expect(await waitForSweep(t.http, body.id)).toMatchObject({ status: 'succeeded' });
});
