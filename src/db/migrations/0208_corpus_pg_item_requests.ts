import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * PostgreSQL: a narrow table of the items' requests (tsvector, category and citation family) with
 * its own GIN index, the counterpart of SQLite's requests-only FTS5 index (0204). The first search
 * tier and the precedent candidates are read from it: its rows are a few dozen bytes, so ordering
 * thousands of candidates by id reads a few pages instead of the wide item rows. Replaces the
 * expression index on the items' requests.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgresDb(db)) return;
  await sql`CREATE TABLE corpus_item_requests (
      item_id integer PRIMARY KEY REFERENCES corpus_items(id) ON DELETE CASCADE,
      category varchar(60),
      citation_family varchar(20) NOT NULL,
      request_vector tsvector NOT NULL)`.execute(db);
  await sql`INSERT INTO corpus_item_requests (item_id, category, citation_family, request_vector)
    SELECT id, category, citation_family, to_tsvector('english', request) FROM corpus_items`.execute(db);
  await sql`CREATE INDEX corpus_item_requests_search ON corpus_item_requests USING GIN (request_vector)`.execute(db);
  await sql`CREATE INDEX corpus_item_requests_group ON corpus_item_requests (category, citation_family)`.execute(db);
  await sql`DROP INDEX IF EXISTS corpus_items_request_search`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgresDb(db)) return;
  await sql`CREATE INDEX corpus_items_request_search ON corpus_items USING GIN (to_tsvector('english', request))`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_item_requests`.execute(db);
}
