import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import type { RouteModule } from '../app.js';

/** GET /health: liveness and database reachability (no authentication). */
export const healthRoutes: RouteModule = (app, ctx) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Service health',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      try {
        await sql`select 1`.execute(ctx.database.db);
      } catch (e) {
        throw new ImrError('IMR_ERR_DATABASE', 'The database does not answer; check that it is running and reachable.', { cause: e });
      }
      return { status: 'ok' as const, database: ctx.database.dialect };
    },
  );
};
