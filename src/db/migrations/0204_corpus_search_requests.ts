import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A second, small full-text index of the items' requests alone, so the best relevance tier ("the
 * query matches the request") is read from posting lists of a few words per item instead of
 * checking, in the full index, the positions of every item that holds the query's words anywhere.
 * SQLite: an FTS5 table of the requests (with the same filter tags), rebuilt from the stored items.
 * PostgreSQL: a GIN index on the request's own tsvector.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`CREATE INDEX corpus_items_request_search ON corpus_items USING GIN (to_tsvector('english', request))`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE corpus_requests_fts USING fts5(request, tags, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) SELECT rowid, request, tags FROM corpus_items_fts`.execute(db);
  await sql`CREATE TRIGGER corpus_requests_fts_delete AFTER DELETE ON corpus_items BEGIN
      DELETE FROM corpus_requests_fts WHERE rowid = old.id;
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`DROP INDEX IF EXISTS corpus_items_request_search`.execute(db);
    return;
  }
  await sql`DROP TRIGGER IF EXISTS corpus_requests_fts_delete`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_requests_fts`.execute(db);
}
