import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { PASSWORD, screenAndAssign, seedCase, seedDocuments, seedStaff, type DocumentSeed } from './seed.js';

const REQUEST = '6 additional chiropractic visits for the lumbar spine';
// Written for this test from the MTUS manual-therapy criterion, not from a published letter.
const RECORD_TEXT = 'PR-2 progress report dated 02/10/2024. Low back pain rated 6/10. He has completed 6 sessions of chiropractic manipulation. Examination shows lumbar paraspinal tenderness.';
const UR_TEXT = 'Utilization review determination. The chiropractic visits are not certified.';
const LATER_TEXT = 'PR-2 progress report dated 03/15/2024. Following the chiropractic trial, the patient has functional improvement with improved ability to perform activities of daily living and reduced work restrictions.';

type Services = import('../../src/service/use-cases/services.js').Services;

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
    const { intake } = await seedStaff(services);
    intakeUser = intake;
    const make = async (claimNumber: string, docs: DocumentSeed[]) => {
      const c = await seedCase(services, intake, { worker: { claimNumber, name: `Worker ${claimNumber}` }, receivedToday: true, requests: [REQUEST] });
      await seedDocuments(services, intake, c.id, docs);
      reviewerOf[c.id] = await screenAndAssign(services, intake, c.id);
      return c.id;
    };
    recordsCase = await make('CLM-REC', [
      { kind: 'medical_record', name: 'PR-2 2024-02-10.txt', text: RECORD_TEXT },
      { kind: 'ur_decision', name: 'UR decision.txt', text: UR_TEXT },
    ]);
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
    await seedDocuments(server.services, intakeUser!, recordsCase, [{ kind: 'medical_record', name: 'PR-2 2024-03-15.txt', text: LATER_TEXT }]);
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
