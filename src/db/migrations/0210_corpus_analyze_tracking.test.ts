import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0210_corpus_analyze_tracking.js';

describe.each(testDialects())('migration 0210 (corpus analyze tracking) on %s', (dialect) => {
  it('counts the letters of an existing corpus as analysed', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      for (const h of ['h1', 'h2', 'h3']) {
        await sql`INSERT INTO corpus_letters (content_hash, file_name, layout, reviewer_licensure, clinical_summary, item_count, upheld, overturned, warnings, raw_text, imported_at)
          VALUES (${h}, 'a.txt', 'dwc-2016', '[]', 'summary', 0, 0, 0, '[]', '', '2026-01-01')`.execute(db);
      }
      await up(db);
      const rows = await sql<{ at: number; since: number }>`SELECT letters_at_analyze AS at, letters_since_analyze AS since FROM corpus_maintenance`.execute(db);
      expect(rows.rows.map((r) => [Number(r.at), Number(r.since)])).toEqual([[3, 0]]);
    } finally {
      await database.close();
    }
  });
});
