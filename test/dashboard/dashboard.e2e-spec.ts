/**
 * The dashboard in a real browser (Debian's Chromium) against the real server: upload, sweep
 * form, live sweep page and sweeps list, validation errors, XSS and schedules firing every 2 s. The 100,000-trial
 * sweep's first-chart time is a benchmark: bench/browser/first-chart.bench-spec.ts. Screenshots go to test-artifacts/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SweepReport } from '@regsweep/sweep';
import { formatNumber } from '../../apps/dashboard/src/format';
import { expectCleanPage, repoRoot, screenshot, useBrowserSession, waitForSweep } from './harness';
import { openNewSweepForm, waitForSweepPage } from './new-sweep-form';
import { slowLiveSweep } from '../helpers/sweep-configs';

/** The browser globals the in-page checks use, declared here because the root tsconfig has no DOM lib. */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}
declare const document: {
  querySelector(selector: string): (CanvasLike & { textContent: string | null }) | null;
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
};
interface ElementLike {
  textContent: string | null;
  querySelector(selector: string): ElementLike | null;
}

const diabetesCsv = join(repoRoot, 'libs', 'datasets', 'data', 'diabetes.csv');
const XSS_NAME = '<img src=x onerror=alert(1)>';

const session = useBrowserSession();
const { newPage, api, postJson } = session;

/** Uploads diabetes.csv through the datasets page under `name`; returns the server's confirmation text. */
async function uploadThroughUi(page: Page, name: string): Promise<string> {
  await page.goto(`${session.server.baseUrl}/#/datasets`);
  await page.setInputFiles('input[type=file]', diabetesCsv);
  await page.getByTestId('csv-preview').waitFor();
  await page.fill('input[name=datasetName]', name);
  await page.getByRole('button', { name: 'Upload' }).click();
  const result = page.getByTestId('upload-result');
  await result.waitFor();
  return (await result.textContent()) ?? '';
}

/** Fills the new-sweep form for a small lasso/ridge sweep on `datasetLabel` and submits it; returns the sweep id. */
async function submitSweepForm(page: Page, name: string, datasetLabel: string): Promise<string> {
  await openNewSweepForm(page, session.server.baseUrl, datasetLabel);
  await page.fill('input[name=name]', name);
  await page.selectOption('select[name=dataset]', { label: datasetLabel });
  await page.fill('input[name=autoCount]', '40');
  await page.fill('input[name=folds]', '5');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const id = await waitForSweepPage(page);
  expect(id).not.toBe('new');
  return id;
}

/** Counts pixels of the canvas inside `selector` whose colour is within 40 of (r, g, b). */
function countPixelsOfColour(page: Page, selector: string, [r, g, b]: [number, number, number]): Promise<number> {
  return page.evaluate(
    ({ selector, r, g, b }) => {
      const canvas = document.querySelector(`${selector} canvas`) as CanvasLike;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40 && data[i + 3] > 200)
          count++;
      }
      return count;
    },
    { selector, r, g, b },
  );
}

/** Clicks an export button and returns the text of the file the browser downloads. */
async function downloadText(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('uploads a dataset, runs a sweep from the form, and shows its curve with λ1se marked', async () => {
  const w = await newPage();
  const { page } = w;

  const confirmation = await uploadThroughUi(page, 'diabetes-upload');
  expect(confirmation).toContain('442 rows');
  expect(confirmation).toContain('10 features');
  const previewHeader = await page.getByTestId('csv-preview').locator('th').allTextContents();
  expect(previewHeader.map((text) => text.split(' ')[0])).toEqual([
    'age',
    'sex',
    'bmi',
    'bp',
    's1',
    's2',
    's3',
    's4',
    's5',
    's6',
    'progression',
  ]);
  expect(await page.locator('select[name=target]').inputValue()).toBe('progression');
  await screenshot(page, 'datasets-upload');

  const id = await submitSweepForm(page, 'e2e-diabetes', 'diabetes-upload v1');
  await screenshot(page, 'sweep-submitted');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=sweep-status]')?.textContent === 'succeeded',
    null,
    {
      timeout: 120_000,
    },
  );
  await page.locator('[data-testid=curve-chart][data-ready=true]').waitFor({ timeout: 20_000 });

  // What the page says must be what the API's report says.
  const report = await api<SweepReport>(`/api/sweeps/${id}/report`);
  const best = report.best!;
  const bestPenalty = report.penalties.find((p) => p.penalty === best.penalty && p.l1Ratio === best.l1Ratio)!;
  expect(report.selection).toBe('1se');
  expect(best.lambda).toBe(bestPenalty.lambda1se);
  expect(await page.getByTestId('chosen-lambda').textContent()).toContain(`λ = ${formatNumber(best.lambda)}`);
  expect(await page.getByTestId('lambda1se-mark').textContent()).toBe(`λ1se = ${formatNumber(bestPenalty.lambda1se)}`);
  expect(await page.locator('.curve-chart').getAttribute('data-lambda-1se')).toBe(String(bestPenalty.lambda1se));
  // The λ1se mark is drawn in its own green (#1e8449) on the curve canvas.
  expect(await countPixelsOfColour(page, '.curve-chart', [0x1e, 0x84, 0x49])).toBeGreaterThan(50);

  await page.locator('[data-testid=coefficient-path][data-ready=true]').waitFor({ timeout: 20_000 });

  // The trials table sorts and filters on the server.
  const trials = page.getByTestId('trials-table');
  const sorted = page.waitForResponse((r) => r.url().includes('/trials?') && r.url().includes('sort=validationMean'));
  await trials.getByRole('button', { name: 'validation', exact: true }).click();
  await sorted;
  await page.waitForFunction(
    () => document.querySelector('[data-testid=trials-table] th:nth-child(4)')?.textContent === 'validation ▲',
  );
  const firstValidations = (await trials.locator('tbody tr td:nth-child(4)').allTextContents()).map(Number);
  expect(firstValidations.length).toBeGreaterThan(2);
  expect(firstValidations).toEqual([...firstValidations].sort((a, b) => a - b));
  const filtered = page.waitForResponse((r) => r.url().includes('/trials?') && r.url().includes('penalty=l1'));
  await trials.locator('select').selectOption('l1');
  await filtered;
  await page.waitForFunction(() => {
    const cells = Array.from(document.querySelectorAll('[data-testid=trials-table] tbody tr td:first-child'));
    return cells.length > 0 && cells.every((cell) => cell.textContent === 'l1');
  });

  await trials.locator('tbody tr').first().click();
  const foldRows = page.getByTestId('trial-details').locator('tbody tr');
  expect(await foldRows.count()).toBeGreaterThanOrEqual(5);
  await screenshot(page, 'sweep-finished');

  // Exports: the report as CSV (one row per curve point) and every trial as JSON, as the API gave them.
  const reportCsv = await downloadText(page, 'Report CSV');
  const csvLines = reportCsv.trim().split('\n');
  expect(csvLines[0]).toBe('penalty,l1Ratio,lambda,train,validation,validationSd,gap,nonzeros,isLambdaMin,isLambda1se');
  expect(csvLines).toHaveLength(1 + report.penalties.reduce((sum, p) => sum + p.curve.length, 0));
  const trialsJson = JSON.parse(await downloadText(page, 'Trials JSON')) as { key: string }[];
  const trialsTotal = (await api<{ total: number }>(`/api/sweeps/${id}/trials?pageSize=1`)).total;
  expect(new Set(trialsJson.map((t) => t.key)).size).toBe(trialsTotal);

  await page.goto(`${session.server.baseUrl}/#/sweeps`);
  await page.getByTestId('sweep-row').first().waitFor();
  expect(await page.getByTestId('sweeps-table').textContent()).toContain('e2e-diabetes');
  await screenshot(page, 'sweeps-list');
  expectCleanPage(w);

  // A fresh page straight on the sweep: the small sweep's first-chart time, beside the 100k bench's.
  const fresh = await newPage();
  await fresh.page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  const freshChart = fresh.page.locator('[data-testid=curve-chart][data-ready=true]');
  await freshChart.waitFor();
  console.log(
    `small sweep (${report.penalties.length} penalties × 40 λ): first chart drawn ${await freshChart.getAttribute('data-drawn-at')} ms after navigation start`,
  );
  expectCleanPage(fresh);
}, 180_000);

test('a bad value shows the server’s message next to its field', async () => {
  const w = await newPage();
  const { page } = w;
  const before = await api<{ total: number }>('/api/sweeps');
  await page.goto(`${session.server.baseUrl}/#/sweeps/new`);
  await page.locator('select[name=dataset] option').first().waitFor({ state: 'attached' });
  await page.fill('input[name=name]', 'bad-folds');
  await page.fill('input[name=folds]', '1');
  const posted = page.waitForRequest((r) => r.url().endsWith('/api/sweeps') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  const body: unknown = (await posted).postDataJSON();

  const fieldError = page.locator('[data-error-for="split.folds"]');
  await fieldError.waitFor();
  // The same body sent directly gives the message the page shows beside the folds input.
  const answer = await postJson<{ errors: { path: string; message: string }[] }>('/api/sweeps', body);
  const serverMessage = answer.errors.find((e) => e.path === 'split.folds')?.message;
  expect(serverMessage).toBeTruthy();
  expect(await fieldError.textContent()).toBe(serverMessage);
  expect(await page.locator('[data-field="split.folds"] input[name=folds]').count()).toBe(1);
  expect(new URL(page.url()).hash).toBe('#/sweeps/new');
  expect((await api<{ total: number }>('/api/sweeps')).total).toBe(before.total);
  await screenshot(page, 'form-validation');
  // Chromium logs every 4xx answer to the console; the refused POST is the expected one.
  expectCleanPage(w, [/status of 400/]);
}, 60_000);

test('a dataset and a sweep named like HTML render as text and run no script', async () => {
  const w = await newPage();
  const { page } = w;
  await uploadThroughUi(page, XSS_NAME);
  expect(await page.getByTestId('datasets-table').textContent()).toContain(XSS_NAME);

  const id = await submitSweepForm(page, XSS_NAME, `${XSS_NAME} v1`);
  await page.getByTestId('sweep-name').waitFor();
  expect(await page.getByTestId('sweep-name').textContent()).toBe(XSS_NAME);
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');

  await page.goto(`${session.server.baseUrl}/#/sweeps`);
  await page.getByRole('link', { name: XSS_NAME }).first().waitFor();
  await page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  await page.locator('[data-testid=curve-chart][data-ready=true]').waitFor({ timeout: 20_000 });
  await screenshot(page, 'xss-sweep');
  expect(await page.locator('img').count()).toBe(0);
  expectCleanPage(w);
}, 180_000);

test('a gd sweep shows the learning curves of a chosen trial', async () => {
  const w = await newPage();
  const { page } = w;
  const { id } = await postJson<{ id: string }>('/api/sweeps', {
    name: 'gd-seed-linear',
    dataset: 'seed-linear',
    model: 'linear',
    penalties: ['l2'],
    lambdas: { values: [0.01, 0.1] },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 1 },
    solver: { kind: 'gd', learningRate: 0.5, epochs: 300 },
  });
  expect(await waitForSweep(session.server.baseUrl, id, 120_000)).toBe('succeeded');
  await page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  await page.getByTestId('trials-table').locator('tbody tr').first().click();
  await page.locator('[data-testid=learning-curve][data-ready=true]').waitFor({ timeout: 20_000 });
  await screenshot(page, 'gd-learning-curve');
  expectCleanPage(w);
}, 180_000);

test('a running sweep draws live partial curves from its events and can be cancelled', async () => {
  const w = await newPage();
  const { page } = w;
  // Slow on purpose: gd with many epochs on breast-cancer, so the sweep is still running while we look.
  const { id } = await postJson<{ id: string }>('/api/sweeps', slowLiveSweep('slow-gd-logistic'));
  // The sweeps list follows the running sweep through its event stream (the list itself is not polled).
  await page.goto(`${session.server.baseUrl}/#/sweeps`);
  const row = page.getByTestId('sweep-row').filter({ hasText: 'slow-gd-logistic' });
  const listedProgress = await row.locator('.progress-text').textContent();
  await page.waitForFunction(
    (before) => {
      const rows = Array.from(document.querySelectorAll('[data-testid=sweep-row]'));
      const text = rows.find((r) => r.textContent?.includes('slow-gd-logistic'))?.querySelector('.progress-text');
      return !!text?.textContent && text.textContent !== before && !text.textContent.startsWith('0/');
    },
    listedProgress,
    { timeout: 120_000 },
  );
  await screenshot(page, 'sweeps-list-live');

  await page.goto(`${session.server.baseUrl}/#/sweeps/${id}`);
  await page.locator('[data-testid=live-chart][data-ready=true]').waitFor({ timeout: 120_000 });
  const progressText = await page.locator('.sweep-header .progress-text').textContent();
  expect(progressText).toMatch(/^[1-9]\d*\/\d+$/);
  await screenshot(page, 'sweep-live');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=sweep-status]')?.textContent === 'cancelled',
    null,
    {
      timeout: 60_000,
    },
  );
  expectCleanPage(w);
}, 240_000);

/** Checks `done` every 100 ms until it holds (a condition, not a fixed wait); fails after 30 s. */
async function waitUntil(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface RunsAnswer {
  items: { sweepId: string; status: string; best: { lambda: number } | null; lambdaDrift: number | null }[];
  total: number;
  skipped: number;
  failed: number;
}

test('a schedule created in the UI fires every 2 s: runs with best λ and the chart appear; paused it stops; deleted it goes', async () => {
  const w = await newPage();
  const { page } = w;
  const tinySweep = {
    name: 'every-2s-seed-linear',
    dataset: 'seed-linear',
    model: 'linear',
    penalties: ['l1', 'l2'],
    lambdas: { values: [0.001, 0.01, 0.1, 1] },
    split: { kind: 'kfold', folds: 3, shuffle: true, seed: 5 },
  };
  await page.goto(`${session.server.baseUrl}/#/schedules`);
  await page.locator('[data-testid=no-schedules], [data-testid=schedules-table]').first().waitFor();
  await page.fill('input[name=scheduleName]', 'every-2s');
  await page.fill('input[name=cron]', '*/2 * * * * *');
  await page.fill('textarea[name=sweepConfig]', JSON.stringify(tinySweep, null, 2));
  await page.getByRole('button', { name: 'Create schedule' }).click();
  const row = page.getByTestId('schedule-row').filter({ hasText: 'every-2s' });
  await row.waitFor();
  expect(await row.getByTestId('schedule-state').textContent()).toBe('active');
  const schedule = (await api<{ items: { id: string; name: string; cron: string }[] }>('/api/schedules')).items.find(
    (s) => s.name === 'every-2s',
  )!;
  expect(schedule.cron).toBe('*/2 * * * * *');

  // Runs appear in the open panel (it polls), each succeeded one with its best λ; the chart draws them.
  await row.getByRole('button', { name: 'Runs' }).click();
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('[data-testid=run-best]')).filter((cell) =>
        cell.textContent?.includes('λ ='),
      ).length >= 3,
    null,
    { timeout: 60_000 },
  );
  const chart = page.locator('[data-testid=best-lambda-chart][data-ready=true]');
  await chart.waitFor();
  expect(Number(await page.locator('.best-lambda-chart').getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
  // What the panel says is what the API says, run by run.
  const runs = await api<RunsAnswer>(`/api/schedules/${schedule.id}/runs`);
  const finished = runs.items.filter((run) => run.best);
  expect(finished.length).toBeGreaterThanOrEqual(3);
  for (const run of finished.slice(-3)) {
    const runRow = page.getByTestId('schedule-run').filter({ hasText: run.sweepId.slice(0, 8) });
    expect(await runRow.getByTestId('run-best').textContent()).toContain(`λ = ${formatNumber(run.best!.lambda)}`);
  }
  // Same data, same folds: every run picks the same λ, so the drift after the first is 0.
  expect(finished.slice(0, -1).every((run) => run.lambdaDrift === 0)).toBe(true);
  await screenshot(page, 'schedule-runs');

  // Paused from the UI: no new run starts. A witness schedule on the same 2 s cron tells when ticks have passed: a tick
  // under way when the PATCH arrived has landed once the witness fired; two more witness firings are two more ticks.
  await row.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('[data-testid=schedule-row]')).some(
      (r) =>
        r.textContent?.includes('every-2s') &&
        r.querySelector('[data-testid=schedule-state]')?.textContent === 'paused',
    ),
  );
  const witness = await api<{ id: string }>('/api/schedules', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'witness', cron: '*/2 * * * * *', sweep: { ...tinySweep, name: 'witness-run' } }),
  });
  const witnessFirings = () => api<{ total: number }>(`/api/schedules/${witness.id}/firings`).then((f) => f.total);
  await waitUntil(async () => (await witnessFirings()) >= 1);
  const pausedTotal = (await api<RunsAnswer>(`/api/schedules/${schedule.id}/runs`)).total;
  await waitUntil(async () => (await witnessFirings()) >= 3);
  expect((await api<RunsAnswer>(`/api/schedules/${schedule.id}/runs`)).total).toBe(pausedTotal);
  await fetch(`${session.server.baseUrl}/api/schedules/${witness.id}`, { method: 'DELETE' });
  expect(await page.getByTestId('schedule-runs-summary').textContent()).toMatch(new RegExp(`^${pausedTotal} runs`));
  await screenshot(page, 'schedule-paused');

  // Deleted after an inline confirmation: gone from the page and from the API; its sweeps stay.
  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await row.waitFor({ state: 'detached' });
  expect((await fetch(`${session.server.baseUrl}/api/schedules/${schedule.id}`)).status).toBe(404);
  expect(await page.getByTestId('schedule-runs').count()).toBe(0);
  const kept = await api<{ items: { name: string }[] }>('/api/sweeps?pageSize=1000');
  expect(kept.items.filter((sweep) => sweep.name === tinySweep.name).length).toBe(pausedTotal);
  expectCleanPage(w);
}, 120_000);
