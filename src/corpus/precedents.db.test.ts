import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { findPrecedents } from './precedents.js';
import { createSearchIndex, type SearchIndex } from './search/index.js';
import { CorpusStore } from './store.js';
import { citation, item, letter, record } from './test-support/letters.js';

const CHIRO = citation('MTUS-CPMTG', 'Manual Therapy and Manipulation');
const PT = citation('MTUS-CPMTG', 'Physical Medicine');
const NO_FI = 'There is no documentation of objective functional improvement with the prior sessions.';
const LONG_PT =
  'Eight physical therapy sessions for the lumbar spine, left shoulder, left wrist and left knee was the original request; six physical therapy sessions for the lumbar spine, left shoulder and left knee were authorized';

describe.each(testDialects())('precedents: which published items come back, on %s', (dialect) => {
  let database: Database;
  let index: SearchIndex;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const store = new CorpusStore(database);
    index = createSearchIndex(database);
    const letters = [
      // Three older lumbar letters, then thirty newer cervical ones: all chiropractic under the same family.
      ...Array.from({ length: 3 }, () => letter([item('Chiropractic treatment 8 visits lumbar spine', 'Overturned', NO_FI, { reviewerGuideline: CHIRO })])),
      ...Array.from({ length: 30 }, () => letter([item('Chiropractic treatment 8 visits cervical spine', 'Upheld', NO_FI, { reviewerGuideline: CHIRO })])),
      letter([item('Physical therapy 2 times a week for 6 weeks for the shoulder', 'Upheld', NO_FI, { reviewerGuideline: PT })]),
      ...Array.from({ length: 70 }, () => letter([item(LONG_PT, 'Upheld', NO_FI, { reviewerGuideline: PT })])),
    ];
    for (const l of letters) await store.insertLetter(record(l), '2026-01-01T00:00:00.000Z');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('lists the items of the same body part first, however many newer items share only the treatment', async () => {
    const r = await findPrecedents(index, { request: '12 chiropractic visits for the lumbar spine', category: 'chiropractic', citationFamily: 'MTUS-CPMTG', limit: 3 });
    expect(r.precedents.map((p) => [p.request, p.decision])).toEqual(Array(3).fill(['Chiropractic treatment 8 visits lumbar spine', 'Overturned']));
    expect(r.peerGroup).toMatchObject({ items: 33, upheld: 30, overturned: 3 });
  });

  it('finds precedents in the category when none was decided under the disputed family', async () => {
    const r = await findPrecedents(index, { request: 'chiropractic lumbar spine', category: 'chiropractic', citationFamily: 'MTUS-ACOEM', limit: 2 });
    expect(r.precedents.map((p) => [p.request, p.sameCategory, p.sameCitation])).toEqual(Array(2).fill(['Chiropractic treatment 8 visits lumbar spine', true, false]));
    expect(r.peerGroup).toMatchObject({ items: 0, shareOverturned: null });
  });

  it('prefers the short request with the same words to a long one that names many other body parts', async () => {
    const r = await findPrecedents(index, { request: 'Physical therapy for the right shoulder', category: 'physical_therapy', citationFamily: 'MTUS-CPMTG', limit: 1 });
    expect(r.precedents[0].request).toBe('Physical therapy 2 times a week for 6 weeks for the shoulder');
  });
});
