import type { z } from 'zod';
import { ImrError } from '../errors/imr-error.js';
import { zodProblems } from '../errors/zod-problems.js';
import { lineOf, type DataFile } from './load.js';
import { findingsFileSchema, mtusEditionsFileSchema, topicSchema, type FindingsFile, type MtusEdition, type Topic } from './schema.js';

/** "file" or "file:line", for the first problem of a failed parse. */
function where(file: DataFile, error: z.ZodError): string {
  const line = lineOf(file, error.issues[0]?.path ?? []);
  return line === null ? file.path : `${file.path}:${line}`;
}

/** The first problem, for the message (all of them are in the details). */
function first(error: z.ZodError): string {
  const [p] = zodProblems(error);
  return p ? ` (${p.path}: ${p.message})` : '';
}

/** Validates a topic data file against the schema; throws IMR_ERR_GUIDELINE_INVALID naming the file and line. */
export function parseTopicFile(file: DataFile): Topic {
  const r = topicSchema.safeParse(file.data);
  if (!r.success)
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${where(file, r.error)} is not a valid guideline topic${first(r.error)}; fix the fields listed.`, {
      details: zodProblems(r.error),
      subject: file.path,
    });
  return r.data;
}

/** Validates the findings vocabulary; throws IMR_ERR_GUIDELINE_INVALID naming the file and line. */
export function parseFindingsFile(file: DataFile): FindingsFile {
  const r = findingsFileSchema.safeParse(file.data);
  if (!r.success)
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${where(file, r.error)} is not a valid findings vocabulary${first(r.error)}; fix the fields listed.`, {
      details: zodProblems(r.error),
      subject: file.path,
    });
  return r.data;
}

/** Validates the list of MTUS editions the knowledge base does not hold; throws IMR_ERR_GUIDELINE_INVALID naming the file and line. */
export function parseEditionsFile(file: DataFile): MtusEdition[] {
  const r = mtusEditionsFileSchema.safeParse(file.data);
  if (!r.success)
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${where(file, r.error)} is not a valid list of MTUS editions${first(r.error)}; fix the fields listed.`, {
      details: zodProblems(r.error),
      subject: file.path,
    });
  return r.data;
}
