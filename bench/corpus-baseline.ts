/**
 * The peers of the corpus bench (not a benchmark itself): the same letter texts in the plainest
 * full-text table each engine offers, imported and searched the same way in the same run.
 * SQLite: one FTS5 table (porter unicode61, the project's tokenizer) of each letter's text, one row
 * per letter. PostgreSQL: one table of the letters' texts with a stored tsvector ('english') and a GIN
 * index. Search: the same query expression (drug names expanded as the project does), the matches
 * counted up to 10,001, the 20 newest read with a snippet (FTS5 `snippet`, PostgreSQL `ts_headline`).
 * No filters: a plain table has none, so a filtered query runs unfiltered here (its figure is marked).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
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

/** The plain tsvector + GIN table, in the bench's PostgreSQL schema. */
export async function postgresBaseline(db: AnyDb): Promise<Baseline> {
  await sql`CREATE TABLE plain_letters (id serial PRIMARY KEY, body text NOT NULL,
    v tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)`.execute(db);
  await sql`CREATE INDEX plain_letters_v ON plain_letters USING GIN (v)`.execute(db);
  return {
    label: 'plain tsvector+GIN',
    async importAll(files) {
      for (let i = 0; i < files.length; i += 200) {
        const texts = files.slice(i, i + 200).map((f) => readFileSync(f, 'utf8'));
        await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL synchronous_commit = off`.execute(trx);
          await sql`INSERT INTO plain_letters (body) VALUES ${sql.join(texts.map((t) => sql`(${t})`))}`.execute(trx);
        });
      }
      await sql`VACUUM (ANALYZE) plain_letters`.execute(db);
      return files.length;
    },
    async search(query) {
      const q = tsquery(searchTerms(query));
      const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM plain_letters WHERE v @@ ${q} LIMIT ${COUNT_CAP + 1}) c`.execute(db)).rows[0].n);
      await sql`SELECT id, ts_headline('english', body, ${q}, 'MaxWords=40, MinWords=15, MaxFragments=2') AS s
        FROM (SELECT id, body FROM plain_letters WHERE v @@ ${q} ORDER BY id DESC LIMIT 20) p`.execute(db);
      return Math.min(n, COUNT_CAP);
    },
    async sizeBytes() {
      return Number((await sql<{ n: string }>`SELECT pg_total_relation_size('plain_letters') AS n`.execute(db)).rows[0].n);
    },
    async close() {
      await sql`DROP TABLE IF EXISTS plain_letters`.execute(db);
    },
  };
}
