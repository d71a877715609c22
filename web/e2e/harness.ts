/**
 * End-to-end harness: builds the workbench into a temporary folder, starts the real API server
 * in-process on a fresh SQLite database with the demo data, and drives Debian's Chromium.
 * No browser is ever downloaded: without /usr/bin/chromium the tests skip (CI installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = process.env.IMR_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS = path.join(repoRoot, 'test-output', 'screenshots');
/** The longest a browser test may run on a busy shared machine (not a speed target). */
export const BROWSER_TEST_CAP_MS = 240_000;

// Said once per test file (each loads this module), so a skipped run says why.
if (!hasChromium) console.warn(`[web e2e] skipped: no Chromium at ${CHROMIUM}. Install Debian's with "apt-get install -y chromium" (CI does); never download one.`);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the web app from the current sources into a temporary folder (never touches dist/web). */
async function buildWeb(): Promise<{ dir: string; remove(): void }> {
  const { build } = await import('vite');
  const dir = mkdtempSync(path.join(tmpdir(), 'imr-web-'));
  await build({
    configFile: path.join(repoRoot, 'web/vite.config.ts'),
    logLevel: 'error',
    build: { outDir: dir, emptyOutDir: true },
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

type Services = import('../../src/service/use-cases/services.js').Services;

export interface RunningServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** The real server (buildApp) on port 0, over a fresh SQLite file in a temporary data folder. */
async function startServer(webRoot: string, seed: (services: Services) => Promise<void>): Promise<RunningServer> {
  const { openDatabase } = await import('../../src/db/database.js');
  const { migrateToLatest } = await import('../../src/db/migrate.js');
  const { buildApp } = await import('../../src/server/app.js');
  const { createServices } = await import('../../src/service/use-cases/services.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'imr-e2e-'));
  // url: '' keeps the e2e run on SQLite even when DATABASE_URL points at PostgreSQL.
  const database = await openDatabase({ url: '', sqliteFile: path.join(dataDir, 'imr.sqlite') });
  await migrateToLatest(database.db);
  const services = createServices(database);
  await seed(services);
  const app = await buildApp({ database, services, webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server did not report its port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    services,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A fresh browser context at laptop size (1440×900) on California time (the service's legal
 * dates are California dates), so sessions never leak between roles.
 */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Los_Angeles', locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
}

export async function login(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** A fresh browser context (optionally at another viewport, e.g. a phone's) logged in as `username`. */
export async function openAs(browser: Browser, baseUrl: string, username: string, password: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await newPage(browser);
  if (viewport) await page.setViewportSize(viewport);
  await login(page, baseUrl, username, password);
  return page;
}

/** The web app built, the real server started on `seed`, and Chromium launched: one world per test file. */
export interface BrowserWorld {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(seed: (services: Services) => Promise<void>): Promise<BrowserWorld> {
  const web = await buildWeb();
  const server = await startServer(web.dir, seed);
  const browser = await launchBrowser();
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      web.remove();
    },
  };
}
