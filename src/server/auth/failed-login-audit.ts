import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditStore } from '../../service/store/audit.store.js';

const SALT_KEY = 'auth.audit_username_salt';
/** One failed-login row per client address per this period; the rest are counted into the next row. */
const FAILED_LOGIN_ROW_EVERY_MS = 60 * 1000;
const MAX_ADDRESSES = 50_000;
/** Rows a minute from all addresses together, so many addresses cannot fill the log either. */
const FAILED_LOGIN_ROWS_PER_MINUTE = 60;

export type FailedLoginReason = 'wrong_password' | 'locked' | 'invalid_username';

type SettingsDb = Kysely<{ settings: { key: string; value: string } }>;

/**
 * Audits failed logins without the typed username and without letting anonymous callers fill the
 * audit log. The row holds an HMAC-SHA-256 of the typed name keyed with this installation's salt
 * (kept in the settings table): the same name gives the same hash, so repeated guesses at one
 * account show up, but the text (which may be a password typed in the wrong box, or a patient's
 * name) is not stored. Each address gets at most one row a minute, and all addresses together at
 * most FAILED_LOGIN_ROWS_PER_MINUTE; a row says how many failures were left out before it (from its
 * address, and from addresses over the overall limit), so counts are folded, never lost.
 */
export class FailedLoginAudit {
  private salt: Promise<Buffer> | undefined;
  private readonly lastRow = new Map<string, { at: number; skipped: number }>();
  private minute = { n: -1, written: 0, skipped: 0 };

  constructor(private readonly database: Database, private readonly audit: AuditStore) {}

  /** The keyed hash the audit log holds for a typed username. */
  async usernameHash(typed: string): Promise<string> {
    return createHmac('sha256', await this.loadSalt()).update(typed, 'utf8').digest('hex');
  }

  /** Records one failed login (or counts it into the next row when this address had a row within the minute). */
  async record(ip: string, typed: string, reason: FailedLoginReason, now: Date): Promise<void> {
    const t = now.getTime();
    const last = this.lastRow.get(ip);
    if (last && t - last.at < FAILED_LOGIN_ROW_EVERY_MS) {
      last.skipped++;
      return;
    }
    const minute = Math.floor(t / 60_000);
    if (this.minute.n !== minute) this.minute = { n: minute, written: 0, skipped: this.minute.skipped };
    if (this.minute.written >= FAILED_LOGIN_ROWS_PER_MINUTE) {
      this.minute.skipped++;
      return;
    }
    this.minute.written++;
    const othersSkipped = this.minute.skipped;
    this.minute.skipped = 0;
    this.lastRow.delete(ip);
    this.lastRow.set(ip, { at: t, skipped: 0 });
    this.prune(t);
    await this.audit.record(null, 'auth.login_failed', null, {
      usernameHash: await this.usernameHash(typed),
      reason,
      ip,
      notRecordedSincePrevious: last?.skipped ?? 0,
      ...(othersSkipped ? { otherAddressesNotRecorded: othersSkipped } : {}),
    }, now);
  }

  /** A lock is rare (once per lock period per key) and always recorded. */
  async recordLock(ip: string, typed: string, by: 'username' | 'ip', until: Date, now: Date): Promise<void> {
    await this.audit.record(null, 'auth.login_locked', null, { by, usernameHash: await this.usernameHash(typed), ip, until: until.toISOString() }, now);
  }

  private prune(t: number): void {
    if (this.lastRow.size <= MAX_ADDRESSES) return;
    for (const [ip, e] of this.lastRow) {
      if (this.lastRow.size <= MAX_ADDRESSES * 0.9) break;
      if (t - e.at >= FAILED_LOGIN_ROW_EVERY_MS) this.lastRow.delete(ip);
    }
  }

  private loadSalt(): Promise<Buffer> {
    this.salt ??= (async () => {
      const db = this.database.db as unknown as SettingsDb;
      const read = () => db.selectFrom('settings').select('value').where('key', '=', SALT_KEY).executeTakeFirst();
      let row = await read();
      if (!row) {
        // Two instances may race here: the first insert wins and both read the winner's salt.
        await db.insertInto('settings').values({ key: SALT_KEY, value: randomBytes(32).toString('base64') }).onConflict((oc) => oc.column('key').doNothing()).execute();
        row = await read();
      }
      return Buffer.from(row!.value, 'base64');
    })();
    this.salt.catch(() => { this.salt = undefined; });
    return this.salt;
  }
}
