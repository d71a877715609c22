import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
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
        action: z.string().max(60).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.object({ total: z.number().int(), entries: z.array(entrySchema) }), ...errorResponses },
    },
  }, async (request) => {
    routeUser(request);
    return ctx.services.audit.list(request.query);
  });
};
