import type { LoginLimits } from './auth-settings.js';

/** Beyond this many tracked keys the oldest are dropped, so a flood of made-up usernames cannot grow memory without bound. */
const MAX_KEYS = 50_000;

interface Entry {
  /** Times (ms) of recent failures, oldest first. */
  failures: number[];
  lockedUntil: number;
  /** Attempts being checked right now (argon2 takes a while): counted as failures until they end. */
  pending: number;
}

export interface LockState {
  locked: boolean;
  /** Seconds until the lock ends (0 when not locked). */
  retryAfterSeconds: number;
  /** Which count locked: the username's or the address's. */
  by?: 'username' | 'ip';
}

/**
 * Counts failed logins per username and per client address in memory (one server process; see
 * the README for several). After `maxFailures…` wrong passwords within the window the key is locked
 * for `lockMs`: every attempt, the right password included, is refused until then. A lock is not
 * extended by attempts made during it, so an attacker cannot keep a user locked out for longer
 * than by failing again after each lock.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: LoginLimits) {}

  /**
   * Whether an attempt for `userKey` from `ip` must be refused now; when not, the attempt is
   * counted as pending until `recordFailure` or `recordSuccess` ends it, so attempts sent all at
   * once cannot slip past the limit while their passwords are being checked.
   */
  begin(ip: string, userKey: string | null, now: number): LockState {
    let worst: LockState = { locked: false, retryAfterSeconds: 0 };
    for (const [key, by] of this.keys(ip, userKey)) {
      const e = this.entries.get(key);
      if (!e) continue;
      if (e.lockedUntil > now) {
        const s = Math.ceil((e.lockedUntil - now) / 1000);
        if (s > worst.retryAfterSeconds) worst = { locked: true, retryAfterSeconds: s, by };
      } else if (!worst.locked && this.recent(e, now) + e.pending >= this.max(by)) {
        // As many attempts are under way as may still fail: wait for them (a moment, not a lock).
        worst = { locked: true, retryAfterSeconds: 1, by };
      }
    }
    if (!worst.locked) for (const [key] of this.keys(ip, userKey)) this.entry(key).pending++;
    return worst;
  }

  /** Counts a wrong password (ending its pending attempt); answers which keys this failure locked (for the audit log). */
  recordFailure(ip: string, userKey: string | null, now: number): Array<'username' | 'ip'> {
    const locked: Array<'username' | 'ip'> = [];
    for (const [key, by] of this.keys(ip, userKey)) {
      const max = this.max(by);
      const e = this.entry(key);
      e.pending = Math.max(0, e.pending - 1);
      this.entries.delete(key); // re-inserted last: the map's order is least recently failed first
      e.failures = e.failures.filter((t) => now - t < this.limits.windowMs);
      e.failures.push(now);
      if (e.failures.length >= max && e.lockedUntil <= now) {
        e.lockedUntil = now + this.limits.lockMs;
        e.failures = [];
        locked.push(by);
      }
      this.entries.set(key, e);
    }
    this.prune(now);
    return locked;
  }

  /** A right password clears the username's failures (not the address's: one good login must not reset an attacker's count). */
  recordSuccess(ip: string, userKey: string | null): void {
    const e = this.entries.get(`ip:${ip}`);
    if (e) e.pending = Math.max(0, e.pending - 1);
    if (userKey !== null) this.entries.delete(`u:${userKey}`);
  }

  /** Ends a pending attempt that neither failed nor succeeded (an error while checking it). */
  abandon(ip: string, userKey: string | null): void {
    for (const [key] of this.keys(ip, userKey)) {
      const e = this.entries.get(key);
      if (e) e.pending = Math.max(0, e.pending - 1);
    }
  }

  private max(by: 'username' | 'ip'): number {
    return by === 'ip' ? this.limits.maxFailuresPerIp : this.limits.maxFailuresPerUser;
  }

  private recent(e: Entry, now: number): number {
    return e.failures.filter((t) => now - t < this.limits.windowMs).length;
  }

  private entry(key: string): Entry {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { failures: [], lockedUntil: 0, pending: 0 }));
    return e;
  }

  private keys(ip: string, userKey: string | null): Array<[string, 'username' | 'ip']> {
    return userKey === null ? [[`ip:${ip}`, 'ip']] : [[`ip:${ip}`, 'ip'], [`u:${userKey}`, 'username']];
  }

  private prune(now: number): void {
    if (this.entries.size <= MAX_KEYS) return;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= MAX_KEYS * 0.9) break;
      if (e.lockedUntil <= now && e.pending === 0) this.entries.delete(key);
    }
  }
}
