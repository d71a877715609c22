import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** What the cache needs of a better-sqlite3 database and its statements. */
export interface PreparingDatabase {
  prepare(sql: string): SqliteStatement & { readonly busy?: boolean };
  close(): void;
}

/** Statements kept by default: every query the service runs, with room for the corpus's varying filters. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite dialect prepares every query each time it runs: for a case read of ten small
 * queries, preparing was about 40% of the server's CPU. This wraps the database Kysely is given so
 * `prepare` returns the statement already prepared for the same SQL text, keeping the most recently
 * used `size` statements (the SQL of the corpus search varies with its filters, so the cache is bounded).
 *
 * Parameters are bound at each run, so one statement serves every call with the same SQL text.
 * A schema change (a migration) does not make a kept statement stale: SQLite re-prepares it on its
 * next run (sqlite3_prepare_v2), and one that no longer fits the schema fails as a fresh one would.
 * A statement still iterating (a stream) is busy and cannot run twice at once, so a second use of
 * its SQL meanwhile gets a statement of its own.
 *
 * Kysely begins a transaction with a plain (deferred) `begin`: it takes the write lock only at its
 * first write, and in WAL mode a transaction that read first fails at once (SQLITE_BUSY, no waiting)
 * when another connection committed meanwhile. The server has such a connection (the audit writer,
 * audit-writer.ts; the corpus import's writer thread), so a transaction begins IMMEDIATE here: it
 * waits (busy_timeout) for the write lock up front, then nothing else can commit under it. With one
 * connection the two behave the same.
 */
export class StatementCache implements SqliteDatabase {
  readonly #db: PreparingDatabase;
  readonly #size: number;
  readonly #statements = new Map<string, SqliteStatement & { readonly busy?: boolean }>();
  #hits = 0;
  #misses = 0;

  constructor(db: PreparingDatabase, size = DEFAULT_STATEMENT_CACHE_SIZE) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`statement cache size must be a whole number of at least 1; got ${size}`);
    this.#db = db;
    this.#size = size;
  }

  prepare(text: string): SqliteStatement {
    const sql = text === 'begin' ? 'begin immediate' : text;
    const kept = this.#statements.get(sql);
    if (kept && !kept.busy) {
      // Most recently used last: a Map iterates in insertion order, so the first key is the one to drop.
      this.#statements.delete(sql);
      this.#statements.set(sql, kept);
      this.#hits++;
      return kept;
    }
    this.#misses++;
    const statement = this.#db.prepare(sql);
    if (kept) return statement;
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#size) this.#statements.delete(this.#statements.keys().next().value as string);
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }

  /** How many statements are kept, and how often one was reused (for tests and benchmarks). */
  stats(): { size: number; hits: number; misses: number } {
    return { size: this.#statements.size, hits: this.#hits, misses: this.#misses };
  }
}
