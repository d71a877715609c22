import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0160_service_appeals.js';

describe.each(testDialects())('migration 0160 (WCAB appeals) on %s', (dialect) => {
  it('goes down and up again on a migrated database, the appeals table present and empty', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      await down(db);
      await expect(sql`select id from svc_appeals`.execute(db)).rejects.toThrow();
      await up(db);
      const rows = await sql<{ id: string }>`select id, grounds, facts, filed_on, due_on, late, outcome, remand_case_id from svc_appeals`.execute(db);
      expect(rows.rows).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
