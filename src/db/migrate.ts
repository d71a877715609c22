import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { ImrError } from '../errors/imr-error.js';
import type { AnyDb } from './database.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Loads every migration file of the folder (compiled .js in dist, .ts under the test runner). */
const folderProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'));
    const migrations: Record<string, Migration> = {};
    for (const f of files.sort()) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, f)).href)) as Migration;
      migrations[f.replace(/\.(js|ts)$/, '')] = mod;
    }
    return migrations;
  },
};

/**
 * Brings the schema up to date. Kysely's migrator takes a lock (an advisory lock on PostgreSQL,
 * the write lock on SQLite), so several instances starting at once are safe.
 * Migration files live in src/db/migrations, named NNNN_area_what.ts; each area owns its files.
 */
export async function migrateToLatest(db: AnyDb, opts: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({
    db,
    ...(opts.schema ? { migrationTableSchema: opts.schema } : {}),
    provider: folderProvider,
    // Each area numbers its own migrations (01xx service, 02xx corpus), so a new service migration
    // sorts before corpus migrations a database already ran. Areas never depend on each other's
    // tables, so a database made by an older release applies the newcomer instead of refusing to start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new ImrError('IMR_ERR_DATABASE', `Database migration ${failed} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
