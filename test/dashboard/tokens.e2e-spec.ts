/**
 * The dashboard against servers that want API tokens (real server, real Chromium): a write refused
 * without a token shows a message pointing to the "API token" setting; once the token is entered
 * there, every request carries it. With reads closed (`readAccess: 'token'`) the pages and the
 * live event stream work after entering the token too.
 */
import type { Page } from 'playwright-core';
import { ApiTokensService } from '../../apps/server/src/auth/api-tokens.service';
import {
  expectCleanPage,
  screenshot,
  startServer,
  useBrowserSession,
  waitForSweep,
  type RunningServer,
} from './harness';
import { openNewSweepForm, waitForSweepPage } from './new-sweep-form';
import { slowLiveSweep } from '../helpers/sweep-configs';

/** Chromium logs one console line for every refused request; those 401s are what these tests provoke. */
const EXPECTED_401 = [/status of 401/];

const session = useBrowserSession({ server: false });
const { newPage } = session;
let servers: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serverWithToken(options: { readAccess?: 'open' | 'token' } = {}) {
  const server = await startServer(options);
  servers.push(server);
  const { token } = await server.app.get(ApiTokensService).create('dashboard-e2e');
  return { server, token };
}

async function sweepCount(server: RunningServer, token: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/sweeps`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await response.json()) as { total: number }).total;
}

/** Enters `token` through the header's setting, opened from the 401 message's button. */
async function enterTokenFromMessage(page: Page, token: string, screenshotName?: string): Promise<void> {
  await page.getByTestId('auth-error').getByRole('button', { name: 'Set API token' }).click();
  await page.fill('input[name=apiToken]', token);
  if (screenshotName) await screenshot(page, screenshotName);
  await page.getByRole('button', { name: 'Save token' }).click();
  await page.getByTestId('token-panel').waitFor({ state: 'detached' });
}

test('a sweep submitted without the token shows the 401 message; with the token entered it runs', async () => {
  const { server, token } = await serverWithToken();
  const w = await newPage();
  const { page } = w;
  await openNewSweepForm(page, server.baseUrl, 'seed-linear v1');
  expect(await page.getByTestId('token-button').textContent()).toBe('API token: not set');
  await page.fill('input[name=name]', 'with-token');
  await page.selectOption('select[name=dataset]', { label: 'seed-linear v1' });
  await page.fill('input[name=autoCount]', '10');
  await page.fill('input[name=folds]', '3');

  await page.getByRole('button', { name: 'Start sweep' }).click();
  const message = page.getByTestId('auth-error');
  await message.waitFor();
  expect(await message.textContent()).toContain('This server needs an API token: enter one under API token');
  expect(await message.textContent()).toContain('API token is required');
  expect(new URL(page.url()).hash).toBe('#/sweeps/new');
  expect(await sweepCount(server, token)).toBe(0);
  await screenshot(page, 'token-required');

  // A wrong token is refused with its own message.
  await enterTokenFromMessage(page, 'rsw_0000000000000000_' + 'a'.repeat(43));
  await page.getByRole('button', { name: 'Start sweep' }).click();
  await page.getByTestId('auth-error').filter({ hasText: 'was refused' }).waitFor();
  expect(await page.getByTestId('auth-error').textContent()).toContain('the API token is not valid');
  expect(await sweepCount(server, token)).toBe(0);

  // The right token: the form kept its values, the POST carries the header, the sweep runs.
  await enterTokenFromMessage(page, token, 'token-setting');
  expect(await page.getByTestId('token-button').textContent()).toBe(`API token: …${token.slice(-4)}`);
  expect(await page.inputValue('input[name=name]')).toBe('with-token');
  const posted = page.waitForRequest((r) => r.url().endsWith('/api/sweeps') && r.method() === 'POST');
  await page.getByRole('button', { name: 'Start sweep' }).click();
  expect((await posted).headers().authorization).toBe(`Bearer ${token}`);
  const id = await waitForSweepPage(page);
  expect(await waitForSweep(server.baseUrl, id, 120_000)).toBe('succeeded');
  await page.locator('[data-testid=curve-chart][data-ready=true]').waitFor({ timeout: 30_000 });
  expect(await sweepCount(server, token)).toBe(1);

  // The token is remembered by this browser: a reload still sends it.
  await page.reload();
  expect(await page.getByTestId('token-button').textContent()).toBe(`API token: …${token.slice(-4)}`);
  await screenshot(page, 'token-accepted');
  expectCleanPage(w, EXPECTED_401);
}, 180_000);

test('with reads closed, the pages ask for the token, then load and follow a running sweep live', async () => {
  const { server, token } = await serverWithToken({ readAccess: 'token' });
  // Slow on purpose (gd, many epochs, one worker), so it is still running while the page follows it.
  const submitted = await fetch(`${server.baseUrl}/api/sweeps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(slowLiveSweep('closed-reads-live')),
  });
  expect(submitted.status).toBe(202);
  const { id } = (await submitted.json()) as { id: string };

  const w = await newPage();
  const { page } = w;
  await page.goto(`${server.baseUrl}/#/sweeps`);
  await page.getByTestId('auth-error').waitFor();
  expect(await page.getByTestId('auth-error').textContent()).toContain('This server needs an API token');
  await screenshot(page, 'token-reads-closed');

  // The list loads once the token is entered, and its row follows the sweep's events.
  await enterTokenFromMessage(page, token);
  await page.getByTestId('sweep-row').first().waitFor();
  expect(await page.getByTestId('auth-error').count()).toBe(0);
  const rowProgress = page.getByTestId('sweep-row').first().locator('.progress-text');
  const firstProgress = await rowProgress.textContent();
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector('[data-testid=sweep-row] .progress-text')?.textContent;
      return !!text && text !== before && !text.startsWith('0/');
    },
    firstProgress,
    { timeout: 120_000 },
  );

  // The sweep page: its event stream (read with fetch) carries the token, so the live chart is drawn.
  const stream = page.waitForRequest((r) => r.url().endsWith(`/api/sweeps/${id}/events`));
  await page.goto(`${server.baseUrl}/#/sweeps/${id}`);
  expect((await stream).headers().authorization).toBe(`Bearer ${token}`);
  await page.locator('[data-testid=live-chart][data-ready=true]').waitFor({ timeout: 120_000 });
  await screenshot(page, 'token-reads-closed-live');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid=sweep-status]')?.textContent === 'cancelled',
    null,
    { timeout: 60_000 },
  );
  expect(await waitForSweep(server.baseUrl, id, 60_000, token)).toBe('cancelled');
  expectCleanPage(w, EXPECTED_401);
}, 300_000);

/** The browser globals used inside page.waitForFunction (the root tsconfig has no DOM lib). */
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
