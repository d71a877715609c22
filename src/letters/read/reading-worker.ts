/**
 * A reading worker (see reading-pool.ts): reads one untrusted document per task, a PDF's text or
 * a whole letter, within the limits the task carries, and answers with the result or the
 * catalogue error. Runs on a worker thread so that a slow, huge or crashing file costs only this
 * thread.
 */
import { serveTasks } from '../../shared/worker-tasks.js';
import type { ParsedLetter } from './parse-letter.js';
import { extractPdfText } from './pdf-text.js';
import type { ReadingLimits } from './reading-limits.js';
import { parseLetterBytes, readerFailureMessage } from './read-letter-file.js';

export type ReadTask =
  | { kind: 'pdf-text'; bytes: Uint8Array; name: string; limits: ReadingLimits }
  | { kind: 'letter'; bytes: Uint8Array; name: string; limits: ReadingLimits };

export type ReadResult = string | ParsedLetter;

serveTasks<ReadTask, ReadResult>(
  (task) => (task.kind === 'pdf-text' ? extractPdfText(task.bytes, task.limits) : parseLetterBytes(task.bytes, task.name, task.limits)),
  (task) => readerFailureMessage(task.name),
);
