import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import type { ServiceDb, UserRow } from './tables.js';

export const ROLES = ['admin', 'intake', 'reviewer', 'party'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** A user as the rest of the service sees it (never the password hash). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** For reviewers: the reviewer registry entry they act as. */
  reviewerId: string | null;
  active: boolean;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, reviewerId: r.reviewer_id, active: r.active === 1 };
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export const MIN_PASSWORD_LENGTH = 8;

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password?: string;
  reviewerId?: string | null;
}

/** Users, password checks, server-side sessions and API tokens. */
export class UsersStore {
  constructor(private readonly db: ServiceDb) {}

  async create(u: NewUser, now: Date): Promise<User> {
    if (!/^[^\s]{1,100}$/u.test(u.username)) {
      throw new ImrError('IMR_ERR_VALIDATION', 'The username is empty, too long or contains spaces: use 1–100 characters without spaces.', {
        details: [{ path: 'username', message: '1–100 characters, no spaces' }],
      });
    }
    if (u.password !== undefined && u.password.length < MIN_PASSWORD_LENGTH) {
      throw new ImrError('IMR_ERR_VALIDATION', `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`, {
        details: [{ path: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
      });
    }
    const existing = await this.db.selectFrom('svc_users').select('id').where('username', '=', u.username).executeTakeFirst();
    if (existing) throw new ImrError('IMR_ERR_DUPLICATE', `A user named "${u.username}" already exists; choose another username.`);
    const row: UserRow = {
      id: randomUUID(),
      username: u.username,
      display_name: u.displayName ?? u.username,
      role: u.role,
      password_hash: u.password === undefined ? null : await argonHash(u.password),
      reviewer_id: u.reviewerId ?? null,
      active: 1,
      created_at: now.toISOString(),
    };
    await this.db.insertInto('svc_users').values(row).execute();
    return toUser(row);
  }

  async get(id: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('svc_users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : undefined;
  }

  async byUsername(username: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('svc_users').selectAll().where('username', '=', username).executeTakeFirst();
    return r ? toUser(r) : undefined;
  }

  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('svc_users').selectAll().orderBy('username').execute();
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('svc_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The user when the password is right; undefined otherwise (same answer for unknown users). */
  async checkPassword(username: string, password: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('svc_users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!r || !r.password_hash || r.active !== 1) return undefined;
    return (await argonVerify(r.password_hash, password)) ? toUser(r) : undefined;
  }

  /** Starts a session; returns the cookie value (only its hash is stored). */
  async createSession(userId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('svc_sessions')
      .values({ id: sha256Hex(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
      .execute();
    return token;
  }

  async userForSession(token: string, now: Date): Promise<User | undefined> {
    const r = await this.db
      .selectFrom('svc_sessions')
      .innerJoin('svc_users', 'svc_users.id', 'svc_sessions.user_id')
      .selectAll('svc_users')
      .select('svc_sessions.expires_at')
      .where('svc_sessions.id', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!r || r.expires_at <= now.toISOString() || r.active !== 1) return undefined;
    return toUser(r);
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.deleteFrom('svc_sessions').where('id', '=', sha256Hex(token)).execute();
  }

  /** Creates an API token for integrations; returns the secret once (only its hash is stored). */
  async createApiToken(userId: string, name: string, now: Date): Promise<{ id: string; token: string }> {
    const token = `imr_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    await this.db.insertInto('svc_api_tokens').values({ id, token_hash: sha256Hex(token), user_id: userId, name, created_at: now.toISOString(), revoked_at: null }).execute();
    return { id, token };
  }

  async userForApiToken(token: string): Promise<User | undefined> {
    const r = await this.db
      .selectFrom('svc_api_tokens')
      .innerJoin('svc_users', 'svc_users.id', 'svc_api_tokens.user_id')
      .selectAll('svc_users')
      .where('svc_api_tokens.token_hash', '=', sha256Hex(token))
      .where('svc_api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!r || r.active !== 1) return undefined;
    return toUser(r);
  }

  /** Revokes an active token; false when there is none with this id. */
  async revokeApiToken(id: string, now: Date): Promise<boolean> {
    const r = await this.db.updateTable('svc_api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
