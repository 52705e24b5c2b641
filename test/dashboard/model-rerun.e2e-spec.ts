/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * The sweep page's model downloads and "Run again" in a real browser against the real server: the JSON model is the
 * report's best model, the ONNX file is an ai.onnx.ml model, and "Run again" opens a new sweep with the identical
 * config whose report matches. Screenshot: test-artifacts/screenshots/model-rerun.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { SMALL_LASSO_SWEEP } from '../helpers/sweep-configs';
import { expectCleanPage, openWatchedPage, screenshot, waitForSweep, useBrowserSession } from './harness';

jest.setTimeout(120_000);

const session = useBrowserSession();

async function api(path: string, init?: RequestInit): Promise<any> {
  return (await fetch(`${session.server.baseUrl}${path}`, init)).json();
}

/** Clicks a button and answers the bytes of the file the browser downloads. */
async function downloadedBytes(page: Page, button: string): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFileSync((await download.path()) as string);
}

it('downloads the best model as JSON and ONNX, and "Run again" starts the identical sweep', async () => {
  const submitted = await api('/api/sweeps', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(SMALL_LASSO_SWEEP),
  });
  expect(await waitForSweep(session.server.baseUrl, submitted.id, 60_000)).toBe('succeeded');
  const report = await api(`/api/sweeps/${submitted.id}/report`);

  const watched = await openWatchedPage(session.browser);
  const { page } = watched;
  try {
    await page.goto(`${session.server.baseUrl}/#/sweeps/${submitted.id}`);
    await page.getByTestId('model-actions').waitFor();

    const model = JSON.parse((await downloadedBytes(page, 'Model JSON')).toString('utf8'));
    expect(model).toMatchObject({
      format: 'regsweep-model',
      kind: 'glm',
      lambda: report.best.lambda,
      intercept: report.best.intercept,
      provenance: { sweepId: submitted.id },
    });
    const onnx = await downloadedBytes(page, 'Model ONNX');
    expect(onnx.includes(Buffer.from('ai.onnx.ml'))).toBe(true);
    expect(onnx.includes(Buffer.from('LinearRegressor'))).toBe(true);
    const float32 = await downloadedBytes(page, 'ONNX float32');
    expect(float32.includes(Buffer.from('float32'))).toBe(true);
    expect(float32.includes(Buffer.from('LinearRegressor'))).toBe(true);
    await screenshot(page, 'model-rerun');

    await page.getByRole('button', { name: 'Run again' }).click();
    await page.waitForURL((url) => !url.hash.endsWith(submitted.id));
    const rerunId = decodeURIComponent(new URL(page.url()).hash.split('/').pop() as string);
    expect(await waitForSweep(session.server.baseUrl, rerunId, 60_000)).toBe('succeeded');
    await page.getByTestId('model-actions').waitFor(); // the new sweep's page, finished
    const [first, rerun] = [await api(`/api/sweeps/${submitted.id}`), await api(`/api/sweeps/${rerunId}`)];
    expect(rerun.config).toEqual(first.config);
    const rerunReport = await api(`/api/sweeps/${rerunId}/report`);
    expect({ ...rerunReport, sweepId: null }).toEqual({ ...report, sweepId: null });
    expectCleanPage(watched);
  } finally {
    await page.close();
  }
});
