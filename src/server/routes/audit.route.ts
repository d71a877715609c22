import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses } from '../schemas.js';

const entrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  caseId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

const instant = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/, 'an ISO 8601 date or date-time with its offset');

/** An instant as the rows hold it (toISOString, UTC), so string comparison orders it. */
function utc(v: string | undefined, field: string): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  // Date.parse rolls 02-31 over to March: the calendar date must exist as written.
  const day = v.slice(0, 10);
  if (Number.isNaN(t) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) throw new ImrError('IMR_ERR_VALIDATION', `The ${field} instant is not a real date or time.`, { details: [{ path: `querystring.${field}`, message: 'not a real date or time' }] });
  return new Date(t).toISOString();
}

/** The audit log: who read or changed which case, when, and what changed (admin only). */
export const auditRoutes: RouteModule = (fastify, ctx) => {
  fastify.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Audit entries, newest first',
      querystring: z.object({
        caseId: z.string().max(80).optional(),
        userId: z.string().max(80).optional(),
        action: z.string().max(400).optional().describe('One action, or several separated by commas'),
        refusals: z.enum(['true', 'false']).optional().describe('true: only refused attempts (403s, 401s, failed or locked logins)'),
        from: instant.optional().describe('Entries at or after this instant (ISO 8601; a bare date is midnight UTC)'),
        to: instant.optional().describe('Entries before this instant (ISO 8601; a bare date is midnight UTC)'),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ total: z.number().int(), entries: z.array(entrySchema) }), ...errorResponses },
    },
  }, async (request) => {
    routeUser(request);
    const { refusals, from, to, ...rest } = request.query;
    return ctx.services.audit.list({ ...rest, refusals: refusals === 'true', from: utc(from, 'from'), to: utc(to, 'to') });
  });

  fastify.withTypeProvider<ZodTypeProvider>().get('/api/audit/actions', {
    config: { roles: ['admin'] },
    schema: { tags: ['audit'], summary: 'The actions the audit log holds (for filters)', response: { 200: z.object({ actions: z.array(z.string()) }), ...errorResponses } },
  }, async (request) => {
    routeUser(request);
    return { actions: await ctx.services.audit.actions() };
  });
};
