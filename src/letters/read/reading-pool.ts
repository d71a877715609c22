import { availableParallelism } from 'node:os';
import { WorkerPool, type StopReason } from '../../shared/worker-pool.js';
import type { ParsedLetter } from './parse-letter.js';
import { documentLimitError, readingLimits, type ReadingLimits } from './reading-limits.js';
import type { ReadResult, ReadTask } from './reading-worker.js';
import { ImrError } from '../../errors/imr-error.js';
import type { Ocr } from './ocr/ocr-port.js';
import { named, ScanReading, tesseractOnFirstUse, type DocumentReader, type WorkerReaderOptions } from './document-reader.js';

export type { DocumentReader, WorkerReaderOptions } from './document-reader.js';

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
export class WorkerDocumentReader extends ScanReading implements DocumentReader {
  readonly limits: ReadingLimits;
  protected readonly ocr: Ocr | null;
  private readonly pool: WorkerPool<ReadTask, ReadResult>;

  constructor(opts: WorkerReaderOptions = {}) {
    super();
    this.limits = readingLimits(opts.limits);
    this.ocr = opts.ocr === undefined ? tesseractOnFirstUse() : opts.ocr;
    const workers = opts.workers ?? defaultWorkers();
    this.ocrSlots = workers;
    const ts = import.meta.url.endsWith('.ts');
    this.pool = new WorkerPool<ReadTask, ReadResult>({
      entry: new URL(ts ? './reading-worker.ts' : './reading-worker.js', import.meta.url),
      size: workers,
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
    // A scan's OCR text is parsed in a worker too, as a text letter.
    return this.letterOrScan(bytes, name, (b, n) => named(n, this.pool.run({ kind: 'letter', bytes: b, name: n, limits: this.limits }, n) as Promise<ParsedLetter>));
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
