import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { APPEAL_GROUND_CODES, APPEAL_OUTCOMES } from '../../service/domain/appeal.js';
import { appealInputSchema, listAppeals, outcomeInputSchema, recordAppeal, recordOutcome } from '../../service/use-cases/appeal.use-case.js';
import type { Role } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const appealSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  letterVersion: z.number().int().describe('The letter version the petition appeals'),
  grounds: z.array(z.object({ code: z.enum(APPEAL_GROUND_CODES), citation: z.string(), text: z.string() })),
  facts: z.string(),
  filedOn: z.string(),
  dueOn: z.string().describe('Last day of the appeal period: 30 days after service, +5 when served by mail (8 CCR 10575(c); CCP 1013(a))'),
  late: z.boolean().describe('Filed after dueOn: recorded with a warning; the WCAB decides timeliness'),
  wcabCaseNumber: z.string().nullable(),
  recordedAt: z.string(),
  outcome: z.enum(APPEAL_OUTCOMES).nullable(),
  outcomeOn: z.string().nullable(),
  remandCase: z.object({ id: z.string(), caseNumber: z.string() }).nullable().describe('The new review a remand opened'),
});

const groundInfoSchema = z.object({ code: z.enum(APPEAL_GROUND_CODES), citation: z.string(), text: z.string(), source: z.string() });

/** WCAB appeals of an issued determination, the board's outcome, and the new review a remand opens. */
export const appealRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['cases'];
  // Staff record; the case's reviewer and its parties read their own case's appeals (the case access hook decides).
  const READERS: Role[] = ['admin', 'intake', 'reviewer', 'party'];
  const RECORDERS: Role[] = ['admin', 'intake'];

  app.get('/api/cases/:id/appeals', {
    config: { roles: READERS },
    schema: {
      tags, summary: 'The appeals of the case\'s determination to the WCAB with their outcomes, and on a remand\'s new review the case and appeal it follows',
      params: idParamSchema,
      response: { 200: z.object({ appeals: z.array(appealSchema), remandOf: z.object({ caseId: z.string(), caseNumber: z.string(), appeal: appealSchema }).nullable(), canAppeal: z.boolean(), groundsCatalogue: z.array(groundInfoSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id, 'letter');
    return listAppeals(s, user, request.params.id);
  });

  app.post('/api/cases/:id/appeals', {
    config: { roles: RECORDERS },
    schema: {
      tags, summary: 'Record a petition appealing the issued determination to the WCAB (LC 4610.6(h)): its grounds, the facts said to be wrong, the filing date; a late filing is recorded with a warning',
      params: idParamSchema,
      body: appealInputSchema,
      response: { 201: z.object({ appeal: appealSchema, warnings: z.array(z.string()) }), ...errorResponses },
    },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await recordAppeal(s, user, request.params.id, request.body));
  });

  app.post('/api/cases/:id/appeals/:appealId/outcome', {
    config: { roles: RECORDERS },
    schema: {
      tags, summary: "Record the board's outcome (affirmed, dismissed, remanded); a remand opens a new review assigned to a different reviewer (LC 4610.6(i))",
      params: idParamSchema.extend({ appealId: z.string().min(1).max(80) }),
      body: outcomeInputSchema,
      response: {
        200: z.object({
          appeal: appealSchema,
          warnings: z.array(z.string()),
          remandCase: z.object({ id: z.string(), caseNumber: z.string(), status: z.string(), reviewerAssigned: z.boolean() }).nullable(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return recordOutcome(s, user, request.params.id, request.params.appealId, request.body);
  });
};
