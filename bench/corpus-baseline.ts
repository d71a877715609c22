/**
 * The peers of the corpus bench (not a benchmark itself): the same letter texts in the plainest
 * full-text table each engine offers, imported and searched the same way in the same run.
 * SQLite: one FTS5 table (porter unicode61, the project's tokenizer) of each letter's text, one row
 * per letter. PostgreSQL: one table of the letters' texts with a stored tsvector ('english') and a GIN
 * index. Search: the same query expression (drug names expanded as the project does), the matches
 * counted up to 10,001, the 20 newest read with a snippet (FTS5 `snippet`, PostgreSQL `ts_headline`).
 * No filters: a plain table has none, so a filtered query runs unfiltered here (its figure is marked).
 * PostgreSQL also has a RUM peer (the same table indexed by the `rum` extension, when the server has
 * it), and both PostgreSQL peers can read the 20 best-ranked matches instead of the newest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '../src/db/database.js';
import { searchTerms } from '../src/corpus/drug-synonyms.js';
import { termGroups, toFts5, websearchTerm, type QueryTerm } from '../src/corpus/fts-query.js';

const COUNT_CAP = 10_000;

/** Every letter file under `dir`, in the order the project's import walks them (sorted folders, sorted names). */
export function letterFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export interface Baseline {
  label: string;
  /** Imports every file; returns letters imported. */
  importAll(files: string[]): Promise<number>;
  /** Runs one search (count and the newest 20 with snippets); returns the count. */
  search(query: string): Promise<number>;
  /** PostgreSQL peers: the same, the 20 best-ranked instead of the newest (GIN: ts_rank_cd; RUM: its `<=>` order). */
  searchRanked?(query: string): Promise<number>;
  /** Bytes the table and its index take. */
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

/** The plain FTS5 table, in its own SQLite file. */
export async function sqliteBaseline(file: string): Promise<Baseline> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(`CREATE VIRTUAL TABLE letters USING fts5(body, tokenize = 'porter unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO letters (body) VALUES (?)');
  const batch = db.transaction((texts: string[]) => {
    for (const t of texts) insert.run(t);
  });
  return {
    label: 'plain FTS5',
    async importAll(files) {
      for (let i = 0; i < files.length; i += 200) batch(files.slice(i, i + 200).map((f) => readFileSync(f, 'utf8')));
      db.exec('PRAGMA optimize');
      return files.length;
    },
    async search(query) {
      const expr = toFts5(searchTerms(query));
      const n = (db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM letters WHERE letters MATCH ? LIMIT ${COUNT_CAP + 1})`).get(expr) as { n: number }).n;
      db.prepare(`SELECT rowid, snippet(letters, 0, '[', ']', '…', 28) AS s FROM letters WHERE letters MATCH ? ORDER BY rowid DESC LIMIT 20`).all(expr);
      return Math.min(n, COUNT_CAP);
    },
    async sizeBytes() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(file).size;
    },
    async close() {
      db.close();
    },
  };
}

/** The query as a tsquery, grouped as the project groups it ((a OR b) AND c AND NOT d). */
function tsquery(terms: QueryTerm[]) {
  const { groups, excluded } = termGroups(terms);
  const one = (t: QueryTerm) => sql`websearch_to_tsquery('english', ${websearchTerm(t)})`;
  const required = groups.map((g) => (g.length > 1 ? sql`(${sql.join(g.map(one), sql` || `)})` : one(g[0])));
  return sql`(${sql.join([...required, ...excluded.map((t) => sql`!!${one(t)}`)], sql` && `)})`;
}

/**
 * The schema holding the `rum` extension, creating it (in a schema of its own, `rum_ext`, which no
 * bench or test schema drops) when the server has the package and this user may; null when RUM
 * cannot be used here.
 */
export async function rumSchema(db: AnyDb): Promise<string | null> {
  const find = async () =>
    (await sql<{ s: string }>`SELECT n.nspname AS s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'rum'`.execute(db)).rows[0]?.s ?? null;
  const present = await find();
  if (present) return present;
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS rum_ext`.execute(db);
    await sql`CREATE EXTENSION IF NOT EXISTS rum SCHEMA rum_ext`.execute(db);
  } catch {
    return null;
  }
  return find();
}

/**
 * A plain table of the letters' texts with a stored tsvector ('english'), in the bench's PostgreSQL
 * schema, indexed by GIN (the 20 newest matches read) or by RUM (`rum_tsvector_ops`, which keeps
 * the words' positions: a phrase is checked in the index, and the 20 best-ranked matches are read
 * in the index's `<=>` order). `rum` is the schema of the rum extension.
 */
export async function postgresBaseline(db: AnyDb, rum: string | null = null): Promise<Baseline> {
  const table = rum ? 'plain_rum_letters' : 'plain_letters';
  await sql`CREATE TABLE ${sql.id(table)} (id serial PRIMARY KEY, body text NOT NULL,
    v tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)`.execute(db);
  if (rum) await sql`CREATE INDEX ${sql.id(`${table}_v`)} ON ${sql.id(table)} USING rum (v ${sql.id(rum, 'rum_tsvector_ops')})`.execute(db);
  else await sql`CREATE INDEX ${sql.id(`${table}_v`)} ON ${sql.id(table)} USING GIN (v)`.execute(db);
  const t = sql.id(table);
  const pageOf = async (query: string, order: RawBuilder<unknown>): Promise<number> => {
    const q = tsquery(searchTerms(query));
    const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${t} WHERE v @@ ${q} LIMIT ${COUNT_CAP + 1}) c`.execute(db)).rows[0].n);
    await sql`SELECT id, ts_headline('english', body, ${q}, 'MaxWords=40, MinWords=15, MaxFragments=2') AS s
      FROM (SELECT id, body FROM ${t} WHERE v @@ ${q} ORDER BY ${order} LIMIT 20) p`.execute(db);
    return Math.min(n, COUNT_CAP);
  };
  return {
    label: rum ? 'plain tsvector+RUM' : 'plain tsvector+GIN',
    async importAll(files) {
      for (let i = 0; i < files.length; i += 200) {
        const texts = files.slice(i, i + 200).map((f) => readFileSync(f, 'utf8'));
        await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL synchronous_commit = off`.execute(trx);
          await sql`INSERT INTO ${t} (body) VALUES ${sql.join(texts.map((x) => sql`(${x})`))}`.execute(trx);
        });
      }
      await sql`VACUUM (ANALYZE) ${t}`.execute(db);
      return files.length;
    },
    search: (query) => pageOf(query, sql`id DESC`),
    // GIN keeps no positions: ts_rank_cd reads every match's stored vector. RUM orders in the index.
    searchRanked: (query) => pageOf(query, rum ? sql`v OPERATOR(${sql.id(rum)}.<=>) ${tsquery(searchTerms(query))}` : sql`ts_rank_cd(v, ${tsquery(searchTerms(query))}) DESC`),
    async sizeBytes() {
      return Number((await sql<{ n: string }>`SELECT pg_total_relation_size(${table}::regclass) AS n`.execute(db)).rows[0].n);
    },
    async close() {
      await sql`DROP TABLE IF EXISTS ${t}`.execute(db);
    },
  };
}
