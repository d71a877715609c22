import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { latestIneligibilityNotice, overrideIneligibility, toNoticeView } from '../../service/use-cases/ineligibility.use-case.js';
import { renderIneligibilityNoticePdf } from '../../service/use-cases/ineligibility-notice-pdf.js';
import type { Role } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { eligibilitySchema } from '../case-schemas.js';
import { errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const noticeSchema = z.object({
  id: z.string(),
  kind: z.literal('ineligibility'),
  eligibilityId: z.string().nullable(),
  notice: z.object({
    kind: z.literal('ineligibility'),
    title: z.string(),
    organization: z.string(),
    caseNumber: z.string(),
    issuedOn: z.string(),
    recipients: z.array(z.object({ role: z.string(), name: z.string() })),
    claimNumber: z.string().nullable(),
    applicationReceivedOn: z.string(),
    urDecisionDate: z.string(),
    urOrganization: z.string(),
    disputedItems: z.array(z.string()),
    reasons: z.array(z.object({ rule: z.string(), message: z.string(), source: z.string() })),
    appeal: z.object({ text: z.string(), source: z.string() }),
  }),
  textSha256: z.string(),
  issuedOn: z.string(),
  issuedAt: z.string(),
  overriddenAt: z.string().nullable().describe('When intake found the case eligible for good cause (the notice stays on record)'),
});

/** The notice of ineligibility (JSON, HTML, text, PDF) and intake's override for good cause. */
export const ineligibilityRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['cases'];
  // The parties of the case receive the notice; staff read it. A reviewer never has an ineligible case.
  const NOTICE_READERS: Role[] = ['admin', 'intake', 'party'];

  app.get('/api/cases/:id/ineligibility-notice', {
    config: { roles: NOTICE_READERS },
    schema: { tags, summary: 'The notice of ineligibility sent to the parties: each failed rule\'s reason and source, and the right to appeal', params: idParamSchema, response: { 200: noticeSchema, ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id, 'letter');
    const row = await latestIneligibilityNotice(s, request.params.id);
    await s.audit.record(user, 'case.notice_read', request.params.id, { noticeId: row.id, format: 'json' }, ctx.now());
    return toNoticeView(row);
  });

  for (const format of ['html', 'txt'] as const) {
    app.get(`/api/cases/:id/ineligibility-notice.${format}`, {
      config: { roles: NOTICE_READERS },
      schema: { tags, summary: `The notice of ineligibility as ${format.toUpperCase()}`, params: idParamSchema },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id, 'letter');
      const row = await latestIneligibilityNotice(s, request.params.id);
      await s.audit.record(user, 'case.notice_read', request.params.id, { noticeId: row.id, format }, ctx.now());
      const name = `${JSON.parse(row.notice).caseNumber ?? 'notice'}-ineligibility.${format}`;
      return reply
        .type(format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('content-disposition', `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .send(format === 'html' ? row.html : row.text);
    });
  }

  app.get('/api/cases/:id/ineligibility-notice.pdf', {
    config: { roles: NOTICE_READERS },
    schema: { tags, summary: 'The notice of ineligibility as PDF, as the parties receive it (the same words as its text; the same bytes on every download)', params: idParamSchema },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id, 'letter');
    const row = await latestIneligibilityNotice(s, request.params.id);
    await s.audit.record(user, 'case.notice_read', request.params.id, { noticeId: row.id, format: 'pdf' }, ctx.now());
    const notice = toNoticeView(row).notice;
    const pdf = await renderIneligibilityNoticePdf(notice, new Date(row.issued_at));
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${`${notice.caseNumber}-ineligibility.pdf`.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .send(Buffer.from(pdf));
  });

  app.post('/api/cases/:id/eligibility/override', {
    config: { roles: ['admin', 'intake'] },
    schema: {
      tags, summary: 'Find an ineligible case eligible for good cause, with a reason (kept on the eligibility record, not in the audit row); the case returns to "eligibility", ready for assignment',
      params: idParamSchema,
      body: z.object({ reason: z.string().trim().min(1).max(2000) }),
      response: { 200: z.object({ eligibility: eligibilitySchema, status: z.string() }), ...errorResponses },
    },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id);
    return overrideIneligibility(s, user, request.params.id, request.body.reason);
  });
};
