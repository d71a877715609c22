import { Worker } from 'node:worker_threads';
import { ImrError } from '../../errors/imr-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import { parseLetterFileBytes, type ParsedFile } from './parse.js';
import type { ParseReply, ParseTask } from './parse-worker.js';

/** Parses letter bytes, in this thread or in worker threads. */
export interface ParsePool {
  readonly size: number;
  parse(bytes: Uint8Array, source: string): Promise<ParsedFile>;
  close(): Promise<void>;
}

/** Parsing in this thread (`--jobs 1`). */
export class InlineParsePool implements ParsePool {
  readonly size = 1;
  parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    return parseLetterFileBytes(bytes, source);
  }
  async close(): Promise<void> {}
}

interface Pending {
  resolve: (r: ParsedFile) => void;
  reject: (e: unknown) => void;
  worker: Worker;
}

/**
 * Parsing in N worker threads (PDF text extraction is the CPU cost of an import). Tasks go to
 * the worker with the fewest in flight. Under the TypeScript test runner the worker loads tsx.
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
      worker.on('message', (reply: ParseReply) => this.settle(worker, reply));
      worker.on('error', (e) => this.failWorker(worker, e));
      worker.on('exit', () => this.failWorker(worker, new Error('worker exited')));
      this.inFlight.set(worker, 0);
      this.workers.push(worker);
    }
  }

  parse(bytes: Uint8Array, source: string): Promise<ParsedFile> {
    if (this.workers.length === 0) {
      return Promise.reject(new ImrError('IMR_ERR_INTERNAL', 'No parsing worker is running; run the import again with --jobs 1.'));
    }
    // Only a buffer this view owns entirely can be transferred to the worker.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    const worker = this.workers.reduce((a, b) => ((this.inFlight.get(b) ?? 0) < (this.inFlight.get(a) ?? 0) ? b : a));
    const id = this.nextId++;
    this.inFlight.set(worker, (this.inFlight.get(worker) ?? 0) + 1);
    return new Promise<ParsedFile>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      const task: ParseTask = { id, bytes: own, source };
      worker.postMessage(task, [own.buffer as ArrayBuffer]);
    });
  }

  private settle(worker: Worker, reply: ParseReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    this.inFlight.set(worker, Math.max(0, (this.inFlight.get(worker) ?? 1) - 1));
    if (reply.ok) p.resolve(reply.result);
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

export function createParsePool(jobs: number): ParsePool {
  return jobs <= 1 ? new InlineParsePool() : new WorkerParsePool(jobs);
}
