/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The compare and dataset pages in headless Chromium against the real server: two sweeps (on two versions of one
 * uploaded dataset) ticked on the sweeps list and compared, each penalty's chart overlaying both in two colours,
 * the table holding their best models and only the config fields that differ; the dataset page lists both sweeps
 * and draws their best validation per version. Screenshots: test-artifacts/screenshots/compare.png, dataset.png.
 */
import { formatNumber } from '../../apps/dashboard/src/format';
import { driftingCsv } from '../helpers/drifting-csv';
import { expectCleanPage, screenshot, useBrowserSession, waitForSweep } from './harness';

jest.setTimeout(180_000);

const session = useBrowserSession();

/** Uploads version `seed` of the drifting dataset: 80 rows. */
async function upload(seed: number): Promise<void> {
  const form = new FormData();
  form.set('name', 'drifting');
  form.set('file', new Blob([driftingCsv(seed, 80)], { type: 'text/csv' }), `v${seed}.csv`);
  const response = await fetch(`${session.server.baseUrl}/api/datasets`, { method: 'POST', body: form });
  expect(response.status).toBe(201);
}

async function run(name: string, count: number, folds: number): Promise<string> {
  const { id } = await session.postJson<{ id: string }>('/api/sweeps', {
    name,
    dataset: 'drifting',
    model: 'linear',
    penalties: ['l1', 'l2'],
    lambdas: { auto: { count } },
    split: { kind: 'kfold', folds, shuffle: true, seed: 4 },
    testFraction: 0.2,
  });
  expect(await waitForSweep(session.server.baseUrl, id, 60_000)).toBe('succeeded');
  return id;
}

let first: string;
let second: string;
beforeAll(async () => {
  await upload(1);
  first = await run('drift-v1', 12, 4);
  await upload(2);
  second = await run('drift-v2', 20, 5);
});

/** The texts of a table row's cells, its heading first. */
async function rowTexts(row: import('playwright-core').Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map((text) => text.trim());
}

it('compares two sweeps ticked on the list: curves overlaid in two colours, best models, the differing fields', async () => {
  const watched = await session.newPage();
  const { page } = watched;
  await page.goto(`${session.server.baseUrl}/#/sweeps`);
  await page.getByLabel('compare drift-v1').check();
  await page.getByLabel('compare drift-v2').check();
  await page.getByTestId('compare-selected').click();
  await page.waitForURL((url) => url.hash.startsWith('#/compare?sweeps='));

  // One chart per penalty, each with a series per sweep in the sweep's own colour.
  for (const penalty of ['l1', 'l2']) {
    await page.locator(`[data-testid="compare-chart-${penalty}"][data-ready="true"]`).waitFor();
    const chart = page.getByTestId('compare-penalty').filter({ has: page.getByTestId(`compare-chart-${penalty}`) });
    const wrapper = chart.locator('.compare-chart');
    expect(await wrapper.getAttribute('data-series')).toBe('2');
    const colours = ((await wrapper.getAttribute('data-colors')) ?? '').split(' ');
    expect(new Set(colours).size).toBe(2);
    // uPlot's legend names both sweeps.
    expect(await chart.locator('.u-legend').innerText()).toMatch(/drift-v1[\s\S]*drift-v2/);
  }

  // The table against the API's own comparison (whose numbers the API test checks against each report).
  const ids = new URL(page.url()).hash.split('=')[1].split(',');
  const comparison = await session.api<any>(`/api/compare?sweeps=${ids.join(',')}`);
  const names = comparison.sweeps.map((sweep: any) => sweep.name);
  expect(new Set(names)).toEqual(new Set(['drift-v1', 'drift-v2']));
  const rows = page.getByTestId('compare-row');
  const row = async (label: string) => (await rowTexts(rows.filter({ hasText: label }).first())).slice(1);
  expect(await row('λ')).toEqual(comparison.sweeps.map((sweep: any) => formatNumber(sweep.best.lambda)));
  expect(await row('nonzeros')).toEqual(comparison.sweeps.map((sweep: any) => String(sweep.best.nonzeros)));
  expect(await row('dataset')).toEqual(comparison.sweeps.map((sweep: any) => `drifting v${sweep.dataset.version}`));
  expect(await row('test score')).toEqual(
    comparison.sweeps.map((sweep: any) => `mse ${formatNumber(sweep.best.test.mse)}`),
  );

  const differences = await Promise.all((await page.getByTestId('difference-row').all()).map(rowTexts));
  const byName = (values: unknown[]) => (names[0] === 'drift-v1' ? values : [...values].reverse()).map(String);
  expect(differences).toEqual([
    ['name', ...byName(['drift-v1', 'drift-v2'])],
    ['lambdas.auto.count', ...byName([12, 20])],
    ['split.folds', ...byName([4, 5])],
  ]);
  await screenshot(page, 'compare');
  expectCleanPage(watched);
});

it('shows a dataset page: every sweep on any version, and the best validation over time per version', async () => {
  const watched = await session.newPage();
  const { page } = watched;
  await page.goto(`${session.server.baseUrl}/#/datasets`);
  await page.getByRole('link', { name: 'drifting' }).first().click();
  await page.waitForURL((url) => url.hash === '#/datasets/drifting');
  await page.locator('[data-testid="best-over-time-chart"][data-ready="true"]').waitFor();
  const chart = page.locator('.best-over-time-chart');
  expect(await chart.getAttribute('data-points')).toBe('2');
  expect(await chart.getAttribute('data-series')).toBe('2');

  const history = await session.api<any>('/api/datasets/drifting/sweeps');
  const rows = await Promise.all((await page.getByTestId('dataset-sweep-row').all()).map(rowTexts));
  expect(rows.map((cells) => cells.slice(0, 2))).toEqual([
    ['drift-v1', '1'],
    ['drift-v2', '2'],
  ]);
  expect(rows.map((cells) => cells[5])).toEqual(history.items.map((sweep: any) => formatNumber(sweep.best.validation)));
  expect(history.items.map((sweep: any) => sweep.id)).toEqual([first, second]);
  await screenshot(page, 'dataset');
  expectCleanPage(watched);
});
