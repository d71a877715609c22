import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { readCorpusLetter, readCorpusLetterText } from './letter-view.js';
import { findPrecedents } from './precedents.js';
import { createSearchIndex } from './search/index.js';
import { CorpusStore } from './store.js';
import { item, letter, record } from './test-support/letters.js';

const SUMMARY = `${'The injured worker is a 52 year old female with chronic low back pain after lifting boxes at work. '.repeat(6)}She reports numbness of the left foot — café au lait spots noted.`;
const RATIONALE = `${'The guidelines support up to 6 visits of chiropractic care with objective functional improvement. '.repeat(5)}There is no documentation of a home exercise program.`;

describe.each(testDialects())('the corpus texts as stored on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  let letterId: number;
  const rec = record(letter([item('Chiropractic care 6 visits for the lumbar spine', 'Upheld', RATIONALE), item('Norco 10/325 mg #60', 'Upheld', 'Not medically necessary.')], { summary: SUMMARY }));

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
    // Two batches: the multi-row statements of a batch and the letter-by-letter path.
    const other = record(letter([item('Acupuncture 6 sessions', 'Overturned', RATIONALE)], { summary: SUMMARY, caseNumber: 'CM16-0000002' }));
    const outcomes = await store.insertLetters([rec, other], '2026-01-01T00:00:00.000Z');
    letterId = (outcomes[0] as { letterId: number }).letterId;
    expect((await store.insertLetter(record(letter([item('MRI of the lumbar spine', 'Upheld', RATIONALE)], { summary: SUMMARY, caseNumber: 'CM16-0000003' })), '2026-01-01T00:00:00.000Z')).status).toBe('imported');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores the long texts compressed on SQLite, as text on PostgreSQL, the short ones as text', async () => {
    const types = await sql<{ raw: string; summary: string; rationale: string }>`SELECT ${sql.raw(dialect === 'sqlite' ? 'typeof(l.raw_text)' : 'pg_typeof(l.raw_text)::text')} AS raw,
        ${sql.raw(dialect === 'sqlite' ? 'typeof(l.clinical_summary)' : 'pg_typeof(l.clinical_summary)::text')} AS summary,
        ${sql.raw(dialect === 'sqlite' ? 'typeof(i.rationale)' : 'pg_typeof(i.rationale)::text')} AS rationale
      FROM corpus_letters l JOIN corpus_items i ON i.letter_id = l.id WHERE l.id = ${letterId} ORDER BY i.position`.execute(store.db);
    expect(types.rows).toEqual(
      dialect === 'sqlite'
        ? [{ raw: 'blob', summary: 'blob', rationale: 'blob' }, { raw: 'blob', summary: 'blob', rationale: 'text' }]
        : [{ raw: 'text', summary: 'text', rationale: 'text' }, { raw: 'text', summary: 'text', rationale: 'text' }],
    );
  });

  it('reads back the letter, its items and its whole text as imported', async () => {
    const view = await readCorpusLetter(store.db, letterId);
    expect(view.clinicalSummary).toBe(SUMMARY);
    expect(view.items.map((i) => i.rationale)).toEqual([RATIONALE, 'Not medically necessary.']);
    expect(await readCorpusLetterText(store.db, letterId)).toBe(rec.rawText);
    await expect(readCorpusLetterText(store.db, 999_999)).rejects.toMatchObject({ code: 'IMR_ERR_NOT_FOUND' });
  });

  it('makes snippets from the rationale and from the clinical summary, and precedents read the facts', async () => {
    const index = createSearchIndex(database);
    const inRationale = await index.search({ query: '"home exercise program"' });
    expect(inRationale.total).toBe(3);
    expect(inRationale.hits[0].snippet).toContain('There is no documentation of a home exercise program.');
    const inSummary = await index.search({ query: '"café au lait"' });
    expect(inSummary.total).toBe(4);
    expect(inSummary.hits.every((h) => h.snippet.includes('café au lait spots noted'))).toBe(true);
    const found = await findPrecedents(index, { request: 'Chiropractic care 8 visits', category: 'chiropractic', facts: 'chronic low back pain after lifting boxes', limit: 5 });
    expect(found.precedents[0].request).toBe('Chiropractic care 6 visits for the lumbar spine');
    expect(found.precedents[0].snippet).toMatch(/^The guidelines support up to 6 visits/);
  });
});
