/**
 * An mlp sweep submitted through the new-sweep form's network fields in a real browser (Debian's Chromium) against
 * the real server, and its learning-curve overlay drawn on the sweep page.
 */
import type { Page } from 'playwright-core';
import { confusionCounts, expectCleanPage, screenshot, useBrowserSession, waitForSweep } from './harness';
import { openNewSweepForm, waitForSweepPage } from './new-sweep-form';

const session = useBrowserSession({ startUpTimeoutMs: 180_000 });

/**
 * The form's fields that both networks below share: a network of one hidden layer of `hidden` units, l2 only on the
 * listed λ values, 3 folds, adam at rate 0.05 for 40 epochs. Each test then sets what makes its network its own.
 */
async function fillAdamNetwork(
  page: Page,
  name: string,
  dataset: string,
  hidden: string,
  lambdas: string,
): Promise<void> {
  await page.fill('input[name=name]', name);
  await page.selectOption('select[name=dataset]', { label: dataset });
  await page.selectOption('select[name=model]', 'mlp');
  await page.fill('input[name=hidden]', hidden);
  await page.uncheck('input[name=penalty-l1]');
  await page.selectOption('select[name=lambdaMode]', 'values');
  await page.fill('input[name=lambdaValues]', lambdas);
  await page.fill('input[name=folds]', '3');
  await page.selectOption('select[name=solverKind]', 'adam');
  await page.fill('input[name=learningRate]', '0.05');
  await page.fill('input[name=epochs]', '40');
}

it('submits an mlp sweep from the form and draws the learning curves of the chosen trial and its λ neighbours, with no console errors', async () => {
  const watched = await session.newPage();
  const { page } = watched;
  await openNewSweepForm(page, session.server.baseUrl, 'diabetes');
  await fillAdamNetwork(page, 'mlp overlay', 'diabetes v1', '8', '1, 0.1, 0.01');
  await page.selectOption('select[name=activation]', 'tanh');
  await page.fill('input[name=batchSize]', '64');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const id = await waitForSweepPage(page);
  const submitted = await session.api<{ config: object }>(`/api/sweeps/${id}`);
  expect(submitted.config).toMatchObject({
    model: 'mlp',
    network: { hidden: [8], activation: 'tanh', output: 'linear' },
    solver: { kind: 'adam', learningRate: 0.05, epochs: 40, batchSize: 64 },
    penalties: ['l2'],
    lambdas: { values: [1, 0.1, 0.01] },
  });
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');
  await page.reload();
  await page.locator('[data-testid=mlp-curves][data-ready=true]').waitFor({ timeout: 30_000 });
  const section = page.locator('[data-testid=mlp-section]');
  await expect(section.textContent()).resolves.toMatch(/best epoch of the chosen trial: \d+/);
  await expect(section.textContent()).resolves.toMatch(/validation loss best at epoch \d+/);
  // uPlot's legend lists one validation and one train series per curve of the report (the chosen trial among them).
  const report = await session.api<{
    mlp: { learningCurves: { lambda: number; role: string }[] };
  }>(`/api/sweeps/${id}/report`);
  expect(report.mlp.learningCurves.length).toBeGreaterThanOrEqual(2);
  const legend = (await page.locator('[data-testid=mlp-curves] .u-legend').textContent()) ?? '';
  for (const curve of report.mlp.learningCurves) {
    expect(legend).toContain(`validation, λ ${curve.lambda} (${curve.role})`);
    expect(legend).toContain(`train, λ ${curve.lambda} (${curve.role})`);
  }
  expect(legend).toContain('(chosen)');
  // The chosen model is a network: its facts name weights, not coefficients.
  await expect(page.locator('[data-testid=best-model]').textContent()).resolves.toMatch(/nonzero weights\s*\d+/);
  await screenshot(page, 'mlp-curves');
  expectCleanPage(watched);
  await page.close();
}, 240_000);

it('submits a softmax network on iris from the form and shows its test rows confusion matrix beside the learning curves', async () => {
  const watched = await session.newPage();
  const { page } = watched;
  await openNewSweepForm(page, session.server.baseUrl, 'iris');
  await fillAdamNetwork(page, 'softmax network', 'iris v1', '6', '0.1, 0.001');
  await page.selectOption('select[name=output]', 'softmax');
  await page.fill('input[name=testFraction]', '0.2');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const id = await waitForSweepPage(page);
  const submitted = await session.api<{ config: object }>(`/api/sweeps/${id}`);
  expect(submitted.config).toMatchObject({ model: 'mlp', network: { output: 'softmax' }, metric: 'logloss' });
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');
  await page.reload();
  await page.locator('[data-testid=mlp-curves][data-ready=true]').waitFor({ timeout: 30_000 });
  const report = await session.api<{
    best: { test: { confusion: { counts: number[][] } } };
  }>(`/api/sweeps/${id}/report`);
  const counts = await confusionCounts(page);
  expect(counts).toEqual(report.best.test.confusion.counts);
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
  await expect(page.locator('[data-testid=best-model]').textContent()).resolves.toMatch(/test accuracy/);
  await screenshot(page, 'mlp-softmax');
  expectCleanPage(watched);
  await page.close();
}, 240_000);
