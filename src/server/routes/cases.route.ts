import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { assignReviewer, recuse } from '../../service/use-cases/assignment.use-case.js';
import { overrideAssignment, readAssignment } from '../../service/use-cases/assignment-override.use-case.js';
import { caseListQuerySchema, createCase, createCaseInputSchema, listCases, readCase, readCaseJson } from '../../service/use-cases/cases.use-case.js';
import { toEligibilityView } from '../../service/use-cases/case-view.js';
import { runEligibility } from '../../service/use-cases/eligibility.use-case.js';
import { closeCase, closeInputSchema, decideItem, itemDecisionInputSchema, recordsInputSchema, recordsReceived, redraftItem } from '../../service/use-cases/review.use-case.js';
import type { Role } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { assertCaseAccess, type CaseAccessSubject } from '../auth/auth.js';
import { routeUser } from '../route-access.js';
import { caseUser } from '../case-access.js';
import { assignmentDetailSchema, reviewerCandidateSchema } from '../assignment-schemas.js';
import { assignmentSchema, caseSchema, caseSummarySchema, eligibilitySchema, itemDraftSchema, itemSchema } from '../case-schemas.js';
import { errorResponses, idParamSchema } from '../schemas.js';

const STAFF: Role[] = ['admin', 'intake'];
const CASE_READERS: Role[] = ['admin', 'intake', 'reviewer'];

/**
 * For the hot read routes: the response schema documents the shape in /openapi.json, but the
 * body is serialised with plain JSON.stringify (the use case's TypeScript type is the same
 * shape); checking every field with zod on each read would cost more than the read itself.
 */
const plainJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

/** Cases: create, list, read, eligibility, assignment, records, item decisions, closing. */
export const caseRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['cases'];

  app.get('/api/cases', {
    ...plainJson,
    config: { roles: CASE_READERS },
    schema: {
      tags, summary: 'List cases (filters, free-text q over case number, worker name and requests, paging); a reviewer sees only cases assigned to them',
      querystring: caseListQuerySchema,
      response: { 200: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), cases: z.array(caseSummarySchema) }), ...errorResponses },
    },
  }, async (request) => {
    const user = routeUser(request);
    const result = await listCases(s, user, request.query);
    await s.audit.record(user, 'case.list', null, { returned: result.cases.map((c) => c.id) }, ctx.now());
    return result;
  });

  app.post('/api/cases', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Register an IMR application as a new case', body: createCaseInputSchema, response: { 201: caseSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = routeUser(request);
    return reply.code(201).send(await createCase(s, user, request.body));
  });

  app.get('/api/cases/:id', {
    ...plainJson,
    config: { roles: CASE_READERS },
    schema: { tags, summary: 'Read a case with its items, drafts, deadlines, eligibility, assignments and letters', params: idParamSchema, response: { 200: caseSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = routeUser(request);
    const authorize = (subject: CaseAccessSubject) => assertCaseAccess(user, subject);
    // A reviewer sees their own assignments only, not who else had the case or how reviewers were screened.
    const json = user.role === 'reviewer'
      ? await readCaseJson(s, user, request.params.id, {
        authorize,
        variant: `reviewer:${user.reviewerId}`,
        shape: (view) => ({ ...view, assignments: view.assignments.filter((a) => a.reviewerId === user.reviewerId).map((a) => ({ ...a, screening: null, overrideReason: null })) }),
      })
      : await readCaseJson(s, user, request.params.id, { authorize, variant: 'staff' });
    // Already JSON (readCaseJson keeps the text of views it made): sent as is.
    return reply.type('application/json; charset=utf-8').send(json as never);
  });

  app.post('/api/cases/:id/parties', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Give a party user read access to this case\'s issued letters', params: idParamSchema, body: z.object({ userId: z.string().min(1) }), response: { 200: z.object({ partyUserIds: z.array(z.string()) }), ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    const party = await s.users.get(request.body.userId);
    if (!party || party.role !== 'party') throw new ImrError('IMR_ERR_VALIDATION', 'The user id does not name a user of role "party".', { details: [{ path: 'body.userId', message: 'must be a party user' }] });
    await s.cases.addParty(request.params.id, party.id);
    await s.audit.record(user, 'case.party_added', request.params.id, { partyUserId: party.id }, ctx.now());
    return { partyUserIds: await s.cases.partyUserIds(request.params.id) };
  });

  app.get('/api/cases/:id/eligibility', {
    config: { roles: CASE_READERS },
    schema: { tags, summary: 'The latest eligibility record and its history', params: idParamSchema, response: { 200: z.object({ current: eligibilitySchema.nullable(), history: z.array(eligibilitySchema) }), ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    const history = (await s.cases.eligibilityHistory(request.params.id)).map(toEligibilityView);
    await s.audit.record(user, 'case.eligibility_read', request.params.id, {}, ctx.now());
    return { current: history[0] ?? null, history };
  });

  app.post('/api/cases/:id/eligibility', {
    config: { roles: STAFF },
    schema: {
      tags, summary: 'Screen the case for eligibility (records each rule\'s reason); ineligible ends the case, a liability dispute defers it',
      params: idParamSchema,
      body: z.object({ liabilityDisputed: z.boolean().optional().describe('Set when the liability dispute has been resolved (false) or newly raised (true)') }).default({}),
      response: { 200: z.object({ eligibility: eligibilitySchema, status: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    const r = await runEligibility(s, user, request.params.id, { liabilityDisputed: request.body?.liabilityDisputed });
    return { eligibility: r.eligibility, status: r.status };
  });

  app.get('/api/cases/:id/assignment', {
    config: { roles: STAFF },
    schema: {
      tags, summary: 'The current assignment and its history: the reviewer (name, specialty), why chosen (specialty fit, load, conflicts checked), any specialty warning, and the reviewers intake could choose instead',
      params: idParamSchema,
      response: { 200: z.object({ current: assignmentDetailSchema.nullable(), history: z.array(assignmentDetailSchema), candidates: z.array(reviewerCandidateSchema) }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    const r = await readAssignment(s, request.params.id);
    await s.audit.record(user, 'case.assignment_read', request.params.id, {}, ctx.now());
    return r;
  });

  app.post('/api/cases/:id/assignment/override', {
    config: { roles: STAFF },
    schema: {
      tags, summary: 'Give the case to another reviewer than the automatic choice, with a reason (kept on the assignment, not in the audit row); the reviewer must be qualified and conflict-free; a specialty that does not fit every item is a warning',
      params: idParamSchema,
      body: z.object({ reviewerId: z.string().trim().min(1).max(100), reason: z.string().trim().min(1).max(2000) }),
      response: { 201: assignmentDetailSchema, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await overrideAssignment(s, user, request.params.id, request.body));
  });

  app.post('/api/cases/:id/assignment', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Assign a qualified, conflict-free reviewer (load-balanced); the engine drafts every item', params: idParamSchema, response: { 201: assignmentSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await assignReviewer(s, user, request.params.id));
  });

  app.post('/api/cases/:id/assignment/recusal', {
    config: { roles: CASE_READERS },
    schema: { tags, summary: 'The reviewer recuses; another reviewer is assigned', params: idParamSchema, body: z.object({ reason: z.string().trim().min(1).max(2000) }), response: { 201: assignmentSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await recuse(s, user, request.params.id, request.body.reason));
  });

  app.post('/api/cases/:id/records', {
    config: { roles: STAFF },
    schema: { tags, summary: 'The medical records arrived (assigned → records_received)', params: idParamSchema, body: recordsInputSchema.default({}), response: { 200: caseSchema, ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    await recordsReceived(s, user, request.params.id, request.body?.receivedOn);
    return readCase(s, user, request.params.id, { audit: false });
  });

  app.put('/api/cases/:id/items/:itemId/decision', {
    config: { roles: ['reviewer'] },
    schema: {
      tags, summary: 'Set an item\'s decision, citation and rationale (send the item version you read; 409 when it changed)',
      params: z.object({ id: z.string().min(1).max(80), itemId: z.string().min(1).max(80) }),
      body: itemDecisionInputSchema,
      response: { 200: itemSchema, ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return decideItem(s, user, request.params.id, request.params.itemId, request.body);
  });

  app.post('/api/cases/:id/items/:itemId/draft', {
    config: { roles: ['reviewer'] },
    schema: {
      tags, summary: 'Have the engine draft the item again (e.g. after the records arrived); stores and returns the draft',
      params: z.object({ id: z.string().min(1).max(80), itemId: z.string().min(1).max(80) }),
      response: { 200: itemDraftSchema, ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return redraftItem(s, user, request.params.id, request.params.itemId);
  });

  app.post('/api/cases/:id/status', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Withdraw or terminate the case', params: idParamSchema, body: closeInputSchema, response: { 200: z.object({ status: z.string() }), ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return { status: await closeCase(s, user, request.params.id, request.body.status, request.body.reason) };
  });
};
