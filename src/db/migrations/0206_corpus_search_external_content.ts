import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

/**
 * SQLite: the items' full-text index stops keeping its own copy of the text it indexes (request,
 * rationale and, once per item, the letter's clinical summary: a third of the database at 200,000
 * letters). It becomes an external-content FTS5 table over a view of the stored rows; snippets read
 * the text from the view. The filter tags it indexes are kept on the item (`search_tags`), copied
 * from the old index, so deleting an entry can name exactly what was indexed. Entries are removed
 * before their rows go: a letter's with the letter (its summary is still there), an item's with the
 * item; each only while the entry exists, so a cascade never removes one twice. PostgreSQL: nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await sql`ALTER TABLE corpus_items ADD COLUMN search_tags text NOT NULL DEFAULT ''`.execute(db);
  await sql`UPDATE corpus_items SET search_tags = coalesce((SELECT f.tags FROM corpus_items_fts f WHERE f.rowid = corpus_items.id), '')`.execute(db);
  await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(db);
  await sql`DROP TABLE corpus_items_fts`.execute(db);
  await sql`CREATE VIEW corpus_items_search_source AS
    SELECT i.id AS id, i.request AS request, i.rationale AS rationale, l.clinical_summary AS facts, i.search_tags AS tags
    FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id`.execute(db);
  await sql.raw(`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tags,
    content = 'corpus_items_search_source', content_rowid = 'id', ${TOKENIZE})`).execute(db);
  await sql`INSERT INTO corpus_items_fts (corpus_items_fts) VALUES ('rebuild')`.execute(db);
  await sql`CREATE TRIGGER corpus_letters_fts_delete BEFORE DELETE ON corpus_letters BEGIN
      INSERT INTO corpus_items_fts (corpus_items_fts, rowid, request, rationale, facts, tags)
        SELECT 'delete', i.id, i.request, i.rationale, old.clinical_summary, i.search_tags FROM corpus_items i
        WHERE i.letter_id = old.id AND EXISTS (SELECT 1 FROM corpus_items_fts_docsize d WHERE d.id = i.id);
    END`.execute(db);
  await sql`CREATE TRIGGER corpus_items_fts_delete BEFORE DELETE ON corpus_items BEGIN
      INSERT INTO corpus_items_fts (corpus_items_fts, rowid, request, rationale, facts, tags)
        SELECT 'delete', old.id, old.request, old.rationale, l.clinical_summary, old.search_tags FROM corpus_letters l
        WHERE l.id = old.letter_id AND EXISTS (SELECT 1 FROM corpus_items_fts_docsize d WHERE d.id = old.id);
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(db);
  await sql`DROP TRIGGER IF EXISTS corpus_letters_fts_delete`.execute(db);
  await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(db);
  await sql.raw(`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tags, ${TOKENIZE})`).execute(db);
  await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags) SELECT id, request, rationale, facts, tags FROM corpus_items_search_source`.execute(db);
  await sql`DROP VIEW IF EXISTS corpus_items_search_source`.execute(db);
  await sql`ALTER TABLE corpus_items DROP COLUMN search_tags`.execute(db);
  await sql`CREATE TRIGGER corpus_items_fts_delete AFTER DELETE ON corpus_items BEGIN
      DELETE FROM corpus_items_fts WHERE rowid = old.id;
    END`.execute(db);
}
