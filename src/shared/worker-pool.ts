/**
 * A pool of worker threads for work on untrusted input (reading PDFs): the calling thread stays
 * free, and one file can cost at most its time and memory. Each worker runs one task at a time;
 * a task that runs out of time, or a worker that runs out of memory or dies, fails that task with
 * a catalogue error and the worker is replaced for the tasks after it. Workers start when first
 * needed and do not keep the process alive while idle.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.js';
import { ImrError } from '../errors/imr-error.js';
import type { TaskMessage, TaskReply } from './worker-tasks.js';

export interface WorkerPoolOptions {
  /** The worker module (serving tasks with serveTasks); a .ts module is loaded through tsx. */
  entry: URL;
  /** Workers at most. */
  size: number;
  /** Wall time one task may take once a worker has it, ms. */
  timeMs: number;
  /** Heap of one worker, MB (resourceLimits); also what the pool's buffers may grow by while tasks run. */
  memoryMb: number;
  /** The error for a task stopped at a limit (time or memory), whose worker died, or that the pool's closing cut short; `label` names the input. */
  stopped(label: string, why: StopReason): ImrError;
}

export type StopReason = 'time' | 'memory' | 'crash' | 'closed';

interface Running {
  id: number;
  label: string;
  resolve: (r: unknown) => void;
  reject: (e: unknown) => void;
  timer?: NodeJS.Timeout;
}

interface Queued extends Running {
  task: unknown;
  transfer: ArrayBuffer[];
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running: Running | null;
  /** Set once the pool gave up on the worker (time, memory, close): it is no longer offered tasks. */
  dead: boolean;
  error?: unknown;
}

/** After this many workers in a row die before they are ready, queued tasks fail instead of retrying forever. */
const MAX_START_FAILURES = 3;
/** How often the pool looks at the process's buffer memory while tasks run, ms. */
const MEMORY_CHECK_MS = 200;

export class WorkerPool<T, R> {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private startFailures = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private bufferBaseline = 0;

  constructor(private readonly opts: WorkerPoolOptions) {}

  /** Runs `task` on a worker; `transfer` lists buffers to move rather than copy (the caller must not use them after). */
  run(task: T, label: string, transfer: ArrayBuffer[] = []): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, label, task, transfer, resolve: resolve as (r: unknown) => void, reject });
      this.pump();
    });
  }

  /** Stops every worker; tasks still queued or running fail. The pool starts new workers if used again. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    const queued = this.queue.splice(0);
    for (const q of queued) q.reject(this.opts.stopped(q.label, 'closed'));
    await Promise.all(slots.map((s) => this.kill(s, 'closed')));
    this.stopWatchdog();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((s) => s.ready && !s.dead && s.running === null);
      if (!idle) {
        const starting = this.slots.filter((s) => !s.ready && !s.dead).length;
        const live = this.slots.filter((s) => !s.dead).length;
        if (live < this.opts.size && starting < this.queue.length) {
          this.spawn();
          continue;
        }
        return;
      }
      this.dispatch(idle, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, q: Queued): void {
    const running: Running = { id: q.id, label: q.label, resolve: q.resolve, reject: q.reject };
    slot.running = running;
    slot.worker.ref();
    running.timer = setTimeout(() => this.giveUp(slot, 'time'), this.opts.timeMs);
    this.startWatchdog();
    slot.worker.postMessage({ id: q.id, task: q.task } satisfies TaskMessage<unknown>, q.transfer);
  }

  private spawn(): void {
    const href = this.opts.entry.href;
    const resourceLimits = { maxOldGenerationSizeMb: this.opts.memoryMb };
    const worker = href.endsWith('.ts')
      ? // Under the TypeScript runners (tsx, vitest) the worker registers tsx's loader before loading the .ts entry.
        new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(href)}); })`, { eval: true, resourceLimits })
      : new Worker(this.opts.entry, { resourceLimits });
    const slot: Slot = { worker, ready: false, running: null, dead: false };
    this.slots.push(slot);
    worker.on('message', (reply: TaskReply<R>) => this.onReply(slot, reply));
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', () => this.onExit(slot));
  }

  private onReply(slot: Slot, reply: TaskReply<R>): void {
    if ('ready' in reply) {
      slot.ready = true;
      this.startFailures = 0;
      slot.worker.unref();
      this.pump();
      return;
    }
    const running = slot.running;
    if (!running || running.id !== reply.id) return;
    this.finish(slot);
    if (reply.ok) running.resolve(reply.result);
    else {
      const code = (reply.code in ERROR_CATALOGUE ? reply.code : 'IMR_ERR_INTERNAL') as ErrorCode;
      running.reject(new ImrError(code, reply.message, { subject: reply.subject, details: reply.details }));
    }
    this.pump();
  }

  private finish(slot: Slot): void {
    if (slot.running?.timer) clearTimeout(slot.running.timer);
    slot.running = null;
    if (!slot.dead) slot.worker.unref();
    if (!this.slots.some((s) => s.running)) this.stopWatchdog();
  }

  private onExit(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (!slot.ready && !slot.dead && ++this.startFailures >= MAX_START_FAILURES) {
      for (const q of this.queue.splice(0)) q.reject(this.opts.stopped(q.label, 'crash'));
    }
    const running = slot.running;
    if (running) {
      this.finish(slot);
      const oom = (slot.error as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      running.reject(this.opts.stopped(running.label, oom ? 'memory' : 'crash'));
    }
    this.pump();
  }

  /** Fails the slot's task now (the worker may take a moment to stop) and replaces the worker. */
  private giveUp(slot: Slot, why: 'time' | 'memory'): void {
    const running = slot.running;
    if (!running || slot.dead) return;
    void this.kill(slot, why);
    this.pump();
  }

  private async kill(slot: Slot, why: StopReason): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    const running = slot.running;
    if (running) {
      this.finish(slot);
      running.reject(this.opts.stopped(running.label, why));
    }
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    await slot.worker.terminate();
  }

  /**
   * A worker's heap is capped by resourceLimits, but its buffers (inflated streams, decoded data)
   * live outside the heap and are counted only for the whole process: while tasks run, buffer
   * memory that grows past the per-worker allowance times the busy workers stops those tasks.
   */
  private startWatchdog(): void {
    if (this.watchdog) return;
    this.bufferBaseline = process.memoryUsage().arrayBuffers;
    this.watchdog = setInterval(() => {
      const busy = this.slots.filter((s) => s.running && !s.dead);
      if (busy.length === 0) return;
      const grown = process.memoryUsage().arrayBuffers - this.bufferBaseline;
      if (grown > busy.length * this.opts.memoryMb * 1024 * 1024) {
        for (const s of busy) this.giveUp(s, 'memory');
      }
    }, MEMORY_CHECK_MS);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }
}
