import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';

if (!hasChromium) console.warn(`[web e2e] skipped: no Chromium at ${CHROMIUM}. Install Debian's with "apt-get install -y chromium" (CI does); never download one.`);

/** The longest a browser test may run on a busy shared machine (not a speed target). */
const BROWSER_TEST_CAP_MS = 240_000;
const PASSWORD = 'drafting-e2e-pass';
const REQUEST = '6 additional chiropractic visits for the lumbar spine';
// Written for this test from the MTUS manual-therapy criterion, not from a published letter.
const RECORD_TEXT = 'PR-2 progress report dated 02/10/2024. Low back pain rated 6/10. He has completed 6 sessions of chiropractic manipulation. Examination shows lumbar paraspinal tenderness.';
const UR_TEXT = 'Utilization review determination. The chiropractic visits are not certified.';
const LATER_TEXT = 'PR-2 progress report dated 03/15/2024. Following the chiropractic trial, the patient has functional improvement with improved ability to perform activities of daily living and reduced work restrictions.';

type Services = import('../../src/service/use-cases/services.js').Services;
type DocumentKind = import('../../src/service/use-cases/documents.use-case.js').DocumentKind;

/** Issue 16 in the workbench: a case drafted from its records alone says what each draft read. */
describe.skipIf(!hasChromium)('drafts that follow the record in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let recordsCase = '';
  let emptyCase = '';
  let reviewerOf: Record<string, string> = {};
  let intakeUser: Awaited<ReturnType<Services['users']['create']>> | null = null;

  async function seed(services: Services): Promise<void> {
    const { registerReviewers } = await import('../../src/service/use-cases/reviewers.use-case.js');
    const { createCase } = await import('../../src/service/use-cases/cases.use-case.js');
    const { addDocument } = await import('../../src/service/use-cases/documents.use-case.js');
    const { runEligibility } = await import('../../src/service/use-cases/eligibility.use-case.js');
    const { assignReviewer } = await import('../../src/service/use-cases/assignment.use-case.js');
    const { applicationInput, reviewerInputs } = await import('../../src/service/test-support/fixtures.js');
    const now = services.now();
    await registerReviewers(services, null, reviewerInputs());
    const intake = await services.users.create({ username: 'intake', role: 'intake', password: PASSWORD }, now);
    intakeUser = intake;
    for (const id of ['r-pmr', 'r-pmr-2']) await services.users.create({ username: id, role: 'reviewer', password: PASSWORD, reviewerId: id }, now);
    const today = services.today();
    const make = async (claimNumber: string, docs: Array<[DocumentKind, string, string]>) => {
      const base = applicationInput();
      const c = await createCase(services, intake, {
        application: {
          ...base,
          injuredWorker: { ...base.injuredWorker, claimNumber, name: `Worker ${claimNumber}` },
          urDecision: { ...base.urDecision, decisionDate: today, dateServed: today, itemsDeniedOrModified: [REQUEST] },
          applicationReceivedDate: today,
          disputedItems: [{ request: REQUEST, urOutcome: 'denied', category: 'chiropractic' }],
        },
      });
      for (const [kind, name, text] of docs) await addDocument(services, intake, c.id, { kind, name, bytes: new TextEncoder().encode(text) });
      await runEligibility(services, intake, c.id);
      reviewerOf[c.id] = (await assignReviewer(services, intake, c.id)).reviewerId;
      return c.id;
    };
    recordsCase = await make('CLM-REC', [['medical_record', 'PR-2 2024-02-10.txt', RECORD_TEXT], ['ur_decision', 'UR decision.txt', UR_TEXT]]);
    emptyCase = await make('CLM-EMPTY', []);
    await services.background.idle();
  }

  beforeAll(async () => {
    reviewerOf = {};
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function open(caseId: string): Promise<Page> {
    const { page } = await newPage(browser);
    await login(page, server.url, reviewerOf[caseId]!, PASSWORD);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    return page;
  }
  const today = () => server.services.today();
  /** The workbench shows dates US style: MM/DD/YYYY. */
  const usToday = () => today().replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');

  it('shows the draft of a case with only records, what it read and what it did not, and the redraft after a later record', async () => {
    let page = await open(recordsCase);
    const line = page.locator('.item .draft-sources');
    await line.waitFor();
    await expect(line.innerText()).resolves.toBe(`Read: PR-2 2024-02-10.txt ${usToday()} (medical record) · Not read: UR decision.txt ${usToday()} (UR decision: the claims administrator's reasoning, never clinical evidence)`);
    await expect(page.locator('.item .draft-outcome .chip').innerText()).resolves.toMatch(/^(Upheld|Overturned|Needs your judgement)$/);
    await screenshot(page, '30-draft-read-line', false);
    await page.context().close();

    // A later record arrives: the draft is redone without anyone asking.
    const { addDocument } = await import('../../src/service/use-cases/documents.use-case.js');
    await addDocument(server.services, intakeUser!, recordsCase, { kind: 'medical_record', name: 'PR-2 2024-03-15.txt', bytes: new TextEncoder().encode(LATER_TEXT) });
    await server.services.background.idle();
    page = await open(recordsCase);
    await page.locator('.item .draft-sources').waitFor();
    await expect(page.locator('.item .draft-sources').innerText()).resolves.toMatch(new RegExp(`^Read: PR-2 2024-02-10\\.txt ${usToday()} \\(medical record\\), PR-2 2024-03-15\\.txt ${usToday()} \\(medical record\\) · Not read:`));
    // The reviewer saw the earlier draft: the screen says what the redraft changed.
    const changed = page.locator('.item .draft-change');
    await expect(changed.innerText()).resolves.toMatch(/^Redrafted since you last looked[\s\S]*Now also read: PR-2 2024-03-15\.txt/);
    await screenshot(page, '33-redrafted-since-last-look', false);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('flags a case with no medical record as needing the reviewer and says that no record was read', async () => {
    const page = await open(emptyCase);
    const item = page.locator('article.item');
    await item.locator('.draft-sources').waitFor();
    await expect(item.locator('.draft-outcome .chip').innerText()).resolves.toBe('Needs your judgement');
    await expect(item.locator('.draft-sources').innerText()).resolves.toBe('Read: no medical record');
    expect(await item.locator('input[type=radio]:checked').count()).toBe(0);
    await screenshot(page, '31-no-record-flagged', false);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('assembles a clinical summary from the records for the reviewer to edit and save', async () => {
    const page = await open(recordsCase);
    const box = page.getByRole('textbox', { name: 'Clinical case summary' });
    await box.waitFor();
    await page.getByRole('button', { name: 'Draft from the records' }).click();
    await expect(page.getByTestId('summary-sources').innerText()).resolves.toMatch(/^Quoted from: medical record: PR-2 2024-0\d-\d\d\.txt \(\d+ sentences?\)/);
    const drafted = await box.inputValue();
    expect(drafted).toContain('Examination shows lumbar paraspinal tenderness.');
    expect(drafted).toContain(`The request is for ${REQUEST}.`);
    expect(drafted).toContain('Utilization review: ');
    await box.fill(`${drafted}\n\nChecked against the record by the reviewer.`);
    await page.getByRole('button', { name: 'Save summary' }).click();
    await page.getByText('Summary saved.').waitFor();
    await screenshot(page, '32-summary-from-records', false);
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Clinical case summary' }).inputValue()).resolves.toContain('Checked against the record by the reviewer.');
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);
});
