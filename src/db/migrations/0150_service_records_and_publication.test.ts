import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0150_service_records_and_publication.js';

describe.each(testDialects())('migration 0150 (itemised records, publications) on %s', (dialect) => {
  it('goes down and up again on a migrated database, the new columns present and empty', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      await up(db);
      const docs = await sql<{ withdrawn_at: string | null }>`select withdrawn_at from svc_case_documents`.execute(db);
      expect(docs.rows).toEqual([]);
      const cols = await sql<{ publication: string | null }>`select publication, publication_sha256 from svc_letters`.execute(db);
      expect(cols.rows).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
