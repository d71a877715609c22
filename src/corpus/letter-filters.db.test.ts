import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import type { Letter } from '../letters/model.js';
import { parseFilters } from './filters.js';
import { createSearchIndex, type SearchIndex } from './search/index.js';
import { corpusStats } from './stats.js';
import { CorpusStore } from './store.js';
import { item, letter, record } from './test-support/letters.js';

const WHY = 'There is no documentation of objective functional improvement with prior physical therapy.';

/** A letter with the given case number and dates (injury, received, decision). */
function dated(caseNumber: string, injury: string | null, received: string | null, decision: string, decisionText: 'Upheld' | 'Overturned', specialty = 'Orthopedic Surgery', request = 'Physical therapy 8 sessions for the lumbar spine'): Letter {
  const l = letter([item(request, decisionText, WHY)], { caseNumber, decisionDate: decision, specialty });
  l.header = { ...l.header!, injuryDate: injury, applicationReceived: received };
  l.worker = { ...l.worker, injuryDate: injury };
  return l;
}

describe.each(testDialects())('DWC public search filters on %s', (dialect) => {
  let database: Database;
  let index: SearchIndex;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    index = createSearchIndex(database);
    const store = new CorpusStore(database);
    const letters = [
      dated('CM16-0000101', '2013-05-01', '2016-01-10', '2016-02-01', 'Upheld'),
      dated('CM16-0000102', '2014-03-02', '2016-06-30', '2016-07-20', 'Overturned', 'Chiropractor'),
      dated('CM17-0000103', '2015-12-31', '2016-12-31', '2017-01-31', 'Upheld', 'Chiropractor', 'Chiropractic manipulation 6 visits'),
      dated('CM17-0000104', null, null, '2017-06-01', 'Overturned'),
    ];
    for (const l of letters) await store.insertLetter(record(l), '2026-01-01T00:00:00.000Z');
  });
  afterAll(async () => {
    await database?.close();
  });

  const cases = async (query: string, raw: Parameters<typeof parseFilters>[0]) =>
    (await index.search({ query, filters: parseFilters(raw), limit: 100 })).hits.map((h) => h.caseNumber).sort();

  it('finds a letter by case number, with and without query words', async () => {
    expect(await cases('', { caseNumber: 'cm16-0000102' })).toEqual(['CM16-0000102']);
    expect(await cases('therapy', { caseNumber: 'CM16-0000102' })).toEqual(['CM16-0000102']);
    expect(await cases('therapy', { caseNumber: 'CM16-0000999' })).toEqual([]);
  });

  it('keeps each date range inclusive at both ends and open at either', async () => {
    expect(await cases('', { decisionFrom: '2016-07-20', decisionTo: '2017-01-31' })).toEqual(['CM16-0000102', 'CM17-0000103']);
    expect(await cases('', { injuryTo: '2014-03-02' })).toEqual(['CM16-0000101', 'CM16-0000102']);
    // A letter without a date is outside every range on that date.
    expect(await cases('', { injuryFrom: '2000-01-01' })).toEqual(['CM16-0000101', 'CM16-0000102', 'CM17-0000103']);
    expect(await cases('', { receivedFrom: '2016-06-30', receivedTo: '2016-12-31' })).toEqual(['CM16-0000102', 'CM17-0000103']);
  });

  it('combines the letter filters with query words, outcome and reviewer specialty the same way', async () => {
    expect(await cases('therapy', { receivedFrom: '2016-01-01', decision: 'Overturned' })).toEqual(['CM16-0000102']);
    expect(await cases('therapy OR chiropractic', { specialty: 'chiropractor', decisionFrom: '2017-01-01' })).toEqual(['CM17-0000103']);
    expect(await cases('"physical therapy"', { decisionTo: '2016-12-31', injuryFrom: '2014-01-01' })).toEqual(['CM16-0000102']);
  });

  it('applies the same filters to the statistics', async () => {
    const s = await corpusStats(database.db, database.dialect, { filters: parseFilters({ decisionFrom: '2017-01-01' }), dimensions: ['specialty'] });
    expect({ letters: s.letters, items: s.items, overturned: s.overturned }).toEqual({ letters: 2, items: 2, overturned: 1 });
    expect(s.breakdowns.specialty!.map((r) => r.key).sort()).toEqual(['Chiropractor', 'Orthopedic Surgery']);
  });
});
