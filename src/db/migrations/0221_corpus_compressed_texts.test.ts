import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readCorpusLetter, readCorpusLetterText } from '../../corpus/letter-view.js';
import type { CorpusTables } from '../../corpus/schema.js';
import { createSearchIndex } from '../../corpus/search/index.js';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0221_corpus_compressed_texts.js';

const SUMMARY = `${'The injured worker is a 52 year old female with chronic low back pain after lifting boxes. '.repeat(5)}Café visits noted.`;
const RATIONALE = `${'The guidelines support up to 6 visits of chiropractic care with objective functional improvement. '.repeat(4)}There is no documentation of a home exercise program.`;
const RAW = `Case Number: CM16-0000001\nCLINICAL CASE SUMMARY\n${SUMMARY}\nIMR ISSUES, DECISIONS AND RATIONALES\n${RATIONALE}`;

/** A letter and its two items stored as before this migration (migration 0206's layout: texts as text, the filter tags on the item). */
async function storeOldStyle(db: Kysely<unknown>, caseNumber: string): Promise<number> {
  const letter = await sql<{ id: number }>`INSERT INTO corpus_letters (content_hash, file_name, layout, case_number, reviewer_licensure, clinical_summary, item_count,
      upheld, overturned, warnings, raw_text, imported_at)
    VALUES (${caseNumber}, 'a.txt', 'dwc-2016', ${caseNumber}, '[]', ${SUMMARY}, 2, 2, 0, '[]', ${RAW}, '2026-01-01') RETURNING id`.execute(db);
  const letterId = Number(letter.rows[0].id);
  const items: Array<[string, string]> = [['Chiropractic care 6 visits', RATIONALE], ['Norco 10/325 mg #60', 'Not medically necessary.']];
  for (const [position, [request, rationale]] of items.entries()) {
    const tags = 'xdecupheld xyear2016 xprionone xcatnone xfammtuscpmtg';
    const row = await sql<{ id: number }>`INSERT INTO corpus_items (letter_id, position, request, decision, ca_source, ca_raw, ca_cited_evidence,
        citation_family, citation_sections, citation_raw, rationale, year, search_tags)
      VALUES (${letterId}, ${position}, ${request}, 'Upheld', 'NONE', '', 0, 'MTUS-CPMTG', '[]', '', ${rationale}, 2016, ${tags}) RETURNING id`.execute(db);
    const id = Number(row.rows[0].id);
    await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags) VALUES (${id}, ${request}, ${rationale}, ${SUMMARY}, ${tags})`.execute(db);
    await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) VALUES (${id}, ${request}, ${tags})`.execute(db);
  }
  return letterId;
}

describe.each(testDialects().filter((d) => d === 'sqlite'))('migration 0221 (corpus texts compressed, contentless search indexes) on %s', (dialect) => {
  it('converts an existing corpus in place: the same texts and the same hits, entries deleted with their rows; and goes down and up again', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    const corpus = database.db as unknown as Kysely<CorpusTables>;
    const index = createSearchIndex(database);
    const searches = async () =>
      Promise.all(['"home exercise program"', 'café', 'norco', 'chiropractic'].map(async (query) => (await index.search({ query, filters: { year: 2016 } })).hits.map((h) => [h.itemId, h.snippet, h.matchedIn])));
    const types = async () => (await sql<{ t: string }>`SELECT typeof(raw_text) || ' ' || typeof(clinical_summary) AS t FROM corpus_letters UNION ALL
      SELECT typeof(rationale) FROM corpus_items`.execute(db)).rows.map((r) => r.t);
    try {
      await down(db);
      const first = await storeOldStyle(db, 'CM16-0000001');
      const second = await storeOldStyle(db, 'CM16-0000002');
      const before = await searches();
      expect(before[0]).toHaveLength(2);
      expect(await types()).toEqual(['text text', 'text text', 'text', 'text', 'text', 'text']);

      // A failure half-way (here: writing the compressed rationales) leaves the corpus as it was.
      await sql`CREATE TRIGGER t_fail BEFORE UPDATE ON corpus_items BEGIN SELECT RAISE(ABORT, 'failing on purpose'); END`.execute(db);
      await expect(up(db)).rejects.toThrow(/failing on purpose/);
      await sql`DROP TRIGGER t_fail`.execute(db);
      expect(await types()).toEqual(['text text', 'text text', 'text', 'text', 'text', 'text']);
      expect((await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items WHERE search_tags <> ''`.execute(db)).rows[0].n).toBe(4);
      expect(await searches()).toEqual(before);
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(db);

      await up(db);
      // The long texts are compressed, the short rationale stays text; everything reads back the same.
      expect(await types()).toEqual(['blob blob', 'blob blob', 'blob', 'text', 'blob', 'text']);
      const view = await readCorpusLetter(corpus, first);
      expect([view.clinicalSummary, ...view.items.map((i) => i.rationale)]).toEqual([SUMMARY, RATIONALE, 'Not medically necessary.']);
      expect(await readCorpusLetterText(corpus, first)).toBe(RAW);
      expect(await searches()).toEqual(before);
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(db);
      const columns = (await sql<{ name: string }>`SELECT name FROM pragma_table_info('corpus_items')`.execute(db)).rows.map((r) => r.name);
      expect(columns).not.toContain('search_tags');

      // Deleting a letter removes its items' entries from both indexes (by cascade).
      await sql`DELETE FROM corpus_letters WHERE id = ${second}`.execute(db);
      const entries = async (table: string) => (await sql<{ id: number }>`SELECT id FROM ${sql.table(table)} ORDER BY id`.execute(db)).rows.map((r) => Number(r.id));
      const items = (await sql<{ id: number }>`SELECT id FROM corpus_items ORDER BY id`.execute(db)).rows.map((r) => Number(r.id));
      expect(items).toHaveLength(2);
      expect(await entries('corpus_items_fts_docsize')).toEqual(items);
      expect(await entries('corpus_requests_fts_docsize')).toEqual(items);
      const remaining = before.map((hits) => hits.filter(([id]) => items.includes(id as number)));
      expect(await searches()).toEqual(remaining);

      await down(db);
      expect(await types()).toEqual(['text text', 'text', 'text']);
      expect((await sql<{ t: string }>`SELECT search_tags AS t FROM corpus_items ORDER BY id`.execute(db)).rows.map((r) => r.t)).toEqual([
        'xdecupheld xyear2016 xprionone xcatnone xfammtuscpmtg',
        'xdecupheld xyear2016 xprionone xcatnone xfammtuscpmtg',
      ]);
      expect(await readCorpusLetterText(corpus, first)).toBe(RAW);
      expect(await searches()).toEqual(remaining);
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(db);
      await up(db);
      expect(await searches()).toEqual(remaining);
      expect(await readCorpusLetterText(corpus, first)).toBe(RAW);
    } finally {
      await database.close();
    }
  });
});
