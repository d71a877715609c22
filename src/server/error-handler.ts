import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ImrError, type FieldProblem } from '../errors/imr-error.js';

/** The one error body every failing request gets. */
interface ErrorBody {
  error: { code: string; message: string; details: FieldProblem[]; subject?: string; errorId?: string };
}

function send(reply: FastifyReply, err: ImrError, errorId?: string): FastifyReply {
  const body: ErrorBody = { error: { code: err.code, message: err.message, details: err.details, ...(err.subject ? { subject: err.subject } : {}), ...(errorId ? { errorId } : {}) } };
  return reply.code(err.httpStatus).type('application/json; charset=utf-8').send(body);
}

/**
 * A database error the request caused or can retry, as a catalogue error; null for anything else.
 * - a unique constraint lost to a concurrent write (PostgreSQL 23505, SQLite UNIQUE/PRIMARYKEY): 409;
 * - the database busy with another writer (SQLite BUSY/LOCKED once busy_timeout ran out, e.g. two
 *   servers on one file; PostgreSQL serialization failure or deadlock): 503 with Retry-After;
 * - a value the database cannot hold (PostgreSQL class 22 "data exception": NUL in text, a number
 *   out of range, a bad date; the request guard refuses these first, this is the safety net): 400.
 */
function databaseError(error: unknown): ImrError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return null;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ImrError('IMR_ERR_CONFLICT', 'Someone else changed this record at the same moment; reload it and retry.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40001' || code === '40P01') {
    return new ImrError('IMR_ERR_DATABASE_BUSY', 'The database is busy with another write and this request was not completed; retry in a moment.');
  }
  if (/^22[0-9A-Z]{3}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string') {
    return new ImrError('IMR_ERR_VALIDATION', 'A value in the request cannot be stored (a character, number or date out of range); check the fields and retry.');
  }
  return null;
}

/**
 * Maps every failure to the catalogue: ImrError → its status; schema validation → 400 with each
 * field's problem; oversized bodies → 413; anything else → 500 with an error id. Nothing of the
 * error's text, stack or the request body reaches the client or the log for unexpected errors.
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ImrError) return send(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.map((v) => ({ path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'), message: v.message ?? 'invalid' }));
    const summary = details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ');
    return send(reply, new ImrError('IMR_ERR_VALIDATION', `The request is invalid: ${summary}`, { details }));
  }
  const fe = error as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    const limit = request.routeOptions?.bodyLimit;
    const size = limit ? ` (${limit >= 1024 * 1024 ? `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` : `${limit} bytes`})` : '';
    return send(reply, new ImrError('IMR_ERR_PAYLOAD_TOO_LARGE', `The request body is larger than the limit${size}; send a smaller body.`));
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return send(reply, new ImrError('IMR_ERR_UNSUPPORTED_MEDIA', 'The request body type is not supported; send application/json.'));
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && error instanceof SyntaxError)) {
    return send(reply, new ImrError('IMR_ERR_INVALID_JSON', 'The request body is not valid JSON; fix its syntax.'));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(error)) {
    return send(reply, new ImrError('IMR_ERR_USAGE', 'The request is not well formed; check the method, headers and body.'));
  }
  // The multipart parser (busboy) throws plain errors for a malformed body: no boundary, cut-off parts.
  if (/^(Multipart: |Unexpected end of |Malformed part header|Part terminated early)/.test(error.message ?? '') || /[\\/]@fastify[\\/]busboy[\\/]/.test((error.stack ?? '').split('\n').slice(0, 3).join('\n'))) {
    return send(reply, new ImrError('IMR_ERR_USAGE', 'The multipart/form-data body is malformed (no boundary, or a part cut short); send it as curl -F does.'));
  }
  const mapped = databaseError(error);
  if (mapped) {
    if (mapped.code === 'IMR_ERR_DATABASE_BUSY') reply.header('retry-after', '1');
    return send(reply, mapped);
  }
  const errorId = randomUUID();
  // Only the error's kind and where it happened: messages may quote stored (patient) data.
  const frame = (error.stack ?? '').split('\n').find((l) => l.includes('/src/') || l.includes('/dist/'))?.trim().replace(/^at\s+/, '');
  request.log.error({ errorId, errName: error.name, errCode: fe.code, at: frame }, 'unexpected error');
  return send(reply, new ImrError('IMR_ERR_INTERNAL', `An unexpected internal error occurred; quote error id ${errorId} to the operator.`), errorId);
}
