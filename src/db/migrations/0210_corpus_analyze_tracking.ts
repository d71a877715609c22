import { sql, type Kysely } from 'kysely';

/**
 * When the corpus tables were last analysed, in letters: `letters_at_analyze` (the corpus size the
 * planner statistics describe) and `letters_since_analyze` (letters imported since). An import
 * analyses the tables only once the corpus has grown by a fifth since (see CorpusStore.afterBulkWrites),
 * instead of a VACUUM ANALYZE of the whole corpus after every import. One row (id 1). An existing
 * corpus counts as analysed (every import so far ended with VACUUM ANALYZE).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('corpus_maintenance')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('letters_at_analyze', 'integer', (c) => c.notNull())
    .addColumn('letters_since_analyze', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO corpus_maintenance (id, letters_at_analyze, letters_since_analyze)
    SELECT 1, count(*), 0 FROM corpus_letters`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corpus_maintenance').execute();
}
