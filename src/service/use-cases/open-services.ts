import { openDatabase, type Database, type DatabaseOptions } from '../../db/database.js';
import { ImrError } from '../../errors/imr-error.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createServices, type Services } from './services.js';

/** The database the server uses (same configuration), migrated, with the service over it. */
export async function withServices<T>(opts: { dataDir?: string }, fn: (services: Services, database: Database) => Promise<T>): Promise<T> {
  const database = await openServiceDatabase({ dataDir: opts.dataDir });
  try {
    await migrateToLatest(database.db, { schema: database.schema });
    const services = createServices(database, { engine: null });
    try {
      return await fn(services, database);
    } finally {
      await services.reader.close();
    }
  } finally {
    await database.close();
  }
}

/**
 * openDatabase, with a failure to create or open the SQLite file (a data folder that is a file,
 * not writable, …) or to reach PostgreSQL reported as IMR_ERR_DATABASE saying what to fix.
 */
export async function openServiceDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  try {
    return await openDatabase(opts);
  } catch (e) {
    if (e instanceof ImrError) throw e;
    const code = (e as { code?: unknown })?.code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    const url = opts.url ?? process.env.DATABASE_URL;
    if (url && /^postgres(ql)?:\/\//.test(url)) throw new ImrError('IMR_ERR_DATABASE', `Cannot connect to PostgreSQL${why}; check DATABASE_URL and that the server is running.`, { cause: e });
    const dir = opts.dataDir ?? process.env.IMR_DATA_DIR ?? 'data';
    throw new ImrError('IMR_ERR_DATABASE', `Cannot create or open the SQLite database in "${dir}"${why}; give a writable folder with --data-dir or IMR_DATA_DIR.`, { subject: dir, cause: e });
  }
}
