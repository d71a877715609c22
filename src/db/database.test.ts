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

  it('applies a migration that sorts before ones already run (a database made by an older release)', async () => {
    // Undo the newest service-area migration (it sorts before the corpus area's 02xx ones) as if the
    // database came from a release without it; starting again must apply it, not refuse.
    const ran = await database.db.selectFrom('kysely_migration' as never).select('name' as never).execute() as unknown as { name: string }[];
    const names = ran.map((r) => r.name).sort();
    const service = names.filter((n) => n.startsWith('01')).pop()!;
    expect(names.some((n) => n > service)).toBe(true);
    const mod = (await import(`./migrations/${service}.ts`)) as { down?: (db: unknown) => Promise<void> };
    expect(typeof mod.down).toBe('function');
    await mod.down!(database.db);
    await database.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', service as never).execute();
    expect(await migrateToLatest(database.db, { schema: database.schema })).toEqual([service]);
  });

  it('runs raw SQL on the dialect', async () => {
    const r = await sql<{ n: number }>`select 1 + 1 as n`.execute(database.db);
    expect(Number(r.rows[0].n)).toBe(2);
  });
});

describe('SQLite durability', () => {
  it('commits with a full sync whether the file is new or already existed', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { openDatabase } = await import('./database.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-sync-'));
    try {
      for (const round of ['new file', 'existing file']) {
        const database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'imr.sqlite') });
        const r = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db);
        // 2 = FULL; better-sqlite3 alone would give 1 (NORMAL) on the second open.
        expect({ round, synchronous: Number(r.rows[0].synchronous) }).toEqual({ round, synchronous: 2 });
        await database.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
