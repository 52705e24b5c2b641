/** Steps of the new-sweep form that the browser tests take the same way, whatever fields they fill in between. */
import type { Page } from 'playwright-core';

/** Opens the form and waits until its dataset list (fetched after the page loads) holds an option naming `dataset`. */
export async function openNewSweepForm(page: Page, baseUrl: string, dataset: string): Promise<void> {
  await page.goto(`${baseUrl}/#/sweeps/new`);
  await page.locator('select[name=dataset] option', { hasText: dataset }).first().waitFor({ state: 'attached' });
}

/** After "Start sweep": waits for the new sweep's page (not the form's own #/sweeps/new) and returns the sweep's id. */
export async function waitForSweepPage(page: Page): Promise<string> {
  await page.waitForURL(/#\/sweeps\/(?!new$)[^/]+$/);
  return decodeURIComponent(new URL(page.url()).hash.split('/').pop() as string);
}
