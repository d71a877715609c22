import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SUMMARY_SECTIONS } from '../../engine/summary/assemble-summary.js';
import { clinicalSummaryInputSchema, draftClinicalSummary, saveClinicalSummary } from '../../service/use-cases/case-summary.use-case.js';
import { markCaseSeen } from '../../service/use-cases/cases.use-case.js';
import type { RouteModule } from '../app.js';
import { errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const summarySentenceSchema = z.object({
  text: z.string(),
  source: z.string().describe('The evidenceSource of the document quoted, or "application" for the composed request sentence'),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  kind: z.string(),
});

const clinicalSummaryDraftSchema = z.object({
  sections: z.array(z.object({ id: z.enum(SUMMARY_SECTIONS), label: z.string(), sentences: z.array(summarySentenceSchema) })),
  text: z.string().describe('The sections as prose, one paragraph each, ready to edit'),
  unused: z.array(z.string()).describe('Documents that gave no sentence'),
  current: z.string().describe('The summary saved on the case so far'),
  caseVersion: z.number().int(),
});

/** The reviewer's clinical case summary (a draft assembled from the records; saving the reviewer's text), and the reader's last look at a case. */
export const summaryRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  app.get('/api/cases/:id/clinical-summary/draft', {
    config: { roles: ['admin', 'reviewer'] },
    schema: {
      tags, summary: "A clinical case summary assembled from the case's records (each sentence quoted from a record and linked to it; a UR decision only for its reasons), for the reviewer to edit",
      params: idParamSchema,
      response: { 200: clinicalSummaryDraftSchema, ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return draftClinicalSummary(ctx.services, user, request.params.id);
  });

  app.post('/api/cases/:id/seen', {
    config: { roles: ['admin', 'intake', 'reviewer'] },
    schema: {
      tags, summary: 'Record that the caller has looked at the case as it is now: later reads report it as lastSeenAt, so a redrafted item can say what changed since',
      params: idParamSchema,
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    await markCaseSeen(ctx.services, user, request.params.id);
    return reply.code(204).send(null);
  });

  app.put('/api/cases/:id/clinical-summary', {
    config: { roles: ['admin', 'reviewer'] },
    schema: {
      tags, summary: "Save the reviewer's clinical case summary before signing (the undecided items are redrafted with it)",
      params: idParamSchema,
      body: clinicalSummaryInputSchema,
      response: { 200: z.object({ caseVersion: z.number().int() }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return saveClinicalSummary(ctx.services, user, request.params.id, request.body);
  });
};
