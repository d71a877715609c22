import { Worker } from 'node:worker_threads';
import { ImrError } from '../../errors/imr-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import type { Categorise, CorpusLetterRecord } from '../records.js';
import { letterRecordFromBytes, type RecordTask } from './parse.js';
import type { WorkerReply, WorkerTask } from './parse-worker.js';

/** Turns letter files into corpus rows, in this thread or in worker threads. */
export interface ParsePool {
  readonly size: number;
  toRecord(task: RecordTask): Promise<CorpusLetterRecord>;
  close(): Promise<void>;
}

/** Parsing in this thread (`--jobs 1`), with the given categoriser. */
export class InlineParsePool implements ParsePool {
  readonly size = 1;
  constructor(private readonly categorise: Categorise) {}
  toRecord(task: RecordTask): Promise<CorpusLetterRecord> {
    return letterRecordFromBytes(task, this.categorise);
  }
  async close(): Promise<void> {}
}

interface Pending {
  resolve: (r: CorpusLetterRecord) => void;
  reject: (e: unknown) => void;
  worker: Worker;
}

/**
 * Parsing in N worker threads (PDF text extraction is the CPU cost of an import); the workers
 * categorise with the request normaliser. Tasks go to the worker with the fewest in flight.
 * Under the TypeScript runners (tsx, vitest) the worker loads tsx first.
 */
export class WorkerParsePool implements ParsePool {
  private readonly workers: Worker[] = [];
  private readonly inFlight = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(readonly size: number) {
    const self = import.meta.url;
    const ts = self.endsWith('.ts');
    const url = new URL(ts ? './parse-worker.ts' : './parse-worker.js', self);
    for (let i = 0; i < size; i++) {
      const worker = ts
        ? // Under the TypeScript runners (tsx, vitest) the worker registers tsx's loader before loading the .ts entry.
          new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true })
        : new Worker(url);
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (e) => this.failWorker(worker, e));
      worker.on('exit', () => this.failWorker(worker, new Error('worker exited')));
      this.inFlight.set(worker, 0);
      this.workers.push(worker);
    }
  }

  toRecord(t: RecordTask): Promise<CorpusLetterRecord> {
    const bytes = t.bytes;
    if (this.workers.length === 0) {
      return Promise.reject(new ImrError('IMR_ERR_INTERNAL', 'No parsing worker is running; run the import again with --jobs 1.'));
    }
    // Only a buffer this view owns entirely can be transferred to the worker.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const worker = this.workers.reduce((a, b) => ((this.inFlight.get(b) ?? 0) < (this.inFlight.get(a) ?? 0) ? b : a));
    const id = this.nextId++;
    this.inFlight.set(worker, (this.inFlight.get(worker) ?? 0) + 1);
    return new Promise<CorpusLetterRecord>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      const task: WorkerTask = { ...t, id, bytes: own };
      worker.postMessage(task, [own.buffer as ArrayBuffer]);
    });
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.inFlight.set(worker, Math.max(0, (this.inFlight.get(worker) ?? 1) - 1));
    if (reply.ok) p.resolve(reply.record);
    else {
      const code = (reply.code in ERROR_CATALOGUE ? reply.code : 'IMR_ERR_INTERNAL') as ErrorCode;
      p.reject(new ImrError(code, reply.message));
    }
  }

  private failWorker(worker: Worker, e: unknown): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      p.reject(new ImrError('IMR_ERR_INTERNAL', 'A parsing worker stopped unexpectedly; run the import again (files already imported are skipped).', { cause: e }));
    }
  }

  async close(): Promise<void> {
    const all = [...this.workers];
    this.workers.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }
}

export function createParsePool(jobs: number, categorise: Categorise): ParsePool {
  return jobs <= 1 ? new InlineParsePool(categorise) : new WorkerParsePool(jobs);
}
