/**
 * A worker thread for a parallel import (`--jobs N`): receives a file's bytes, reads the letter
 * (PDF text extraction is the CPU cost), assigns categories and gaps, and answers with the rows
 * to store, or with the error's code and message.
 */
import { parentPort } from 'node:worker_threads';
import { isImrError } from '../../errors/imr-error.js';
import { categoriseRequest } from '../category.js';
import type { CorpusLetterRecord } from '../records.js';
import { letterRecordFromBytes, type RecordTask } from './parse.js';

export interface WorkerTask extends RecordTask {
  id: number;
}

export type WorkerReply =
  | { id: number; ok: true; record: CorpusLetterRecord }
  | { id: number; ok: false; code: string; message: string };

parentPort?.on('message', (task: WorkerTask) => {
  letterRecordFromBytes(task, categoriseRequest).then(
    (record) => parentPort?.postMessage({ id: task.id, ok: true, record } satisfies WorkerReply),
    (e: unknown) =>
      parentPort?.postMessage({
        id: task.id,
        ok: false,
        code: isImrError(e) ? e.code : 'IMR_ERR_INTERNAL',
        message: isImrError(e) ? e.message : `${task.source}: the letter could not be read`,
      } satisfies WorkerReply),
  );
});
