/**
 * A worker thread for a parallel import (`--jobs N`): receives a file's bytes, reads the letter
 * within the reading limits (PDF text extraction is the CPU cost), assigns categories and gaps,
 * and answers with the rows to store, or with the error's code and message (shared/worker-tasks.ts).
 */
import { serveTasks } from '../../shared/worker-tasks.js';
import { categoriseRequest } from '../category.js';
import type { CorpusLetterRecord } from '../records.js';
import { letterRecordFromBytes, type RecordTask } from './parse.js';
import type { ReadingLimits } from '../../letters/read/reading-limits.js';

export interface WorkerTask extends RecordTask {
  limits: ReadingLimits;
}

serveTasks<WorkerTask, CorpusLetterRecord>(
  (task) => letterRecordFromBytes(task, categoriseRequest, task.limits),
  (task) => `${task.source}: the letter could not be read`,
);
