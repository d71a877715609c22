import { PostgresAdapter, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Saved corpus searches: a name, the query text and its filters (JSON, as parseFilters returns
 * them), and `last_item_id`, the newest corpus item when the search was saved or last reported, so
 * that after an import the letters it matches anew can be told apart from those seen before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgresDb(db);
  await db.schema
    .createTable('corpus_saved_searches')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('last_item_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('checked_at', 'varchar(30)')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corpus_saved_searches').execute();
}
