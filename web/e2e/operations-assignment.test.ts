import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { PASSWORD, screenAndAssign, screenCase, seedCase, seedStaff, type CaseSeed } from './seed.js';

const OVERRIDE_REASON = 'Manual therapy is the heart of this dispute; a chiropractor should read it.';
const GOOD_CAUSE = 'The signed page arrived separately by fax on the same day.';

type Services = import('../../src/service/use-cases/services.js').Services;

/** Issue 15 in the workbench: assignment with judgement, and ineligibility done properly. */
describe.skipIf(!hasChromium)('assignment and ineligibility in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let assignedCase = '';
  let ineligibleCase = '';

  async function seed(services: Services): Promise<void> {
    const { intake, party } = await seedStaff(services, {
      extraReviewers: (base) => [{ ...base, id: 'r-chiro', name: 'Dr. Casey Spine', specialty: 'Chiropractor' }],
      reviewerLogins: {},
      party: true,
    });
    const make = (claimNumber: string, application: CaseSeed['application'] = {}) =>
      seedCase(services, intake, { worker: { claimNumber, name: `Worker ${claimNumber}` }, receivedToday: true, application, partyUserIds: [party!.id] });
    const a = await make('CLM-OPS-1');
    await screenAndAssign(services, intake, a.id);
    assignedCase = a.id;
    const b = await make('CLM-OPS-2', { signedByWorker: false });
    await screenCase(services, intake, b.id);
    ineligibleCase = b.id;
    await services.background.idle();
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('intake sees who was assigned and why, overrides the choice with a reason, and sees the specialty warning', async () => {
    const { page, context } = await newPage(browser);
    await login(page, server.url, 'intake', PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(assignedCase)}`);
    const panel = page.locator('.panel', { has: page.getByRole('heading', { name: 'Assignment', exact: true }) });
    await panel.getByTestId('assigned-reviewer').waitFor();
    await expect(panel.getByTestId('assigned-reviewer').innerText()).resolves.toMatch(/^Dr\. (Robin Fields|Alex Second) \(Physical Medicine & Rehabilitation\)$/);
    await expect(panel.innerText()).resolves.toContain('automatically');
    expect(await panel.getByTestId('assignment-warning').count()).toBe(0);

    await panel.getByRole('button', { name: 'Override…' }).click();
    // A reviewer with a conflict or too little practice cannot be chosen; the list says why.
    const conflicted = panel.locator('option[value="r-pmr-conflict"]');
    await expect(conflicted.isDisabled()).resolves.toBe(true);
    await expect(conflicted.innerText()).resolves.toMatch(/cannot take it: The reviewer has an employer affiliation/);
    await panel.getByLabel('Reviewer', { exact: true }).selectOption('r-chiro');
    await expect(panel.getByTestId('assignment-warning').innerText()).resolves.toMatch(/does not fit 1 of 2 disputed item categories: opioid/);
    await panel.getByRole('button', { name: 'Assign this reviewer' }).click();
    // Without a reason nothing is sent.
    await panel.getByText('Write why this reviewer').waitFor();
    await panel.getByLabel('Reason for the override *').fill(OVERRIDE_REASON);
    await panel.getByRole('button', { name: 'Assign this reviewer' }).click();

    await panel.getByText('Dr. Casey Spine').first().waitFor();
    await expect(panel.getByTestId('assigned-reviewer').innerText()).resolves.toBe('Dr. Casey Spine (Chiropractor)');
    await expect(panel.getByTestId('override-reason').innerText()).resolves.toBe(OVERRIDE_REASON);
    await expect(panel.getByTestId('assignment-warning').innerText()).resolves.toMatch(/^Check this choice[\s\S]*The reviewer's specialty \(Chiropractor\) does not fit 1 of 2 disputed item categories: opioid \(fits: /);
    await screenshot(page, '40-assignment-override-warning', false);
    expect((await server.services.cases.getOrThrow(assignedCase)).reviewer_id).toBe('r-chiro');
    await context.close();
  }, BROWSER_TEST_CAP_MS);

  it('an ineligible case shows its notice, with each reason and source, and no decision editor; the party can read the notice', async () => {
    const { page, context } = await newPage(browser);
    await login(page, server.url, 'intake', PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(ineligibleCase)}`);
    const notice = page.getByTestId('ineligibility-notice');
    await notice.waitFor();
    await expect(notice.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('Notice of Ineligibility for Independent Medical Review');
    const text = await notice.innerText();
    expect(text).toContain('The application is not signed by the injured worker or a representative.');
    expect(text).toContain('Source: DWC ineligibility reasons (no signature of the injured worker or representative): http://dir.ca.gov/dwc/IMR/IMR_Updates/IMR_Updates.htm');
    expect(text).toContain('Source: 8 CCR 10575');
    // No editor of any kind: no item cards, no decision choices, no summary box, no signing.
    expect(await page.locator('article.item').count()).toBe(0);
    expect(await page.locator('input[type=radio]').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Clinical case summary' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Sign and issue/ }).count()).toBe(0);
    await screenshot(page, '41-ineligibility-notice', false);

    // The party opens the notice itself.
    const party = await newPage(browser);
    await login(party.page, server.url, 'party', PASSWORD);
    await party.page.goto(`${server.url}/api/cases/${encodeURIComponent(ineligibleCase)}/ineligibility-notice.html`);
    await expect(party.page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Notice of Ineligibility for Independent Medical Review');
    await expect(party.page.locator('main').innerText()).resolves.toContain('The application is not signed by the injured worker or a representative.');
    await party.context.close();

    // Intake finds the case eligible for good cause: the notice gives way and the case goes on to assignment.
    await notice.getByRole('button', { name: 'Find eligible for good cause…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Find this case eligible for good cause?' });
    await dialog.getByLabel('Reason *').fill(GOOD_CAUSE);
    await dialog.getByRole('button', { name: 'Find eligible and continue' }).click();
    await page.getByRole('button', { name: 'Assign reviewer' }).waitFor();
    expect(await page.getByTestId('ineligibility-notice').count()).toBe(0);
    await expect(page.locator('.alert', { hasText: 'Found eligible for good cause' }).innerText()).resolves.toBe(`Found eligible for good cause\n${GOOD_CAUSE}`);
    await screenshot(page, '42-eligible-for-good-cause', false);
    await context.close();
  }, BROWSER_TEST_CAP_MS);
});
