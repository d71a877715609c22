import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toLetterSummary } from '../../service/use-cases/case-view.js';
import { correctionInputSchema, correctLetter, readLetter, signCase, signInputSchema, type LetterFormat } from '../../service/use-cases/letter.use-case.js';
import type { Role } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { letterJsonSchema, letterSummarySchema } from '../case-schemas.js';
import { errorResponses, idParamSchema } from '../schemas.js';
import { caseUser } from '../case-access.js';

const CONTENT_TYPES: Record<Exclude<LetterFormat, 'json'>, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** Signing, issued letters (JSON, PDF, HTML, text), their versions and corrections. */
export const letterRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['letters'];
  const LETTER_READERS: Role[] = ['admin', 'intake', 'reviewer', 'party'];
  const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

  app.post('/api/cases/:id/sign', {
    config: { roles: ['reviewer'] },
    schema: { tags, summary: 'Sign: the case is decided and the Final Determination letter issued (immutable, with its SHA-256)', params: idParamSchema, body: signInputSchema.default({}), response: { 201: letterSummarySchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await signCase(s, user, request.params.id, request.body?.version));
  });

  app.get('/api/cases/:id/letter', {
    config: { roles: LETTER_READERS },
    schema: { tags, summary: 'The issued letter as structured data (latest version unless ?version=); header x-letter-integrity: verified, or unverified for letters issued before the structured hash was recorded', params: idParamSchema, querystring: versionQuery, response: { 200: letterJsonSchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id, 'letter');
    const r = await readLetter(s, user, request.params.id, 'json', request.query.version);
    reply.header('x-letter-integrity', r.integrity);
    return { summary: r.summary, letter: r.letter };
  });

  for (const format of ['pdf', 'html', 'txt'] as const) {
    app.get(`/api/cases/:id/letter.${format}`, {
      config: { roles: LETTER_READERS },
      schema: { tags, summary: `The issued letter as ${format.toUpperCase()} (latest version unless ?version=)`, params: idParamSchema, querystring: versionQuery },
    }, async (request, reply) => {
      const user = await caseUser(ctx, request, request.params.id, 'letter');
      const r = await readLetter(s, user, request.params.id, format, request.query.version);
      const name = `${r.letter.header?.caseNumber ?? 'letter'}-v${r.summary.version}.${format}`;
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`)
        .header('x-content-sha256', format === 'pdf' ? r.summary.sha256 : format === 'html' ? r.summary.htmlSha256 : r.summary.textSha256)
        .header('x-letter-integrity', r.integrity)
        .send(r.body);
    });
  }

  app.get('/api/cases/:id/letters', {
    config: { roles: LETTER_READERS },
    schema: { tags, summary: 'Every issued version of the case\'s letter', params: idParamSchema, response: { 200: z.object({ letters: z.array(letterSummarySchema) }), ...errorResponses } },
  }, async (request) => {
    const user = await caseUser(ctx, request, request.params.id, 'letter');
    await s.audit.record(user, 'case.letters_listed', request.params.id, {}, ctx.now());
    return { letters: (await s.cases.letterSummaries(request.params.id)).map(toLetterSummary) };
  });

  app.post('/api/cases/:id/letter/corrections', {
    config: { roles: ['admin', 'reviewer'] },
    schema: { tags, summary: 'Issue a corrected letter: a new version that references the one it supersedes', params: idParamSchema, body: correctionInputSchema, response: { 201: letterSummarySchema, ...errorResponses } },
  }, async (request, reply) => {
    const user = await caseUser(ctx, request, request.params.id);
    return reply.code(201).send(await correctLetter(s, user, request.params.id, request.body));
  });

  app.get('/api/letters', {
    config: { roles: LETTER_READERS },
    schema: {
      tags, summary: 'Issued letters the user may read (for a party: their own cases)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
      response: { 200: z.object({ letters: z.array(letterSummarySchema.extend({ caseId: z.string(), caseNumber: z.string() })) }), ...errorResponses },
    },
  }, async (request) => {
    const user = routeUser(request);
    const { rows } = await s.cases.list({
      status: ['letter_issued'],
      reviewerId: user.role === 'reviewer' ? (user.reviewerId ?? '\u0000none') : undefined,
      partyUserId: user.role === 'party' ? user.id : undefined,
      limit: request.query.limit,
      offset: request.query.offset,
    });
    const letters = [];
    for (const row of rows) for (const l of await s.cases.letterSummaries(row.id)) letters.push({ ...toLetterSummary(l), caseId: row.id, caseNumber: row.case_number });
    await s.audit.record(user, 'letter.list', null, { caseIds: rows.map((r) => r.id) }, ctx.now());
    return { letters };
  });
};
