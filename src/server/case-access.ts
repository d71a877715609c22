import type { FastifyRequest } from 'fastify';
import { caseAccessSubject } from '../service/use-cases/cases.use-case.js';
import type { User } from '../service/store/users.store.js';
import type { RouteContext } from './app.js';
import { assertCaseAccess } from './auth/auth.js';
import { routeUser } from './route-access.js';

/**
 * The user, when the route's roles (its config) allow them and (for reviewers, parties) the case is
 * theirs. A refusal is audited by app.ts with the case id (the error's subject), like every refusal.
 * Shared by the route files that act on one case (routes import nothing from one another).
 */
export async function caseUser(ctx: RouteContext, request: FastifyRequest, caseId: string, purpose: 'read' | 'letter' = 'read'): Promise<User> {
  const user = routeUser(request);
  assertCaseAccess(user, await caseAccessSubject(ctx.services, caseId), purpose);
  return user;
}
