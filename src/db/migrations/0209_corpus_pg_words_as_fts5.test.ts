import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0209_corpus_pg_words_as_fts5.js';

/** A letter and its item stored as before this migration (PostgreSQL's 'english' vectors). */
async function storeOldStyle(db: Kysely<unknown>): Promise<void> {
  const letter = await sql<{ id: number }>`INSERT INTO corpus_letters (content_hash, file_name, layout, reviewer_licensure, clinical_summary, item_count,
      upheld, overturned, warnings, raw_text, imported_at)
    VALUES ('h1', 'a.txt', 'dwc-2016', '[]', 'There is no documentation of a fall.', 1, 1, 0, '[]', '', '2026-01-01') RETURNING id`.execute(db);
  const letterId = letter.rows[0].id;
  const itemRow = await sql<{ id: number }>`INSERT INTO corpus_items (letter_id, position, request, decision, ca_source, ca_raw, ca_cited_evidence,
      citation_family, citation_sections, citation_raw, rationale, search_vector)
    VALUES (${letterId}, 0, 'Chiropractic/physiotherapy 6 sessions', 'Upheld', 'NONE', '', 0, 'MTUS-CPMTG', '[]', '', 'Not necessary.',
      setweight(to_tsvector('english', 'Chiropractic/physiotherapy 6 sessions'), 'A') || setweight(to_tsvector('english', 'Not necessary.'), 'B') ||
      setweight((SELECT summary_vector FROM corpus_letters WHERE id = ${letterId}), 'C')) RETURNING id`.execute(db);
  await sql`INSERT INTO corpus_item_requests (item_id, category, citation_family, request_vector)
    VALUES (${itemRow.rows[0].id}, NULL, 'MTUS-CPMTG', to_tsvector('english', 'Chiropractic/physiotherapy 6 sessions'))`.execute(db);
}

describe.each(testDialects().filter((d) => d === 'postgres'))('migration 0209 (PostgreSQL reads words as FTS5) on %s', (dialect) => {
  it('rebuilds the stored vectors of an existing corpus: a word joined by a slash and a stopword are found', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      await storeOldStyle(db);
      const count = async (vectorSql: string, query: string) =>
        Number((await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id JOIN corpus_item_requests r ON r.item_id = i.id
          WHERE ${sql.raw(vectorSql)} @@ ${sql.raw(query)}`.execute(db)).rows[0].n);
      expect(await count('i.search_vector', `websearch_to_tsquery('english', 'chiropractic')`)).toBe(0);
      await up(db);
      expect(await count('i.search_vector', `websearch_to_tsquery('corpus_fts', 'chiropractic')`)).toBe(1);
      expect(await count('r.request_vector', `websearch_to_tsquery('corpus_fts', 'physiotherapy')`)).toBe(1);
      expect(await count('l.summary_vector', `websearch_to_tsquery('corpus_fts', '"no documentation"')`)).toBe(1);
      expect(await count('l.summary_vector', `websearch_to_tsquery('corpus_fts', '"is documentation"')`)).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe('migration 0209 on sqlite', () => {
  // SQLite's FTS5 index is the reference the migration brings PostgreSQL to: there it changes nothing.
  it('leaves the schema and the stored rows as they are', async () => {
    const database = await openTestDatabase('sqlite');
    const db = database.db as unknown as Kysely<unknown>;
    try {
      const schema = async () => (await sql<{ name: string; sql: string | null }>`SELECT name, sql FROM sqlite_master ORDER BY name`.execute(db)).rows;
      const before = await schema();
      await down(db);
      await up(db);
      expect(await schema()).toEqual(before);
      expect(before.some((t) => t.name === 'corpus_items')).toBe(true);
    } finally {
      await database.close();
    }
  });
});
