import { sql, type RawBuilder } from 'kysely';

/**
 * How PostgreSQL reads corpus text, the way SQLite's FTS5 (`porter unicode61`) does, so both engines
 * count the same hits (migration 0209): every run of characters other than letters and digits
 * separates words, then the `corpus_fts` configuration stems with the original Porter stemmer and
 * drops no stopword. Every vector the corpus stores or compares is built by `pgVector`.
 */
const PG_TS_CONFIG = 'corpus_fts';

/** The tsvector of a text expression, read as FTS5 reads it. */
export function pgVector(text: RawBuilder<unknown> | string): RawBuilder<unknown> {
  const t = typeof text === 'string' ? sql`${text}` : text;
  return sql`to_tsvector(${sql.lit(PG_TS_CONFIG)}, regexp_replace(${t}, '[^[:alnum:]]+', ' ', 'g'))`;
}

/** One query term (a word or a "quoted phrase" of letters and digits) as a tsquery: never a syntax error. */
export function pgTermQuery(websearchText: string): RawBuilder<unknown> {
  return sql`websearch_to_tsquery(${sql.lit(PG_TS_CONFIG)}, ${websearchText})`;
}

/** Words joined by `|`, as a tsquery (the words hold only letters and digits). */
export function pgAnyQuery(text: string): RawBuilder<unknown> {
  return sql`to_tsquery(${sql.lit(PG_TS_CONFIG)}, ${text})`;
}
