import type { FastifyRequest } from 'fastify';
import type { User, UsersStore } from '../../service/store/users.store.js';
import { SESSION_COOKIE } from './auth.js';

/** Finds the user behind a request: a Bearer API token first, then the session cookie. */
export async function resolveUser(request: FastifyRequest, users: UsersStore, now: Date): Promise<User | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m ? ((await users.userForApiToken(m[1])) ?? null) : null;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return (await users.userForSession(cookie, now)) ?? null;
  return null;
}
