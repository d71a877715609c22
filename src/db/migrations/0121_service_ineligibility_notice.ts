import type { Kysely } from 'kysely';

/**
 * The notice of ineligibility sent to the parties (8 CCR 9792.10.3: the parties are told in
 * writing that the dispute is ineligible, with the reasons), kept as issued with the SHA-256 of
 * its text; and intake's override of an ineligibility for good cause: the eligibility record it
 * creates keeps the reason (free text, never in audit rows) and the record it overrides.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('svc_notices')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('eligibility_id', 'varchar(40)')
    .addColumn('notice', 'text', (c) => c.notNull()) // JSON: the structured notice
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(40)')
    .addColumn('overridden_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('svc_notices_case').on('svc_notices').column('case_id').execute();
  await db.schema.alterTable('svc_eligibility').addColumn('override_reason', 'text').execute();
  await db.schema.alterTable('svc_eligibility').addColumn('overrides_id', 'varchar(40)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('svc_eligibility').dropColumn('overrides_id').execute();
  await db.schema.alterTable('svc_eligibility').dropColumn('override_reason').execute();
  await db.schema.dropTable('svc_notices').ifExists().execute();
}
