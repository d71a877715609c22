import type { Kysely } from 'kysely';

/**
 * The issued letter's structured JSON gets its own SHA-256 (the PDF, HTML and text already had
 * one). Letters issued before this migration keep NULL: hashing them now would bless whatever
 * they hold today, so they read as "unverified" instead.
 * A withdrawn or terminated case keeps the reason in the case row, so the audit log only points
 * at it (free text may hold patient data and stays out of the audit rows).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_letters').addColumn('letter_sha256', 'varchar(64)').execute();
  await db.schema.alterTable('svc_cases').addColumn('close_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_cases').dropColumn('close_reason').execute();
  await db.schema.alterTable('svc_letters').dropColumn('letter_sha256').execute();
}
