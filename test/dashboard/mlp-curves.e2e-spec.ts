/**
 * The dashboard draws an mlp sweep's learning-curve overlay in a real browser (Debian's Chromium) against the real
 * server. The sweep is submitted through the API: the sweep form has no network fields yet.
 */
import { expectCleanPage, screenshot, useBrowserSession, waitForSweep } from './harness';

const session = useBrowserSession({ startUpTimeoutMs: 180_000 });

it('draws the learning curves of the chosen trial and its λ neighbours, with no console errors', async () => {
  const config = {
    name: 'mlp overlay',
    dataset: 'diabetes',
    model: 'mlp',
    network: { hidden: [8], activation: 'tanh' },
    solver: { kind: 'adam', learningRate: 0.05, epochs: 40, batchSize: 64, seed: 2 },
    penalties: ['l2'],
    lambdas: { values: [1, 0.1, 0.01] },
    split: { kind: 'kfold', folds: 3 },
  };
  const response = await fetch(`${session.server.baseUrl}/api/sweeps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');

  const watched = await session.newPage();
  const { page } = watched;
  await page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  await page.locator('[data-testid=mlp-curves][data-ready=true]').waitFor({ timeout: 30_000 });
  const section = page.locator('[data-testid=mlp-section]');
  await expect(section.textContent()).resolves.toMatch(/best epoch of the chosen trial: \d+/);
  await expect(section.textContent()).resolves.toMatch(/validation loss best at epoch \d+/);
  // uPlot's legend lists one validation and one train series per curve of the report (the chosen trial among them).
  const report = (await (await fetch(`${session.server.baseUrl}/api/sweeps/${id}/report`)).json()) as {
    mlp: { learningCurves: { lambda: number; role: string }[] };
  };
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
