import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database, type DialectName } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/**
 * The databases every repository and API test runs on: SQLite always, PostgreSQL when
 * DATABASE_URL is set (CI sets it). Use with `describe.each(testDialects())`.
 */
export function testDialects(): DialectName[] {
  return process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, migrated database of the given dialect, isolated from every other test. */
export async function openTestDatabase(dialect: DialectName): Promise<Database> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-test-'));
    const database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'test.sqlite') });
    await migrateToLatest(database.db);
    return { ...database, close: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const database = await openDatabase({ url, pgSchema: schema });
  await migrateToLatest(database.db, { schema });
  return {
    ...database,
    close: async () => {
      await database.close();
      const pg = await import('pg');
      const admin = new pg.default.Pool({ connectionString: url, max: 1 });
      try { await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`); } finally { await admin.end(); }
    },
  };
}
