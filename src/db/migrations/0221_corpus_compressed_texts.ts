import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { deflateRawSync, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';

/** True when the handle talks to PostgreSQL (a migration receives no dialect name); a copy, so the migration never changes with the application. */
function isPostgresDb(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;

/*
 * The stored formats, a copy of src/corpus/stored-text.ts as it is at this migration (a migration
 * never imports the application; its test reads what it writes with the application's unpackText):
 * a BLOB whose first byte is 1 holds the raw deflate of the UTF-8 text; 2, the zlib stream of a
 * letter's text with the letter's clinical summary as preset dictionary. A value is kept as text
 * when compressing would not make it smaller.
 */
const FORMAT_DEFLATE = 1;
const FORMAT_WITH_SUMMARY = 2;

function tagged(format: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = format;
  body.copy(out, 1);
  return out;
}

function smaller(text: string, packed: Buffer): string | Buffer {
  return packed.length < Buffer.byteLength(text, 'utf8') ? packed : text;
}

function pack(text: string): string | Buffer {
  return smaller(text, tagged(FORMAT_DEFLATE, deflateRawSync(text, { level: 6 })));
}

function packWithSummary(text: string, summary: string): string | Buffer {
  return smaller(text, tagged(FORMAT_WITH_SUMMARY, deflateSync(text, { level: 6, dictionary: Buffer.from(summary, 'utf8') })));
}

function unpack(value: string | Uint8Array, summary = ''): string {
  if (typeof value === 'string') return value;
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (bytes[0] === FORMAT_DEFLATE) return inflateRawSync(bytes.subarray(1)).toString('utf8');
  if (bytes[0] === FORMAT_WITH_SUMMARY) return inflateSync(bytes.subarray(1), { dictionary: Buffer.from(summary, 'utf8') }).toString('utf8');
  throw new Error(`A stored corpus text has an unknown format (${bytes[0]}).`);
}

/** Rows read and written per statement while converting. */
const CHUNK = 500;

/**
 * Rewrites, `CHUNK` rows at a time in id order, the rows `select` returns after a given id: `update`
 * gives each row's new values (null: unchanged), written with one UPDATE … FROM (VALUES …) per chunk.
 */
async function rewrite<R extends { id: number }>(
  db: Kysely<unknown>,
  table: 'corpus_letters' | 'corpus_items',
  columns: string[],
  select: (after: number) => Promise<R[]>,
  update: (row: R) => unknown[],
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await select(after);
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1].id);
    const values = rows.map((r) => sql`(${sql.join([Number(r.id), ...update(r)])})`);
    const sets = columns.map((c, k) => sql`${sql.ref(c)} = v.${sql.raw(`column${k + 2}`)}`);
    await sql`UPDATE ${sql.table(table)} SET ${sql.join(sets)} FROM (VALUES ${sql.join(values)}) AS v WHERE ${sql.table(table)}.id = v.column1`.execute(db);
  }
}

/**
 * SQLite: the corpus stops storing its long texts as they are; they were two thirds of the
 * database (a letter's text, its clinical summary, its items' rationales), twice the size of a plain
 * FTS5 table of the same letters. Each is stored compressed, as a BLOB (see the formats above): the
 * summary and the rationales on their own, the letter's text with the summary as dictionary (the
 * text holds the summary, which is so stored once). Short values that would not shrink stay text.
 *
 * The two full-text indexes become contentless (`content = ''`, `contentless_delete = 1`): they
 * match and rank from their own index and never read the texts (a page's snippets are made from the
 * rows its query reads, src/corpus/search/snippet.ts), and an entry is deleted by its rowid, so
 * neither the view that gave the external-content index its text nor the items' copy of the filter
 * tags it indexed (`search_tags`, kept so a deletion could name them) is needed. The indexes are
 * filled again from the rows while those are still text (FTS5 cannot turn an index with content into
 * a contentless one), then the texts are compressed, all in one transaction.
 *
 * The database file keeps its size (the freed pages are reused by later imports) until `VACUUM`.
 * PostgreSQL: nothing (it compresses long values itself, migration 0207 chose lz4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await db.transaction().execute(async (trx) => {
    await sql`DROP TRIGGER IF EXISTS corpus_letters_fts_delete`.execute(trx);
    await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(trx);
    await sql`DROP TRIGGER IF EXISTS corpus_requests_fts_delete`.execute(trx);
    await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(trx);
    await sql`DROP TABLE IF EXISTS corpus_requests_fts`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tags, content = '', contentless_delete = 1, ${TOKENIZE})`).execute(trx);
    await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags)
      SELECT i.id, i.request, i.rationale, l.clinical_summary, i.search_tags FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id ORDER BY i.id`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE corpus_requests_fts USING fts5(request, tags, content = '', contentless_delete = 1, ${TOKENIZE})`).execute(trx);
    await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) SELECT id, request, search_tags FROM corpus_items ORDER BY id`.execute(trx);
    // Deleting an item (or its letter: the items go by cascade) removes its entries.
    await sql`CREATE TRIGGER corpus_items_fts_delete AFTER DELETE ON corpus_items BEGIN
        DELETE FROM corpus_items_fts WHERE rowid = old.id;
        DELETE FROM corpus_requests_fts WHERE rowid = old.id;
      END`.execute(trx);
    await sql`DROP VIEW IF EXISTS corpus_items_search_source`.execute(trx);
    await sql`ALTER TABLE corpus_items DROP COLUMN search_tags`.execute(trx);

    await rewrite(
      trx,
      'corpus_letters',
      ['raw_text', 'clinical_summary'],
      async (after) =>
        (await sql<{ id: number; raw_text: string; clinical_summary: string }>`SELECT id, raw_text, clinical_summary FROM corpus_letters
          WHERE id > ${after} AND typeof(raw_text) = 'text' AND typeof(clinical_summary) = 'text' ORDER BY id LIMIT ${CHUNK}`.execute(trx)).rows,
      (r) => [packWithSummary(r.raw_text, r.clinical_summary), pack(r.clinical_summary)],
    );
    await rewrite(
      trx,
      'corpus_items',
      ['rationale'],
      async (after) =>
        (await sql<{ id: number; rationale: string }>`SELECT id, rationale FROM corpus_items
          WHERE id > ${after} AND typeof(rationale) = 'text' ORDER BY id LIMIT ${CHUNK}`.execute(trx)).rows,
      (r) => [pack(r.rationale)],
    );
  });
}

const slug = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The filter tags an item was indexed with (a copy of filterTags in src/corpus/search/common.ts as it is at this migration). */
function tagsOf(r: { decision: string; year: number | null; priority: string | null; category: string | null; citation_family: string }): string {
  return [`xdec${slug(r.decision)}`, `xyear${r.year ?? 'none'}`, `xprio${slug(r.priority ?? 'none')}`, `xcat${slug(r.category ?? 'none')}`, `xfam${slug(r.citation_family)}`].join(' ');
}

/** Back to migration 0206's layout: the texts as text, the external-content index over a view, the items' search tags. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgresDb(db)) return;
  await db.transaction().execute(async (trx) => {
    await rewrite(
      trx,
      'corpus_letters',
      ['raw_text', 'clinical_summary'],
      async (after) =>
        (await sql<{ id: number; raw_text: string | Uint8Array; clinical_summary: string | Uint8Array }>`SELECT id, raw_text, clinical_summary FROM corpus_letters
          WHERE id > ${after} AND (typeof(raw_text) = 'blob' OR typeof(clinical_summary) = 'blob') ORDER BY id LIMIT ${CHUNK}`.execute(trx)).rows,
      (r) => {
        const summary = unpack(r.clinical_summary);
        return [unpack(r.raw_text, summary), summary];
      },
    );
    await rewrite(
      trx,
      'corpus_items',
      ['rationale'],
      async (after) =>
        (await sql<{ id: number; rationale: string | Uint8Array }>`SELECT id, rationale FROM corpus_items
          WHERE id > ${after} AND typeof(rationale) = 'blob' ORDER BY id LIMIT ${CHUNK}`.execute(trx)).rows,
      (r) => [unpack(r.rationale)],
    );
    await sql`ALTER TABLE corpus_items ADD COLUMN search_tags text NOT NULL DEFAULT ''`.execute(trx);
    await rewrite(
      trx,
      'corpus_items',
      ['search_tags'],
      async (after) =>
        (await sql<{ id: number; decision: string; year: number | null; priority: string | null; category: string | null; citation_family: string }>`SELECT id,
          decision, year, priority, category, citation_family FROM corpus_items WHERE id > ${after} ORDER BY id LIMIT ${CHUNK}`.execute(trx)).rows,
      (r) => [tagsOf(r)],
    );
    await sql`DROP TRIGGER IF EXISTS corpus_items_fts_delete`.execute(trx);
    await sql`DROP TABLE IF EXISTS corpus_items_fts`.execute(trx);
    await sql`DROP TABLE IF EXISTS corpus_requests_fts`.execute(trx);
    await sql`CREATE VIEW corpus_items_search_source AS
      SELECT i.id AS id, i.request AS request, i.rationale AS rationale, l.clinical_summary AS facts, i.search_tags AS tags
      FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE corpus_items_fts USING fts5(request, rationale, facts, tags,
      content = 'corpus_items_search_source', content_rowid = 'id', ${TOKENIZE})`).execute(trx);
    await sql`INSERT INTO corpus_items_fts (corpus_items_fts) VALUES ('rebuild')`.execute(trx);
    await sql`CREATE TRIGGER corpus_letters_fts_delete BEFORE DELETE ON corpus_letters BEGIN
        INSERT INTO corpus_items_fts (corpus_items_fts, rowid, request, rationale, facts, tags)
          SELECT 'delete', i.id, i.request, i.rationale, old.clinical_summary, i.search_tags FROM corpus_items i
          WHERE i.letter_id = old.id AND EXISTS (SELECT 1 FROM corpus_items_fts_docsize d WHERE d.id = i.id);
      END`.execute(trx);
    await sql`CREATE TRIGGER corpus_items_fts_delete BEFORE DELETE ON corpus_items BEGIN
        INSERT INTO corpus_items_fts (corpus_items_fts, rowid, request, rationale, facts, tags)
          SELECT 'delete', old.id, old.request, old.rationale, l.clinical_summary, old.search_tags FROM corpus_letters l
          WHERE l.id = old.letter_id AND EXISTS (SELECT 1 FROM corpus_items_fts_docsize d WHERE d.id = old.id);
      END`.execute(trx);
    await sql.raw(`CREATE VIRTUAL TABLE corpus_requests_fts USING fts5(request, tags, ${TOKENIZE})`).execute(trx);
    await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) SELECT id, request, search_tags FROM corpus_items`.execute(trx);
    await sql`CREATE TRIGGER corpus_requests_fts_delete AFTER DELETE ON corpus_items BEGIN
        DELETE FROM corpus_requests_fts WHERE rowid = old.id;
      END`.execute(trx);
  });
}
