import type { Kysely } from 'kysely';

/**
 * Appeals of issued determinations to the WCAB (LC 4610.6(h)) and the board's outcome.
 * An appeal names the letter version it appeals, its grounds (JSON array of the five ground codes),
 * the facts said to be wrong (free text: it may name the patient, so the audit rows only point
 * here), the filing date, the WCAB case number when known, and whether it was filed after the
 * appeal period (recorded with a warning, never refused: the board decides timeliness).
 * A remand opens a new case; `remand_case_id` links the appeal to it, which links both ways
 * (the original case has the appeal; the new case is found by this column).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('svc_appeals')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('letter_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('letter_version', 'integer', (c) => c.notNull())
    .addColumn('grounds', 'text', (c) => c.notNull()) // JSON: ground codes
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wcab_case_number', 'varchar(40)')
    .addColumn('recorded_by', 'varchar(40)')
    .addColumn('recorded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)')
    .addColumn('outcome_on', 'varchar(10)')
    .addColumn('outcome_by', 'varchar(40)')
    .addColumn('outcome_at', 'varchar(30)')
    .addColumn('remand_case_id', 'varchar(40)', (c) => c.references('svc_cases.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('svc_appeals_case').on('svc_appeals').column('case_id').execute();
  await db.schema.createIndex('svc_appeals_remand_case').on('svc_appeals').column('remand_case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('svc_appeals').ifExists().execute();
}
