import { PostgresAdapter, sql, type Kysely } from 'kysely';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** PostgreSQL: a text's vector as SQLite's FTS5 reads it (see the comment of `up`); a copy of the application's expression. */
const pgVector = (column: string) => `to_tsvector('corpus_fts', regexp_replace(${column}, '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * PostgreSQL: the text is read the way SQLite's FTS5 reads it, so both engines count the same
 * hits: every run of characters other than letters and digits separates words (the default parser
 * kept "chiropractic/physiotherapy" or "10/325" as one "file" token, so "chiropractic" missed
 * them), words are stemmed by the original Porter stemmer (FTS5's `porter`; the 'english'
 * configuration uses Porter2, which differs on some words) and no word is a stopword (the
 * 'english' configuration dropped "no", "not", "with"…, so "no documentation" matched any
 * "documentation"). A text search configuration `corpus_fts` does this; every stored vector is
 * rebuilt with it. SQLite: nothing (its FTS5 index is the reference).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`CREATE TEXT SEARCH DICTIONARY corpus_porter (TEMPLATE = snowball, Language = porter)`.execute(db);
    await sql`CREATE TEXT SEARCH CONFIGURATION corpus_fts (COPY = english)`.execute(db);
    await sql`ALTER TEXT SEARCH CONFIGURATION corpus_fts ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH corpus_porter`.execute(db);
    await sql`DROP INDEX IF EXISTS corpus_items_search`.execute(db);
    await sql`DROP INDEX IF EXISTS corpus_item_requests_search`.execute(db);
    await sql`ALTER TABLE corpus_letters DROP COLUMN summary_vector`.execute(db);
    await sql.raw(`ALTER TABLE corpus_letters ADD COLUMN summary_vector tsvector GENERATED ALWAYS AS (${pgVector('clinical_summary')}) STORED`).execute(db);
    await sql.raw(`UPDATE corpus_items i SET search_vector = setweight(${pgVector('i.request')}, 'A') ||
        setweight(${pgVector('i.rationale')}, 'B') || setweight(l.summary_vector, 'C')
      FROM corpus_letters l WHERE l.id = i.letter_id`).execute(db);
    await sql.raw(`UPDATE corpus_item_requests r SET request_vector = ${pgVector('i.request')} FROM corpus_items i WHERE i.id = r.item_id`).execute(db);
    await sql`CREATE INDEX corpus_items_search ON corpus_items USING GIN (search_vector)`.execute(db);
    await sql`CREATE INDEX corpus_item_requests_search ON corpus_item_requests USING GIN (request_vector)`.execute(db);
    await sql`DO $$ BEGIN
        ALTER TABLE corpus_letters ALTER COLUMN summary_vector SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) {
    await sql`DROP INDEX IF EXISTS corpus_items_search`.execute(db);
    await sql`DROP INDEX IF EXISTS corpus_item_requests_search`.execute(db);
    await sql`ALTER TABLE corpus_letters DROP COLUMN summary_vector`.execute(db);
    await sql`ALTER TABLE corpus_letters ADD COLUMN summary_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', clinical_summary)) STORED`.execute(db);
    await sql`UPDATE corpus_items i SET search_vector = setweight(to_tsvector('english', i.request), 'A') ||
        setweight(to_tsvector('english', i.rationale), 'B') || setweight(l.summary_vector, 'C')
      FROM corpus_letters l WHERE l.id = i.letter_id`.execute(db);
    await sql`UPDATE corpus_item_requests r SET request_vector = to_tsvector('english', i.request) FROM corpus_items i WHERE i.id = r.item_id`.execute(db);
    await sql`CREATE INDEX corpus_items_search ON corpus_items USING GIN (search_vector)`.execute(db);
    await sql`CREATE INDEX corpus_item_requests_search ON corpus_item_requests USING GIN (request_vector)`.execute(db);
    await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS corpus_fts`.execute(db);
    await sql`DROP TEXT SEARCH DICTIONARY IF EXISTS corpus_porter`.execute(db);
  }
}
