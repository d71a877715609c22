import { availableParallelism } from 'node:os';
import { WorkerPool, type StopReason } from '../../shared/worker-pool.js';
import type { ParsedLetter } from './parse-letter.js';
import { extractPdfText } from './pdf-text.js';
import { parseLetterBytes } from './read-letter-file.js';
import { documentLimitError, readingLimits, withFileName, type ReadingLimits } from './reading-limits.js';
import type { ReadResult, ReadTask } from './reading-worker.js';
import { ImrError, isImrError } from '../../errors/imr-error.js';

/**
 * The port through which the service and the CLI read untrusted documents (uploads, letter files).
 * Every error is a catalogue error naming the file (`name`).
 */
export interface DocumentReader {
  /** The text layer of a PDF (lines, pages separated by a form feed). */
  readPdfText(bytes: Uint8Array, name: string): Promise<string>;
  /** A determination letter (PDF or text) read into the letter model. */
  parseLetter(bytes: Uint8Array, name: string): Promise<ParsedLetter>;
  /** Stops the reader's workers (a reader used again starts new ones). */
  close(): Promise<void>;
}

function named<T>(name: string, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    throw isImrError(e) ? withFileName(e, name) : e;
  });
}

/**
 * Reading in this thread, with the size and complexity limits but no time or memory limit: for
 * trusted files (the project's own renders) and tests. Users' files go through WorkerDocumentReader.
 */
export class InlineDocumentReader implements DocumentReader {
  readonly limits: ReadingLimits;
  constructor(limits: Partial<ReadingLimits> = {}) {
    this.limits = readingLimits(limits);
  }
  readPdfText(bytes: Uint8Array, name: string): Promise<string> {
    return named(name, extractPdfText(bytes, this.limits));
  }
  parseLetter(bytes: Uint8Array, name: string): Promise<ParsedLetter> {
    return named(name, parseLetterBytes(bytes, name, this.limits));
  }
  async close(): Promise<void> {}
}

export interface WorkerReaderOptions {
  /** Reading workers (default IMR_READ_WORKERS, or one per core but one, at least 1 and at most 4). */
  workers?: number;
  limits?: Partial<ReadingLimits>;
}

function defaultWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.IMR_READ_WORKERS;
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new ImrError('IMR_ERR_USAGE', `IMR_READ_WORKERS must be a whole number from 1 to 64; got "${raw}".`);
    return n;
  }
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * Reading in a pool of worker threads, each file within the reading limits: the calling thread
 * (the server's event loop) stays free, a file that takes longer than `timeMs` has its worker
 * stopped and replaced, a worker that runs out of memory is replaced, and either ends in
 * IMR_ERR_DOCUMENT_LIMIT naming the file. Nothing a file does can end the calling process.
 */
export class WorkerDocumentReader implements DocumentReader {
  readonly limits: ReadingLimits;
  private readonly pool: WorkerPool<ReadTask, ReadResult>;

  constructor(opts: WorkerReaderOptions = {}) {
    this.limits = readingLimits(opts.limits);
    const ts = import.meta.url.endsWith('.ts');
    this.pool = new WorkerPool<ReadTask, ReadResult>({
      entry: new URL(ts ? './reading-worker.ts' : './reading-worker.js', import.meta.url),
      size: opts.workers ?? defaultWorkers(),
      timeMs: this.limits.timeMs,
      memoryMb: this.limits.memoryMb,
      stopped: (name, why) => stoppedError(name, why, this.limits),
    });
  }

  async readPdfText(bytes: Uint8Array, name: string): Promise<string> {
    // Copied to the worker (not transferred): the caller still stores and hashes the bytes.
    return named(name, this.pool.run({ kind: 'pdf-text', bytes, name, limits: this.limits }, name) as Promise<string>);
  }

  async parseLetter(bytes: Uint8Array, name: string): Promise<ParsedLetter> {
    return named(name, this.pool.run({ kind: 'letter', bytes, name, limits: this.limits }, name) as Promise<ParsedLetter>);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The catalogue error for a read the pool had to stop: out of time or memory, or a worker that died. */
export function stoppedError(name: string, why: StopReason, limits: ReadingLimits): ImrError {
  if (why === 'time') return documentLimitError('timeMs', limits.timeMs, name);
  if (why === 'memory') return documentLimitError('memoryMb', limits.memoryMb, name);
  if (why === 'closed') return new ImrError('IMR_ERR_INTERNAL', `${name}: reading was cut short because the service is stopping; send the file again.`, { subject: name });
  return new ImrError('IMR_ERR_PDF_INVALID', `${name}: the reader stopped while reading this file (it is probably damaged); get a fresh copy of the file.`, { subject: name });
}

/** The reader the service and the CLI use: a worker pool configured from the environment. */
export function createDocumentReader(opts: WorkerReaderOptions = {}): DocumentReader {
  return new WorkerDocumentReader(opts);
}
