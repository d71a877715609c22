import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createServices, type Services } from './services.js';

/** The database the server uses (same configuration), migrated, with the service over it. */
export async function withServices<T>(opts: { dataDir?: string }, fn: (services: Services, database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: opts.dataDir });
  try {
    await migrateToLatest(database.db, { schema: database.schema });
    return await fn(createServices(database, { engine: null }), database);
  } finally {
    await database.close();
  }
}
