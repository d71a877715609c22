import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase, testDialects } from './test-support/dialects.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './database.js';

describe.each(testDialects())('database on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => { database = await openTestDatabase(dialect); });
  afterAll(async () => { await database?.close(); });

  it('has run the migrations and can store a setting', async () => {
    await database.db.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
    const row = await database.db.selectFrom('settings').selectAll().where('key', '=', 'k').executeTakeFirst();
    expect(row).toEqual({ key: 'k', value: 'v' });
  });

  it('migrating again is a no-op', async () => {
    expect(await migrateToLatest(database.db, { schema: database.schema })).toEqual([]);
  });

  it('runs raw SQL on the dialect', async () => {
    const r = await sql<{ n: number }>`select 1 + 1 as n`.execute(database.db);
    expect(Number(r.rows[0].n)).toBe(2);
  });
});
