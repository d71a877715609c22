import type { Kysely } from 'kysely';

/**
 * Itemised records and the publication.
 * A document filed by mistake is withdrawn, never deleted: it keeps its bytes and text and records who
 * withdrew it, when and why (the reason is free text and stays out of the audit rows, which point here).
 * A record may state its date of service and author or facility, which DOCUMENTS REVIEWED lists.
 * Each issued letter gets its publication (the redacted letter DWC posts) with what was removed and
 * the publication's SHA-256; letters issued before this migration have none (NULL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_case_documents').addColumn('withdrawn_at', 'varchar(30)').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('withdrawn_by', 'varchar(40)').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('withdrawal_reason', 'text').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('service_date', 'varchar(10)').execute();
  await db.schema.alterTable('svc_case_documents').addColumn('author', 'varchar(300)').execute();
  await db.schema.createIndex('svc_case_documents_case_sha').on('svc_case_documents').columns(['case_id', 'sha256']).execute();
  await db.schema.alterTable('svc_letters').addColumn('publication', 'text').execute();
  await db.schema.alterTable('svc_letters').addColumn('publication_sha256', 'varchar(64)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_letters').dropColumn('publication_sha256').execute();
  await db.schema.alterTable('svc_letters').dropColumn('publication').execute();
  await db.schema.dropIndex('svc_case_documents_case_sha').ifExists().execute();
  for (const c of ['author', 'service_date', 'withdrawal_reason', 'withdrawn_by', 'withdrawn_at']) await db.schema.alterTable('svc_case_documents').dropColumn(c).execute();
}
