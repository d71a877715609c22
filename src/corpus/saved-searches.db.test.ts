import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { parseFilters } from './filters.js';
import { SavedSearchStore } from './saved-searches.js';
import { createSearchIndex, type SearchIndex } from './search/index.js';
import { CorpusStore } from './store.js';
import { item, letter, record } from './test-support/letters.js';

const WHY = 'There is no documentation of objective functional improvement with prior sessions.';

describe.each(testDialects())('saved corpus searches on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  let index: SearchIndex;
  let saved: SavedSearchStore;
  const add = (caseNumber: string, request: string, decision: 'Upheld' | 'Overturned') =>
    store.insertLetter(record(letter([item(request, decision, WHY)], { caseNumber })), '2026-01-01T00:00:00.000Z');

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
    index = createSearchIndex(database);
    saved = new SavedSearchStore(database);
    await add('CM16-0000001', 'Acupuncture 6 sessions', 'Upheld');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('reports only the letters an import adds that match, once', async () => {
    await saved.add('acupuncture overturned', 'acupuncture', parseFilters({ decision: 'Overturned' }), '2026-01-02T00:00:00.000Z');
    await saved.add('all acupuncture', 'acupuncture', {}, '2026-01-02T00:00:00.000Z');
    // Nothing imported since saving: nothing new, although an older letter matches.
    expect((await saved.news(index, '2026-01-03T00:00:00.000Z')).map((n) => n.newItems)).toEqual([0, 0]);

    await add('CM17-0000002', 'Acupuncture 8 sessions', 'Overturned');
    await add('CM17-0000003', 'Acupuncture 4 sessions', 'Upheld');
    await add('CM17-0000004', 'Massage therapy', 'Overturned');
    const news = await saved.news(index, '2026-01-04T00:00:00.000Z');
    expect(news.map((n) => [n.name, n.newItems, [...n.letters].sort()])).toEqual([
      ['acupuncture overturned', 1, ['CM17-0000002']],
      ['all acupuncture', 2, ['CM17-0000002', 'CM17-0000003']],
    ]);
    // Reported once: asked again without an import, nothing is new.
    expect((await saved.news(index, '2026-01-05T00:00:00.000Z')).map((n) => n.newItems)).toEqual([0, 0]);
    expect((await saved.get('all acupuncture'))?.checkedAt).toBe('2026-01-05T00:00:00.000Z');
  });

  it('lists pending news without using it up, until the search is marked reported', async () => {
    await saved.add('massage', 'massage', {}, '2026-01-05T12:00:00.000Z');
    await add('CM17-0000005', 'Massage therapy 6 sessions', 'Upheld');
    const first = await saved.pending(index);
    expect(first.find((s) => s.name === 'massage')?.news).toMatchObject({ newItems: 1, letters: ['CM17-0000005'] });
    // Looking again still shows it: listing is not reporting.
    expect((await saved.pending(index)).find((s) => s.name === 'massage')?.news.newItems).toBe(1);
    expect((await saved.pendingOne(index, ' massage '))?.news).toMatchObject({ newItems: 1, letters: ['CM17-0000005'] });
    expect(await saved.pendingOne(index, 'no such search')).toBeNull();
    expect(await saved.markReported('massage', '2026-01-05T13:00:00.000Z')).toBe(true);
    expect((await saved.pending(index)).find((s) => s.name === 'massage')?.news.newItems).toBe(0);
    expect((await saved.get('massage'))?.checkedAt).toBe('2026-01-05T13:00:00.000Z');
    expect(await saved.markReported('no such search', '2026-01-05T13:00:00.000Z')).toBe(false);
    expect(await saved.remove('massage')).toBe(true);
  });

  it('keeps names unique and removes a search', async () => {
    await expect(saved.add('all acupuncture', 'x', {}, '2026-01-06T00:00:00.000Z')).rejects.toMatchObject({ code: 'IMR_ERR_DUPLICATE' });
    expect(await saved.remove('all acupuncture')).toBe(true);
    expect((await saved.list()).map((s) => s.name)).toEqual(['acupuncture overturned']);
    expect((await saved.get('acupuncture overturned'))?.filters).toEqual({ decision: 'Overturned' });
  });
});
