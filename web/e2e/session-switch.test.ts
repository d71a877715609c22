import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { CLINICAL_SUMMARY, decideAndSign, PASSWORD, screenAndAssign, seedCase, seedStaff } from './seed.js';

type Services = import('../../src/service/use-cases/services.js').Services;

/**
 * One browser, two users in turn (a shared office computer): what the first user read must not be
 * shown to the next, not even while the next user's own list is on its way.
 */
describe.skipIf(!hasChromium)('changing user in the same browser', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  const caseNumbers = { party: '', other: '' };

  async function seed(services: Services): Promise<void> {
    const { intake, party } = await seedStaff(services, { reviewerLogins: { 'r-pmr': 'robin', 'r-pmr-2': 'alex' }, party: true });
    for (const which of ['party', 'other'] as const) {
      const c = await seedCase(services, intake, {
        worker: { claimNumber: `CLM-SWITCH-${which}`, name: which === 'party' ? 'Pat Party' : 'Olive Other' },
        receivedToday: true,
        clinicalSummary: CLINICAL_SUMMARY,
        partyUserIds: which === 'party' ? [party!.id] : [],
      });
      await screenAndAssign(services, intake, c.id);
      await services.background.idle();
      const row = await services.cases.getOrThrow(c.id);
      const reviewer = await services.users.byUsername(row.reviewer_id === 'r-pmr' ? 'robin' : 'alex');
      await decideAndSign(services, reviewer!, c.id, { decision: 'Upheld', rationale: 'The request exceeds the guideline; it is not medically necessary.' });
      caseNumbers[which] = c.caseNumber;
    }
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("after a log out, the next user never sees the previous user's letters, even before their own have loaded", async () => {
    const { page, context } = await newPage(browser);
    try {
      await login(page, server.url, 'intake', PASSWORD);
      await page.goto(`${server.url}/letters`);
      await page.getByText(caseNumbers.other).waitFor();
      await page.getByText(caseNumbers.party).waitFor();

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByLabel('Username').waitFor();

      // Hold the next letters list until the screen has been looked at.
      let release: () => void = () => {};
      const held = new Promise<void>((r) => (release = r));
      let asked = false;
      await page.route('**/api/letters?*', async (route: Route) => {
        asked = true;
        await held;
        await route.continue();
      });
      await page.getByLabel('Username').fill('party');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Your determination letters' }).waitFor();
      await expect.poll(() => asked).toBe(true);
      expect(await page.getByText(caseNumbers.other).count()).toBe(0);
      expect(await page.getByText(caseNumbers.party).count()).toBe(0);

      release();
      await page.getByText(caseNumbers.party).waitFor();
      expect(await page.getByText(caseNumbers.other).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, BROWSER_TEST_CAP_MS);
});
