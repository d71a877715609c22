import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import { ImrError } from '../errors/imr-error.js';
import { DEFAULT_STATEMENT_CACHE_SIZE, StatementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * The database port. Modules narrow the untyped handle to their own tables with
 * `db.withTables<MyTables>()` or a cast, so each area owns its table types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one untyped handle: no area's table types belong in the port
export type AnyDb = Kysely<any>;

export interface Database {
  db: AnyDb;
  dialect: DialectName;
  /** Where the data lives: the SQLite file path, or the PostgreSQL URL without password. */
  location: string;
  /** The PostgreSQL schema in use when not the default. */
  schema?: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise SQLite. Defaults to env DATABASE_URL. */
  url?: string;
  /** Folder for the SQLite file (default env IMR_DATA_DIR or ./data). */
  dataDir?: string;
  /** Explicit SQLite file (":memory:" allowed); overrides dataDir. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (created if missing); used by tests to isolate runs. */
  pgSchema?: string;
  /**
   * SQLite prepared statements kept for reuse (default env IMR_SQLITE_STATEMENT_CACHE or 256;
   * 0 prepares every query afresh, as Kysely does alone: the benchmark compares the two).
   */
  statementCache?: number;
}

/** Opens the configured database. Call `migrateToLatest` before use. */
export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  const url = opts.url ?? process.env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, opts.pgSchema);
  const file = opts.sqliteFile ?? path.join(opts.dataDir ?? process.env.IMR_DATA_DIR ?? 'data', 'imr.sqlite');
  return openSqlite(file, opts.statementCache ?? statementCacheSize(process.env.IMR_SQLITE_STATEMENT_CACHE));
}

function statementCacheSize(env: string | undefined): number {
  if (env === undefined || env === '') return DEFAULT_STATEMENT_CACHE_SIZE;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 0) throw new ImrError('IMR_ERR_USAGE', `IMR_SQLITE_STATEMENT_CACHE must be a whole number of statements (0 turns the cache off); got "${env}".`);
  return n;
}

async function openSqlite(file: string, cacheSize: number): Promise<Database> {
  const { default: SqliteDatabase } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // Set, not inherited: better-sqlite3's build opens a file already in WAL mode with NORMAL but a new file
  // with FULL, so durability depended on whether the file existed at start. FULL: a commit the service
  // reported (a signed letter, an audit row) survives a power loss, at the cost of a sync per commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely prepares each query every time it runs; the cache hands back the statement prepared before.
  const dialect: Dialect = new SqliteDialect({ database: cacheSize > 0 ? new StatementCache(sqlite, cacheSize) : sqlite });
  const db = new Kysely<unknown>({ dialect }) as AnyDb;
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

async function openPostgres(url: string, schema?: string): Promise<Database> {
  const pg = await import('pg');
  const Pool = pg.default.Pool;
  // DATE columns come back as plain YYYY-MM-DD strings, never shifted by the local time zone.
  pg.default.types.setTypeParser(1082, (v: string) => v);
  // BIGINT counts come back as numbers (our counts are far below 2^53).
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  if (schema) {
    const admin = new Pool({ connectionString: url, max: 1 });
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '')}"` } : {}),
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }) as AnyDb;
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db, dialect: 'postgres', location, schema, close: () => db.destroy() };
}
