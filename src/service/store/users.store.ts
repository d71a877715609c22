import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import type { ServiceDb, UserRow } from './tables.js';
import { checkUsername, isWellFormedUsername, usernameSkeleton } from './usernames.js';

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

/** A session's absolute lifetime: it ends this long after login however busy it is. */
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** A session nobody used for this long ends (the idle timeout). */
const SESSION_IDLE_MS = 30 * 60 * 1000;
/** An API token's lifetime when its creator does not choose one. */
export const API_TOKEN_DAYS = 90;
export const MAX_API_TOKEN_DAYS = 3650;
/** How stale last_seen_at may get before a request writes it again (one write a minute per session, not per request). */
const TOUCH_EVERY_MS = 60 * 1000;

/** How long sessions live; the server passes its configured values. */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: SESSION_IDLE_MS, maxMs: SESSION_TTL_MS };

/** What a presented session cookie or API token turned out to be. */
export type CredentialCheck =
  | { user: User }
  | { problem: 'unknown' }
  | { problem: 'inactive' }
  | { problem: 'expired'; at: string }
  | { problem: 'idle'; at: string }
  | { problem: 'revoked'; at: string };

/**
 * Password hashing, as an object so tests can watch the calls (a failed login verifies against a
 * dummy hash when the user is unknown, so both answers cost the same argon2 work).
 */
export const passwordHashing = { hash: argonHash, verify: argonVerify };
let dummyHash: Promise<string> | undefined;
/** A hash of a random password with the same parameters as real ones; made once per process. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= passwordHashing.hash(randomBytes(18).toString('base64url'));
  return dummyHash;
}

function toUser(r: UserRow): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, reviewerId: r.reviewer_id, active: r.active === 1 };
}

function sha256Hex(s: string): string {
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

/** How long a checked session is believed without asking the database again (ms). */
const SESSION_CACHE_MS = 1_000;
const SESSION_CACHE_MAX = 10_000;

interface CachedSession {
  user: User;
  expiresAt: string;
  /** When the session was last used as the database has it (ms). */
  lastSeen: number;
  /** When it was read from the database (ms, this process's clock). */
  checkedAt: number;
}

/**
 * Sessions checked in the last SESSION_CACHE_MS, so that a burst of requests of one session asks
 * the database once (the join of session and user was a good part of a case read's work). Shared
 * by the service's UsersStore and those of its transactions; every change this process makes to
 * users or sessions (logout, deactivation, new password, ending a user's sessions) empties it
 * before the change is made, so the next request reads the database. A change made by another process
 * (the CLI, another server on the same PostgreSQL) is seen within SESSION_CACHE_MS. Only the plain
 * case is served from it: a session past its lifetime, idle limit or once-a-minute touch is checked
 * in the database as before.
 */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>();
  /** Bumped by every clear: a check that read the database before a change must not store what it read. */
  #generation = 0;

  constructor(private readonly ttlMs = SESSION_CACHE_MS, private readonly clock: () => number = () => performance.timeOrigin + performance.now()) {}

  get(id: string): CachedSession | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    if (this.clock() - e.checkedAt >= this.ttlMs) {
      this.#entries.delete(id);
      return undefined;
    }
    return e;
  }

  get generation(): number {
    return this.#generation;
  }

  /** Stores what a check read, unless the cache was cleared since the check began (`generation`). */
  set(id: string, entry: Omit<CachedSession, 'checkedAt'>, generation: number): void {
    if (generation !== this.#generation) return;
    if (this.#entries.size >= SESSION_CACHE_MAX) this.#entries.clear();
    this.#entries.set(id, { ...entry, checkedAt: this.clock() });
  }

  clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  /** Empties the cache before and after `change` (a check running meanwhile stores nothing). */
  async around<T>(change: () => Promise<T>): Promise<T> {
    this.clear();
    try {
      return await change();
    } finally {
      this.clear();
    }
  }
}

/** Users, password checks, server-side sessions and API tokens. */
export class UsersStore {
  /** `sessions`: the service's session cache (SessionCache); none: every check reads the database. */
  constructor(private readonly db: ServiceDb, private readonly sessions?: SessionCache) {}

  async create(u: NewUser, now: Date): Promise<User> {
    const username = checkUsername(u.username);
    if (u.password !== undefined && u.password.length < MIN_PASSWORD_LENGTH) {
      throw new ImrError('IMR_ERR_VALIDATION', `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`, {
        details: [{ path: 'password', message: `at least ${MIN_PASSWORD_LENGTH} characters` }],
      });
    }
    const existing = await this.db.selectFrom('svc_users').select('id').where('username', '=', username).executeTakeFirst();
    if (existing) throw new ImrError('IMR_ERR_DUPLICATE', `A user named "${username}" already exists; choose another username.`);
    // Look-alikes ("Admin", "аdmin" in Cyrillic, "adm1n") would let one user pass for another in the
    // audit log and at the login form. Users are few, so comparing with each is cheap.
    const skeleton = usernameSkeleton(username);
    const names = await this.db.selectFrom('svc_users').select('username').execute();
    const twin = names.find((r) => usernameSkeleton(r.username) === skeleton);
    if (twin) throw new ImrError('IMR_ERR_DUPLICATE', `The username looks like the existing user "${twin.username}"; choose one that cannot be mistaken for it.`);
    const row: UserRow = {
      id: randomUUID(),
      username,
      display_name: u.displayName ?? username,
      role: u.role,
      password_hash: u.password === undefined ? null : await passwordHashing.hash(u.password),
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

  /** Exact match (usernames are stored in their checked form, see usernames.ts). */
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

  /**
   * The user when the password is right; undefined otherwise. Unknown, inactive and password-less
   * users are verified against a dummy hash, so every failure costs the same argon2 work and the
   * answer time does not tell which usernames exist. Callers check the username's form first
   * (checkUsername); a name that breaks the rules simply matches nobody here.
   */
  async checkPassword(username: string, password: string): Promise<User | undefined> {
    // A name that breaks the rules (NUL, which PostgreSQL refuses, among them) is never looked up.
    const r = isWellFormedUsername(username) ? await this.db.selectFrom('svc_users').selectAll().where('username', '=', username).executeTakeFirst() : undefined;
    const usable = r !== undefined && r.password_hash !== null && r.active === 1;
    const ok = await passwordHashing.verify(usable ? r.password_hash! : await dummyPasswordHash(), password);
    return usable && ok ? toUser(r) : undefined;
  }

  /** Starts a session; returns the cookie value (only its hash is stored). */
  async createSession(userId: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('svc_sessions')
      .values({ id: sha256Hex(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + policy.maxMs).toISOString(), last_seen_at: now.toISOString() })
      .execute();
    return token;
  }

  /**
   * What a session cookie stands for at `now`: its user (and the session's last use is moved to
   * now, at most once a minute), or why it no longer counts (expired, idle too long, unknown).
   */
  async checkSession(token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<CredentialCheck> {
    const id = sha256Hex(token);
    const cached = this.sessions?.get(id);
    if (cached && cached.expiresAt > now.toISOString() && cached.lastSeen + policy.idleMs > now.getTime() && now.getTime() - cached.lastSeen < TOUCH_EVERY_MS) {
      return { user: cached.user };
    }
    const generation = this.sessions?.generation ?? 0;
    const r = await this.db
      .selectFrom('svc_sessions')
      .innerJoin('svc_users', 'svc_users.id', 'svc_sessions.user_id')
      .selectAll('svc_users')
      .select(['svc_sessions.expires_at', 'svc_sessions.last_seen_at', 'svc_sessions.created_at as session_created_at'])
      .where('svc_sessions.id', '=', id)
      .executeTakeFirst();
    if (!r) return { problem: 'unknown' };
    const nowIso = now.toISOString();
    if (r.expires_at <= nowIso) return { problem: 'expired', at: r.expires_at };
    let lastSeen = Date.parse(r.last_seen_at ?? r.session_created_at);
    const idleEnds = lastSeen + policy.idleMs;
    if (idleEnds <= now.getTime()) return { problem: 'idle', at: new Date(idleEnds).toISOString() };
    if (r.active !== 1) return { problem: 'inactive' };
    if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) {
      await this.db.updateTable('svc_sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
      lastSeen = now.getTime();
    }
    const user = toUser(r);
    this.sessions?.set(id, { user, expiresAt: r.expires_at, lastSeen }, generation);
    return { user };
  }

  async userForSession(token: string, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<User | undefined> {
    const c = await this.checkSession(token, now, policy);
    return 'user' in c ? c.user : undefined;
  }

  async deleteSession(token: string): Promise<void> {
    await this.#changing(() => this.db.deleteFrom('svc_sessions').where('id', '=', sha256Hex(token)).execute());
  }

  /** A change to users or sessions: the session cache is emptied around it (SessionCache). */
  #changing<T>(change: () => Promise<T>): Promise<T> {
    return this.sessions ? this.sessions.around(change) : change();
  }

  /** Deletes sessions past their absolute lifetime or idle timeout; answers how many. */
  async purgeExpiredSessions(now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<number> {
    this.sessions?.clear();
    const idleCutoff = new Date(now.getTime() - policy.idleMs).toISOString();
    const r = await this.db
      .deleteFrom('svc_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now.toISOString()), eb(eb.fn.coalesce('last_seen_at', 'created_at'), '<=', idleCutoff)]))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /**
   * Creates an API token for integrations; returns the secret once (only its hash is stored). It
   * expires after `days` (default 90, at most 3650).
   */
  async createApiToken(userId: string, name: string, now: Date, days: number = API_TOKEN_DAYS): Promise<{ id: string; token: string; expiresAt: string }> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS) {
      throw new ImrError('IMR_ERR_VALIDATION', `An API token lives 1–${MAX_API_TOKEN_DAYS} whole days.`, { details: [{ path: 'expiresInDays', message: `1–${MAX_API_TOKEN_DAYS}` }] });
    }
    const token = `imr_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
    await this.db.insertInto('svc_api_tokens').values({ id, token_hash: sha256Hex(token), user_id: userId, name, created_at: now.toISOString(), revoked_at: null, expires_at: expiresAt }).execute();
    return { id, token, expiresAt };
  }

  /** What an API token stands for at `now`: its user, or why it no longer counts (revoked, expired, unknown). */
  async checkApiToken(token: string, now: Date): Promise<CredentialCheck> {
    const r = await this.db
      .selectFrom('svc_api_tokens')
      .innerJoin('svc_users', 'svc_users.id', 'svc_api_tokens.user_id')
      .selectAll('svc_users')
      .select(['svc_api_tokens.revoked_at', 'svc_api_tokens.expires_at'])
      .where('svc_api_tokens.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!r) return { problem: 'unknown' };
    if (r.revoked_at) return { problem: 'revoked', at: r.revoked_at };
    if (!r.expires_at || r.expires_at <= now.toISOString()) return { problem: 'expired', at: r.expires_at ?? r.created_at };
    if (r.active !== 1) return { problem: 'inactive' };
    return { user: toUser(r) };
  }

  async userForApiToken(token: string, now: Date = new Date()): Promise<User | undefined> {
    const c = await this.checkApiToken(token, now);
    return 'user' in c ? c.user : undefined;
  }

  /** Turns a user on or off; false when there is no user with this id. Sessions and tokens are checked against it on every request. */
  async setActive(id: string, active: boolean): Promise<boolean> {
    const r = await this.#changing(() => this.db.updateTable('svc_users').set({ active: active ? 1 : 0 }).where('id', '=', id).executeTakeFirst());
    return Number(r.numUpdatedRows) > 0;
  }

  /** Replaces a user's password (only its argon2 hash is stored). */
  async setPassword(id: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw new ImrError('IMR_ERR_VALIDATION', `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
    const passwordHash = await passwordHashing.hash(password);
    const r = await this.#changing(() => this.db.updateTable('svc_users').set({ password_hash: passwordHash }).where('id', '=', id).executeTakeFirst());
    if (Number(r.numUpdatedRows) === 0) throw new ImrError('IMR_ERR_NOT_FOUND', 'No user has this id; list users with GET /api/users.', { subject: id });
  }

  /** Ends every session of a user at once; answers how many there were. */
  async deleteSessionsOf(userId: string): Promise<number> {
    const r = await this.#changing(() => this.db.deleteFrom('svc_sessions').where('user_id', '=', userId).executeTakeFirst());
    return Number(r.numDeletedRows);
  }

  /** Revokes every active API token of a user; answers how many. */
  async revokeTokensOf(userId: string, now: Date): Promise<number> {
    const r = await this.db.updateTable('svc_api_tokens').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** How many active users hold `role` (an installation keeps at least one active admin). */
  async countActive(role: Role): Promise<number> {
    const r = await this.db.selectFrom('svc_users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', role).where('active', '=', 1).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Revokes an active token; false when there is none with this id. */
  async revokeApiToken(id: string, now: Date): Promise<boolean> {
    const r = await this.db.updateTable('svc_api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
