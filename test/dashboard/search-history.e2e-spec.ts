/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The sweep page's search history in a real browser against the real server: a tpe search with the median pruner
 * (one worker, so pruning is reproducible: tpe-search.e2e-spec.ts) shows the best validation so far against the trial
 * number, with one mark per pruned trial, the same trials the API lists as pruned; a fixed grid shows no history.
 * Screenshot: test-artifacts/screenshots/search-history.png.
 */
import { diabetesSearchSweep } from '../helpers/sweep-configs';
import { expectCleanPage, screenshot, waitForSweep, useBrowserSession } from './harness';

jest.setTimeout(180_000);

const session = useBrowserSession();

it('shows the best validation so far by trial number and marks the pruned trials', async () => {
  const config = {
    ...diabetesSearchSweep('browser-search-history', {
      strategy: 'tpe',
      trials: 30,
      seed: 5,
      pruner: { kind: 'median', startupTrials: 3 },
    }),
    concurrency: 1,
  };
  const { id } = await session.postJson<{ id: string }>('/api/sweeps', config);
  expect(await waitForSweep(session.server.baseUrl, id, 150_000)).toBe('succeeded');
  const trials = (await session.api<any>(`/api/sweeps/${id}/trials?pageSize=1000`)).items;
  const pruned = trials.flatMap((trial: any, n: number) => (trial.status === 'pruned' ? [n + 1] : []));
  expect(pruned.length).toBeGreaterThan(0);

  const watched = await session.newPage();
  const { page } = watched;
  await page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  const history = page.locator('.search-history');
  await history.waitFor();
  expect(await history.getAttribute('data-trials')).toBe(String(trials.length));
  expect(await history.getAttribute('data-pruned')).toBe(String(pruned.length));
  await page.getByTestId('search-history-chart').locator('canvas').waitFor();
  await page.getByText(`${pruned.length} of ${trials.length} trials pruned (trials ${pruned.join(', ')})`).waitFor();
  // uPlot's legend shows the last trial's value when the cursor is off the plot: the best so far.
  const legend = await page.getByTestId('search-history-chart').locator('.u-legend').innerText();
  expect(legend).toContain('best so far');
  await screenshot(page, 'search-history');
  expectCleanPage(watched);
});

it('shows no search history for a fixed grid', async () => {
  const { id } = await session.postJson<{ id: string }>('/api/sweeps', {
    name: 'browser-fixed-grid',
    dataset: 'seed-linear',
    model: 'linear',
    lambdas: { auto: { count: 5, adaptive: false } },
    split: { kind: 'kfold', folds: 3, seed: 1 },
  });
  expect(await waitForSweep(session.server.baseUrl, id, 60_000)).toBe('succeeded');
  const watched = await session.newPage();
  await watched.page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  await watched.page.getByTestId('model-actions').waitFor(); // the report has arrived
  expect(await watched.page.locator('.search-history').count()).toBe(0);
  expectCleanPage(watched);
});
