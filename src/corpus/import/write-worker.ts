/**
 * The writer thread of a large SQLite import (see writer.ts): it holds its own connection to the
 * corpus file and stores each batch of letters it receives, so that indexing them (FTS5 tokenising
 * every item, the bulk of a write's CPU) runs beside the parsing instead of stopping it: with
 * better-sqlite3 a write holds the thread that runs it until the batch commits.
 */
import { serveTasks } from '../../shared/worker-tasks.js';
import { openDatabase, type Database } from '../../db/database.js';
import type { CorpusLetterRecord } from '../records.js';
import { CorpusStore } from '../store.js';
import type { StoredOutcome } from './writer.js';

export interface WriteTask {
  /** The SQLite file the corpus is in (already migrated by the importing process). */
  file: string;
  records: CorpusLetterRecord[];
  importedAt: string;
  /** The import is over: close the connection (the batches are all committed). */
  close?: boolean;
}

let open: { file: string; database: Database; store: CorpusStore } | null = null;

async function storeFor(file: string): Promise<CorpusStore> {
  if (open?.file === file) return open.store;
  await open?.database.close();
  const database = await openDatabase({ url: '', sqliteFile: file });
  const store = new CorpusStore(database);
  await store.prepareForBulkWrites();
  open = { file, database, store };
  return store;
}

serveTasks<WriteTask, StoredOutcome[]>(
  async (task) => {
    if (task.close) {
      await open?.database.close();
      open = null;
      return [];
    }
    const outcomes = await (await storeFor(task.file)).insertLetters(task.records, task.importedAt);
    // An ImrError does not cross threads as itself: its code and message do.
    return outcomes.map((o) => (o.status === 'failed' ? { status: 'failed', code: o.error.code, message: o.error.message } : o));
  },
  () => 'A batch of letters could not be stored (nothing of it was kept).',
);
