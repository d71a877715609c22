import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, openAs, screenshot, startWorld, type BrowserWorld, type RunningServer } from './harness.js';
import { loadDemo, PASSWORD } from './seed.js';

const PHONE = { width: 390, height: 844 };

type Services = import('../../src/service/use-cases/services.js').Services;

const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/**
 * Issue 15, item 4: the operations view shows both DWC clocks (days from the notice of assignment,
 * days from complete medical records) for the demo cases, the monthly averages of the issued one,
 * each table as CSV, and fits a phone.
 */
describe.skipIf(!hasChromium)('the operations view on the demo cases', () => {
  let world: BrowserWorld | undefined;
  let server: RunningServer;
  let browser: Browser;
  /** Demo cases: assigned with records received, assigned without, received only. */
  let withRecords = '';
  let withoutRecords = '';
  let unassigned = '';
  let today = '';

  async function seed(services: Services): Promise<void> {
    await loadDemo(services);
    const { recordsReceived } = await import('../../src/service/use-cases/review.use-case.js');
    const intake = (await services.users.byUsername('intake'))!;
    const rows = (await services.cases.list({ limit: 200, offset: 0 })).rows;
    const assigned = rows.filter((r) => r.status === 'assigned');
    await recordsReceived(services, intake, assigned[0]!.id);
    withRecords = assigned[0]!.case_number;
    withoutRecords = assigned[1]!.case_number;
    unassigned = rows.find((r) => r.status === 'received')!.case_number;
    today = services.today();
  }

  beforeAll(async () => {
    world = await startWorld(seed);
    ({ server, browser } = world);
  });
  afterAll(async () => {
    await world?.close();
  });

  const as = (username: string, viewport?: { width: number; height: number }) => openAs(browser, server.url, username, PASSWORD, viewport);

  it('shows both clocks for each open demo case, the month of the issued one, and each table as CSV', async () => {
    const page = await as('intake');
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();
    const open = page.getByRole('table', { name: 'Open cases', exact: true });
    await open.waitFor();
    const row = (n: string) => open.locator(`tr[data-case="${n}"]`);
    // The demo assigns and receives records today: both clocks stand at 0 days, counted from today's date.
    await expect(row(withRecords).locator('[data-clock=assignment]').innerText()).resolves.toBe(`0 days since ${us(today)}`);
    await expect(row(withRecords).locator('[data-clock=records]').innerText()).resolves.toBe(`0 days since ${us(today)}`);
    await expect(row(withoutRecords).locator('[data-clock=assignment]').innerText()).resolves.toBe(`0 days since ${us(today)}`);
    await expect(row(withoutRecords).locator('[data-clock=records]').innerText()).resolves.toBe('records not received');
    await expect(row(withoutRecords).innerText()).resolves.toContain('(provisional: records not in)');
    await expect(row(unassigned).locator('[data-clock=assignment]').innerText()).resolves.toBe('not assigned');
    // The records arrived today: the determination is due 30 days later.
    const due = new Date(`${today}T12:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    await expect(row(withRecords).innerText()).resolves.toContain(`${us(due.toISOString().slice(0, 10))} · 30 calendar days from records`);

    // The issued demo case: one determination this month, 0 days from assignment, no records clock (records were never marked received).
    const monthly = page.getByRole('table', { name: 'Average days by month of determination' });
    const month = monthly.locator('tbody tr').first();
    await expect(month.innerText()).resolves.toMatch(new RegExp(`^${today.slice(5, 7)}/${today.slice(0, 4)}\\s+1\\s+0\\s+—\\s+\\(0 with records received\\)\\s+0$`));
    await expect(page.getByRole('table', { name: 'Overturn rate by reviewer specialty' }).locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, '40-operations-view');

    // The CSV link carries the session: the open cases with both clocks.
    const href = await page.getByTestId('csv-open').getAttribute('href');
    const csv = await page.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('case_number,status,priority,assigned_on,days_from_assignment,records_received_on,days_from_records,determination_due,due_provisional,next_deadline,next_due,days_to_next_deadline,late');
    expect(lines.find((l) => l.startsWith(`${withRecords},`))).toMatch(new RegExp(`^${withRecords},records_received,Standard,${today},0,${today},0,`));
    await page.context().close();
  }, BROWSER_TEST_CAP_MS);

  it('fits 390 px without sideways scrolling, and is not offered to a reviewer', async () => {
    const page = await as('intake', PHONE);
    await page.goto(`${server.url}/operations`);
    await page.getByRole('table', { name: 'Open cases', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, '41-operations-390', false);
    await page.context().close();

    const reviewer = await as('rev-pmr-1');
    await expect(reviewer.getByRole('link', { name: 'Operations' }).count()).resolves.toBe(0);
    await reviewer.goto(`${server.url}/operations`);
    await reviewer.getByText('cannot open Operations').waitFor();
    await reviewer.context().close();
  }, BROWSER_TEST_CAP_MS);
});
