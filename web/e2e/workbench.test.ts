import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, newPage, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { hasSeeds, loadDemo, PASSWORD, readSeed, seedsDir, USERS, type SeedCase } from './seed.js';

if (!hasSeeds) console.warn(`[web e2e] skipped: the seed letters are not at ${seedsDir}.`);

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(!hasChromium || !hasSeeds)('the workbench in Chromium, against the real server', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  let reviewers: Awaited<ReturnType<typeof loadDemo>>;
  let seed: SeedCase;
  /** The case the intake test creates, used by the later tests. */
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    world = await startWorld(async (services) => {
      reviewers = await loadDemo(services);
    });
    ({ server, browser } = world);
    seed = await readSeed('000_');
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Logs in a fresh browser context as `username` (a demo user; reviewers use their registry id). */
  const as = (username: string) => openAs(browser, server.url, username, PASSWORD);
  const caseCount = async () => (await server.services.cases.list({ limit: 1, offset: 0 })).total;

  it('refuses a wrong password in words and keeps the person on the login screen', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await screenshot(page, '01-login', false);
    // Keyboard only: the username field has focus, Tab moves on, Enter submits.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await page.keyboard.type(USERS.intake);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Wrong username or password/);
    expect(await page.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    await context.close();
  }, BROWSER_TEST_CAP_MS);

  it('shows a validation error on the intake form as the person types, and will not submit', async () => {
    const before = await caseCount();
    const page = await as(USERS.intake);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New application' }).click();
    await page.getByLabel('Name *', { exact: true }).first().focus();
    await page.getByLabel('Decision date *').fill('2025-03-10');
    await page.getByLabel('Date served on the worker *').fill('2025-03-01');
    await page.getByLabel('Date served on the worker *').blur();
    await page.getByText('The UR decision cannot be served before the date it was made.').waitFor();
    await page.getByLabel('NPI').fill('12345');
    await page.getByLabel('NPI').blur();
    await page.getByText('an NPI is 10 digits').waitFor();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByText(/fields need attention/).waitFor();
    await page.getByText("Enter the injured worker's name.").waitFor();
    await page.getByText('List at least one disputed item').waitFor();
    // Focus moves to the first field with a problem, for keyboard users.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await screenshot(page, '02-intake-validation');
    // Each problem goes as soon as its cause is corrected, also where the cause is another field.
    await page.getByLabel('Name *', { exact: true }).first().fill('Jordan Example');
    await page.getByText("Enter the injured worker's name.").waitFor({ state: 'detached' });
    await page.getByLabel('Decision date *').fill('2025-02-28');
    await page.getByText('The UR decision cannot be served before the date it was made.').waitFor({ state: 'detached' });
    await page.getByLabel('Item 1: treatment as requested on the RFA').fill('Tramadol 50 mg #60');
    await page.getByText('List at least one disputed item').waitFor({ state: 'detached' });
    // A blank extra item is flagged until it is removed.
    await page.getByRole('button', { name: '+ Add an item' }).click();
    await page.getByText('Describe the treatment, or remove this item.').waitFor();
    await page.getByRole('button', { name: 'Remove item 2' }).click();
    await page.getByText('Describe the treatment, or remove this item.').waitFor({ state: 'detached' });
    // Nothing reached the server.
    expect(await caseCount()).toBe(before);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('imports the seed letters from the corpus dashboard and charts them with the numbers as a table and CSV', async () => {
    const expected = JSON.parse(readFileSync(path.join(seedsDir, 'expected.json'), 'utf8')) as { letters: Array<{ file: string; items: Array<{ decision: string }> }> };
    const items = expected.letters.flatMap((l) => l.items);
    const upheld = items.filter((i) => i.decision === 'Upheld').length;
    const overturned = items.filter((i) => i.decision === 'Overturned').length;
    const page = await as(USERS.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Corpus' }).click();
    await page.getByText('The corpus is empty.').waitFor();
    await page.getByLabel(/Letter files/).setInputFiles(expected.letters.map((l) => path.join(seedsDir, l.file)));
    await page.getByRole('button', { name: `Import ${expected.letters.length} files` }).click();
    const outcome = page.locator('.alert', { hasText: /Import finished|The import stopped|did not start/ });
    await outcome.waitFor({ timeout: 120_000 });
    await screenshot(page, '12a-corpus-import');
    await expect(outcome.innerText()).resolves.toMatch(new RegExp(`Import finished.\\s+${expected.letters.length} imported, 0 already present.*${items.length} items added`));
    const card = (label: string) => page.locator('.stat', { hasText: label }).locator('.n').innerText();
    await expect(card('letters')).resolves.toBe(String(expected.letters.length));
    await expect(card('upheld')).resolves.toBe(String(upheld));
    await expect(card('overturned (')).resolves.toBe(String(overturned));
    const panel = page.locator('.chart-panel', { has: page.getByRole('heading', { name: 'By treatment category' }) });
    await panel.locator('svg.recharts-surface').first().waitFor();
    await panel.getByRole('button', { name: 'Show numbers' }).click();
    const rows = await panel.locator('table tbody tr').allInnerTexts();
    const total = rows.reduce((n, r) => n + Number(r.split('\t')[1]!.replace(/,/g, '')), 0);
    expect(total).toBe(items.length);
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // Each rate travels with its 95% interval and whether its sample is small.
    expect(csv.split('\r\n')[0]).toBe('key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
    expect(csv.trim().split('\r\n').length).toBe(rows.length + 1);
    // Search: highlighted matches; a query full of search-syntax characters is answered, not an error.
    const search = page.getByRole('search', { name: 'Search published decisions' });
    await search.getByLabel('Words or "a phrase"').fill('chiropractic');
    await search.getByLabel('Decision').selectOption('Upheld');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: /showing 1–/ }).waitFor();
    const firstHit = page.locator('#search-title ~ ol li').first();
    await expect(firstHit.locator('mark').first().innerText()).resolves.toMatch(/chiropractic/i);
    await expect(firstHit.locator('.chip').innerText()).resolves.toBe('Upheld');
    await screenshot(page, '12-corpus');
    await search.getByLabel('Words or "a phrase"').fill('"chiro* OR ( NEAR/3 -');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: /Nothing matches|showing 1–/ }).waitFor();
    expect(await page.getByText('The search did not run.').count()).toBe(0);
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('takes the seed case from the intake form to an issued letter', async () => {
    const today = server.services.today();
    const intake = await as(USERS.intake);
    await intake.goto(`${server.url}/intake`);
    await intake.getByLabel('Name *', { exact: true }).first().fill('Jordan Example');
    await intake.getByLabel('Date of injury').fill('2013-12-16');
    await intake.getByLabel('Employer *').fill('Harbor Freight Storage Co.');
    await intake.getByLabel('Claims administrator *').fill('Golden State Claims Services');
    await intake.getByLabel('Administrator identifier *').fill('CA-0042');
    const provider = intake.getByRole('group', { name: 'Requesting provider' });
    await provider.getByLabel('Name *').fill('Dr. Lee Rivera');
    await provider.getByLabel('Specialty *').fill('Orthopedic Surgery');
    await intake.getByLabel('Decision date *').fill(addDays(today, -12));
    await intake.getByLabel('Date served on the worker *').fill(addDays(today, -10));
    await intake.getByLabel('How served *').selectOption('electronic');
    await intake.getByLabel('UR organisation *').fill('Summit UR Partners');
    for (let i = 0; i < seed.requests.length; i++) {
      if (i > 0) await intake.getByRole('button', { name: '+ Add an item' }).click();
      await intake.getByLabel(`Item ${i + 1}: treatment as requested on the RFA`).fill(seed.requests[i]!);
    }
    await intake.getByLabel('Clinical case summary').fill(seed.clinicalSummary);
    await intake.getByLabel('UR decision', { exact: true }).setInputFiles({ name: 'ur-decision.txt', mimeType: 'text/plain', buffer: Buffer.from('UR decision: non-certified.') });
    // The filing deadline is worked out while typing: 30 days after electronic service, on a business day.
    const { applicationFilingDeadline } = await import('../../src/service/domain/deadline-rules.js');
    const due = applicationFilingDeadline(addDays(today, -10), 'electronic').dueDate;
    // Shown US style (MM/DD/YYYY), as the letters and the date pickers write dates.
    await expect(intake.getByText(`Filing deadline ${due.slice(5, 7)}/${due.slice(8, 10)}/${due.slice(0, 4)}`).innerText()).resolves.toMatch(/Received on time/);
    await screenshot(intake, '03-intake-filled');
    await intake.getByRole('button', { name: 'Submit application' }).click();
    await intake.getByRole('heading', { name: /Application received: case/ }).waitFor();
    await expect(intake.getByRole('heading', { name: /Eligibility/ }).innerText()).resolves.toMatch(/Eligible/);
    await screenshot(intake, '04-intake-eligible');
    caseNumber = ((await intake.getByRole('heading', { name: /Application received/ }).innerText()).match(/C[A-Z]\d{2}-\d+/) ?? [''])[0];
    expect(caseNumber).not.toBe('');

    await intake.getByRole('link', { name: 'Open the case' }).click();
    caseId = decodeURIComponent(new URL(intake.url()).pathname.split('/')[2]!);
    await intake.getByRole('button', { name: 'Assign reviewer' }).click();
    await intake.getByRole('button', { name: 'Records received' }).waitFor();
    await intake.getByText('identity confidential: never shown to parties or in letters', { exact: false }).first().waitFor();
    await intake.getByRole('button', { name: 'Records received' }).click();
    await intake.getByRole('button', { name: 'Records received' }).waitFor({ state: 'detached' });
    await expect(intake.locator('.chip.status').first().innerText()).resolves.toBe('Records received');
    // Give the party read access to the letter (staff action over the API the UI also uses).
    const partyId = (await server.services.users.byUsername(USERS.party))!.id;
    const added = await intake.evaluate(
      async ([id, party]) => (await fetch(`/api/cases/${id}/parties`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: party }) })).status,
      [caseId, partyId] as const,
    );
    expect(added).toBe(200);
    await intake.goto(`${server.url}/queue?status=all`);
    await intake.getByRole('link', { name: caseNumber }).waitFor();
    await screenshot(intake, '05-queue-intake');
    await intake.context().close();

    const assigned = (await server.services.cases.get(caseId))!.reviewer_id!;
    expect(reviewers.map((r) => r.id)).toContain(assigned);
    const reviewer = await as(assigned);
    await reviewer.getByRole('heading', { name: 'My assignments' }).waitFor();
    await reviewer.getByRole('link', { name: caseNumber }).click();
    await reviewer.getByRole('heading', { name: new RegExp(seed.requests[0]!.slice(0, 20)) }).waitFor();
    // Each item shows the engine's criteria with met / not met / unknown.
    expect(await reviewer.locator('.criteria .chip').count()).toBeGreaterThan(0);
    await screenshot(reviewer, '06-review');
    // The same reviewer in a second window, left open on the old version of item 1.
    const stale = await newPage(browser);
    await stale.page.context().addCookies(await reviewer.context().cookies());
    await stale.page.goto(reviewer.url());
    await stale.page.getByRole('heading', { name: new RegExp(seed.requests[0]!.slice(0, 20)) }).waitFor();
    for (let i = 0; i < seed.requests.length; i++) {
      // An item the engine leaves to the reviewer's judgement has no preselected decision: choose its lean.
      const article = reviewer.locator('article.item').nth(i);
      if ((await article.locator('input[type=radio]:checked').count()) === 0) {
        const lean = ((await article.locator('.draft-outcome').innerText()).match(/leans (Upheld|Overturned)/) ?? [])[1] ?? 'Upheld';
        await article.locator(`input[type=radio][value=${lean}]`).check();
      }
      await article.getByRole('button', { name: /^(Accept draft|Save decision)$/ }).click();
      await article.getByText(/Saved at/).waitFor();
    }
    // The stale window's edit is refused with the other version shown, not written over it.
    const staleRationale = stale.page.getByLabel('Rationale').first();
    await staleRationale.fill('An edit made on an out-of-date screen.');
    // A flagged item has no preselected decision here either (a case dated today is drafted under texts a later
    // MTUS edition replaced, so its items are flagged): choose one, as the reviewer would.
    const staleItem = stale.page.locator('article.item').first();
    if ((await staleItem.locator('input[type=radio]:checked').count()) === 0) await staleItem.locator('input[type=radio][value=Upheld]').check();
    await stale.page.getByRole('button', { name: /^(Accept draft|Save decision|Save changes)$/ }).first().click();
    await expect(stale.page.getByRole('alert').first().innerText()).resolves.toMatch(/Someone else saved this item/);
    await expect(staleRationale.inputValue()).resolves.toBe('An edit made on an out-of-date screen.');
    await screenshot(stale.page, '06b-conflict', false);
    const stored = (await server.services.cases.items(caseId))[0]!;
    expect(stored.rationale).not.toBe('An edit made on an out-of-date screen.');
    await stale.page.getByRole('button', { name: 'Use their version' }).click();
    await expect(staleRationale.inputValue()).resolves.toBe(stored.rationale);
    await stale.context.close();
    await reviewer.getByRole('button', { name: 'Sign and issue…' }).click();
    const dialog = reviewer.getByRole('dialog', { name: /Sign and issue the Final Determination/ });
    await dialog.waitFor();
    await screenshot(reviewer, '07-sign-confirm', false);
    await dialog.getByRole('button', { name: 'Sign and issue letter' }).click();
    await reviewer.getByRole('heading', { name: 'Final Determination letter' }).waitFor();
    const frame = reviewer.frameLocator('iframe[title^="Letter"]');
    await expect(frame.locator('body').innerText()).resolves.toContain(caseNumber);
    await expect(frame.locator('body').innerText()).resolves.toMatch(/Upheld|Overturned/);
    await screenshot(reviewer, '08-letter');
    const pdf = await reviewer.request.get(`${server.url}/api/cases/${caseId}/letter.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await server.services.cases.get(caseId))!.status).toBe('letter_issued');

    // A correction is a new version that names the one it replaces; the first stays as issued.
    await reviewer.getByRole('button', { name: 'Issue a correction…' }).click();
    await reviewer.getByRole('button', { name: 'Issue corrected letter' }).click();
    await reviewer.getByText('Say what is corrected and why').waitFor();
    await reviewer.getByLabel('Reason for the correction *').fill('Typographical error in the rationale of item 1');
    const firstRationale = reviewer.getByLabel('Rationale').first();
    await firstRationale.fill(`${await firstRationale.inputValue()} (Corrected.)`);
    await reviewer.getByRole('button', { name: 'Issue corrected letter' }).click();
    await reviewer.getByText('Correction: Typographical error in the rationale of item 1').waitFor();
    await expect(reviewer.locator('.history li').first().innerText()).resolves.toMatch(/Version 2\s+current/);
    await expect(reviewer.locator('.history li').nth(1).innerText()).resolves.toMatch(/Version 1\s+superseded[\s\S]*Original determination/);
    await expect(frame.locator('body').innerText()).resolves.toContain('(Corrected.)');
    await screenshot(reviewer, '08b-letter-corrected');
    await reviewer.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('does not let a reviewer open a case assigned to someone else', async () => {
    expect(caseId).not.toBe('');
    const assigned = (await server.services.cases.get(caseId))!.reviewer_id;
    const other = reviewers.find((r) => r.id !== assigned && r.yearsInActivePractice > 5)!.id;
    const page = await as(other);
    await page.goto(`${server.url}/queue?status=all`);
    await page.getByRole('heading', { name: 'My assignments' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: caseNumber }).count()).toBe(0);
    await page.goto(`${server.url}/cases/${caseId}`);
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/This case is not assigned to you/);
    expect(await page.getByText(seed.requests[0]!).count()).toBe(0);
    await screenshot(page, '09-reviewer-forbidden');
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('shows each role only what it allows', async () => {
    const assigned = (await server.services.cases.get(caseId))!.reviewer_id!;
    const logins: Array<{ username: string; role: string; nav: string[] }> = [
      { username: USERS.admin, role: 'admin', nav: ['Queue', 'New application', 'Letters', 'Reviewers', 'Corpus', 'Operations', 'Users', 'Audit log'] },
      { username: USERS.intake, role: 'intake', nav: ['Queue', 'New application', 'Letters', 'Corpus', 'Operations'] },
      { username: assigned, role: 'reviewer', nav: ['Queue', 'Letters', 'Corpus'] },
      { username: USERS.party, role: 'party', nav: ['Letters'] },
    ];
    for (const who of logins) {
      const page = await as(who.username);
      const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
      expect(nav, who.role).toEqual(who.nav);
      await expect(page.getByLabel(/^Role:/).textContent()).resolves.toBe(who.role);
      if (who.role !== 'admin') {
        await page.goto(`${server.url}/reviewers`);
        await page.getByText(/cannot open Reviewers/).waitFor();
      }
      if (who.role === 'party') {
        await page.goto(`${server.url}/letters`);
        await page.getByRole('row', { name: new RegExp(caseNumber) }).getByRole('link', { name: 'Read the letter' }).click();
        const frame = page.frameLocator('iframe[title^="Letter"]');
        await expect(frame.locator('body').innerText()).resolves.toContain(caseNumber);
        // The current version: the correction.
        await expect(frame.locator('body').innerText()).resolves.toContain('(Corrected.)');
        // A party reads the letter, never the case file; the server refuses it too.
        expect(await page.getByRole('link', { name: 'Back to the case' }).count()).toBe(0);
        await screenshot(page, '10-party-letter');
        await page.goto(`${server.url}/cases/${caseId}`);
        await page.getByText(/cannot open the case file/).waitFor();
        expect((await page.request.get(`${server.url}/api/cases/${caseId}`)).status()).toBe(403);
      }
      if (who.role === 'admin') {
        const junior = reviewers.find((r) => r.yearsInActivePractice <= 5)!;
        await page.goto(`${server.url}/reviewers`);
        await page.getByRole('heading', { name: 'Reviewer registry' }).waitFor();
        const row = page.getByRole('row', { name: new RegExp(junior.name) });
        await row.getByText(`${junior.yearsInActivePractice} years in active practice; more than 5 are required.`).waitFor();
        await page.getByRole('row', { name: new RegExp(reviewers.find((r) => r.id === assigned)!.name) }).getByRole('button', { name: 'Assignments' }).click();
        await page.getByRole('link', { name: caseNumber }).waitFor();
        await screenshot(page, '11-reviewers');
      }
      await page.context().close();
    }
  }, BROWSER_TEST_CAP_MS);
});
