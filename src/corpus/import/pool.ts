import { WorkerPool } from '../../shared/worker-pool.js';
import { readingLimits, type ReadingLimits } from '../../letters/read/reading-limits.js';
import { stoppedError } from '../../letters/read/reading-pool.js';
import type { Categorise, CorpusLetterRecord } from '../records.js';
import { packStoredTexts } from '../stored-text.js';
import { letterRecordFromBytes, type RecordTask } from './parse.js';
import type { WorkerTask } from './parse-worker.js';

/** Turns letter files into corpus rows, in this thread or in worker threads. */
export interface ParsePool {
  readonly size: number;
  toRecord(task: RecordTask): Promise<CorpusLetterRecord>;
  close(): Promise<void>;
}

/** Parsing in this thread (`--jobs 1`), with the given categoriser. */
class InlineParsePool implements ParsePool {
  readonly size = 1;
  constructor(
    private readonly categorise: Categorise,
    private readonly pack: boolean,
  ) {}
  async toRecord(task: RecordTask): Promise<CorpusLetterRecord> {
    const record = await letterRecordFromBytes(task, this.categorise);
    return this.pack ? { ...record, packed: packStoredTexts(record) } : record;
  }
  async close(): Promise<void> {}
}

/**
 * Parsing in N worker threads (PDF text extraction is the CPU cost of an import), each file within
 * the reading limits (time, memory, size; see reading-limits.ts): a file that hits one fails with
 * IMR_ERR_DOCUMENT_LIMIT and the import goes on. The workers categorise with the request normaliser.
 */
class WorkerParsePool implements ParsePool {
  private readonly pool: WorkerPool<WorkerTask, CorpusLetterRecord>;
  private readonly limits: ReadingLimits;

  constructor(
    readonly size: number,
    private readonly pack: boolean,
    limits: Partial<ReadingLimits> = {},
  ) {
    this.limits = readingLimits(limits);
    const self = import.meta.url;
    this.pool = new WorkerPool<WorkerTask, CorpusLetterRecord>({
      entry: new URL(self.endsWith('.ts') ? './parse-worker.ts' : './parse-worker.js', self),
      size,
      timeMs: this.limits.timeMs,
      memoryMb: this.limits.memoryMb,
      stopped: (source, why) => stoppedError(source, why, this.limits),
    });
  }

  toRecord(t: RecordTask): Promise<CorpusLetterRecord> {
    const bytes = t.bytes;
    // Only a buffer this view owns entirely can be transferred to the worker (the importer is done with it).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return this.pool.run({ ...t, bytes: own, limits: this.limits, pack: this.pack }, t.source, [own.buffer as ArrayBuffer]);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * `pack`: the parsers also pack the letters' long texts for SQLite (stored-text.ts), so that the
 * writer only inserts; without it the store packs them as it writes.
 */
export function createParsePool(jobs: number, categorise: Categorise, pack = false): ParsePool {
  return jobs <= 1 ? new InlineParsePool(categorise, pack) : new WorkerParsePool(jobs, pack);
}
