import type { z } from 'zod';
import { ImrError, type FieldProblem } from './imr-error.js';
import type { ErrorCode } from './catalogue.js';

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** Parses with a Zod schema and turns failures into one ImrError listing each field's problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, code: ErrorCode = 'IMR_ERR_VALIDATION'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = zodProblems(r.error);
  const summary = details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ');
  throw new ImrError(code, `${what} is invalid: ${summary}`, { details });
}
