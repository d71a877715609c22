import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { loadDemo, PASSWORD } from './seed.js';

const PHONE = { width: 390, height: 844 };

type Services = import('../../src/service/use-cases/services.js').Services;

/**
 * Issue 15, the admin screens and the workbench at phone width: an administrator finds a refused
 * attempt in the audit log and disables a user, who then cannot log in; a refusal reads as one
 * message without "Try again"; at 390 px every screen fits without sideways scrolling and Log out
 * stays in reach.
 */
describe.skipIf(!hasChromium)('admin screens and the workbench at 390 px', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  /** Demo cases: one issued, one assigned (with its reviewer), one not yet assigned. */
  let issued = '';
  let assigned = { id: '', reviewerId: '' };
  let unassigned = '';

  async function seed(services: Services): Promise<void> {
    await loadDemo(services);
    const now = services.now();
    // Casey is disabled by the test; Quinn is a party of no case.
    await services.users.create({ username: 'casey', role: 'intake', password: PASSWORD, displayName: 'Casey Clerk' }, now);
    await services.users.create({ username: 'quinn', role: 'party', password: PASSWORD }, now);
    const rows = (await services.cases.list({ limit: 200, offset: 0 })).rows;
    issued = rows.find((r) => r.status === 'letter_issued')!.id;
    const a = rows.find((r) => r.reviewer_id !== null && r.status !== 'letter_issued')!;
    assigned = { id: a.id, reviewerId: a.reviewer_id! };
    unassigned = rows.find((r) => r.reviewer_id === null)!.id;
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (username: string, viewport?: { width: number; height: number }) => openAs(browser, server.url, username, PASSWORD, viewport);

  it('shows a refusal as one message without "Try again", finds it in the audit log, and disables a user who then cannot log in', async () => {
    // A reviewer opens a case that is not theirs: one clear message, no retry.
    const reviewer = await as(assigned.reviewerId);
    await reviewer.goto(`${server.url}/cases/${unassigned}`);
    await reviewer.getByText('This case is not assigned to you.').waitFor();
    expect(await reviewer.getByRole('alert').count()).toBe(1);
    expect(await reviewer.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await reviewer.context().close();
    // A party opens another case's letter: one message (not two stacked), no retry.
    const quinn = await as('quinn');
    await quinn.goto(`${server.url}/cases/${issued}/letter`);
    await quinn.getByText('You cannot open this letter.').waitFor();
    await quinn.waitForLoadState('networkidle');
    expect(await quinn.getByRole('alert').count()).toBe(1);
    expect(await quinn.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await screenshot(quinn, '15-refused-letter');
    await quinn.context().close();

    // Casey is working when the administrator disables her.
    const casey = await as('casey');
    await casey.getByRole('navigation', { name: 'Main' }).waitFor();

    const admin = await as('admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
    await admin.getByLabel('Action').selectOption({ label: 'Refusals (denied, unauthenticated, failed logins)' });
    await admin.getByLabel('User').selectOption({ label: `${assigned.reviewerId} (reviewer)` });
    await admin.getByRole('button', { name: 'Apply' }).click();
    const refusal = admin.getByRole('table', { name: 'Audit rows' }).getByRole('row').filter({ hasText: 'case.access_denied' });
    await refusal.first().waitFor();
    await expect(refusal.first().innerText()).resolves.toMatch(new RegExp(`${assigned.reviewerId}[\\s\\S]*case\\.access_denied[\\s\\S]*refused[\\s\\S]*${unassigned.slice(0, 8)}[\\s\\S]*route: /api/cases/:id`));
    // Today's date range holds it; the CSV has exactly the filtered rows.
    const today = server.services.today();
    await admin.getByLabel('From').fill(today);
    await admin.getByLabel('To (inclusive)').fill(today);
    await admin.getByRole('button', { name: 'Apply' }).click();
    await admin.getByText(/Rows 1–\d+ of \d+/).waitFor();
    await refusal.first().waitFor();
    const shown = await admin.getByRole('table', { name: 'Audit rows' }).locator('tbody tr').count();
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('at,user_id,username,action,refusal,case_id,detail');
    expect(csv).toHaveLength(shown + 1);
    expect(csv.slice(1).every((l) => l.includes(`,${assigned.reviewerId},`) && l.includes(',yes,'))).toBe(true);
    expect(csv.some((l) => l.includes(`case.access_denied,yes,${unassigned}`))).toBe(true);
    await screenshot(admin, '15-audit-refusals');

    // Disable Casey from the users screen.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    const row = admin.locator('tr[data-username="casey"]');
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByRole('button', { name: 'Disable casey' }).click();
    await admin.getByText(/casey is disabled: 1 session\(s\) ended/).waitFor();
    // The notice comes with the answer; the list is read again after it: poll until the row shows it.
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('disabled');
    await screenshot(admin, '15-users-disabled');

    // Casey's next request finds her session gone; logging in again is refused.
    await casey.reload();
    await casey.getByLabel('Username').waitFor();
    await casey.getByLabel('Username').fill('casey');
    await casey.getByLabel('Password').fill(PASSWORD);
    await casey.getByRole('button', { name: 'Log in' }).click();
    await casey.getByRole('alert').waitFor();
    expect(await casey.getByRole('button', { name: 'Log out' }).count()).toBe(0);
    await casey.context().close();

    // The disable is in the audit log, by user id, with nothing typed in it.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await admin.getByLabel('Action').selectOption('user.disable');
    await admin.getByRole('button', { name: 'Apply' }).click();
    await admin.getByRole('table', { name: 'Audit rows' }).getByRole('row').filter({ hasText: 'user.disable' }).first().waitFor();

    // A password reset shows the new password once; it logs the user in.
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await admin.locator('tr[data-username="quinn"]').getByRole('button', { name: 'Reset password' }).click();
    const fresh = await admin.getByTestId('one-time-password').innerText();
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await admin.context().close();
    const { page: again } = await newPage(browser);
    await login(again, server.url, 'quinn', fresh);
    await again.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('adds a reviewer with the qualification checks shown as typed, edits and deactivates them, and links a party from the case screen', async () => {
    const admin = await as('admin');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviewers' }).click();
    await admin.getByRole('button', { name: 'Add a reviewer' }).click();
    const form = admin.getByRole('form', { name: 'Add a reviewer' });
    await form.getByLabel('Registry id').fill('rev-added');
    await form.getByLabel('Name').fill('Dr. Lee Newcomb');
    await form.getByLabel('Specialty', { exact: true }).fill('Chiropractor');
    await form.getByLabel('Years in active practice').fill('4');
    const verdict = form.getByRole('status', { name: 'Qualification' });
    await expect(verdict.innerText()).resolves.toMatch(/Not qualified[\s\S]*4 years in active practice; more than 5 are required/);
    await form.getByLabel('Years in active practice').fill('7');
    await expect(verdict.innerText()).resolves.toMatch(/^Qualified to review/);
    await form.getByRole('button', { name: 'Add the reviewer' }).click();
    await admin.getByText('Dr. Lee Newcomb was added to the registry.').waitFor();
    const row = admin.getByRole('row').filter({ hasText: 'rev-added' });
    await row.getByRole('button', { name: 'Edit Dr. Lee Newcomb' }).click();
    const edit = admin.getByRole('form', { name: 'Edit reviewer rev-added' });
    await edit.getByLabel('Hours a week in practice').fill('36');
    await edit.getByRole('button', { name: 'Add an affiliation' }).click();
    await edit.getByLabel('Affiliation 1 kind').selectOption('insurer');
    await edit.getByLabel('Affiliation 1 name').fill('Golden Mutual');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await admin.getByText("Dr. Lee Newcomb's record was saved.").waitFor();
    // As with deactivation below, the list is read again after the notice: poll until the row shows the change.
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toMatch(/Insurer:\s*Golden Mutual/);
    await row.getByRole('button', { name: 'Deactivate Dr. Lee Newcomb' }).click();
    await admin.getByText(/Dr\. Lee Newcomb is deactivated/).waitFor();
    // The notice comes with the answer; the list is read again after it: poll until the row shows it.
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('inactive');
    const stored = await server.services.reviewers.get('rev-added');
    expect(stored).toMatchObject({ weeklyHours: 36, yearsInActivePractice: 7, active: false, affiliations: [{ kind: 'insurer', name: 'Golden Mutual' }] });
    await screenshot(admin, '15-reviewer-edited');
    await admin.context().close();

    // Intake links Quinn (a party of no case) to the assigned case.
    const intake = await as('intake');
    await intake.goto(`${server.url}/cases/${assigned.id}`);
    const parties = intake.getByRole('region', { name: 'Party users (letter access)' });
    await parties.getByLabel('Party user to link').selectOption({ label: 'quinn' });
    await parties.getByRole('button', { name: 'Link the party' }).click();
    await parties.getByRole('list', { name: 'Linked parties' }).getByText('quinn').waitFor();
    const quinn = await server.services.users.byUsername('quinn');
    expect(await server.services.cases.partyUserIds(assigned.id)).toContain(quinn!.id);
    await intake.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('fits every screen into 390 px without sideways scrolling, with Log out in reach', async () => {
    const overflow: string[] = [];
    async function check(page: Page, path: string, ready: string, shot = path.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')): Promise<void> {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: new RegExp(ready) }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.spinner').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) overflow.push(`${path} (${ready}): ${width}px`);
      const logout = await page.getByRole('button', { name: 'Log out' }).boundingBox();
      if (!logout || logout.x < 0 || logout.x + logout.width > PHONE.width) overflow.push(`${path}: Log out at ${JSON.stringify(logout)}`);
      await screenshot(page, `15-390-${(await page.evaluate(() => document.querySelector('.role')?.textContent ?? '')).toLowerCase()}-${shot}`, false);
    }

    const { page: anon } = await newPage(browser);
    await anon.setViewportSize(PHONE);
    await anon.goto(`${server.url}/`);
    await anon.getByLabel('Username').waitFor();
    const loginWidth = await anon.evaluate(() => document.documentElement.scrollWidth);
    expect(loginWidth, 'the login screen').toBeLessThanOrEqual(PHONE.width);
    await anon.context().close();

    const admin = await as('admin', PHONE);
    for (const [path, ready, shot] of [
      ['/queue', 'All cases', undefined],
      ['/intake', 'application', undefined],
      ['/letters', 'etters', undefined],
      ['/reviewers', 'Reviewer registry', undefined],
      ['/corpus', 'orpus', undefined],
      ['/users', 'Users', undefined],
      ['/audit', 'Audit log', undefined],
      [`/cases/${assigned.id}`, 'Parties', 'case'],
      [`/cases/${issued}/letter`, 'Final Determination letter', 'letter'],
    ] as const) await check(admin, path, ready, shot);
    // The admin screens' forms open too.
    await admin.goto(`${server.url}/reviewers`);
    await admin.getByRole('button', { name: 'Add a reviewer' }).click();
    await admin.getByRole('form', { name: 'Add a reviewer' }).waitFor();
    if ((await admin.evaluate(() => document.documentElement.scrollWidth)) > PHONE.width) overflow.push('/reviewers with the add form');
    await admin.goto(`${server.url}/users`);
    await admin.getByRole('button', { name: 'Add a user' }).click();
    await admin.getByRole('form', { name: 'Add a user' }).waitFor();
    if ((await admin.evaluate(() => document.documentElement.scrollWidth)) > PHONE.width) overflow.push('/users with the add form');
    // Log out works from the phone-width header.
    await admin.getByRole('button', { name: 'Log out' }).click();
    await admin.getByLabel('Username').waitFor();
    await admin.context().close();

    const reviewer = await as(assigned.reviewerId, PHONE);
    await check(reviewer, '/queue', 'My assignments');
    await check(reviewer, `/cases/${assigned.id}`, 'Parties', 'case');
    await reviewer.context().close();
    const party = await as('party', PHONE);
    await check(party, '/letters', 'etters');
    await check(party, `/cases/${issued}/letter`, 'Final Determination letter', 'letter');
    await party.context().close();

    expect(overflow).toEqual([]);
  }, BROWSER_TEST_CAP_MS);
});
