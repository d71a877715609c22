import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { MIN_PASSWORD_LENGTH, roleSchema } from '../../service/store/users.store.js';
import { disableUser, enableUser, generatePassword, resetPassword, revokeUserTokens } from '../../service/use-cases/users.use-case.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses, idParamSchema, userSchema } from '../schemas.js';

/** User administration (admin only). */
export const userRoutes: RouteModule = (fastify, ctx) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const s = ctx.services;
  const tags = ['users'];

  app.get('/api/users', { config: { roles: ['admin'] }, schema: { tags, summary: 'List users', response: { 200: z.object({ users: z.array(userSchema) }), ...errorResponses } } }, async (request) => {
    routeUser(request);
    return { users: await s.users.list() };
  });

  app.post('/api/users', {
    config: { roles: ['admin'] },
    schema: {
      tags, summary: 'Create a user (reviewers name their registry entry). Without a password the server generates one and answers it once.',
      body: z.object({ username: z.string().trim().min(1).max(100), displayName: z.string().trim().min(1).max(200).optional(), role: roleSchema, password: z.string().min(MIN_PASSWORD_LENGTH).max(500).optional(), reviewerId: z.string().max(100).optional() }),
      response: { 201: z.object({ user: userSchema, password: z.string().optional() }), ...errorResponses },
    },
  }, async (request, reply) => {
    const admin = routeUser(request);
    const b = request.body;
    if (b.role === 'reviewer' && !(b.reviewerId && (await s.reviewers.get(b.reviewerId)))) {
      throw new ImrError('IMR_ERR_VALIDATION', 'A reviewer user needs the id of an existing registry entry.', { details: [{ path: 'body.reviewerId', message: 'must name an existing reviewer' }] });
    }
    const password = b.password ?? generatePassword();
    const user = await s.users.create({ username: b.username, displayName: b.displayName, role: b.role, password, reviewerId: b.role === 'reviewer' ? b.reviewerId : null }, ctx.now());
    await s.audit.record(admin, 'user.create', null, { userId: user.id, role: user.role }, ctx.now());
    return reply.code(201).send({ user, ...(b.password === undefined ? { password } : {}) });
  });

  // Intake links party users to cases (POST /api/cases/:id/parties) and needs to pick them; only who they are, no roles or state.
  app.get('/api/parties', {
    config: { roles: ['admin', 'intake'] },
    schema: { tags, summary: 'Active party users, to link to cases', response: { 200: z.object({ parties: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })) }), ...errorResponses } },
  }, async (request) => {
    routeUser(request);
    const parties = (await s.users.list()).filter((u) => u.role === 'party' && u.active);
    return { parties: parties.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })) };
  });

  // Account actions: each is audited by user id only; the new password is in the answer, never in a row or a log.
  const empty = z.object({});
  app.post('/api/users/:id/disable', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Disable a user: their sessions end and API tokens are revoked at once; logging in is refused', params: idParamSchema, body: empty.optional(), response: { 200: z.object({ user: userSchema, sessionsEnded: z.number().int(), tokensRevoked: z.number().int() }), ...errorResponses } },
  }, async (request) => disableUser(s, routeUser(request), request.params.id));

  app.post('/api/users/:id/enable', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Enable a disabled user again (revoked tokens stay revoked)', params: idParamSchema, body: empty.optional(), response: { 200: z.object({ user: userSchema }), ...errorResponses } },
  }, async (request) => ({ user: await enableUser(s, routeUser(request), request.params.id) }));

  app.post('/api/users/:id/password', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Reset a user\'s password to a generated one, answered once; their sessions end', params: idParamSchema, body: empty.optional(), response: { 200: z.object({ user: userSchema, password: z.string(), sessionsEnded: z.number().int() }), ...errorResponses } },
  }, async (request) => resetPassword(s, routeUser(request), request.params.id));

  app.post('/api/users/:id/tokens/revoke', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Revoke every active API token of a user', params: idParamSchema, body: empty.optional(), response: { 200: z.object({ revoked: z.number().int() }), ...errorResponses } },
  }, async (request) => ({ revoked: await revokeUserTokens(s, routeUser(request), request.params.id) }));
};
