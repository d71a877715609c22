import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/dialects.js';
import { down, up } from './0103_service_auth_expiry.js';

describe.each(testDialects())('migration 0103 (session last use, token expiry) on %s', (dialect) => {
  it('gives API tokens made before it an expiry 90 days after their creation, not never', async () => {
    const database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    try {
      // Back to the schema before 0103, with a user and a token made then.
      await down(db);
      await sql`insert into svc_users (id, username, display_name, role, active, created_at) values ('u1', 'pat', 'Pat', 'intake', 1, '2024-01-01T00:00:00.000Z')`.execute(db);
      await sql`insert into svc_api_tokens (id, token_hash, user_id, name, created_at) values ('t1', 'hash', 'u1', 'old', '2024-01-10T12:00:00.000Z')`.execute(db);
      await up(db);
      const rows = await sql<{ expires_at: string }>`select expires_at from svc_api_tokens where id = 't1'`.execute(db);
      expect(rows.rows[0]!.expires_at).toBe('2024-04-09T12:00:00.000Z');
    } finally {
      await database.close();
    }
  });
});
