/**
 * A multiclass sweep in a real browser (Debian's Chromium) against the real server: submitted through the new-sweep
 * form (model multinomial, grouped penalty, test rows), then its report page shows the per-class coefficient table and
 * the test rows' confusion matrix with the numbers of the API's report.
 */
import {
  confusionCounts,
  expectCleanPage,
  openWatchedPage,
  screenshot,
  waitForSweep,
  useBrowserSession,
} from './harness';
import { openNewSweepForm, waitForSweepPage } from './new-sweep-form';

const session = useBrowserSession({ startUpTimeoutMs: 180_000 });

interface MultinomialReport {
  best: {
    intercept: Record<string, number>;
    coefficients: Record<string, Record<string, number>>;
    test: { confusion: { classes: string[]; counts: number[][] } };
  };
}

it('submits a grouped multinomial sweep from the form and shows per-class coefficients and the confusion matrix', async () => {
  const watched = await openWatchedPage(session.browser);
  const { page } = watched;
  await openNewSweepForm(page, session.server.baseUrl, 'iris');
  await page.fill('input[name=name]', 'iris from the form');
  await page.selectOption('select[name=dataset]', { label: 'iris v1' });
  await page.selectOption('select[name=model]', 'multinomial');
  await page.check('input[name=grouped]');
  await page.selectOption('select[name=metric]', 'accuracy');
  await page.fill('input[name=autoCount]', '12');
  await page.fill('input[name=folds]', '5');
  await page.fill('input[name=testFraction]', '0.2');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const id = await waitForSweepPage(page);
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');

  const sweep = await session.api<{ config: object }>(`/api/sweeps/${id}`);
  expect(sweep.config).toMatchObject({ model: 'multinomial', multinomial: { grouped: true }, metric: 'accuracy' });
  const report = await session.api<MultinomialReport>(`/api/sweeps/${id}/report`);
  const classes = ['setosa', 'versicolor', 'virginica'];

  const table = page.getByTestId('class-coefficients');
  await table.waitFor({ timeout: 30_000 });
  expect(await table.locator('thead th').allTextContents()).toEqual(['coefficient', ...classes]);
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(5); // the intercepts and the 4 features
  expect(await rows.first().locator('td').first().textContent()).toBe('(intercept)');
  const petalWidth = await table.locator('tbody tr', { hasText: 'petal_width' }).locator('td').allTextContents();
  expect(petalWidth).toHaveLength(4);
  // The cells show the report's values (formatted): the sign at least must agree, and a dropped feature shows 0.
  classes.forEach((label, k) => {
    const value = report.best.coefficients[label].petal_width;
    const shown = Number(petalWidth[k + 1].replace('−', '-'));
    expect(Math.sign(shown)).toBe(Math.sign(value));
  });

  const counts = await confusionCounts(page);
  expect(counts).toEqual(report.best.test.confusion.counts);
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
  await screenshot(page, 'multinomial-report');
  expectCleanPage(watched);
  await page.close();
}, 240_000);
