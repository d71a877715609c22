import { randomBytes } from 'node:crypto';
import { ImrError } from '../../errors/imr-error.js';
import type { Actor } from '../store/audit.store.js';
import type { User } from '../store/users.store.js';
import type { Services, Stores } from './services.js';

/**
 * User administration shared by the API and the CLI: disable and enable, reset a password, revoke
 * API tokens. Each change and its audit row are one transaction. Audit rows name the user by id
 * and say what happened; a password never reaches the audit log, the logs or the database (only
 * its argon2 hash does): the caller shows the generated one once.
 */

/** `via` marks changes made at the terminal (no logged-in actor). */
type Via = { via?: 'cli' };

/** A password for a person to type once and change: 16 characters of base64url (96 random bits). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

async function target(stores: Stores, userId: string): Promise<User> {
  const u = await stores.users.get(userId);
  if (!u) throw new ImrError('IMR_ERR_NOT_FOUND', 'No user has this id; list users with GET /api/users or `imr user list`.', { subject: userId });
  return u;
}

/**
 * Disables a user: from this moment their sessions end, their API tokens are revoked and logging in
 * is refused. An administrator cannot disable themselves, nor the last active administrator.
 */
export async function disableUser(services: Services, actor: Actor | null, userId: string, opts: Via = {}): Promise<{ user: User; sessionsEnded: number; tokensRevoked: number }> {
  const now = services.now();
  return services.tx(async (stores) => {
    const u = await target(stores, userId);
    if (actor && actor.id === u.id) throw new ImrError('IMR_ERR_VALIDATION', 'You cannot disable your own user; ask another administrator.', { subject: userId });
    if (u.role === 'admin' && u.active && (await stores.users.countActive('admin')) <= 1) {
      throw new ImrError('IMR_ERR_VALIDATION', 'This is the last active administrator; add or enable another administrator first.', { subject: userId });
    }
    await stores.users.setActive(u.id, false);
    const sessionsEnded = await stores.users.deleteSessionsOf(u.id);
    const tokensRevoked = await stores.users.revokeTokensOf(u.id, now);
    await stores.audit.record(actor, 'user.disable', null, { userId: u.id, sessionsEnded, tokensRevoked, ...opts }, now);
    return { user: { ...u, active: false }, sessionsEnded, tokensRevoked };
  });
}

/** Enables a disabled user again (they log in with their password; revoked tokens stay revoked). */
export async function enableUser(services: Services, actor: Actor | null, userId: string, opts: Via = {}): Promise<User> {
  const now = services.now();
  return services.tx(async (stores) => {
    const u = await target(stores, userId);
    await stores.users.setActive(u.id, true);
    await stores.audit.record(actor, 'user.enable', null, { userId: u.id, ...opts }, now);
    return { ...u, active: true };
  });
}

/**
 * Gives a user a new generated password and ends their sessions (whoever held the old one is logged
 * out). Answers the password, to be shown once.
 */
export async function resetPassword(services: Services, actor: Actor | null, userId: string, opts: Via = {}): Promise<{ user: User; password: string; sessionsEnded: number }> {
  const now = services.now();
  const password = generatePassword();
  return services.tx(async (stores) => {
    const u = await target(stores, userId);
    await stores.users.setPassword(u.id, password);
    const sessionsEnded = await stores.users.deleteSessionsOf(u.id);
    await stores.audit.record(actor, 'user.password_reset', null, { userId: u.id, sessionsEnded, ...opts }, now);
    return { user: u, password, sessionsEnded };
  });
}

/** Revokes every active API token of a user; answers how many. */
export async function revokeUserTokens(services: Services, actor: Actor | null, userId: string, opts: Via = {}): Promise<number> {
  const now = services.now();
  return services.tx(async (stores) => {
    const u = await target(stores, userId);
    const revoked = await stores.users.revokeTokensOf(u.id, now);
    await stores.audit.record(actor, 'user.tokens_revoked', null, { userId: u.id, revoked, ...opts }, now);
    return revoked;
  });
}
