import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { projectingSerializer } from './schema-json.js';

// A response of every kind a route schema uses: keys the schema orders differently from the body,
// keys it does not declare, optional keys absent or undefined, nullable objects, arrays of objects,
// tuples, a record and a union (the last two left to zod).
const schema = z.object({
  query: z.string(),
  filters: z.object({ decision: z.enum(['Upheld', 'Overturned']).optional(), year: z.number().optional(), caseNumber: z.string().optional() }),
  total: z.number(),
  capped: z.boolean(),
  hits: z.array(z.object({
    id: z.number(),
    citation: z.object({ family: z.string(), section: z.string().nullable() }),
    highlights: z.array(z.tuple([z.number(), z.number()])),
    score: z.number().nullable(),
    matchedIn: z.enum(['request', 'rationale']).nullable(),
  })),
  extra: z.object({ note: z.string() }).nullable().describe('a nullable object'),
  counts: z.record(z.string(), z.number()),
  either: z.string().or(z.number()),
});

function both(data: unknown): { zod: string; projected: string } {
  const route = { schema, method: 'GET', url: '/test', httpStatus: '200' };
  return { zod: (serializerCompiler(route) as (d: unknown) => string)(data), projected: projectingSerializer.serializerCompiler(route)(data) };
}

describe('the projecting response serializer', () => {
  it('writes what the zod serializer writes, byte for byte: keys in schema order, undeclared keys dropped', () => {
    const body = {
      either: 7,
      counts: { b: 2, a: 1 },
      extra: { undeclared: true, note: 'n "quoted" é\n' },
      hits: [
        { matchedIn: 'rationale', score: null, highlights: [[0, 4], [10, 12]], citation: { section: null, family: 'MTUS', raw: 'undeclared' }, id: 3, undeclared: 'x' },
        { id: 4, citation: { family: 'ODG', section: 'Knee' }, highlights: [], score: 2, matchedIn: null },
      ],
      capped: false,
      total: 2,
      filters: { caseNumber: 'CM16-0000001', decision: 'Upheld', year: undefined },
      query: '"functional improvement"',
      alsoUndeclared: [1, 2],
    };
    const { zod, projected } = both(body);
    expect(projected).toBe(zod);
    expect(projected.startsWith('{"query":"\\"functional improvement\\"","filters":{"decision":"Upheld","caseNumber":"CM16-0000001"},"total":2')).toBe(true);
    expect(projected).not.toContain('undeclared');
  });

  it('writes null parts and empty arrays as zod does', () => {
    const { zod, projected } = both({ query: '', filters: {}, total: 0, capped: true, hits: [], extra: null, counts: {}, either: 'x' });
    expect(projected).toBe(zod);
  });

  it('leaves a part it does not project to zod, which refuses a value of the wrong kind', () => {
    const bad = { query: '', filters: {}, total: 0, capped: true, hits: [], extra: null, counts: { a: 'not a number' }, either: 'x' };
    expect(() => projectingSerializer.serializerCompiler({ schema })(bad)).toThrow();
  });
});
