import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { categoriseRequest } from '../category.js';
import { CorpusStore } from '../store.js';
import { importSources } from './importer.js';

const LETTER = [
  'Independent Medical Review Final Determination Letter',
  'Case Number: CM16-0000001  Date of UR Decision: 01/02/2016',
  'DISPUTED ITEMS AND RESULTS',
  'Physical therapy 12 sessions: Upheld',
].join('\n');

async function pragma(database: Database, name: 'synchronous' | 'cache_size'): Promise<number> {
  const r = await sql<Record<string, number>>`${sql.raw(`PRAGMA ${name}`)}`.execute(database.db);
  return Number(Object.values(r.rows[0])[0]);
}

// The service and a corpus import through it share one SQLite connection: the import's faster commits
// must end with the import, so the service's own commits wait for the disk again.
describe('a corpus import on the service connection (SQLite)', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-restore-'));
    database = await openDatabase({ url: '', sqliteFile: path.join(dir, 'imr.sqlite') });
    await migrateToLatest(database.db);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts synchronous and the page cache back as they were, whether a letter imports or fails', async () => {
    const before = { synchronous: await pragma(database, 'synchronous'), cache: await pragma(database, 'cache_size') };
    expect(before.synchronous).toBe(2);
    const summary = await importSources(
      [{ name: 'one.txt', bytes: new TextEncoder().encode(LETTER) }, { name: 'missing.txt', path: path.join(dir, 'missing.txt') }],
      { store: new CorpusStore(database), categorise: categoriseRequest },
    );
    expect(summary.failed.map((f) => f.file)).toContain('missing.txt');
    expect({ synchronous: await pragma(database, 'synchronous'), cache: await pragma(database, 'cache_size') }).toEqual(before);
  });
});
