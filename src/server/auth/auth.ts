import type { FastifyRequest } from 'fastify';
import { ImrError } from '../../errors/imr-error.js';
import type { Role, User } from '../../service/store/users.store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user (session cookie or Bearer API token), or null. */
    user: User | null;
    /** Why the credential the request carried does not count (null when it had none, or a good one). */
    authProblem: CredentialProblem | null;
  }
}

/** A session cookie or API token that was sent but does not count, and why. */
export interface CredentialProblem {
  kind: 'token' | 'session';
  why: 'unknown' | 'inactive' | 'malformed' | 'expired' | 'idle' | 'revoked';
  /** When it expired or was revoked (ISO). */
  at?: string;
}

/** What a 401 says: a revoked or expired credential is named as such, distinct from none at all. */
function unauthenticatedMessage(problem: CredentialProblem | null | undefined): string {
  const none = 'Log in first: POST /api/auth/login, or send an API token as "Authorization: Bearer …".';
  if (!problem) return none;
  const at = problem.at ? ` on ${problem.at}` : '';
  if (problem.kind === 'token') {
    switch (problem.why) {
      case 'revoked': return `This API token was revoked${at}; ask an administrator for a new one (POST /api/auth/tokens or \`imr user token\`).`;
      case 'expired': return `This API token expired${at}; ask an administrator for a new one (POST /api/auth/tokens or \`imr user token\`).`;
      case 'inactive': return 'The user this API token belongs to is deactivated.';
      case 'malformed': return 'The Authorization header is not "Bearer <token>"; send the API token as "Authorization: Bearer …".';
      default: return 'This API token is not recognised; check that it was copied whole, or ask an administrator for a new one.';
    }
  }
  switch (problem.why) {
    case 'idle': return `Your session ended after a period without activity${at}; log in again.`;
    case 'expired': return `Your session reached its maximum length${at}; log in again.`;
    case 'inactive': return 'Your user is deactivated; ask an administrator.';
    default: return `Your session is no longer valid (you logged out, or the server forgot it); log in again.`;
  }
}

export const SESSION_COOKIE = 'imr_session';

/** The logged-in user; 401 IMR_ERR_UNAUTHENTICATED when there is none. */
export function requireUser(request: FastifyRequest): User {
  if (!request.user) throw new ImrError('IMR_ERR_UNAUTHENTICATED', unauthenticatedMessage(request.authProblem));
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
