/**
 * The fuzzing suite's reader thread: reads each letter it is sent with the public reader and answers
 * with what a user would see (items and decisions, warnings, or the error's code). The driver runs it
 * in a worker so that a hang or a runaway allocation is stopped (terminate, memory limit) and counted.
 */
import { parentPort } from 'node:worker_threads';
import { isImrError } from '../../../errors/imr-error.js';
import { guardUnhandledRejections } from '../../../shared/process-guard.js';
import { parseLetterBytes } from '../read-letter-file.js';

interface FuzzTask {
  id: number;
  bytes: Uint8Array;
}

export type FuzzReply =
  | { id: number; stray: number; ok: true; layout: string; items: Array<{ request: string; decision: string }>; warnings: string[] }
  | { id: number; stray: number; ok: false; code: string; message: string; imr: boolean };

/**
 * Rejections pdf.js leaves behind after a damaged file was answered: the project's reading workers and
 * CLI survive them with this guard (issue 11, item 1); here they are counted, and reported with each answer.
 */
let stray = 0;
guardUnhandledRejections(() => stray++);

/** The stray rejections since the last answer (they may surface after the file that caused them was answered). */
function takeStray(): number {
  const n = stray;
  stray = 0;
  return n;
}

parentPort?.on('message', (task: FuzzTask) => {
  parseLetterBytes(task.bytes).then(
    (p) =>
      parentPort?.postMessage({
        id: task.id,
        stray: takeStray(),
        ok: true,
        layout: p.layout,
        items: p.letter.items.map((i) => ({ request: i.request, decision: i.decision })),
        warnings: p.warnings,
      } satisfies FuzzReply),
    (e: unknown) =>
      parentPort?.postMessage({
        id: task.id,
        stray: takeStray(),
        ok: false,
        code: isImrError(e) ? e.code : 'NOT_AN_IMR_ERROR',
        message: isImrError(e) ? e.message : String((e as Error)?.stack ?? e),
        imr: isImrError(e),
      } satisfies FuzzReply),
  );
});
