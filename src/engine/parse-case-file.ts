import { parseOrThrow } from '../errors/zod-problems.js';
import { caseFileSchema, type CaseFile } from './case-file.js';

/** Validates a parsed case file (JSON value); throws IMR_ERR_CASE_INVALID listing each field's problem. */
export function parseCaseFile(value: unknown): CaseFile {
  return parseOrThrow(caseFileSchema, value, 'The case file', 'IMR_ERR_CASE_INVALID');
}
