import type { Kysely } from 'kysely';

/**
 * What changed in a draft since the reviewer last looked: each item keeps the draft its latest
 * redraft replaced, and each (case, user) the time that user last opened the case.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_case_items').addColumn('previous_draft', 'text').execute();
  await db.schema
    .createTable('svc_case_views')
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('seen_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('svc_case_views_pk', ['case_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('svc_case_views').ifExists().execute();
  await db.schema.alterTable('svc_case_items').dropColumn('previous_draft').execute();
}
