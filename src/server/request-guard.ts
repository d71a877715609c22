import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';

/**
 * The validator every route's schemas run through (set once in app.ts), stricter than zod's
 * default in two ways, so no route can forget either:
 * - a field the schema does not name is refused with its path (zod objects strip unknown keys by
 *   default, so `{"username": …}` sent to a route that takes `userId` was silently ignored);
 * - NUL and other control characters (all C0 but tab, line feed and carriage return, and DEL) are
 *   refused in every string and field name, before anything reaches the database (PostgreSQL
 *   cannot store NUL in text, and nothing a person types needs the others).
 * Nesting deeper than MAX_DEPTH is refused too, so no walk over a request can exhaust the stack.
 */

/** The marker fastify-type-provider-zod puts on its issues (its `hasZodFastifySchemaValidationErrors` looks for it). */
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

const MAX_DEPTH = 32;
const MAX_PROBLEMS = 20;
// eslint-disable-next-line no-control-regex -- control characters are what the guard refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

interface InputProblem {
  path: (string | number)[];
  message: string;
  code: string;
}

/** A field name as it may be echoed back: control characters escaped, long names cut. */
function shownKey(key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  return escaped.length > 80 ? `${escaped.slice(0, 80)}…` : escaped;
}

/** Control characters in any string or field name, and nesting deeper than MAX_DEPTH (iterative: any input is safe). */
function hostileInputProblems(value: unknown): InputProblem[] {
  const out: InputProblem[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length && out.length < MAX_PROBLEMS) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) out.push({ path, message: 'contains a NUL or control character; remove it (only tab and line breaks are allowed)', code: 'control_character' });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      out.push({ path, message: `is nested more than ${MAX_DEPTH} levels deep`, code: 'too_deep' });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (CONTROL.test(key)) {
        out.push({ path: [...path, shownKey(key)], message: 'the field name contains a NUL or control character', code: 'control_character' });
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return out;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: $ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/**
 * Fields of `value` that `schema` does not name, walking objects, arrays, records, unions (the
 * option that accepts the value), wrappers and pipes. Objects declared strict or loose decide for
 * themselves (zod reports a strict object's extra keys itself).
 */
function unknownFieldProblems(schema: $ZodType, value: unknown, path: (string | number)[] = [], out: InputProblem[] = []): InputProblem[] {
  if (out.length >= MAX_PROBLEMS || path.length > MAX_DEPTH) return out;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) {
    if (value !== undefined && value !== null) unknownFieldProblems(def.innerType as $ZodType, value, path, out);
    return out;
  }
  switch (def.type) {
    case 'pipe':
      return unknownFieldProblems(def.in as $ZodType, value, path, out);
    case 'lazy':
      return unknownFieldProblems((def.getter as () => $ZodType)(), value, path, out);
    case 'union': {
      const fits = (def.options as $ZodType[]).find((o) => !safeParse(o, value).error);
      return fits ? unknownFieldProblems(fits, value, path, out) : out;
    }
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => unknownFieldProblems(def.element as $ZodType, v, [...path, i], out));
      return out;
    case 'tuple':
      if (Array.isArray(value)) (def.items as $ZodType[]).forEach((s, i) => unknownFieldProblems(s, value[i], [...path, i], out));
      return out;
    case 'record':
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) unknownFieldProblems(def.valueType as $ZodType, v, [...path, k], out);
      }
      return out;
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
      const shape = def.shape as Record<string, $ZodType>;
      for (const [k, v] of Object.entries(value)) {
        if (k in shape) unknownFieldProblems(shape[k], v, [...path, k], out);
        else if (def.catchall === undefined && out.length < MAX_PROBLEMS) {
          const known = Object.keys(shape);
          out.push({ path: [...path, shownKey(k)], message: `is not a field of this request; remove it${known.length ? ` (known here: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ''}`, code: 'unrecognized_keys' });
        }
      }
      return out;
    }
    default:
      return out;
  }
}

/** In the shape fastify-type-provider-zod gives its issues, so the error handler maps every one the same way. */
function toFastifyIssues(problems: InputProblem[]): unknown[] {
  return problems.slice(0, MAX_PROBLEMS).map((p) => ({
    [ZOD_ISSUE]: true,
    keyword: p.code,
    instancePath: `/${p.path.join('/')}`,
    schemaPath: `#/${p.path.join('/')}/${p.code}`,
    message: p.message,
    params: {},
  }));
}

/** Fastify validator compiler: hostile characters first, then unknown fields and zod's own checks, reported together. */
export const guardedValidatorCompiler: FastifySchemaCompiler<$ZodType> = ({ schema }) => (data: unknown) => {
  const hostile = hostileInputProblems(data);
  if (hostile.length) return { error: toFastifyIssues(hostile) as never };
  const result = safeParse(schema, data);
  const unknown = unknownFieldProblems(schema, data);
  const zodIssues: InputProblem[] = (result.error?.issues ?? []).map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message, code: i.code }));
  if (unknown.length || zodIssues.length) return { error: toFastifyIssues([...unknown, ...zodIssues]) as never };
  return { value: result.data };
};

/**
 * Problems with the parts of a request its route declares no schema for: a query string on a
 * route that takes none, or a JSON body (other than `{}`) on a route that takes none. Without a
 * schema nothing would look at them, so they would be silently ignored.
 */
export function undeclaredPartProblems(parts: { query: unknown; body: unknown; hasQuerySchema: boolean; hasBodySchema: boolean; multipart: boolean }): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!parts.hasQuerySchema && parts.query && typeof parts.query === 'object') {
    for (const k of Object.keys(parts.query).slice(0, MAX_PROBLEMS)) out.push({ path: `querystring.${shownKey(k)}`, message: 'this route takes no query parameters; remove it' });
  }
  if (!parts.hasBodySchema && !parts.multipart && parts.body !== undefined && parts.body !== null) {
    const b = parts.body;
    if (typeof b === 'object' && !Array.isArray(b) && !Buffer.isBuffer(b)) {
      for (const k of Object.keys(b).slice(0, MAX_PROBLEMS)) out.push({ path: `body.${shownKey(k)}`, message: 'this route takes no body fields; remove it' });
    } else if (!(typeof b === 'string' && b.length === 0)) {
      out.push({ path: 'body', message: 'this route takes no body; send none (or {})' });
    }
  }
  return out;
}
