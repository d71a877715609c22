import type { FastifyRequest } from 'fastify';
import { ImrError } from '../../errors/imr-error.js';
import type { Role, User } from '../../service/store/users.store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user (session cookie or Bearer API token), or null. */
    user: User | null;
  }
}

export const SESSION_COOKIE = 'imr_session';

/** The logged-in user; 401 IMR_ERR_UNAUTHENTICATED when there is none. */
export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw new ImrError('IMR_ERR_UNAUTHENTICATED', 'Log in first: POST /api/auth/login, or send an API token as "Authorization: Bearer …".');
  return request.user;
}

/** The logged-in user when their role is one of `roles`; 401 when anonymous, 403 otherwise. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): User {
  const user = requireUser(request);
  if (!roles.includes(user.role)) {
    throw new ImrError('IMR_ERR_FORBIDDEN', `This needs one of the roles ${roles.join(', ')}; you are logged in as ${user.role}.`);
  }
  return user;
}

/** What access checks need to know about a case. */
export interface CaseAccessSubject {
  id: string;
  reviewerId: string | null;
  partyUserIds: string[];
}

/**
 * Whether `user` may see `subject`: admin and intake see every case; a reviewer only cases
 * assigned to them; a party only the issued letters of their own cases (purpose 'letter').
 */
export function assertCaseAccess(user: User, subject: CaseAccessSubject, purpose: 'read' | 'letter' = 'read'): void {
  if (user.role === 'admin' || user.role === 'intake') return;
  if (user.role === 'reviewer') {
    if (user.reviewerId !== null && subject.reviewerId === user.reviewerId) return;
    throw new ImrError('IMR_ERR_FORBIDDEN', 'This case is not assigned to you.', { subject: subject.id });
  }
  if (user.role === 'party' && purpose === 'letter' && subject.partyUserIds.includes(user.id)) return;
  throw new ImrError('IMR_ERR_FORBIDDEN', user.role === 'party' ? 'Parties may read only the issued letters of their own cases.' : 'You may not access this case.', { subject: subject.id });
}
