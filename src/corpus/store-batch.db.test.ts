import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { createSearchIndex, type SearchIndex } from './search/index.js';
import { CorpusStore } from './store.js';
import { item, letter, record } from './test-support/letters.js';

const PATCH = 'Lidoderm is recommended for localized peripheral pain after a trial of first-line therapy; there is no documentation of such a trial.';
const GYM = 'A gym membership is not recommended unless a home exercise program has failed and there is a need for equipment.';

/** Two letters of two items each (the second item's request shares no word with the first's), told apart by their case numbers. */
function pair(tag: string) {
  return [1, 2].map((n) =>
    letter([item(`Lidoderm 5% patch #${30 * n}`, 'Upheld', PATCH), item(`Gym membership for ${n * 3} months`, n === 1 ? 'Overturned' : 'Upheld', GYM)], {
      caseNumber: `CM16-${tag}00000${n}`,
      summary: `The injured worker has chronic neuropathic pain of the left foot and a home exercise program (letter ${tag}${n}).`,
    }),
  );
}

/**
 * A batch of letters is written in a few multi-row statements (on PostgreSQL its items' and requests'
 * search vectors in one statement); a letter that fails sends the batch letter by letter. Both ways
 * must store what every search then finds: the same hits, the same tier (matched in the request or
 * elsewhere) and the same filters.
 */
describe.each(testDialects())('letters stored in a batch or one by one, on %s', (dialect) => {
  let database: Database;
  let index: SearchIndex;
  const cases = async (query: string, filters = {}) => {
    const page = await index.search({ query, filters, limit: 100 });
    return page.hits.map((h) => `${h.caseNumber?.slice(5, 6)}:${h.matchedIn}:${h.request.split(' ')[0]}`).sort();
  };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const store = new CorpusStore(database);
    // "B": one batch (the multi-row path); "S": one letter per call (the letter-by-letter path).
    const batch = await store.insertLetters(pair('B').map((l) => record(l)), '2026-01-01T00:00:00.000Z');
    expect(batch.map((o) => o.status)).toEqual(['imported', 'imported']);
    for (const l of pair('S')) expect((await store.insertLetter(record(l), '2026-01-01T00:00:00.000Z')).status).toBe('imported');
    index = createSearchIndex(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('finds a word of the request in the request tier, whichever way the letter was stored', async () => {
    expect(await cases('Lidoderm')).toEqual(['B:request:Lidoderm', 'B:request:Lidoderm', 'S:request:Lidoderm', 'S:request:Lidoderm']);
    expect(await cases('"gym membership"')).toEqual(['B:request:Gym', 'B:request:Gym', 'S:request:Gym', 'S:request:Gym']);
  });

  it('finds words of the rationale and of the clinical summary outside the request tier, for every item of the letter', async () => {
    const outside = (await cases('neuropathic')).map((h) => h.replace(/:(rationale-or-summary|summary)/, ':elsewhere'));
    expect(outside).toEqual(['B:elsewhere:Gym', 'B:elsewhere:Gym', 'B:elsewhere:Lidoderm', 'B:elsewhere:Lidoderm', 'S:elsewhere:Gym', 'S:elsewhere:Gym', 'S:elsewhere:Lidoderm', 'S:elsewhere:Lidoderm']);
    // "home exercise program": in the gym items' rationale and in every summary.
    expect((await cases('"home exercise program"')).length).toBe(8);
    expect((await cases('"first-line therapy"', { decision: 'Upheld' })).length).toBe(4);
  });

  it('applies a filter the same way to both', async () => {
    expect(await cases('gym', { decision: 'Overturned' })).toEqual(['B:request:Gym', 'S:request:Gym']);
  });
});
