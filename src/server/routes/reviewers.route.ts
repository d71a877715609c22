import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CASE_STATUSES, checkQualification, isOpenStatus, reviewerSchema } from '../../service/domain/index.js';
import { registerReviewers, updateReviewer } from '../../service/use-cases/reviewers.use-case.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses, idParamSchema } from '../schemas.js';

const reviewerViewSchema = reviewerSchema.extend({
  qualification: z.object({ qualified: z.boolean(), reasons: z.array(z.object({ rule: z.string(), passed: z.boolean(), message: z.string(), source: z.string() })) }),
  openCases: z.number().int(),
});

/** The reviewer registry (admin and intake read it; admin changes it). Never shown to parties. */
export const reviewerRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['reviewers'];
  const OPEN = CASE_STATUSES.filter((st) => isOpenStatus(st));

  app.get('/api/reviewers', {
    config: { roles: ['admin', 'intake'] },
    schema: { tags, summary: 'List reviewers with their qualification and current load', response: { 200: z.object({ reviewers: z.array(reviewerViewSchema) }), ...errorResponses } },
  }, async (request) => {
    routeUser(request);
    const load = await s.cases.openLoad(OPEN);
    return { reviewers: (await s.reviewers.list()).map((r) => ({ ...r, qualification: checkQualification(r), openCases: load.get(r.id) ?? 0 })) };
  });

  app.post('/api/reviewers', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Add a reviewer to the registry', body: reviewerSchema, response: { 201: reviewerViewSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = routeUser(request);
    const [r] = await registerReviewers(s, user, [request.body]);
    return reply.code(201).send({ ...r, qualification: checkQualification(r), openCases: 0 });
  });

  app.put('/api/reviewers/:id', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Replace a reviewer\'s record', params: idParamSchema, body: reviewerSchema.omit({ id: true }), response: { 200: reviewerViewSchema, ...errorResponses } },
  }, async (request) => {
    const user = routeUser(request);
    const r = await updateReviewer(s, user, request.params.id, request.body);
    const load = await s.cases.openLoad(OPEN);
    return { ...r, qualification: checkQualification(r), openCases: load.get(r.id) ?? 0 };
  });
};
