import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImrError } from '../../errors/imr-error.js';
import { roleSchema } from '../../service/store/users.store.js';
import type { RouteModule } from '../app.js';
import { routeUser } from '../route-access.js';
import { errorResponses, userSchema } from '../schemas.js';

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
      tags, summary: 'Create a user (reviewers name their registry entry)',
      body: z.object({ username: z.string().trim().min(1).max(100), displayName: z.string().trim().min(1).max(200).optional(), role: roleSchema, password: z.string().min(8).max(500), reviewerId: z.string().optional() }),
      response: { 201: z.object({ user: userSchema }), ...errorResponses },
    },
  }, async (request, reply) => {
    const admin = routeUser(request);
    const b = request.body;
    if (b.role === 'reviewer' && !(b.reviewerId && (await s.reviewers.get(b.reviewerId)))) {
      throw new ImrError('IMR_ERR_VALIDATION', 'A reviewer user needs the id of an existing registry entry.', { details: [{ path: 'body.reviewerId', message: 'must name an existing reviewer' }] });
    }
    const user = await s.users.create({ username: b.username, displayName: b.displayName, role: b.role, password: b.password, reviewerId: b.role === 'reviewer' ? b.reviewerId : null }, ctx.now());
    await s.audit.record(admin, 'user.create', null, { userId: user.id, role: user.role }, ctx.now());
    return reply.code(201).send({ user });
  });
};
