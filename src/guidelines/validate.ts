import type { z } from 'zod';
import { ImrError } from '../errors/imr-error.js';
import { zodProblems } from '../errors/zod-problems.js';
import { lineOf, lineOfKey, type DataFile } from './load.js';
import { findingsFileSchema, mtusEditionsFileSchema, topicSchema, type Finding, type FindingsFile, type MtusEdition, type Topic } from './schema.js';

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

/** Validates one file of the findings vocabulary; throws IMR_ERR_GUIDELINE_INVALID naming the file and line. */
export function parseFindingsFile(file: DataFile): FindingsFile {
  const r = findingsFileSchema.safeParse(file.data);
  if (!r.success)
    throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${where(file, r.error)} is not a valid findings vocabulary${first(r.error)}; fix the fields listed.`, {
      details: zodProblems(r.error),
      subject: file.path,
    });
  return r.data;
}

/** A finding of the vocabulary, with the file that defines it (for error messages). */
export interface FindingEntry {
  key: string;
  finding: Finding;
  file: DataFile;
}

/** "file:line" of a top-level key ("file" where the file has no text). */
function keyAt(file: DataFile, key: string): string {
  const line = lineOfKey(file, key);
  return line === null ? file.path : `${file.path}:${line}`;
}

/**
 * Validates the files of the findings vocabulary (src/guidelines/findings/) and merges them, in the order
 * given; throws IMR_ERR_GUIDELINE_INVALID naming the file and line of a bad entry, or both files and lines
 * of a key defined twice.
 */
export function parseFindingsFiles(files: readonly DataFile[]): FindingEntry[] {
  const entries = new Map<string, FindingEntry>();
  for (const file of files)
    for (const [key, finding] of Object.entries(parseFindingsFile(file))) {
      const earlier = entries.get(key);
      if (earlier)
        throw new ImrError(
          'IMR_ERR_GUIDELINE_INVALID',
          `${keyAt(file, key)}: finding "${key}" is already defined at ${keyAt(earlier.file, key)}; define each finding in one file of the findings vocabulary (keep one, or rename the other and the criteria that use it).`,
          { details: [{ path: key, message: `defined in ${earlier.file.path} and ${file.path}` }], subject: file.path },
        );
      entries.set(key, { key, finding, file });
    }
  return [...entries.values()];
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
