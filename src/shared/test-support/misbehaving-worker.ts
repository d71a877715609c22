/**
 * A worker for the WorkerPool tests: each task asks it to misbehave the way a hostile document
 * makes a reader misbehave (leave a rejection nobody handles, run forever, exhaust its heap, die),
 * or to answer normally; answers carry the worker's thread id so tests see whether it was replaced.
 */
import { threadId } from 'node:worker_threads';
import { ImrError } from '../../errors/imr-error.js';
import { serveTasks } from '../worker-tasks.js';

export type Misbehaviour = 'answer' | 'reject-unhandled' | 'hang' | 'exhaust-heap' | 'die' | 'catalogue-error';

serveTasks<Misbehaviour, { threadId: number }>(
  async (task) => {
    switch (task) {
      case 'reject-unhandled':
        // What pdf.js does with some damaged files: a promise rejects after the caller moved on.
        void Promise.reject(new TypeError('left behind'));
        await new Promise((r) => setTimeout(r, 20));
        return { threadId };
      case 'hang':
        for (;;);
      case 'exhaust-heap': {
        const keep: number[][] = [];
        for (;;) keep.push(new Array<number>(4_000_000).fill(keep.length + 0.5));
      }
      case 'die':
        setImmediate(() => {
          throw new Error('uncaught in the worker');
        });
        return new Promise(() => undefined);
      case 'catalogue-error':
        throw new ImrError('IMR_ERR_PDF_INVALID', 'doc.pdf: damaged');
      default:
        return { threadId };
    }
  },
  () => 'the task failed',
);
