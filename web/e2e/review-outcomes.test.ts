import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { CLINICAL_SUMMARY, PASSWORD, screenAndAssign, seedCase, seedDocuments, seedStaff } from './seed.js';

/** A request no guideline topic addresses: the engine leaves it to the reviewer (no_topic). */
const UNCOVERED = 'Unspecified medication';
const UR_TEXT = 'Utilization review determination. The claims administrator notes that the patient has functional improvement with chiropractic care, but the request exceeds the guideline and is non-certified.';
const RECORD_TEXT = 'PR-2 progress note 02/10/2024. Low back pain 6/10. Examination shows lumbar paraspinal tenderness and restricted range of motion.';

type Services = import('../../src/service/use-cases/services.js').Services;

/**
 * The review screen with the engine's three outcomes and the case's documents by kind: a case with
 * a medical record and a UR decision, drafted by the real engine on assignment.
 */
describe.skipIf(!hasChromium)('the three outcomes and document kinds in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';
  let caseNumber = '';
  let reviewerUsername = '';
  let otherCaseNumber = '';

  async function seed(services: Services): Promise<void> {
    const { intake } = await seedStaff(services);
    const c = await seedCase(services, intake, { receivedToday: true, requests: ['12 chiropractic visits for the lumbar spine', UNCOVERED], clinicalSummary: CLINICAL_SUMMARY });
    await seedDocuments(services, intake, c.id, [
      { kind: 'medical_record', name: 'pr2-2024-02-10.txt', text: RECORD_TEXT },
      { kind: 'ur_decision', name: 'ur-decision.txt', text: UR_TEXT },
    ]);
    caseId = c.id;
    caseNumber = c.caseNumber;
    reviewerUsername = await screenAndAssign(services, intake, c.id);
    // A second case, not yet assigned, so not drafted: nothing awaits judgement.
    const other = await seedCase(services, intake, { worker: { name: 'Undrafted Worker', claimNumber: 'CLM-200' }, clinicalSummary: CLINICAL_SUMMARY });
    otherCaseNumber = other.caseNumber;
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (username: string) => openAs(browser, server.url, username, PASSWORD);

  it('shows "Needs your judgement" with the reason, the lean and the probability, and the UR decision as the claims administrator\'s reasoning', async () => {
    const { readCase } = await import('../../src/service/use-cases/cases.use-case.js');
    const view = await readCase(server.services, null, caseId, { audit: false });
    const [first, flagged] = view.items;
    // The engine has no guideline topic for the second request: it must leave it to the reviewer.
    expect(flagged!.draft?.needsReviewer, 'the engine should flag a request no topic addresses').toBe(true);
    expect(flagged!.draft!.reviewReason).toBeTruthy();
    // Nothing the engine quoted comes from the UR decision.
    const urSource = view.documents.find((d) => d.kind === 'ur_decision')!.evidenceSource;
    const evidence = view.items.flatMap((i) => i.draft!.criteria.flatMap((c) => c.evidence));
    expect(evidence.filter((e) => e.source === urSource)).toEqual([]);

    const page = await as(reviewerUsername);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    const item = (request: string) => page.locator('article.item', { has: page.getByRole('heading', { name: request }) });
    const flaggedItem = item(UNCOVERED);
    await flaggedItem.waitFor();
    const outcome = flaggedItem.locator('.draft-outcome');
    await expect(outcome.locator('.chip').innerText()).resolves.toBe('Needs your judgement');
    await expect(outcome.innerText()).resolves.toContain(`leans ${flagged!.draft!.decision}`);
    await expect(outcome.locator('.review-reason').innerText()).resolves.toBe(`Why: ${flagged!.draft!.reviewReason}`);
    await expect(outcome.locator('.probability').innerText()).resolves.toBe(`Published reviewers overturned about ${Math.round(flagged!.draft!.pOverturn! * 100)}% of comparable requests.`);
    expect(await page.getByText(/confidence/i).count()).toBe(0);
    // The lean is not preselected: the reviewer chooses.
    expect(await flaggedItem.locator('input[type=radio]:checked').count()).toBe(0);
    await expect(flaggedItem.getByRole('button', { name: 'Save decision' }).isDisabled()).resolves.toBe(true);
    // The other item says its own outcome the same way.
    const firstLabel = first!.draft!.needsReviewer ? 'Needs your judgement' : first!.draft!.decision;
    await expect(item(first!.request).locator('.draft-outcome .chip').innerText()).resolves.toBe(firstLabel);
    // Each quote carries the kind of statement it is, where the engine knows it.
    const withKind = evidence.filter((e) => e.kind).length;
    expect(await page.locator('.evidence-link .chip.kind').count()).toBe(withKind);
    // No evidence link names the UR decision.
    expect(await page.locator('.evidence-links button', { hasText: /ur-decision|claims administrator/i }).count()).toBe(0);
    await flaggedItem.scrollIntoViewIfNeeded();
    await screenshot(page, '20-needs-judgement', false);

    // The UR decision beside the record: labelled as the claims administrator's reasoning, nothing highlighted.
    await page.getByRole('tab', { name: "UR decision (claims administrator's reasoning)" }).click();
    const panel = page.getByRole('tabpanel', { name: "UR decision (claims administrator's reasoning)" });
    await expect(panel.getByRole('note').innerText()).resolves.toMatch(/^The claims administrator's reasoning\.[\s\S]*not clinical evidence/);
    await expect(panel.locator('.doc-text').innerText()).resolves.toBe(UR_TEXT);
    expect(await panel.locator('mark').count()).toBe(0);
    await screenshot(page, '21-ur-decision-beside-record', false);
    // A medical record is a source like the clinical summary, without the note.
    await page.getByRole('tab', { name: 'Medical record: pr2-2024-02-10.txt' }).click();
    const record = page.getByRole('tabpanel', { name: 'Medical record: pr2-2024-02-10.txt' });
    await expect(record.locator('.doc-text').innerText()).resolves.toBe(RECORD_TEXT);
    expect(await record.getByRole('note').count()).toBe(0);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('lets intake find the cases with items awaiting the reviewer\'s judgement in the queue', async () => {
    // As many as the engine flagged: the uncovered request, and the other too where its guideline text was
    // replaced by a later MTUS edition for a case dated today (guideline_superseded).
    const { readCase } = await import('../../src/service/use-cases/cases.use-case.js');
    const flagged = (await readCase(server.services, null, caseId, { audit: false })).items.filter((i) => i.draft?.needsReviewer).length;
    expect(flagged).toBeGreaterThanOrEqual(1);
    const page = await as('intake');
    await page.goto(`${server.url}/queue?status=all`);
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await expect(row.locator('.chip.needs-reviewer').innerText()).resolves.toBe(flagged === 1 ? "1 needs the reviewer's judgement" : `${flagged} need the reviewer's judgement`);
    const other = page.getByRole('row', { name: new RegExp(otherCaseNumber) });
    await other.waitFor();
    expect(await other.locator('.chip.needs-reviewer').count()).toBe(0);
    await page.getByLabel('Needs judgement only').check();
    await page.waitForURL(/judgement=1/);
    await other.waitFor({ state: 'detached' });
    await row.waitFor();
    await expect(page.locator('.sub').innerText()).resolves.toBe('1 case');
    await screenshot(page, '22-queue-needs-judgement', false);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);
});
