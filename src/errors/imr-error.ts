import { ERROR_CATALOGUE, type ErrorCode } from './catalogue.js';

/** A problem with one field or part of the input, for validation errors. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The error every layer throws for a user-visible failure. `message` says what is wrong and
 * what to fix; it must never contain patient data (names, clinical text).
 */
export class ImrError extends Error {
  readonly code: ErrorCode;
  readonly details: FieldProblem[];
  /** The file or resource concerned, when there is one (a path, a case id). */
  readonly subject?: string;

  constructor(code: ErrorCode, message: string, opts: { details?: FieldProblem[]; subject?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ImrError';
    this.code = code;
    this.details = opts.details ?? [];
    this.subject = opts.subject;
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].http;
  }

  toJSON(): { code: ErrorCode; message: string; subject?: string; details?: FieldProblem[] } {
    return {
      code: this.code,
      message: this.message,
      ...(this.subject ? { subject: this.subject } : {}),
      ...(this.details.length ? { details: this.details } : {}),
    };
  }
}

export function isImrError(e: unknown): e is ImrError {
  return e instanceof ImrError;
}

/** Wraps anything thrown into an ImrError without leaking internals to the user. */
export function toImrError(e: unknown): ImrError {
  if (e instanceof ImrError) return e;
  return new ImrError('IMR_ERR_INTERNAL', 'An unexpected internal error occurred; retry, and report it if it persists (set IMR_DEBUG=1 to print the internal cause).', { cause: e });
}
