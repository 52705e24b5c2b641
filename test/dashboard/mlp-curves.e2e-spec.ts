/**
 * An mlp sweep submitted through the new-sweep form's network fields in a real browser (Debian's Chromium) against
 * the real server, and its learning-curve overlay drawn on the sweep page.
 */
import type { Page } from 'playwright-core';
import {
  confusionCounts,
  expectCleanPage,
  screenshot,
  useBrowserSession,
  waitForSweep,
  type WatchedPage,
} from './harness';
import { openNewSweepForm, waitForSweepPage } from './new-sweep-form';

const session = useBrowserSession({ startUpTimeoutMs: 180_000 });

/**
 * A new page on the new-sweep form with the fields that both networks below share: version 1 of `dataset`, a network
 * of one hidden layer of `hidden` units, l2 only on the listed λ values, 3 folds, adam at rate 0.05 for 40 epochs.
 * Each test then sets what makes its network its own.
 */
async function openAdamNetworkForm(
  name: string,
  dataset: string,
  hidden: string,
  lambdas: string,
): Promise<WatchedPage> {
  const watched = await session.newPage();
  const { page } = watched;
  await openNewSweepForm(page, session.server.baseUrl, dataset);
  await page.fill('input[name=name]', name);
  await page.selectOption('select[name=dataset]', { label: `${dataset} v1` });
  await page.selectOption('select[name=model]', 'mlp');
  await page.fill('input[name=hidden]', hidden);
  await page.uncheck('input[name=penalty-l1]');
  await page.selectOption('select[name=lambdaMode]', 'values');
  await page.fill('input[name=lambdaValues]', lambdas);
  await page.fill('input[name=folds]', '3');
  await page.selectOption('select[name=solverKind]', 'adam');
  await page.fill('input[name=learningRate]', '0.05');
  await page.fill('input[name=epochs]', '40');
  return watched;
}

/**
 * Submits the filled-in form, checks that the stored config holds `expected`, waits for the sweep to succeed and for
 * its page, reloaded, to draw the learning curves; resolves with the sweep's id.
 */
async function submitAndWaitForCurves(page: Page, expected: object): Promise<string> {
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const id = await waitForSweepPage(page);
  const submitted = await session.api<{ config: object }>(`/api/sweeps/${id}`);
  expect(submitted.config).toMatchObject(expected);
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');
  await page.reload();
  await page.locator('[data-testid=mlp-curves][data-ready=true]').waitFor({ timeout: 30_000 });
  return id;
}

it('submits an mlp sweep from the form and draws the learning curves of the chosen trial and its λ neighbours, with no console errors', async () => {
  const watched = await openAdamNetworkForm('mlp overlay', 'diabetes', '8', '1, 0.1, 0.01');
  const { page } = watched;
  await page.selectOption('select[name=activation]', 'tanh');
  await page.fill('input[name=batchSize]', '64');
  const id = await submitAndWaitForCurves(page, {
    model: 'mlp',
    network: { hidden: [8], activation: 'tanh', output: 'linear' },
    solver: { kind: 'adam', learningRate: 0.05, epochs: 40, batchSize: 64 },
    penalties: ['l2'],
    lambdas: { values: [1, 0.1, 0.01] },
  });
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
  const watched = await openAdamNetworkForm('softmax network', 'iris', '6', '0.1, 0.001');
  const { page } = watched;
  await page.selectOption('select[name=output]', 'softmax');
  await page.fill('input[name=testFraction]', '0.2');
  const id = await submitAndWaitForCurves(page, { model: 'mlp', network: { output: 'softmax' }, metric: 'logloss' });
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
