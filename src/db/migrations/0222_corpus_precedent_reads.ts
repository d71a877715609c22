import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * SQLite: what a precedent search reads, kept so that its cost does not grow with the corpus
 * (at 1,000,000 letters it was 68 ms p50 / 135 ms p95 against a target of 60 ms p95).
 *
 * `corpus_items_request`, an index of (id, request): the requests of a search's window (its 2,000
 * newest matching items, src/corpus/search/similar-window.ts) are read from this narrow copy, about
 * fifty to a page, instead of from the items' wide rows (each holds its compressed rationale), which
 * took a page read per item once the database outgrew SQLite's page cache.
 *
 * `corpus_peer_counts`, the items of each category, citation family and decision, kept by triggers
 * on corpus_items: the peer group beside the precedents was counted by walking the (category,
 * family, decision) index over every item of the group (220,000 entries for physical therapy at
 * 1,000,000 letters), and a precedent search skips a group without items instead of intersecting
 * the full-text index's long lists of its tags to find it empty. A null category is stored as ''
 * (the request normaliser never names a category ''): a primary key cannot hold NULL in SQLite's
 * WITHOUT ROWID tables.
 *
 * PostgreSQL: nothing (its precedents read the narrow corpus_item_requests table, migration 0208).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await sql`CREATE INDEX corpus_items_request ON corpus_items (id, request)`.execute(db);
  await sql`CREATE TABLE corpus_peer_counts (
      category text NOT NULL, citation_family text NOT NULL, decision text NOT NULL, items integer NOT NULL,
      PRIMARY KEY (category, citation_family, decision)) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO corpus_peer_counts (category, citation_family, decision, items)
    SELECT coalesce(category, ''), citation_family, decision, count(*) FROM corpus_items GROUP BY coalesce(category, ''), citation_family, decision`.execute(db);
  const add = (row: 'new' | 'old', step: number) =>
    sql.raw(`INSERT INTO corpus_peer_counts (category, citation_family, decision, items)
        VALUES (coalesce(${row}.category, ''), ${row}.citation_family, ${row}.decision, ${step})
        ON CONFLICT (category, citation_family, decision) DO UPDATE SET items = items + ${step};`);
  await sql`CREATE TRIGGER corpus_peer_counts_insert AFTER INSERT ON corpus_items BEGIN ${add('new', 1)} END`.execute(db);
  await sql`CREATE TRIGGER corpus_peer_counts_delete AFTER DELETE ON corpus_items BEGIN ${add('old', -1)} END`.execute(db);
  await sql`CREATE TRIGGER corpus_peer_counts_update AFTER UPDATE OF category, citation_family, decision ON corpus_items BEGIN
      ${add('old', -1)} ${add('new', 1)}
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  for (const t of ['insert', 'delete', 'update']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(`corpus_peer_counts_${t}`)}`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_peer_counts`.execute(db);
  await sql`DROP INDEX IF EXISTS corpus_items_request`.execute(db);
}
