import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readMailedLetter } from '../../service/use-cases/mailed-letter.js';
import type { Role } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
} as const;

/** The determination as mailed to the parties (letterhead, addressees, claim number, appeal rights), per issued version. */
export const mailedLetterRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['letters'];
  // Staff, and the parties of the case (their own letters: checked per case by caseUser).
  const READERS: Role[] = ['admin', 'intake', 'reviewer', 'party'];
  const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

  for (const format of ['pdf', 'html', 'txt'] as const) {
    app.get(`/api/cases/:id/letter/mailed.${format}`, {
      config: { roles: READERS },
      schema: {
        tags,
        summary: `The determination as mailed to the parties, as ${format.toUpperCase()}: letterhead, addressees, claim and case numbers, each decision, appeal rights, then the determination (latest version unless ?version=)`,
        params: idParamSchema,
        querystring: versionQuery,
      },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id, 'letter');
      const r = await readMailedLetter(ctx.services, user, request.params.id, format, request.query.version);
      const name = `${r.caseNumber ?? 'letter'}-v${r.summary.version}-mailed.${format}`;
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`)
        .header('x-content-sha256', r.sha256)
        .header('x-letter-integrity', r.integrity)
        .send(r.body);
    });
  }
};
