import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * SQLite: the FTS5 table gains a `tags` column of filter tokens (decision, year, priority,
 * category, citation family), so filtered searches intersect posting lists instead of looking up
 * every match's row. Rebuilt from the stored items. PostgreSQL: nothing to do (its filters use
 * B-tree indexes beside the GIN index).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tags, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags)
    SELECT i.id, i.request, i.rationale, l.clinical_summary,
      'xdec' || lower(i.decision) || ' xyear' || coalesce(i.year, 'none') || ' xprio' || lower(coalesce(i.priority, 'none')) ||
      ' xcat' || replace(lower(coalesce(i.category, 'none')), '_', '') || ' xfam' || replace(lower(i.citation_family), '-', '')
    FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id`.execute(db);
  await sql`CREATE TRIGGER corpus_items_fts_delete AFTER DELETE ON corpus_items BEGIN
      DELETE FROM corpus_items_fts WHERE rowid = old.id;
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
  await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts)
    SELECT i.id, i.request, i.rationale, l.clinical_summary FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id`.execute(db);
  await sql`CREATE TRIGGER corpus_items_fts_delete AFTER DELETE ON corpus_items BEGIN
      DELETE FROM corpus_items_fts WHERE rowid = old.id;
    END`.execute(db);
}
