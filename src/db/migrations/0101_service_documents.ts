import type { Kysely } from 'kysely';

/** Documents of a case (medical records, the UR decision): the file as uploaded and its text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('svc_case_documents')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('case_id', 'varchar(40)', (c) => c.notNull().references('svc_cases.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(300)', (c) => c.notNull())
    .addColumn('media_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(40)')
    .execute();
  await db.schema.createIndex('svc_case_documents_case').on('svc_case_documents').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('svc_case_documents').ifExists().execute();
}
