import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { CorpusStore } from '../store.js';
import { item, letter, record } from '../test-support/letters.js';
import { createSearchIndex } from './index.js';
import type { SearchIndex, SearchRequest } from './port.js';

const NO_DOC = 'There is no documentation of functional improvement with prior care. Not medically necessary.';
const DOC = 'There is documentation of functional improvement with prior care; the request is medically necessary.';

/**
 * A fixed set of letters whose words the two engines used to read differently (PostgreSQL's parser
 * kept "chiropractic/physiotherapy" and "hydrocodone/APAP" as one token, dropped stopwords such as
 * "no", and stemmed by Porter2 where FTS5 uses Porter), searched with the filters of the bench's
 * query that counted differently. Every figure below is the same on SQLite and PostgreSQL.
 */
function fixedLetters() {
  const out = [];
  for (let n = 0; n < 12; n++) {
    const year = n % 3 === 0 ? 2017 : 2016;
    const decision = n % 4 === 0 ? 'Overturned' : 'Upheld';
    out.push(
      letter(
        [
          item(n % 2 === 0 ? `Chiropractic/physiotherapy ${n + 1} sessions for the cervical spine` : `Physical therapy ${n + 1} visits for the lumbar spine`, decision, n % 2 === 0 ? NO_DOC : DOC),
          item('Hydrocodone/APAP 10/325 mg #60', 'Upheld', 'Opioids are not recommended without documented pain relief; the patient was dying to return to work.'),
        ],
        {
          caseNumber: `CM${year - 2000}-00001${String(n).padStart(2, '0')}`,
          decisionDate: `${year}-0${(n % 9) + 1}-15`,
          summary: n % 3 === 1 ? `Injured at work lifting boxes; chiropractic care to date (letter ${n}).` : `Injured at work in a fall (letter ${n}).`,
        },
      ),
    );
  }
  return out;
}

describe.each(testDialects())('the same hits on both engines, on %s', (dialect) => {
  let database: Database;
  let index: SearchIndex;
  const total = async (req: SearchRequest) => (await index.search({ limit: 100, ...req })).total;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const store = new CorpusStore(database);
    const outcomes = await store.insertLetters(fixedLetters().map((l) => record(l)), '2026-01-01T00:00:00.000Z');
    expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
    index = createSearchIndex(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('counts a word joined to another by a slash, with and without the filters that differed', async () => {
    // 6 chiropractic/physiotherapy items, and the items of the 4 letters whose summary names chiropractic care.
    expect(await total({ query: 'chiropractic' })).toBe(6 + 4 * 2 - 2);
    expect(await total({ query: 'chiropractic', filters: { decision: 'Upheld', year: 2016 } })).toBe(8);
    expect(await total({ query: 'physiotherapy', filters: { decision: 'Upheld' } })).toBe(3);
    expect(await total({ query: 'APAP' })).toBe(12);
    expect(await total({ query: '"10 325"' })).toBe(12);
  });

  it('keeps every word of a phrase (no stopwords) and stems by Porter', async () => {
    expect(await total({ query: '"no documentation"' })).toBe(6);
    expect(await total({ query: '"documentation of functional improvement"' })).toBe(12);
    expect(await total({ query: '"is documentation"' })).toBe(6);
    // Porter: "dying" is "dy", not "die".
    expect(await total({ query: 'die' })).toBe(0);
    expect(await total({ query: 'dying' })).toBe(12);
  });

  it('gives every hit of a page a snippet of its own item or letter, marking the matched words', async () => {
    const page = await index.search({ query: 'chiropractic', limit: 5, offset: 5 });
    expect(page.hits).toHaveLength(5);
    for (const hit of page.hits) {
      const words = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
      expect(words.length).toBeGreaterThan(0);
      expect(words.every((w) => w === 'chiropractic')).toBe(true);
      if (hit.matchedIn === 'request') expect(hit.snippet).toContain(hit.request.replace(/\s+/g, ' '));
      else {
        // Matched in the letter's summary: the passage names that letter.
        const n = Number(/letter (\d+)/.exec(hit.snippet)?.[1]);
        expect(hit.caseNumber).toMatch(new RegExp(`-00001${String(n).padStart(2, '0')}$`));
      }
    }
  });
});
