import type { z } from 'zod';

/**
 * A response serializer compiled from the route's zod response schema, for hot read routes: it
 * writes what fastify-type-provider-zod's serializer writes for a valid body (zod's output, then
 * JSON.stringify), byte for byte, without checking every field on each request. Zod's output of an
 * object is its schema's keys in the schema's order, unknown keys dropped and absent ones left out;
 * arrays, tuples, optional and nullable values follow their element's schema; strings, numbers,
 * booleans and enums are the value itself. A part of the schema of any other kind is handed to zod
 * as it is (so it is checked, and serialised as zod would).
 *
 * Checking is skipped because the handler's TypeScript type is the schema's shape; checking a
 * corpus search's twenty hits field by field with zod cost more than making their snippets.
 */
type Project = (value: unknown) => unknown;

interface ZodInternals {
  _zod: { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; items?: z.ZodType[]; rest?: z.ZodType | null; catchall?: z.ZodType } };
}

const identity: Project = (v) => v;
const PLAIN = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'null']);

function projector(schema: z.ZodType): Project {
  const def = (schema as unknown as ZodInternals)._zod.def;
  if (PLAIN.has(def.type)) return identity;
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) {
    const inner = projector(def.innerType);
    return inner === identity ? identity : (v) => (v === undefined || v === null ? v : inner(v));
  }
  if (def.type === 'array' && def.element) {
    const element = projector(def.element);
    return (v) => (Array.isArray(v) ? (element === identity ? v : v.map(element)) : byZod(schema)(v));
  }
  if (def.type === 'tuple' && def.items && !def.rest) {
    const items = def.items.map(projector);
    return (v) => (Array.isArray(v) && v.length === items.length ? (items.every((p) => p === identity) ? v : v.map((x, i) => items[i](x))) : byZod(schema)(v));
  }
  if (def.type === 'object' && def.shape && !def.catchall) {
    const fields = Object.entries(def.shape).map(([key, s]) => [key, projector(s)] as const);
    return (v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return byZod(schema)(v);
      const source = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, project] of fields) {
        const x = source[key];
        if (x !== undefined) out[key] = project(x);
      }
      return out;
    };
  }
  return byZod(schema);
}

/** Zod's own output for a part this serializer does not project (it throws on an invalid value, as the zod serializer does). */
function byZod(schema: z.ZodType): Project {
  return (v) => (schema as unknown as { encode(x: unknown): unknown }).encode(v);
}

/** The route option: `...projectingSerializer` beside `schema`, with the response schemas written as zod schemas. */
export const projectingSerializer = {
  serializerCompiler: ({ schema }: { schema: unknown }) => {
    const project = projector(schema as z.ZodType);
    return (data: unknown) => JSON.stringify(project(data));
  },
};
