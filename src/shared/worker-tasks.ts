/**
 * The worker side of a WorkerPool (worker-pool.ts): answers each task with its result or with the
 * catalogue error it failed with. The worker announces itself ready once its modules are loaded,
 * so the pool's per-task clock measures reading, not start-up.
 */
import { parentPort } from 'node:worker_threads';
import { isImrError } from '../errors/imr-error.js';
import type { FieldProblem } from '../errors/imr-error.js';
import { guardUnhandledRejections } from './process-guard.js';

export interface TaskMessage<T> {
  id: number;
  task: T;
}

export type TaskReply<R> =
  | { ready: true }
  | { id: number; ok: true; result: R }
  | { id: number; ok: false; code: string; message: string; subject?: string; details?: FieldProblem[] };

/** Serves tasks on this worker thread with `handle`; `fallback` words an error that is not a catalogue error. */
export function serveTasks<T, R>(handle: (task: T) => Promise<R>, fallback: (task: T) => string): void {
  const port = parentPort;
  if (!port) return;
  // A rejection pdf.js leaves behind must not end the worker (and the tasks after it).
  guardUnhandledRejections((line) => process.stderr.write(`${line} (in a reading worker)\n`));
  port.on('message', (m: TaskMessage<T>) => {
    let pending: Promise<R>;
    try {
      pending = handle(m.task);
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending.then(
      (result) => port.postMessage({ id: m.id, ok: true, result } satisfies TaskReply<R>),
      (e: unknown) =>
        port.postMessage(
          (isImrError(e)
            ? { id: m.id, ok: false, code: e.code, message: e.message, subject: e.subject, details: e.details }
            : { id: m.id, ok: false, code: 'IMR_ERR_INTERNAL', message: fallback(m.task) }) satisfies TaskReply<R>,
        ),
    );
  });
  port.postMessage({ ready: true } satisfies TaskReply<R>);
}
