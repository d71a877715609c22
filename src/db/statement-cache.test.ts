import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { StatementCache } from './statement-cache.js';

// The cache wraps better-sqlite3 only (Kysely's PostgreSQL dialect sends the SQL text to the
// server each time), so these tests run on SQLite alone.

const open: Array<{ close(): unknown }> = [];
afterEach(() => {
  for (const d of open.splice(0)) d.close();
  vi.restoreAllMocks();
});

function sqlite(): SqliteDatabase.Database {
  const db = new SqliteDatabase(':memory:');
  open.push(db);
  return db;
}

/** The table the first test creates. */
interface TestTables {
  t: { id: Generated<number>; name: string; n: number };
}

function kysely(database: SqliteDatabase.Database | StatementCache): Kysely<TestTables> {
  return new Kysely<TestTables>({ dialect: new SqliteDialect({ database }) });
}

describe('StatementCache', () => {
  it('gives the same results as preparing each query afresh, run after run', async () => {
    const raw = sqlite();
    raw.exec("create table t (id integer primary key, name text, n integer); insert into t (name, n) values ('a', 1), ('b', 2), ('c', 3)");
    const plain = kysely(raw);
    const cached = kysely(new StatementCache(raw));
    const queries = [
      (db: Kysely<TestTables>, n: number) => db.selectFrom('t').selectAll().where('n', '>=', n).orderBy('id').execute(),
      (db: Kysely<TestTables>, n: number) => db.selectFrom('t').select(['name']).where('n', '<', n).orderBy('name', 'desc').execute(),
      (db: Kysely<TestTables>, n: number) => db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('c')).where('n', '=', n).executeTakeFirst(),
    ];
    for (let round = 0; round < 3; round++) {
      for (const q of queries) for (const n of [0, 1, 2, 3, 4]) expect(await q(cached, n)).toEqual(await q(plain, n));
    }
    // Writes report what they changed, as before.
    const ins = await cached.insertInto('t').values({ name: 'd', n: 4 }).executeTakeFirst();
    expect(ins.insertId).toBe(4n);
    const upd = await cached.updateTable('t').set({ n: 9 }).where('n', '>', 2).executeTakeFirst();
    expect(upd.numUpdatedRows).toBe(2n);
    expect(await cached.selectFrom('t').select('n').orderBy('id').execute()).toEqual([{ n: 1 }, { n: 2 }, { n: 9 }, { n: 9 }]);
  });

  it('reuses the statement of the same SQL text and keeps statements of different SQL apart', () => {
    const raw = sqlite();
    raw.exec("create table t (k text, v integer); insert into t values ('x', 1), ('y', 2)");
    const cache = new StatementCache(raw);
    const one = cache.prepare('select v from t where k = ?');
    expect(cache.prepare('select v from t where k = ?')).toBe(one);
    // SQL differing only in a literal, in spacing or in a column is another statement with its own answer.
    expect(cache.prepare("select v from t where k = 'x'").all([])).toEqual([{ v: 1 }]);
    expect(cache.prepare("select v from t where k = 'y'").all([])).toEqual([{ v: 2 }]);
    expect(cache.prepare("select v  from t where k = 'y'").all([])).toEqual([{ v: 2 }]);
    expect(cache.prepare("select k from t where k = 'y'").all([])).toEqual([{ k: 'y' }]);
    expect(one.all(['x'])).toEqual([{ v: 1 }]);
    expect(one.all(['y'])).toEqual([{ v: 2 }]);
    expect(cache.stats()).toEqual({ size: 5, hits: 1, misses: 5 });
  });

  it('keeps at most its size, dropping the least recently used statement', () => {
    const raw = sqlite();
    const prepare = vi.spyOn(raw, 'prepare');
    const cache = new StatementCache(raw, 2);
    const a = cache.prepare('select 1 as a');
    cache.prepare('select 2 as b');
    expect(cache.prepare('select 1 as a')).toBe(a); // a is now the most recent
    cache.prepare('select 3 as c'); // drops b
    expect(cache.stats().size).toBe(2);
    expect(cache.prepare('select 1 as a')).toBe(a);
    expect(cache.prepare('select 2 as b').all([])).toEqual([{ b: 2 }]); // prepared again
    expect(prepare.mock.calls.map((c) => c[0])).toEqual(['select 1 as a', 'select 2 as b', 'select 3 as c', 'select 2 as b']);
    for (let i = 0; i < 100; i++) cache.prepare(`select ${i} as n`);
    expect(cache.stats().size).toBe(2);
  });

  it('follows schema changes: kept statements see added columns and a recreated table, and fail only as a fresh one would', () => {
    const raw = sqlite();
    const cache = new StatementCache(raw);
    cache.prepare('create table t (a integer)').run([]);
    cache.prepare('insert into t (a) values (?)').run([1]);
    const all = cache.prepare('select * from t');
    expect(all.all([])).toEqual([{ a: 1 }]);

    cache.prepare("alter table t add column b text default 'z'").run([]);
    expect(cache.prepare('select * from t').all([])).toEqual([{ a: 1, b: 'z' }]);
    cache.prepare('insert into t (a) values (?)').run([2]);
    expect(cache.prepare('select * from t').all([])).toEqual([{ a: 1, b: 'z' }, { a: 2, b: 'z' }]);

    cache.prepare('drop table t').run([]);
    expect(() => cache.prepare('select * from t').all([])).toThrow(/no such table: t/);
    cache.prepare('create table t (q integer)').run([]);
    expect(() => cache.prepare('insert into t (a) values (?)').run([3])).toThrow(/no column named a/);
    cache.prepare('insert into t (q) values (?)').run([7]);
    expect(cache.prepare('select * from t').all([])).toEqual([{ q: 7 }]);
    expect(cache.prepare('select * from t')).toBe(all);
  });

  it('runs the project migrations and the queries after them through the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-stmt-cache-'));
    const prepare = vi.spyOn(SqliteDatabase.prototype, 'prepare');
    const database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'test.sqlite') });
    try {
      // A read before the migrations creates the table fails; the same SQL works once it exists.
      const read = () => database.db.selectFrom('settings').selectAll().where('key', '=', 'k').executeTakeFirst();
      await expect(read()).rejects.toThrow(/no such table: settings/);
      await migrateToLatest(database.db);
      await database.db.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
      expect(await read()).toEqual({ key: 'k', value: 'v' });
      const before = prepare.mock.calls.length;
      for (let i = 0; i < 10; i++) expect(await read()).toEqual({ key: 'k', value: 'v' });
      expect(await sql<{ n: number }>`select 1 + 1 as n`.execute(database.db)).toMatchObject({ rows: [{ n: 2 }] });
      // Ten reads of one query and one new query: one statement prepared, the new one.
      expect(prepare.mock.calls.length - before).toBe(1);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prepares every query afresh when the cache is turned off (statementCache 0 or IMR_SQLITE_STATEMENT_CACHE=0), and refuses a bad setting', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-stmt-cache-'));
    const prepare = vi.spyOn(SqliteDatabase.prototype, 'prepare');
    vi.stubEnv('IMR_SQLITE_STATEMENT_CACHE', '0');
    const database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'test.sqlite') });
    try {
      const before = prepare.mock.calls.length;
      for (let i = 0; i < 5; i++) await sql`select 1 as n`.execute(database.db);
      expect(prepare.mock.calls.length - before).toBe(5);
      vi.stubEnv('IMR_SQLITE_STATEMENT_CACHE', 'lots');
      await expect(openDatabase({ url: '', sqliteFile: path.join(dir, 'other.sqlite') })).rejects.toMatchObject({ code: 'IMR_ERR_USAGE', message: expect.stringMatching(/IMR_SQLITE_STATEMENT_CACHE must be a whole number/) });
    } finally {
      vi.unstubAllEnvs();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a second use of a statement still iterating a statement of its own', () => {
    const raw = sqlite();
    raw.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const cache = new StatementCache(raw);
    const it = cache.prepare('select n from t order by n').iterate([]);
    expect(it.next().value).toEqual({ n: 1 });
    expect(cache.prepare('select n from t order by n').all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...it]).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cache.prepare('select n from t order by n').all([])).toHaveLength(3);
  });

  it('refuses a size below 1 and closes the database it wraps', () => {
    expect(() => new StatementCache(sqlite(), 0)).toThrow(RangeError);
    const raw = new SqliteDatabase(':memory:');
    const cache = new StatementCache(raw);
    cache.prepare('select 1').all([]);
    cache.close();
    expect(raw.open).toBe(false);
    expect(cache.stats().size).toBe(0);
  });

  it('begins transactions IMMEDIATE, so another connection that commits meanwhile cannot make one fail on a stale snapshot', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-stmt-begin-'));
    const file = path.join(dir, 'db.sqlite');
    try {
      const main = new SqliteDatabase(file);
      main.pragma('journal_mode = WAL');
      main.exec('create table t (id integer primary key, name text, n integer)');
      const other = new SqliteDatabase(file);
      other.pragma('busy_timeout = 0');
      const db = kysely(new StatementCache(main));
      let otherWrite: unknown = null;
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('t').selectAll().execute();
        // The write lock is this transaction's from its start: the other connection cannot commit under it.
        try {
          other.prepare("insert into t (name, n) values ('other', 1)").run();
        } catch (e) {
          otherWrite = (e as { code?: string }).code;
        }
        await trx.insertInto('t').values({ name: 'mine', n: 2 }).execute();
      });
      expect(otherWrite).toBe('SQLITE_BUSY');
      expect(main.prepare('select name from t').all()).toEqual([{ name: 'mine' }]);
      other.close();
      await db.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
