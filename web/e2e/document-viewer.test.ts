import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { applicationFor, PASSWORD, screenAndAssign, seedCase, seedDocuments, seedStaff } from './seed.js';

const RECORD_NAME = 'pr2-2024-03-01.txt';
const RECORD_TEXT = 'PR-2 progress note 03/01/2024. Low back pain 6/10. The patient completed 6 chiropractic visits with objective functional improvement: lifting tolerance increased from 10 to 25 pounds. Examination shows lumbar paraspinal tenderness.';
const UPLOADED_NAME = 'ortho-consult.txt';
const UPLOADED_TEXT = 'Orthopedic consultation. The examiner notes a distinctive finding: quadrilateral sprocket sign absent.';

type Services = import('../../src/service/use-cases/services.js').Services;

/** "2024-03-21" → "03/21/2024": how the workbench writes every date. */
const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** A letter long enough to fill several PDF pages, with a marker phrase on the last. */
async function longPdf(): Promise<Uint8Array> {
  const { renderLetterPdf } = await import('../../src/letters/render/index.js');
  const none = { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'None', alsoCites: [] } as const;
  const filler = Array.from({ length: 160 }, (_, i) => `Sentence ${i + 1} of the note restates the plan in plain words.`).join(' ');
  return renderLetterPdf({
    header: null, reviewer: { licensure: ['California'], specialty: 'Physical Medicine & Rehabilitation', subspecialty: null },
    worker: { age: 48, sex: 'male', injuryDate: '2023-06-14' }, urDecisionDate: '2024-02-29', imrApplicationDate: '2024-03-20',
    clinicalSummary: 'A scanned history, first page.', documentsReviewed: null,
    items: [{ request: 'Tramadol 50 mg #60', decision: 'Upheld', claimsAdministratorGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, reviewerGuideline: { ...none, sections: [], pages: [], alsoCites: [] }, rationale: `${filler} The last page names a hexagonal flywheel.` }],
  });
}

/** Issue 12 item 6 and issue 15: the document viewer, reached from the record list and from evidence; US dates on the case screen. */
describe.skipIf(!hasChromium)('the document viewer', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';
  let recordId = '';
  let pdfId = '';
  let reviewer = '';
  let otherReviewer = '';
  let today = '';
  let urOrganization = '';
  let caseNumber = '';

  async function seed(services: Services): Promise<void> {
    const { intake, party } = await seedStaff(services, { party: true });
    today = services.today();
    urOrganization = applicationFor({}, today).urDecision.urOrganizationName;
    const c = await seedCase(services, intake, {
      receivedToday: true,
      requests: ['12 chiropractic visits for the lumbar spine'],
      clinicalSummary: 'The injured worker is a 48 year old male with lumbar strain.',
    });
    caseId = c.id;
    caseNumber = c.caseNumber;
    [recordId, pdfId] = (await seedDocuments(services, intake, c.id, [
      { kind: 'medical_record', name: RECORD_NAME, text: RECORD_TEXT, serviceDate: '2024-03-01' },
      { kind: 'medical_record', name: 'history.pdf', bytes: await longPdf() },
    ])) as [string, string];
    reviewer = await screenAndAssign(services, intake, c.id);
    otherReviewer = reviewer === 'r-pmr' ? 'r-pmr-2' : 'r-pmr';
    // The party's own case is another one: this case's documents are not theirs.
    await seedCase(services, intake, { worker: { claimNumber: 'CLM-OTHER' }, clinicalSummary: 'Another case.', partyUserIds: [party!.id] });
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (username: string) => openAs(browser, server.url, username, PASSWORD);
  const viewerText = (page: Page) => page.locator('.doc-page');

  it('intake uploads a text record, opens it from the record list, and Back returns to the case; the case shows US dates', async () => {
    const page = await as('intake');
    const casePath = `/cases/${encodeURIComponent(caseId)}`;
    await page.goto(`${server.url}${casePath}`);
    // Dates of record, US style (as the letters and the date pickers write them).
    const parties = page.locator('.panel', { has: page.getByRole('heading', { name: 'Parties' }) });
    await expect(parties.innerText()).resolves.toContain('injured 06/14/2023');
    await expect(parties.innerText()).resolves.toContain(`${urOrganization}, ${us(today)}`);
    await expect(parties.innerText()).resolves.toContain(`served ${us(today)}`);
    expect(await parties.getByText(/\d{4}-\d{2}-\d{2}/).count()).toBe(0);
    // The eligibility rules' messages and the deadlines, too.
    const eligibility = page.locator('.panel', { has: page.getByRole('heading', { name: /^Eligibility:/ }) });
    await expect(eligibility.innerText()).resolves.toMatch(/Filed by \d\d\/\d\d\/\d{4}, the last day/);
    await expect(eligibility.innerText()).resolves.toContain('The injury is on or after 01/01/2013');
    await expect(eligibility.innerText()).resolves.not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.getByRole('tab', { name: 'Deadlines' }).click();
    const deadlines = page.getByRole('tabpanel').filter({ has: page.locator('table') });
    await expect(deadlines.innerText()).resolves.toMatch(/\d\d\/\d\d\/\d{4}/);
    await expect(deadlines.innerText()).resolves.not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.goto(`${server.url}/queue?status=all`);
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await expect(row.innerText()).resolves.toContain(us(today));
    await expect(row.innerText()).resolves.not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await page.goto(`${server.url}${casePath}`);

    await page.getByRole('tab', { name: /^Documents \(\d+\)$/ }).click();
    await page.getByLabel('Upload a document').setInputFiles({ name: UPLOADED_NAME, mimeType: 'text/plain', buffer: Buffer.from(UPLOADED_TEXT) });
    const uploaded = page.locator('ul.record-list > li', { hasText: UPLOADED_NAME });
    await uploaded.waitFor();
    await expect(uploaded.innerText()).resolves.toMatch(new RegExp(`received ${us(today).replace(/\//g, '\\/')}`));
    await uploaded.getByRole('link', { name: `View ${UPLOADED_NAME} page by page` }).click();
    await page.getByRole('heading', { name: UPLOADED_NAME }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${casePath}/documents/[^/]+$`));
    await expect(viewerText(page).innerText()).resolves.toBe(UPLOADED_TEXT);
    await expect(page.getByText('A text file: shown whole, as one page.').count()).resolves.toBe(1);
    // The original is a download, never shown inside the workbench.
    const download = page.getByRole('link', { name: /^Download the original \(text,/ });
    await expect(download.getAttribute('download')).resolves.toBe(UPLOADED_NAME);
    const res = await page.request.get(`${server.url}${await download.getAttribute('href')}`);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="ortho-consult\.txt"/);
    expect(await res.text()).toBe(UPLOADED_TEXT);
    await screenshot(page, '50-document-viewer-record', false);
    await page.goBack();
    await page.getByRole('heading', { name: /^Case / }).waitFor();
    expect(new URL(page.url()).pathname).toBe(casePath);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('the reviewer opens a quote from an evidence link: the quote is highlighted on its page, and Back returns', async () => {
    await server.services.background.idle();
    const { readCase } = await import('../../src/service/use-cases/cases.use-case.js');
    const view = await readCase(server.services, null, caseId, { audit: false });
    const source = view.documents.find((d) => d.id === recordId)!.evidenceSource;
    const fromRecord = view.items.flatMap((i) => i.draft?.criteria.flatMap((c) => c.evidence) ?? []).filter((e) => e.source === source);
    expect(fromRecord.length, 'the engine should quote the uploaded record').toBeGreaterThan(0);

    const page = await as(reviewer);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    const links = page.locator(`.evidence-link a[aria-label$=" in ${RECORD_NAME}"]`);
    await links.first().waitFor();
    expect(await links.count()).toBe(fromRecord.length);
    await links.first().scrollIntoViewIfNeeded();
    await screenshot(page, '52-evidence-open-in-viewer', false);
    await links.first().click();
    await page.getByRole('heading', { name: RECORD_NAME }).waitFor();
    const mark = viewerText(page).locator('mark');
    await expect(mark.count()).resolves.toBe(1);
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    expect(fromRecord.map((e) => norm(e.quote))).toContain(norm(await mark.innerText()));
    const marked = norm(await mark.innerText());
    expect(new URL(page.url()).searchParams.get('q')).toBe(fromRecord.find((e) => norm(e.quote) === marked)!.quote);
    await expect(page.getByRole('status').filter({ hasText: 'The quoted evidence is highlighted' }).count()).resolves.toBe(1);
    // The record's date of service, US style.
    await expect(page.getByText(/date of service 03\/01\/2024/).count()).resolves.toBe(1);
    // In view: the mark is inside the window.
    const box = await mark.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    await screenshot(page, '51-document-viewer-evidence', false);
    await page.goBack();
    await page.getByRole('heading', { name: /^Case / }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${encodeURIComponent(caseId)}`);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('opens a PDF at the page of the quote from a deep link, and moves page by page', async () => {
    const page = await as(reviewer);
    await page.goto(`${server.url}/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(pdfId)}?q=${encodeURIComponent('hexagonal flywheel')}`);
    await page.getByRole('heading', { name: 'history.pdf' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Pages' });
    const status = (await nav.locator('span').first().innerText()).match(/^Page (\d+) of (\d+)$/);
    expect(status).not.toBeNull();
    const [, at, count] = status!.map(Number);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(at).toBe(count);
    await expect(viewerText(page).locator('mark').innerText()).resolves.toBe('hexagonal flywheel');
    // The page's picture, rendered by the server, beside its text (the PDF itself is never shown).
    const picture = page.getByRole('img', { name: `Page ${count} of history.pdf as scanned/printed` });
    await picture.scrollIntoViewIfNeeded();
    await page.waitForFunction((alt) => { const img = [...document.images].find((i) => i.alt === alt); return !!img && img.complete && img.naturalWidth > 0; }, `Page ${count} of history.pdf as scanned/printed`);
    expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await nav.getByRole('button', { name: '← Previous page' }).click();
    await expect(nav.locator('span').first().innerText()).resolves.toBe(`Page ${count! - 1} of ${count}`);
    expect(new URL(page.url()).searchParams.get('page')).toBe(String(count! - 1));
    expect(await viewerText(page).locator('mark').count()).toBe(0);
    await nav.getByRole('button', { name: `Go to the quote (page ${count})` }).click();
    await expect(viewerText(page).locator('mark').innerText()).resolves.toBe('hexagonal flywheel');
    // On a phone: no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The picture stacks above the text there.
    const [pictureBox, textBox] = await Promise.all([picture.boundingBox(), viewerText(page).boundingBox()]);
    expect(pictureBox && textBox && pictureBox.y + pictureBox.height <= textBox.y).toBe(true);
    await screenshot(page, '53-document-viewer-390', false);
    // A picture that fails to load leaves a note; the page's text and its highlight stay.
    await page.route('**/pages/*/image', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
    await nav.getByRole('button', { name: '← Previous page' }).click();
    await page.getByRole('note').filter({ hasText: `The picture of page ${count! - 1} could not be loaded` }).waitFor();
    await expect(viewerText(page).innerText()).resolves.toMatch(/restates the plan/);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('refuses a reviewer of another case and a party of another case, with the server\'s reason', async () => {
    const path = `/cases/${encodeURIComponent(caseId)}/documents/${encodeURIComponent(recordId)}`;
    const other = await as(otherReviewer);
    await other.goto(`${server.url}${path}`);
    const alert = other.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/^You cannot open this document\.\s+This case is not assigned to you\./);
    expect(await other.getByText('Low back pain').count()).toBe(0);
    await other.context().close();

    const party = await as('party');
    await party.goto(`${server.url}${path}`);
    const refused = party.getByRole('alert');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toMatch(/^You cannot open this document\.\s+This needs one of the roles admin, intake, reviewer; you are logged in as party\./);
    expect(await party.getByText('Low back pain').count()).toBe(0);
    await party.context().close();
  }, BROWSER_TEST_CAP_MS);
});
