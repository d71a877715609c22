import { sql, type Kysely } from 'kysely';

/** API tokens issued before expiry existed get this lifetime from their creation (the default for new ones). */
const BACKFILL_TOKEN_DAYS = 90;

/**
 * Sessions remember when they were last used (the idle timeout ends a session nobody uses), and
 * API tokens get an expiry. Tokens created before this migration expire 90 days after they were
 * created rather than never (a token that never expires was the defect); sessions without a
 * last-use time count from their creation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_sessions').addColumn('last_seen_at', 'varchar(30)').execute();
  await db.schema.alterTable('svc_api_tokens').addColumn('expires_at', 'varchar(30)').execute();
  await db.schema.createIndex('svc_sessions_expires').on('svc_sessions').column('expires_at').execute();
  const rows = await sql<{ id: string; created_at: string }>`select id, created_at from svc_api_tokens where expires_at is null`.execute(db);
  for (const r of rows.rows) {
    const created = Date.parse(r.created_at);
    const expires = new Date((Number.isNaN(created) ? Date.now() : created) + BACKFILL_TOKEN_DAYS * 86_400_000).toISOString();
    await sql`update svc_api_tokens set expires_at = ${expires} where id = ${r.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('svc_sessions_expires').execute();
  await db.schema.alterTable('svc_api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('svc_sessions').dropColumn('last_seen_at').execute();
}
