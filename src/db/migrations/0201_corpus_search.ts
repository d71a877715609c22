import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Full-text search over the corpus items. SQLite: a self-contained FTS5 table (rowid = item id;
 * columns request, rationale and facts, the letter's clinical summary), Porter-stemmed.
 * PostgreSQL: the items carry the facts and a generated, weighted tsvector with a GIN index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`ALTER TABLE corpus_items ADD COLUMN facts text NOT NULL DEFAULT ''`.execute(db);
    await sql`ALTER TABLE corpus_items ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('english', coalesce(request, '')), 'A') ||
      setweight(to_tsvector('english', coalesce(rationale, '')), 'B') ||
      setweight(to_tsvector('english', coalesce(facts, '')), 'C')) STORED`.execute(db);
    await sql`CREATE INDEX corpus_items_search ON corpus_items USING GIN (search_vector)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
    // Deleting an item (or its letter, by cascade) removes its search entry.
    await sql`CREATE TRIGGER corpus_items_fts_delete AFTER DELETE ON corpus_items BEGIN
      DELETE FROM corpus_items_fts WHERE rowid = old.id;
    END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`DROP INDEX IF EXISTS corpus_items_search`.execute(db);
    await sql`ALTER TABLE corpus_items DROP COLUMN search_vector, DROP COLUMN facts`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(db);
    await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(db);
  }
}
