import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_CAP_MS, hasChromium, login, newPage, screenshot, startWorld, type BrowserWorld } from './harness.js';
import { hasSeeds, loadDemo, PASSWORD, seedsDir, USERS } from './seed.js';

if (!hasSeeds) console.warn(`[web e2e] skipped: the seed letters are not at ${seedsDir}.`);

describe.skipIf(!hasChromium || !hasSeeds)('the corpus search in Chromium: in the address, opening letters, CSV', () => {
  let world: BrowserWorld | undefined;

  beforeAll(async () => {
    world = await startWorld(async (services) => {
      await loadDemo(services);
      const { CorpusStore, categoriseRequest, importLetterPaths } = await import('../../src/corpus/index.js');
      const files = (await import('node:fs')).readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => path.join(seedsDir, f));
      const summary = await importLetterPaths(files, { store: new CorpusStore(services.database), categorise: categoriseRequest, jobs: 1 });
      if (summary.imported !== files.length) throw new Error(`the seed letters did not all import: ${JSON.stringify(summary.failed)}`);
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  const status = (page: Page) => page.getByRole('status').filter({ hasText: /showing 1–|Nothing matches/ });
  const hitTitles = (page: Page) => page.locator('#search-title ~ ol li strong').allInnerTexts();

  it('keeps the search in the address: reload and Back show the same results; a hit opens its letter marked; the results export as CSV', async () => {
    const { page, context } = await newPage(world!.browser);
    const base = world!.server.url;
    await login(page, base, USERS.intake, PASSWORD);
    await page.goto(`${base}/corpus`);
    const search = page.getByRole('search', { name: 'Search published decisions' });
    await search.getByLabel('Words or "a phrase"').fill('chiropractic');
    await search.getByLabel('Decision').selectOption('Upheld');
    await search.getByRole('button', { name: 'Search' }).click();
    await status(page).waitFor();
    expect(new URL(page.url()).search).toBe('?q=chiropractic&decision=Upheld');
    const first = { status: await status(page).innerText(), hits: await hitTitles(page) };
    expect(first.hits.length).toBeGreaterThan(0);
    // A seed letter has no case number: its hits are named by file name, never by an internal id.
    await expect(page.locator('#search-title ~ ol li .muted').first().innerText()).resolves.toMatch(/^\d{3}_[0-9a-f]+\.txt/);

    // Reload: the same search, the same results, the form filled from the address.
    await page.reload();
    await status(page).waitFor();
    await expect(status(page).innerText()).resolves.toBe(first.status);
    expect(await hitTitles(page)).toEqual(first.hits);
    await expect(search.getByLabel('Words or "a phrase"').inputValue()).resolves.toBe('chiropractic');
    await expect(search.getByLabel('Decision').inputValue()).resolves.toBe('Upheld');

    // Another search, then Back: the first search and its results again; Forward: the second.
    await search.getByLabel('Words or "a phrase"').fill('acupuncture');
    await search.getByLabel('Decision').selectOption('');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=acupuncture$/);
    // Matches in the request come first.
    await expect.poll(async () => (await hitTitles(page))[0] ?? '').toMatch(/acupuncture/i);
    const second = await hitTitles(page);
    await page.goBack();
    await page.waitForURL(/\?q=chiropractic&decision=Upheld$/);
    await expect.poll(() => hitTitles(page)).toEqual(first.hits);
    await expect(search.getByLabel('Words or "a phrase"').inputValue()).resolves.toBe('chiropractic');
    await page.goForward();
    await expect.poll(() => hitTitles(page)).toEqual(second);
    await page.goBack();
    await expect.poll(() => hitTitles(page)).toEqual(first.hits);

    // Export: every hit of the current search and filters, formula-looking cells escaped.
    const total = Number(/(\d+) items?;/.exec(first.status)![1]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('imr-corpus-search.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('case_number,file_name,letter_id,item_id,year,decision,request,category,citation,reviewer_specialty,matched_in,snippet');
    expect(csv).toHaveLength(total + 1);
    expect(csv.slice(1).every((row) => row.includes(',Upheld,'))).toBe(true);
    expect(csv[1]).toContain(first.hits[0]!);
    expect(csv.slice(1).some((row) => /(^|,)[=+\-@]/.test(row))).toBe(false);

    // Open the first hit: its letter, the hit's item in view, the matched words marked.
    await page.locator('#search-title ~ ol li').first().getByRole('link').click();
    await page.waitForURL(/\/corpus\/letters\/\d+\?item=\d+&mark=/);
    const hitItem = page.locator('li[aria-current="true"]');
    await hitItem.waitFor();
    await expect(hitItem.locator('h2').innerText()).resolves.toContain(first.hits[0]!);
    const marks = await hitItem.locator('mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /chiropractic/i.test(m))).toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/Published decision \d{3}_[0-9a-f]+\.txt/);
    await page.getByRole('heading', { name: 'Clinical summary' }).waitFor();
    await screenshot(page, '30-corpus-letter');
    // Back to the same search.
    await page.getByRole('button', { name: /Back to the search/ }).click();
    await page.waitForURL(/\/corpus\?q=chiropractic&decision=Upheld$/);
    await expect.poll(() => hitTitles(page)).toEqual(first.hits);
    await context.close();
  }, BROWSER_TEST_CAP_MS);

  it('filters by DWC\'s date ranges from the address, refuses a reversed range by name, and offers the annual report tables as CSV', async () => {
    const { page, context } = await newPage(world!.browser);
    const base = world!.server.url;
    await login(page, base, USERS.intake, PASSWORD);
    await page.goto(`${base}/corpus`);
    const search = page.getByRole('search', { name: 'Search published decisions' });
    await search.getByText('More filters: specialty, case number, dates').click();
    const decided = search.getByRole('group', { name: 'Decision date' });
    await decided.getByLabel('from').fill('2017-01-01');
    await decided.getByLabel('to').fill('2016-01-01');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/decisionFrom=2017-01-01&decisionTo=2016-01-01/);
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/decision date range .* ends before it starts/);
    // A wide valid range finds the dated letters; the address carries it, and a reload keeps it.
    await decided.getByLabel('from').fill('2000-01-01');
    await decided.getByLabel('to').fill('2030-12-31');
    await search.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/decisionFrom=2000-01-01&decisionTo=2030-12-31/);
    await status(page).waitFor();
    await page.reload();
    await status(page).waitFor();
    await expect(search.getByRole('group', { name: 'Decision date' }).getByLabel('from').inputValue()).resolves.toBe('2000-01-01');

    // Long category and specialty names are wrapped, with the full name as the tooltip; bars carry words, not only colour.
    const ticks = await page.locator('.wrapped-tick title').allTextContents();
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => !t.endsWith('…'))).toBe(true);
    const rateLabels = await page.locator('.chart-panel svg text').filter({ hasText: /^\d+% overturned ?\(\d+%–\d+%\), ?n=\d+/ }).allTextContents();
    expect(rateLabels.length).toBeGreaterThan(3);
    expect(rateLabels.some((t) => t.startsWith('0% overturned'))).toBe(true);

    // The annual report's tables, each as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Letters by month of decision: download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('imr-letters-by-month.csv');
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('month,letters,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
    expect(csv.slice(1).every((r) => /^\d{4}-\d{2},\d+,/.test(r))).toBe(true);
    await page.getByRole('button', { name: 'Show table' }).last().click();
    await expect(page.getByRole('table', { name: /Pharmacy share/ }).getByRole('row').last().innerText()).resolves.toMatch(/^all\t/);
    await screenshot(page, '31-corpus-dashboard-intervals');
    await context.close();
  }, BROWSER_TEST_CAP_MS);
  it('saves a search; a later import shows as new in the saved list until marked seen; the saved search opens again', async () => {
    const { page, context } = await newPage(world!.browser);
    const base = world!.server.url;
    await login(page, base, USERS.intake, PASSWORD);
    await page.goto(`${base}/corpus?q=acupuncture`);
    await status(page).waitFor();
    const saveForm = page.getByRole('form', { name: 'Save this search' });
    await saveForm.getByLabel('Save this search as').fill('acupuncture watch');
    await saveForm.getByRole('button', { name: 'Save' }).click();
    await saveForm.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = page.getByTestId('saved-searches').locator('li').filter({ hasText: 'acupuncture watch' });
    await expect(saved.getByTestId('saved-news').innerText()).resolves.toBe('nothing new');

    // A letter imported after saving, that matches, is reported as new, with its case number.
    const { CorpusStore } = await import('../../src/corpus/store.js');
    const { item, letter, record } = await import('../../src/corpus/test-support/letters.js');
    await new CorpusStore(world!.server.services.database).insertLetter(
      record(letter([item('Acupuncture, six sessions for the cervical spine', 'Upheld', 'The guideline supports a trial of 3 to 6 treatments.')], { caseNumber: 'CM26-0000777' })),
      new Date().toISOString(),
    );
    await page.reload();
    await expect.poll(() => saved.getByTestId('saved-news').innerText()).toBe('1 new matching item');
    await expect(saved.innerText()).resolves.toContain('new in CM26-0000777');

    await saved.getByRole('button', { name: 'Mark as seen' }).click();
    await expect.poll(() => saved.getByTestId('saved-news').innerText()).toBe('nothing new');
    // Opening it runs the search again from its address.
    await page.goto(`${base}/corpus`);
    await saved.getByRole('link', { name: 'acupuncture watch' }).click();
    await page.waitForURL(/\/corpus\?q=acupuncture$/);
    await status(page).waitFor();
    await expect.poll(async () => (await hitTitles(page)).join(' ')).toMatch(/Acupuncture, six sessions for the cervical spine/);
    await screenshot(page, '32-corpus-saved-searches');
    await context.close();
  }, BROWSER_TEST_CAP_MS);
});
