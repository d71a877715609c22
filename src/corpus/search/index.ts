import type { Database } from '../../db/database.js';
import type { SearchIndex, SearchIndexOptions } from './port.js';
import { PostgresSearchIndex } from './postgres-index.js';
import { SqliteSearchIndex } from './sqlite-index.js';

export type * from './port.js';

/** The search index for the database's dialect. */
export function createSearchIndex(database: Database, opts: SearchIndexOptions = {}): SearchIndex {
  return database.dialect === 'postgres' ? new PostgresSearchIndex(database.db, opts) : new SqliteSearchIndex(database.db, opts);
}
