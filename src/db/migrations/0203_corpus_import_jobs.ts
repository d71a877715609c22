import type { Kysely } from 'kysely';

/**
 * Upload-import jobs of the corpus (POST /api/corpus/import): their status, progress counts and
 * summary, so a job outlives the process that ran it and any server on the database can report it.
 * No file bytes and no letter content: only counts, the failed files' names and reasons, and the
 * admin who started the job. Timestamps are ISO-8601 text; the summary is JSON text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('corpus_import_jobs')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('requested_by', 'varchar(40)', (c) => c.references('svc_users.id').onDelete('set null'))
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    // Written with every progress write and every few seconds while the job runs; a running job
    // whose heartbeat is old was left by a process that stopped (see ImportJobStore.markInterrupted).
    .addColumn('heartbeat_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('present', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('corpus_import_jobs_started').on('corpus_import_jobs').column('started_at').execute();
  await db.schema.createIndex('corpus_import_jobs_status').on('corpus_import_jobs').columns(['status', 'heartbeat_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corpus_import_jobs').execute();
}
