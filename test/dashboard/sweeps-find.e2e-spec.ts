/* eslint-disable @typescript-eslint/no-explicit-any -- HTTP answers are untyped JSON here */
/**
 * Finding sweeps in a real browser against the real server (issue 15, "Find"): tags and notes edited on the sweep
 * page, then the sweeps list filtered by them and by status, model and penalty; the filters live in the URL, so a
 * reload and the back button show the same list. Screenshot: test-artifacts/screenshots/sweeps-find.png.
 */
import type { Page } from 'playwright-core';
import { SMALL_LASSO_SWEEP, SMALL_LOGISTIC_SWEEP } from '../helpers/sweep-configs';
import { expectCleanPage, screenshot, useBrowserSession, waitForSweep } from './harness';

jest.setTimeout(180_000);

const session = useBrowserSession();

/** The page's DOM as the functions run inside it see it (this file is typed without the DOM library). */
declare const document: {
  querySelector(selector: string): { value?: string } | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
};

const SWEEPS = [
  { ...SMALL_LASSO_SWEEP, name: 'seed lasso' },
  { ...SMALL_LASSO_SWEEP, name: 'seed ridge', penalties: ['l2'] },
  SMALL_LOGISTIC_SWEEP,
];

/** The sweep names (their links) the list shows, top to bottom, once it shows exactly `expected` (waited for, not slept). */
async function listShows(page: Page, expected: string[]): Promise<void> {
  const rows = page.getByTestId('sweep-row').locator('a[href^="#/sweeps/"]');
  await page.waitForFunction(
    (names) => {
      const shown = Array.from(document.querySelectorAll('[data-testid="sweep-row"] a[href^="#/sweeps/"]')).map(
        (link) => link.textContent,
      );
      return JSON.stringify(shown) === JSON.stringify(names);
    },
    expected,
    { timeout: 15_000 },
  );
  expect(await rows.allTextContents()).toEqual(expected);
}

it('edits tags and notes, filters the list by them and other fields, and keeps the filters in the URL', async () => {
  const ids: Record<string, string> = {};
  for (const config of SWEEPS) {
    const { id } = await session.postJson<{ id: string }>('/api/sweeps', config);
    ids[config.name] = id;
    expect(await waitForSweep(session.server.baseUrl, id, 60_000)).toBe('succeeded');
  }
  const watched = await session.newPage();
  const { page } = watched;
  const base = session.server.baseUrl;

  // Tags and notes on the sweep page, saved through PATCH; a bad tag is refused beside its field.
  await page.goto(`${base}/#/sweeps/${ids['seed ridge']}`);
  const tracking = page.getByTestId('tracking');
  await tracking.locator('input[name="tags"]').fill('paper, a,b');
  await tracking.getByRole('button', { name: 'Save tags and notes' }).click();
  // "a,b" typed in a comma list is two tags, so this one is accepted: then a refused one.
  await tracking.getByText('Saved.').waitFor();
  await tracking.locator('input[name="tags"]').fill('paper, ' + 'x'.repeat(65));
  await tracking.getByRole('button', { name: 'Save tags and notes' }).click();
  await page.locator('[data-error-for="tags"]').waitFor();
  expect((await session.api<any>(`/api/sweeps/${ids['seed ridge']}`)).tags).toEqual(['paper', 'a', 'b']);
  await tracking.locator('input[name="tags"]').fill('paper, baseline');
  await tracking.locator('textarea[name="notes"]').fill('λ1se sits at the edge:\nextend the grid.');
  await tracking.getByRole('button', { name: 'Save tags and notes' }).click();
  await tracking.getByText('Saved.').waitFor();
  expect(await session.api<any>(`/api/sweeps/${ids['seed ridge']}`)).toMatchObject({
    tags: ['paper', 'baseline'],
    notes: 'λ1se sits at the edge:\nextend the grid.',
  });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="tracking"] textarea')?.value !== '');
  expect(await tracking.locator('input[name="tags"]').inputValue()).toBe('paper, baseline');
  await session.api(`/api/sweeps/${ids['cancer logistic']}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tags: ['paper'] }),
  });

  // The list: everything, newest first; then filtered by a tag.
  await page.goto(`${base}/#/sweeps`);
  await listShows(page, ['cancer logistic', 'seed ridge', 'seed lasso']);
  const form = page.getByTestId('sweep-filters');
  await form.locator('input[name="tag"]').fill('paper');
  await form.getByRole('button', { name: 'Apply' }).click();
  await listShows(page, ['cancer logistic', 'seed ridge']);
  expect(new URL(page.url()).hash).toBe('#/sweeps?tag=paper');

  // AND with a model, OR within the penalty select's field via the URL's comma list, sorted by name ascending.
  await form.locator('select[name="model"]').selectOption('linear');
  await form.getByRole('button', { name: 'Apply' }).click();
  await listShows(page, ['seed ridge']);
  await form.locator('input[name="tag"]').fill('');
  await form.locator('select[name="model"]').selectOption('');
  await form.getByRole('checkbox', { name: 'succeeded' }).check();
  await form.locator('select[name="sort"]').selectOption('name');
  await form.locator('select[name="order"]').selectOption('asc');
  await form.getByRole('button', { name: 'Apply' }).click();
  await listShows(page, ['cancer logistic', 'seed lasso', 'seed ridge']);
  expect(new URL(page.url()).hash).toBe('#/sweeps?status=succeeded&sort=name&order=asc');
  await page.goto(`${base}/#/sweeps?penalty=l1,elasticnet&sort=name&order=asc`);
  await listShows(page, ['cancer logistic', 'seed lasso']);
  await form.locator('input[name="name"]').fill('SEED');
  await form.getByRole('button', { name: 'Apply' }).click();
  await listShows(page, ['seed lasso']);
  await screenshot(page, 'sweeps-find');

  // The URL round trip: a reload shows the same list and the same inputs; back shows the list before.
  const filteredUrl = page.url();
  await page.reload();
  await listShows(page, ['seed lasso']);
  expect(page.url()).toBe(filteredUrl);
  expect(await form.locator('input[name="name"]').inputValue()).toBe('SEED');
  expect(await form.locator('select[name="sort"]').inputValue()).toBe('name');
  await page.goBack();
  await listShows(page, ['cancer logistic', 'seed lasso']);
  expect(await form.locator('input[name="name"]').inputValue()).toBe('');
  expect(await form.locator('select[name="penalty"]').inputValue()).toBe('l1,elasticnet');
  await page.goForward();
  await listShows(page, ['seed lasso']);

  // No match says so; Clear brings every sweep back.
  await form.locator('input[name="name"]').fill('nothing like it');
  await form.getByRole('button', { name: 'Apply' }).click();
  await page.getByTestId('no-match').waitFor();
  await form.getByRole('button', { name: 'Clear' }).click();
  await listShows(page, ['cancer logistic', 'seed ridge', 'seed lasso']);
  expect(new URL(page.url()).hash).toBe('#/sweeps');
  // Chromium logs the refused PATCH (the 65-character tag) as a failed resource; nothing else may go wrong.
  expectCleanPage(watched, [/status of 400 \(Bad Request\) \(http:\/\/[^)]+\/api\/sweeps\/[^/)]+\)$/]);
});
