import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0215_corpus_letter_search_dates.js';

describe.each(testDialects())('migration 0215 (corpus letter search dates) on %s', (dialect) => {
  it('adds the received date (empty for letters stored before) and goes down and up again', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      await sql`INSERT INTO corpus_letters (content_hash, file_name, layout, case_number, reviewer_licensure, clinical_summary, item_count, upheld, overturned, warnings, raw_text, imported_at)
        VALUES ('h1', 'a.txt', 'dwc-2016', 'CM16-0000001', '[]', 'summary', 0, 0, 0, '[]', '', '2026-01-01')`.execute(db);
      await up(db);
      const rows = await sql<{ case_number: string; received_date: string | null }>`SELECT case_number, received_date FROM corpus_letters`.execute(db);
      expect(rows.rows).toEqual([{ case_number: 'CM16-0000001', received_date: null }]);
    } finally {
      await database.close();
    }
  });
});
