import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { decideAndSign, PASSWORD, screenAndAssign, seedCase, seedDocuments, seedStaff } from './seed.js';


type Services = import('../../src/service/use-cases/services.js').Services;

/** Issue 12, itemised records: each document once on screen, and a record filed by mistake withdrawn with a reason. */
describe.skipIf(!hasChromium)('itemised records in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';
  let signedCase = '';
  let signedReviewer = '';

  async function seed(services: Services): Promise<void> {
    const { intake, reviewers } = await seedStaff(services);
    // As the intake screen does: the files are listed by name, then uploaded.
    const c = await seedCase(services, intake, { documentsReviewed: ['Medical record: pr2-2024-02-10.txt', 'Medical record: someone-else.txt'] });
    caseId = c.id;
    await seedDocuments(services, intake, c.id, [
      { kind: 'medical_record', name: 'pr2-2024-02-10.txt', text: 'PR-2 02/10/2024: low back pain 6/10.', serviceDate: '2024-02-10', author: 'Valley Spine Medical Group' },
      { kind: 'medical_record', name: 'someone-else.txt', text: 'A record of another worker.' },
    ]);

    // A signed case whose summary names the worker and the provider: its publication removes them.
    const s = await seedCase(services, intake, {
      worker: { name: 'Imelda Quarterman', claimNumber: 'CLM-PUB-1' },
      clinicalSummary: 'Imelda Quarterman is a 48 year old female with low back pain. Dr. Lee Rivera requested further treatment.',
    });
    signedCase = s.id;
    signedReviewer = await screenAndAssign(services, intake, s.id);
    await decideAndSign(services, reviewers.get(signedReviewer)!, s.id, { decision: 'Upheld', rationale: 'The records do not support the request. The request is not medically necessary.' });
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('lists each document once with its kind and date, and withdraws one filed by mistake', async () => {
    const { page } = await newPage(browser);
    await login(page, server.url, 'intake', PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByRole('tab', { name: 'Documents (2)' }).click();
    const list = page.locator('ul.record-list > li');
    await expect(list.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Medical record: pr2-2024-02-10\.txt, Valley Spine Medical Group, date of service 02\/10\/2024/),
      expect.stringMatching(/^Medical record: someone-else\.txt, received \d\d\/\d\d\/\d{4}/),
    ]);
    expect(await page.getByRole('tabpanel').getByText('pr2-2024-02-10.txt').count()).toBe(1);
    await screenshot(page, '40-records-listed-once', false);

    await list.nth(1).getByRole('button', { name: 'Withdraw…' }).click();
    await page.getByLabel('Why is it withdrawn?').fill('Filed to the wrong case');
    await page.getByRole('button', { name: 'Withdraw document' }).click();
    await page.getByRole('tab', { name: 'Documents (1)' }).waitFor();
    await expect(page.locator('ul.record-list > li[data-withdrawn="true"]').innerText()).resolves.toMatch(/someone-else\.txt.*withdrawn: Filed to the wrong case \(not evidence\)/s);
    // No longer among the texts read beside the items.
    expect(await page.getByRole('tab', { name: 'Medical record: someone-else.txt' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Medical record: pr2-2024-02-10.txt' }).count()).toBe(1);
    await screenshot(page, '41-record-withdrawn', false);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('shows the signer the publication and what it removed', async () => {
    const { page } = await newPage(browser);
    await login(page, server.url, signedReviewer, PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(signedCase)}/letter`);
    const panel = page.locator('section[aria-labelledby="publication-title"]');
    await panel.locator('ul.publication-removed').waitFor();
    await expect(panel.getByRole('link', { name: 'Publication (PDF)' }).getAttribute('href')).resolves.toBe(`/api/cases/${encodeURIComponent(signedCase)}/letter/publication.pdf?version=1`);
    const removed = await panel.locator('ul.publication-removed > li').allInnerTexts();
    expect(removed).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Imelda Quarterman → \[injured worker\] \(injured worker, clinicalSummary\)/),
      expect.stringMatching(/^Dr\. Lee Rivera → \[provider\] \(requesting provider, clinicalSummary\)/),
    ]));
    await screenshot(page, '42-publication-removed', false);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);
});
