import { WorkerPool } from '../../shared/worker-pool.js';
import { ImrError } from '../../errors/imr-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import type { CorpusLetterRecord } from '../records.js';
import type { BatchOutcome, CorpusStore } from '../store.js';
import type { WriteTask } from './write-worker.js';

/** A batch outcome as it crosses from the writer thread (an error as its code and message). */
export type StoredOutcome = Exclude<BatchOutcome, { status: 'failed' }> | { status: 'failed'; code: ErrorCode; message: string };

/** Stores batches of letters, one batch at a time (the importer never sends the next before the last is stored). */
interface LetterWriter {
  insertLetters(records: CorpusLetterRecord[], importedAt: string): Promise<BatchOutcome[]>;
  close(): Promise<void>;
}

/**
 * Below this many files an import writes in its own thread: starting the writer thread (its
 * modules and its connection) costs more than the overlap saves on a handful of letters.
 */
export const WRITER_THREAD_MIN_FILES = 1_000;

/** How long one batch may take to store in the writer thread before it is given up (ms): far beyond any healthy batch. */
const BATCH_TIME_MS = 10 * 60_000;

/**
 * The writer of an import: on a SQLite file, when asked, a thread of its own (write-worker.ts) with
 * its own connection, so that the letters of the next batch are read and parsed while this one is
 * indexed and committed (WAL: the importing thread's reads, such as the check for a stored hash,
 * do not wait for it). Otherwise the store itself: PostgreSQL indexes in its own server process
 * already, and an in-memory SQLite database cannot be opened a second time.
 */
export function createLetterWriter(store: CorpusStore, threaded: boolean): LetterWriter {
  const { database } = store;
  if (!threaded || database.dialect !== 'sqlite' || database.location === ':memory:' || database.location === '') {
    return { insertLetters: (records, importedAt) => store.insertLetters(records, importedAt), close: async () => {} };
  }
  const file = database.location;
  const self = import.meta.url;
  const pool = new WorkerPool<WriteTask, StoredOutcome[]>({
    entry: new URL(self.endsWith('.ts') ? './write-worker.ts' : './write-worker.js', self),
    size: 1,
    timeMs: BATCH_TIME_MS,
    memoryMb: 1024,
    stopped: (label, why) =>
      // The thread may stop after its commit but before it answers: "import again" adds only what is missing (hashes).
      new ImrError('IMR_ERR_DATABASE', `${label} may not have been stored: the writer ${why === 'time' ? 'ran out of time' : why === 'memory' ? 'ran out of memory' : 'stopped'}; import the same files again to add what is missing.`),
  });
  let used = false;
  let closed = false;
  return {
    async insertLetters(records, importedAt) {
      if (records.length === 0) return [];
      used = true;
      try {
        const outcomes = await pool.run({ file, records, importedAt }, `a batch of ${records.length} letter(s)`);
        return outcomes.map((o) => (o.status === 'failed' ? { status: 'failed', error: new ImrError(o.code, o.message) } : o));
      } catch (e) {
        const error = e instanceof ImrError ? e : new ImrError('IMR_ERR_DATABASE', 'A batch of letters could not be stored (nothing of it was kept).', { cause: e });
        return records.map(() => ({ status: 'failed', error }) as const);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // The writer closes its connection itself (a terminated thread would leave it to the finaliser).
      if (used) await pool.run({ file, records: [], importedAt: '', close: true }, 'closing the writer').catch(() => undefined);
      await pool.close();
    },
  };
}
