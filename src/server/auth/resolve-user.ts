import type { FastifyRequest } from 'fastify';
import { DEFAULT_SESSION_POLICY, type CredentialCheck, type SessionPolicy, type User, type UsersStore } from '../../service/store/users.store.js';
import { SESSION_COOKIE, type CredentialProblem } from './auth.js';

function problemOf(kind: 'token' | 'session', c: CredentialCheck): CredentialProblem | null {
  if ('user' in c) return null;
  if (c.problem === 'unknown' || c.problem === 'inactive') return { kind, why: c.problem };
  return { kind, why: c.problem, at: c.at };
}

/**
 * Finds the user behind a request: a Bearer API token first, then the session cookie. When a
 * credential was sent but no longer counts (revoked, expired, idle), says why in
 * `request.authProblem`, so the 401 can tell the caller what to do instead of "log in first".
 */
export async function resolveUser(request: FastifyRequest, users: UsersStore, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<User | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) {
      request.authProblem = { kind: 'token', why: 'malformed' };
      return null;
    }
    const c = await users.checkApiToken(m[1], now);
    request.authProblem = problemOf('token', c);
    return 'user' in c ? c.user : null;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const c = await users.checkSession(cookie, now, policy);
    request.authProblem = problemOf('session', c);
    return 'user' in c ? c.user : null;
  }
  return null;
}
