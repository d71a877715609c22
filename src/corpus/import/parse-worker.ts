/**
 * A worker thread for a parallel import (`--jobs N`): receives a file's bytes, reads the letter
 * within the reading limits (PDF text extraction is the CPU cost), assigns categories and gaps,
 * packs the long texts when the corpus is on SQLite (the writer then only inserts), and answers
 * with the rows to store, or with the error's code and message (shared/worker-tasks.ts).
 */
import { serveTasks } from '../../shared/worker-tasks.js';
import { categoriseRequest } from '../category.js';
import type { CorpusLetterRecord } from '../records.js';
import { packStoredTexts } from '../stored-text.js';
import { letterRecordFromBytes, type RecordTask } from './parse.js';
import type { ReadingLimits } from '../../letters/read/reading-limits.js';

export interface WorkerTask extends RecordTask {
  limits: ReadingLimits;
  /** Pack the long texts for SQLite here (stored-text.ts), so that the writer only inserts. */
  pack: boolean;
}

serveTasks<WorkerTask, CorpusLetterRecord>(
  async (task) => {
    const record = await letterRecordFromBytes(task, categoriseRequest, task.limits);
    return task.pack ? { ...record, packed: packStoredTexts(record) } : record;
  },
  (task) => `${task.source}: the letter could not be read`,
);
