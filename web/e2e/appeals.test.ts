import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { CLINICAL_SUMMARY, decideAndSign, PASSWORD, screenAndAssign, seedCase, seedStaff } from './seed.js';

const FACTS = 'The determination says no physical therapy was tried; the records list 12 visits.';
const NAMES: Record<string, string> = { 'r-pmr': 'Dr. Robin Fields', 'r-pmr-2': 'Dr. Alex Second' };

type Services = import('../../src/service/use-cases/services.js').Services;

/** Issue 15, item 3 in the workbench: an appeal, its remand to a different reviewer, and the remand's letter. */
describe.skipIf(!hasChromium)('appeals and remands in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let issuedCase = '';
  let firstReviewer = '';

  /** Decides every item and signs, as the case's reviewer (the screens for that have their own tests). */
  async function signAsItsReviewer(services: Services, caseId: string): Promise<void> {
    const row = await services.cases.getOrThrow(caseId);
    const reviewer = await services.users.byUsername(row.reviewer_id === 'r-pmr' ? 'robin' : 'alex');
    await decideAndSign(services, reviewer!, caseId, { decision: 'Upheld', rationale: 'The request exceeds the guideline; it is not medically necessary.' });
  }

  async function seed(services: Services): Promise<void> {
    const { intake, party } = await seedStaff(services, { reviewerLogins: { 'r-pmr': 'robin', 'r-pmr-2': 'alex' }, party: true });
    const c = await seedCase(services, intake, {
      worker: { claimNumber: 'CLM-APPEAL-1', name: 'Pat Appellant' },
      receivedToday: true,
      clinicalSummary: CLINICAL_SUMMARY,
      partyUserIds: [party!.id],
    });
    const reviewerId = await screenAndAssign(services, intake, c.id);
    await services.background.idle();
    await signAsItsReviewer(services, c.id);
    issuedCase = c.id;
    firstReviewer = reviewerId;
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('intake records an appeal and its remand; the new review goes to another reviewer and its letter says it is a remand', async () => {
    const today = server.services.today();
    const usToday = today.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');
    const { page, context } = await newPage(browser);
    await login(page, server.url, 'intake', PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(issuedCase)}`);
    const panel = page.getByTestId('appeals');
    await panel.getByText('No appeal recorded.').waitFor();
    await panel.getByRole('button', { name: 'Record an appeal…' }).click();
    // Without a ground nothing is sent.
    await panel.getByRole('button', { name: 'Record the appeal' }).click();
    await panel.getByText('Tick at least one ground').waitFor();
    expect(await panel.getByRole('checkbox').count()).toBe(5);
    await panel.getByRole('checkbox', { name: /LC 4610\.6\(h\)\(5\)/ }).check();
    await panel.getByLabel('Facts said to be wrong *').fill(FACTS);
    await panel.getByLabel('Date filed with the WCAB *').fill(today);
    await panel.getByLabel('WCAB case number (ADJ), if known').fill('ADJ7654321');
    await panel.getByRole('button', { name: 'Record the appeal' }).click();
    const entry = panel.getByTestId('appeal');
    await entry.waitFor();
    await expect(entry.innerText()).resolves.toContain(`Filed ${usToday}`);
    await expect(entry.innerText()).resolves.toContain('LC 4610.6(h)(5): The determination was the result of a plainly erroneous');

    await entry.getByLabel("Board's outcome").selectOption('remanded');
    await entry.getByLabel('Date of the order').fill(today);
    await entry.getByRole('button', { name: 'Record outcome' }).click();
    const outcome = entry.getByTestId('appeal-outcome');
    await outcome.waitFor();
    await expect(outcome.innerText()).resolves.toMatch(new RegExp(`^Remanded \\(new review by a different reviewer\\) on ${usToday.replace(/\//g, '\\/')} · new review: CM\\d\\d-\\d+$`));
    await screenshot(page, '50-appeal-remanded', false);

    // The link opens the new review: a banner names the case it follows, and another reviewer has it.
    const original = await server.services.cases.getOrThrow(issuedCase);
    await outcome.getByRole('link').click();
    const banner = page.getByTestId('remand-banner');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain(`This review follows the remand of case ${original.case_number}, ordered by the WCAB on ${usToday}.`);
    await expect(banner.innerText()).resolves.toContain(FACTS);
    const assigned = await page.getByTestId('assigned-reviewer').innerText();
    expect(assigned.startsWith(NAMES[firstReviewer === 'r-pmr' ? 'r-pmr-2' : 'r-pmr']!)).toBe(true);
    await screenshot(page, '51-remand-case', false);
    const remandId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(remandId).not.toBe(issuedCase);
    await banner.getByRole('link', { name: original.case_number }).click();
    await page.getByTestId('appeals').waitFor();
    // On a phone both screens fit without sideways scrolling: the appeal with its outcome, and the remand's banner.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto(`${server.url}/cases/${encodeURIComponent(remandId)}`);
    await page.getByTestId('remand-banner').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, '51b-remand-case-390', false);
    await context.close();

    // The new reviewer signs; the letter on the letter screen states the remand.
    await signAsItsReviewer(server.services, remandId);
    const newReviewer = await newPage(browser);
    await login(newReviewer.page, server.url, firstReviewer === 'r-pmr' ? 'alex' : 'robin', PASSWORD);
    await newReviewer.page.goto(`${server.url}/cases/${encodeURIComponent(remandId)}/letter`);
    const letter = newReviewer.page.frameLocator('iframe.letter-frame').locator('body');
    await letter.getByText('This determination follows the remand').waitFor();
    await expect(letter.innerText()).resolves.toContain(`This determination follows the remand of case ${original.case_number}, ordered by the Workers' Compensation Appeals Board (WCAB) on ${usToday}.`);
    await screenshot(newReviewer.page, '52-remand-letter', false);
    await newReviewer.context.close();
  }, BROWSER_TEST_CAP_MS);
});
