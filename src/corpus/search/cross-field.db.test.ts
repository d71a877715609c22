import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { CorpusStore } from '../store.js';
import { item, letter, record } from '../test-support/letters.js';
import { createSearchIndex } from './index.js';
import type { SearchIndex } from './port.js';

/**
 * A query whose words are found partly in an item's own text and partly in its letter's clinical
 * summary: the item matches, on both engines. (Issue 13 plans to index the summary once per letter
 * rather than with every item; whatever the layout, these answers must hold.)
 */
describe.each(testDialects())('words found in the item and in its letter summary, on %s', (dialect) => {
  let database: Database;
  let index: SearchIndex;
  const requests = async (query: string) => (await index.search({ query, limit: 100 })).hits.map((h) => `${h.caseNumber} ${h.request}`);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const store = new CorpusStore(database);
    const letters = [
      letter(
        [
          item('Acupuncture 6 sessions', 'Upheld', 'There is no documentation of functional improvement with prior care.'),
          item('Norco 10/325 mg #60', 'Upheld', 'Opioids are not recommended without documented pain relief.'),
        ],
        { caseNumber: 'CM16-0000101', summary: 'The worker was injured falling from a scaffold at a construction site.' },
      ),
      letter(
        [item('Acupuncture 8 sessions', 'Overturned', 'Acupuncture may be used as an adjunct to physical rehabilitation.')],
        { caseNumber: 'CM16-0000102', summary: 'The worker was injured lifting boxes in a warehouse.' },
      ),
      letter([item('MRI of the lumbar spine', 'Upheld', 'Imaging is not indicated without red flags.')], {
        caseNumber: 'CM16-0000103',
        summary: 'The worker fell from a scaffold; acupuncture helped before.',
      }),
    ];
    // One letter at a time: the newest letter's items have the highest ids.
    for (const l of letters) await store.insertLetter(record(l), '2026-01-01T00:00:00.000Z');
    index = createSearchIndex(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('finds an item by a word of its own text and a word of its letter summary', async () => {
    expect(await requests('scaffold acupuncture')).toEqual(['CM16-0000103 MRI of the lumbar spine', 'CM16-0000101 Acupuncture 6 sessions']);
    expect(await requests('acupuncture scaffold')).toEqual(['CM16-0000103 MRI of the lumbar spine', 'CM16-0000101 Acupuncture 6 sessions']);
    const page = await index.search({ query: 'scaffold acupuncture' });
    expect(page.total).toBe(2);
    for (const hit of page.hits) {
      expect(hit.matchedIn).not.toBe('request');
      const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((w) => w === 'scaffold' || w === 'acupuncture')).toBe(true);
    }
  });

  it('combines a phrase of one text with a word of the other', async () => {
    expect(await requests('"construction site" acupuncture')).toEqual(['CM16-0000101 Acupuncture 6 sessions']);
    expect(await requests('scaffold "functional improvement"')).toEqual(['CM16-0000101 Acupuncture 6 sessions']);
    expect(await requests('"falling from a scaffold" "pain relief"')).toEqual(['CM16-0000101 Norco 10/325 mg #60']);
    // A phrase is read within one text: these words are in the summary, but not next to each other.
    expect(await requests('"scaffold construction"')).toEqual([]);
  });

  it('reads alternatives and exclusions across both texts', async () => {
    expect(await requests('warehouse OR scaffold acupuncture')).toEqual([
      'CM16-0000103 MRI of the lumbar spine',
      'CM16-0000102 Acupuncture 8 sessions',
      'CM16-0000101 Acupuncture 6 sessions',
    ]);
    // The excluded word is in the other item of the letter only: that item goes, this one stays.
    expect(await requests('scaffold -norco')).toEqual(['CM16-0000103 MRI of the lumbar spine', 'CM16-0000101 Acupuncture 6 sessions']);
    // The excluded word is only in the letter summary: every item of that letter goes.
    expect(await requests('acupuncture -scaffold')).toEqual(['CM16-0000102 Acupuncture 8 sessions']);
    expect(await requests('acupuncture -warehouse')).toEqual(['CM16-0000101 Acupuncture 6 sessions', 'CM16-0000103 MRI of the lumbar spine']);
  });

  it('ranks the matches in the request first, newest first, then the others', async () => {
    expect(await requests('acupuncture')).toEqual([
      'CM16-0000102 Acupuncture 8 sessions',
      'CM16-0000101 Acupuncture 6 sessions',
      'CM16-0000103 MRI of the lumbar spine',
    ]);
    const page = await index.search({ query: 'acupuncture', filters: { decision: 'Upheld' } });
    expect(page.hits.map((h) => h.caseNumber)).toEqual(['CM16-0000101', 'CM16-0000103']);
    expect(page.total).toBe(2);
  });
});
