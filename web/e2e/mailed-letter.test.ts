import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { CLINICAL_SUMMARY, decideItems, PASSWORD, screenAndAssign, seedCase, seedStaff } from './seed.js';

const WORKER = 'Morgan Mailwell';
const CLAIM = 'CLM-MAIL-7';

type Services = import('../../src/service/use-cases/services.js').Services;

/**
 * A case signed in the workbench yields the letter as mailed to the parties (linked beside the
 * letter), which the project's reader reads back to the issued decisions; an identical correction
 * is refused in words, a real one is headed as a correction.
 */
describe.skipIf(!hasChromium)('the mailed letter in the workbench', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';
  let reviewerUsername = '';

  async function seed(services: Services): Promise<void> {
    const { intake, reviewers } = await seedStaff(services);
    const c = await seedCase(services, intake, {
      worker: { name: WORKER, claimNumber: CLAIM, address: '40 Harbor Way\nOakland, CA 94607' },
      receivedToday: true,
      workerSex: 'male',
      clinicalSummary: CLINICAL_SUMMARY,
    });
    reviewerUsername = await screenAndAssign(services, intake, c.id);
    caseId = c.id;
    await decideItems(services, reviewers.get(reviewerUsername)!, c.id, (k) =>
      k === 0
        ? { decision: 'Upheld', rationale: 'The request exceeds the 6-visit trial; it is not medically necessary.' }
        : { decision: 'Overturned', rationale: 'Function improved on the drug; the request is medically necessary.' },
    );
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (username: string) => openAs(browser, server.url, username, PASSWORD);

  it('intake records the worker\'s address and sex, the representative and the guideline the UR decision cited', async () => {
    const today = server.services.today();
    const intake = await as('intake');
    await intake.goto(`${server.url}/intake`);
    await intake.getByLabel('Name *', { exact: true }).first().fill('Riley Intake');
    await intake.getByLabel('Date of injury').fill('2023-06-14');
    await intake.getByLabel('Sex').selectOption('female');
    await intake.getByRole('group', { name: 'Injured worker' }).getByLabel('Mailing address').fill('5 Pine Road\nVisalia, CA 93277');
    const rep = intake.getByRole('group', { name: /Representative/ });
    await rep.getByLabel('Name').fill('Casey Counsel');
    await rep.getByLabel('Firm').fill('Counsel & Co.');
    await intake.getByLabel('Employer *').fill('Harbor Freight Storage Co.');
    await intake.getByLabel('Claims administrator *').fill('Golden State Claims Services');
    await intake.getByLabel('Administrator identifier *').fill('CA-0042');
    const provider = intake.getByRole('group', { name: 'Requesting provider' });
    await provider.getByLabel('Name *').fill('Dr. Lee Rivera');
    await provider.getByLabel('Specialty *').fill('Orthopedic Surgery');
    await intake.getByLabel('Decision date *').fill(today);
    await intake.getByLabel('Date served on the worker *').fill(today);
    await intake.getByLabel('How served *').selectOption('electronic');
    await intake.getByLabel('UR organisation *').fill('Summit UR Partners');
    await intake.getByLabel('Item 1: treatment as requested on the RFA').fill('12 chiropractic visits for the lumbar spine');
    await intake.getByLabel('Guideline the UR decision cited').fill('MTUS Chronic Pain Medical Treatment Guidelines 2009, pages 58-59');
    await screenshot(intake, 'mailed-00-intake-complete-letter-fields');
    await intake.getByRole('button', { name: 'Submit application' }).click();
    const heading = intake.getByRole('heading', { name: /Application received: case/ });
    await heading.waitFor();
    const caseNumber = ((await heading.innerText()).match(/C[A-Z]\d{2}-\d+/) ?? [''])[0];
    const row = (await server.services.cases.list({ limit: 50, offset: 0 })).rows.find((r) => r.case_number === caseNumber)!;
    const app = JSON.parse(row.application) as { injuredWorker: { address?: string }; representative?: { name: string; firm?: string } };
    expect(app.injuredWorker.address).toBe('5 Pine Road\nVisalia, CA 93277');
    expect(app.representative).toMatchObject({ name: 'Casey Counsel', firm: 'Counsel & Co.' });
    expect(row.worker_sex).toBe('female');
    const [item] = await server.services.cases.items(row.id);
    expect(JSON.parse(item!.ur_guideline!)).toMatchObject({ source: 'MTUS-CPMTG', edition: 2009, pages: [58, 59] });
    await intake.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('signing yields the mailed letter beside the letter; it reads back to the same decisions; corrections say what they correct', async () => {
    const { extractPdfText, parseMailedLetterText } = await import('../../src/letters/read/index.js');
    const reviewer = await as(reviewerUsername);
    await reviewer.goto(`${server.url}/cases/${encodeURIComponent(caseId)}`);
    await reviewer.getByRole('button', { name: 'Sign and issue…' }).click();
    const dialog = reviewer.getByRole('dialog', { name: /Sign and issue the Final Determination/ });
    await dialog.getByRole('button', { name: 'Sign and issue letter' }).click();
    await reviewer.getByRole('heading', { name: 'Final Determination letter' }).waitFor();

    const link = reviewer.getByRole('link', { name: 'Mailed letter (PDF)' });
    await link.waitFor();
    await screenshot(reviewer, 'mailed-01-letter-with-mailed-link', false);
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/cases/${encodeURIComponent(caseId)}/letter/mailed.pdf?version=1`);
    const pdf = await reviewer.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    const mailed = parseMailedLetterText(await extractPdfText(new Uint8Array(await pdf.body())));
    const issued = (await (await reviewer.request.get(`${server.url}/api/cases/${caseId}/letter`)).json()) as { letter: { items: Array<{ request: string; decision: string }> } };
    expect(mailed.warnings).toEqual([]);
    expect(mailed.letter.items.map((i) => [i.request, i.decision])).toEqual(issued.letter.items.map((i) => [i.request, i.decision]));
    expect(mailed.cover.claimNumber).toBe(CLAIM);
    expect(mailed.cover.addressees[0]).toEqual({ role: 'injured worker', name: WORKER });
    expect(mailed.cover.addressees.map((a) => a.role)).toEqual(['injured worker', 'claims administrator', 'requesting provider']);
    expect(mailed.cover.finalAndBinding).toBe(true);
    expect(mailed.cover.appealGrounds).toBe(5);

    // A correction that changes nothing is refused, and the screen says why.
    await reviewer.getByRole('button', { name: 'Issue a correction…' }).click();
    await reviewer.getByLabel('Reason for the correction *').fill('Reissue for the file');
    await reviewer.getByRole('button', { name: 'Issue corrected letter' }).click();
    await expect(reviewer.getByRole('alert').first().innerText()).resolves.toMatch(/changes nothing/);
    expect((await server.services.cases.letterSummaries(caseId)).length).toBe(1);

    // A real correction is headed as one, in the letter on screen and in the mailed PDF.
    const firstRationale = reviewer.getByLabel('Rationale').first();
    await firstRationale.fill('The request exceeds the 6-visit trial of the guideline; it is not medically necessary.');
    await reviewer.getByLabel('Reason for the correction *').fill('Item 1 did not name the guideline trial');
    await reviewer.getByRole('button', { name: 'Issue corrected letter' }).click();
    await reviewer.getByText('Correction: Item 1 did not name the guideline trial').waitFor();
    const frame = reviewer.frameLocator('iframe[title^="Letter"]');
    await expect(frame.locator('body').innerText()).resolves.toMatch(/CORRECTED DETERMINATION[\s\S]*supersedes version 1/);
    const v2 = await reviewer.request.get(`${server.url}${await link.getAttribute('href')}`);
    const v2Text = (await extractPdfText(new Uint8Array(await v2.body()))).replace(/\s+/g, ' ');
    expect(v2Text).toContain('CORRECTED DETERMINATION This corrected determination supersedes version 1');
    expect(v2Text).toContain('Reason for the correction: Item 1 did not name the guideline trial');
    await screenshot(reviewer, 'mailed-02-corrected', false);
    await reviewer.context().close();
  }, BROWSER_TEST_CAP_MS);
});
