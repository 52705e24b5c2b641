/**
 * What the dashboard browser tests need: the real server on a temp SQLite file and a free port,
 * the built dashboard, Debian's Chromium through playwright-core, and pages that record console
 * errors, page errors and dialogs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp, type CreateAppOptions } from '../../apps/server/src/main';
import { freePort } from '../helpers/free-port';

export const repoRoot = join(__dirname, '..', '..');
export const screenshotDir = join(repoRoot, 'test-artifacts', 'screenshots');

/** `npm test` builds the dashboard first; a lone `npx jest test/dashboard` builds it here if it is missing. */
export function ensureDashboardBuilt(): void {
  if (existsSync(join(repoRoot, 'dist', 'dashboard', 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'apps/dashboard/vite.config.ts', '--logLevel', 'error'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

export interface RunningServer {
  app: INestApplication;
  baseUrl: string;
  close: () => Promise<void>;
}

/** `options` adds server settings (e.g. `readAccess: 'token'`) to the temp database, 2 workers and errors-only logs. */
export async function startServer(options: Partial<CreateAppOptions> = {}): Promise<RunningServer> {
  const directory = mkdtempSync(join(tmpdir(), 'regsweep-dashboard-'));
  const app = await createApp({
    dbPath: join(directory, 'regsweep.sqlite'),
    poolSize: 2,
    logger: ['error'],
    ...options,
  });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page at 1280×800 that records what would show a broken page: console errors, uncaught errors, dialogs. */
export interface WatchedPage {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const watched: WatchedPage = { page, consoleErrors: [], pageErrors: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return watched;
}

/** No console error (except the expected ones, e.g. Chromium's line for each refused request), page error or dialog. */
export function expectCleanPage(w: WatchedPage, allowedConsoleErrors: RegExp[] = []): void {
  const unexpected = w.consoleErrors.filter((text) => !allowedConsoleErrors.some((pattern) => pattern.test(text)));
  expect(unexpected).toEqual([]);
  expect(w.pageErrors).toEqual([]);
  expect(w.dialogs).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The counts the report page's confusion matrix shows, row by row (true class) once it is drawn. */
export async function confusionCounts(page: Page): Promise<number[][]> {
  const confusion = page.getByTestId('confusion-matrix');
  await confusion.waitFor();
  const counts: number[][] = [];
  for (const row of await confusion.locator('tbody tr').all()) {
    counts.push((await row.locator('td').allTextContents()).map(Number));
  }
  return counts;
}

/** Polls the API until the sweep has finished; returns its final status. */
export async function waitForSweep(baseUrl: string, id: string, timeoutMs: number, token?: string): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const sweep = await pollOnce(`${baseUrl}/api/sweeps/${id}`, token);
    if (sweep && !['queued', 'running'].includes(sweep.status)) return sweep.status;
    if (Date.now() > deadline) throw new Error(`sweep ${id} still ${sweep?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * One status poll. A socket reset is not a failure of the sweep: while the server stores a large
 * sweep its event loop can stall past the keep-alive timeout, and the reused connection is reset.
 */
async function pollOnce(url: string, token?: string): Promise<{ status: string } | null> {
  const headers: Record<string, string> = { Connection: 'close' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return (await (await fetch(url, { headers })).json()) as { status: string };
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return null;
    throw error;
  }
}

/** What a browser test file shares: the server (unless it starts its own), Chromium, and the pages of the running test. */
export interface BrowserSession {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A watched page, closed after the test that opened it. */
  newPage(): Promise<WatchedPage>;
  /** Closes a page before the test ends (e.g. one page per measured load). */
  closePage(watched: WatchedPage): Promise<void>;
  /** A JSON answer from the session's server. */
  api<T>(path: string, init?: RequestInit): Promise<T>;
  /** The JSON answer to a POST of `body` as JSON (e.g. a sweep config to /api/sweeps). */
  postJson<T>(path: string, body: unknown): Promise<T>;
}

/**
 * Registers the hooks of a browser test file: before all, the dashboard build, the server (`server: false` for files
 * that start servers of their own) and Chromium; after each test, its pages closed; after all, both stopped.
 */
export function useBrowserSession(
  options: { server?: Partial<CreateAppOptions> | false; startUpTimeoutMs?: number } = {},
): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let pages: WatchedPage[] = [];
  beforeAll(async () => {
    ensureDashboardBuilt();
    if (options.server !== false) server = await startServer(options.server);
    browser = await launchChromium();
  }, options.startUpTimeoutMs ?? 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await Promise.all(pages.map((w) => w.page.close()));
    pages = [];
  });
  const session: BrowserSession = {
    get server() {
      if (!server) throw new Error('this browser session started no server');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium has not been launched yet (use the session inside a test)');
      return browser;
    },
    async newPage() {
      const watched = await openWatchedPage(session.browser);
      pages.push(watched);
      return watched;
    },
    async closePage(watched) {
      await watched.page.close();
      pages = pages.filter((other) => other !== watched);
    },
    async api<T>(path: string, init?: RequestInit) {
      const response = await fetch(`${session.server.baseUrl}${path}`, init);
      return (await response.json()) as T;
    },
    postJson<T>(path: string, body: unknown) {
      return session.api<T>(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
  };
  return session;
}
