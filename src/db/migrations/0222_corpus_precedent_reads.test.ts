import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findPrecedents } from '../../corpus/precedents.js';
import { createSearchIndex } from '../../corpus/search/index.js';
import { CorpusStore } from '../../corpus/store.js';
import { citation, item, letter, record } from '../../corpus/test-support/letters.js';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0222_corpus_precedent_reads.js';

const CHIRO = citation('MTUS-CPMTG', 'Manual Therapy and Manipulation');
const chiro = (request: string, decision: 'Upheld' | 'Overturned') => letter([item(request, decision, 'No functional improvement is documented.', { reviewerGuideline: CHIRO })]);

describe.each(testDialects())('migration 0222 (what a precedent search reads) on %s', (dialect) => {
  it('counts an existing corpus peer group and keeps the count as letters are imported and deleted', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    const store = new CorpusStore(database);
    const index = createSearchIndex(database);
    const peers = async () => (await findPrecedents(index, { request: 'chiropractic lumbar spine', category: 'chiropractic', citationFamily: 'MTUS-CPMTG' })).peerGroup;
    try {
      await store.insertLetter(record(chiro('Chiropractic 6 visits lumbar spine', 'Upheld')), '2026-01-01T00:00:00.000Z');
      // Items imported before the migration are counted when it runs.
      await down(db);
      await store.insertLetter(record(chiro('Chiropractic 8 visits lumbar spine', 'Overturned')), '2026-01-01T00:00:00.000Z');
      await store.insertLetter(record(letter([item('Acupuncture 6 sessions', 'Upheld', 'Not supported.')])), '2026-01-01T00:00:00.000Z');
      await up(db);
      expect(await peers()).toMatchObject({ items: 2, upheld: 1, overturned: 1 });
      // Then kept by the import and by deletions (a letter's items go with it).
      const third = record(chiro('Chiropractic 12 visits cervical spine', 'Upheld'));
      await store.insertLetter(third, '2026-01-01T00:00:00.000Z');
      expect(await peers()).toMatchObject({ items: 3, upheld: 2, overturned: 1 });
      await sql`DELETE FROM corpus_letters WHERE content_hash = ${third.contentHash}`.execute(db);
      expect(await peers()).toMatchObject({ items: 2, upheld: 1, overturned: 1 });
      // The uncategorised item is its own peer group (category null), under any citation.
      expect(await index.peerCounts(null, null)).toEqual({ items: 1, upheld: 1, overturned: 0 });
      // The deleted letter's item is no precedent any more (the acupuncture item shares no word with the request).
      const precedents = await findPrecedents(index, { request: 'chiropractic visits lumbar spine', category: 'chiropractic', citationFamily: 'MTUS-CPMTG' });
      expect(precedents.precedents.map((p) => p.request).sort()).toEqual(['Chiropractic 6 visits lumbar spine', 'Chiropractic 8 visits lumbar spine']);
      if (dialect === 'sqlite') {
        const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT i.request FROM corpus_items i INDEXED BY corpus_items_request WHERE i.id = 1`.execute(db);
        expect(plan.rows.map((r) => r.detail).join(' ')).toMatch(/COVERING INDEX corpus_items_request/);
      }
    } finally {
      await database.close();
    }
  });
});
