import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { letterSchema } from '../../letters/model.js';
import { readPublication } from '../../service/use-cases/publication.js';
import type { RouteModule } from '../app.js';
import { letterSummarySchema } from '../case-schemas.js';
import { errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const CONTENT_TYPES = { pdf: 'application/pdf', html: 'text/html; charset=utf-8', txt: 'text/plain; charset=utf-8' } as const;

const removalSchema = z.object({
  field: z.string().describe('The letter field it was removed from ("clinicalSummary", "items.0.rationale", "documentsReviewed.1")'),
  kind: z.string().describe('What it was ("injured worker", "claim number", "telephone number"…)'),
  text: z.string().describe('The text removed, as it stood'),
  replacement: z.string(),
  count: z.number().int(),
});

/** The publication of an issued letter: the redacted version DWC posts, and what the redaction removed. */
export const publicationRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['letters'];
  const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

  app.get('/api/cases/:id/letter/publication', {
    config: { roles: ['admin', 'intake', 'reviewer'] },
    schema: {
      tags, summary: 'The publication of the issued letter (latest version unless ?version=): the redacted letter as structured data, and each name, address or number it removed, for the signer to check',
      params: idParamSchema, querystring: versionQuery,
      response: { 200: z.object({ summary: letterSummarySchema, letter: letterSchema, removed: z.array(removalSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    const r = await readPublication(s, user, request.params.id, 'json', request.query.version);
    return { summary: r.summary, letter: r.publication.letter, removed: r.publication.removed };
  });

  for (const format of ['pdf', 'html', 'txt'] as const) {
    app.get(`/api/cases/:id/letter/publication.${format}`, {
      config: { roles: ['admin', 'intake', 'reviewer', 'party'] },
      schema: { tags, summary: `The publication of the issued letter as ${format.toUpperCase()}, in the published layout (latest version unless ?version=)`, params: idParamSchema, querystring: versionQuery },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id, 'letter');
      const r = await readPublication(s, user, request.params.id, format, request.query.version);
      const name = `${r.publication.letter.header?.caseNumber ?? 'letter'}-v${r.summary.version}-published.${format}`;
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`)
        .send(typeof r.body === 'string' ? r.body : Buffer.from(r.body));
    });
  }
};
