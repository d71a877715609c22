import type { Kysely } from 'kysely';

/**
 * The determination as mailed to the parties: one row per issued letter version, beside the
 * letter (svc_letters), with the cover's data (letterhead, date, addressees, claim number) as JSON
 * and the rendered text, HTML and PDF, each with its SHA-256 recorded at issue and checked on every
 * read. Letters issued before this migration have no mailed letter (no row).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('svc_letter_mailings')
    .addColumn('letter_id', 'varchar(40)', (c) => c.primaryKey().references('svc_letters.id').onDelete('cascade'))
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('mailing', 'text', (c) => c.notNull())
    .addColumn('mailing_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('html_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('pdf_base64', 'text', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('svc_letter_mailings_case').on('svc_letter_mailings').columns(['case_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('svc_letter_mailings').ifExists().execute();
}
