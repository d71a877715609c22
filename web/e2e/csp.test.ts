import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { loadDemo, PASSWORD, USERS } from './seed.js';

/**
 * The workbench under the server's Content-Security-Policy (src/server/security.ts): it loads,
 * logs in, draws its screens and shows a letter with the letter's own stylesheet, and the browser
 * reports no policy violation on the way.
 */
describe.skipIf(!hasChromium)('the workbench under the Content-Security-Policy', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    world = await startWorld(async (services) => { await loadDemo(services); });
    ({ server, browser } = world);
  });
  afterAll(async () => { await world?.close(); });

  /** A fresh page that records every CSP violation the browser reports (events and console lines). */
  async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
    const { page } = await newPage(browser);
    const violations: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => { violations.push(v); });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp(v: string): void }).__reportCsp(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
      });
    });
    page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text()); });
    return { page, violations };
  }

  it('loads, logs in and shows a party its letter with the letter stylesheet applied, with no violation', async () => {
    const { page, violations } = await watchedPage();
    const res = await page.goto(`${server.url}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await login(page, server.url, USERS.party, PASSWORD);
    await page.goto(`${server.url}/letters`);
    await page.getByRole('link', { name: 'Read the letter' }).first().click();
    const frame = page.frameLocator('iframe[title^="Letter"]');
    await frame.locator('main').waitFor();
    // The letter's layout comes from its inline <style>, allowed by hash: 8.5in wide pages, serif type.
    await expect(frame.locator('main').evaluate((el) => getComputedStyle(el).maxWidth)).resolves.toBe('816px');
    await expect(frame.locator('body').evaluate((el) => getComputedStyle(el).fontFamily)).resolves.toContain('Times');
    expect(violations).toEqual([]);
  }, BROWSER_TEST_CAP_MS);

  it("draws the staff screens (queue, a case, reviewers, corpus charts) and the API docs with no violation", async () => {
    const { page, violations } = await watchedPage();
    await login(page, server.url, USERS.admin, PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    const firstCase = page.locator('a[href^="/cases/"]').first();
    await firstCase.waitFor();
    await firstCase.click();
    await page.getByRole('heading').first().waitFor();
    for (const path of ['/reviewers', '/corpus', '/letters']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${server.url}/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(violations).toEqual([]);
  }, BROWSER_TEST_CAP_MS);
});
