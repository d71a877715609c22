/**
 * A worker thread that parses letter files for a parallel import (`--jobs N`). It receives the
 * file's bytes and answers with the parsed letter or the error's code and message.
 */
import { parentPort } from 'node:worker_threads';
import { isImrError } from '../../errors/imr-error.js';
import { parseLetterFileBytes } from './parse.js';

export interface ParseTask {
  id: number;
  bytes: Uint8Array;
  source: string;
}

export type ParseReply =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof parseLetterFileBytes>> }
  | { id: number; ok: false; code: string; message: string };

parentPort?.on('message', (task: ParseTask) => {
  parseLetterFileBytes(task.bytes, task.source).then(
    (result) => parentPort?.postMessage({ id: task.id, ok: true, result } satisfies ParseReply),
    (e: unknown) =>
      parentPort?.postMessage({
        id: task.id,
        ok: false,
        code: isImrError(e) ? e.code : 'IMR_ERR_INTERNAL',
        message: isImrError(e) ? e.message : `${task.source}: the letter could not be read`,
      } satisfies ParseReply),
  );
});
