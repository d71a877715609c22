import { randomUUID } from 'node:crypto';
import { REFUSAL_ACTIONS } from './audit-actions.js';
import type { Insertable } from 'kysely';
import type { ServiceDb, ServiceTables } from './tables.js';
import type { AuditRowWriter } from './audit-writer.js';

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  caseId: string | null;
  /** What changed (field → value, or before/after), or what was read. */
  detail: Record<string, unknown>;
}

export interface Actor {
  id: string;
  username: string;
}

export interface AuditQuery {
  caseId?: string;
  userId?: string;
  /** One action, or several separated by commas. */
  action?: string;
  /** Only refusals (REFUSAL_ACTIONS). */
  refusals?: boolean;
  /** From this instant (inclusive, ISO 8601 in UTC as the rows hold it). */
  from?: string;
  /** Before this instant (exclusive). */
  to?: string;
  limit?: number;
  offset?: number;
}

export type AuditRow = Insertable<ServiceTables['svc_audit']>;

/** Rows written by one INSERT of a group commit at most (7 parameters each, far below SQLite's limit). */
const GROUP_COMMIT_MAX_ROWS = 100;

/** The audit log: who read or changed which case, when, and what changed. Append-only. */
export class AuditStore {
  readonly #pending: Array<{ row: AuditRow; done: (error?: unknown) => void }> = [];
  #flushScheduled = false;

  /**
   * `groupCommit` (the service's own store, never one bound to a transaction, whose rows must roll
   * back with it): rows recorded by requests handled in the same turn of the event loop are written
   * by one INSERT, so one commit. On SQLite every commit waits for the disk (synchronous = FULL,
   * database.ts), about 3–6 ms here, and better-sqlite3 waits on the event loop: one commit per case
   * read capped the server near 350 reads/s whatever else it did. Each caller still returns only
   * once its own row is committed, and a row that cannot be written fails its caller alone.
   * `writer` (with groupCommit, the server on a SQLite file): the groups are committed on a
   * connection of their own instead (audit-writer.ts), so the wait for the disk no longer stops the server.
   */
  constructor(private readonly db: ServiceDb, private readonly opts: { groupCommit?: boolean; writer?: AuditRowWriter } = {}) {}

  async record(actor: Actor | null, action: string, caseId: string | null, detail: Record<string, unknown>, now: Date): Promise<void> {
    const row: AuditRow = { id: randomUUID(), at: now.toISOString(), user_id: actor?.id ?? null, username: actor?.username ?? null, action, case_id: caseId, detail: JSON.stringify(detail) };
    if (!this.opts.groupCommit) {
      await this.db.insertInto('svc_audit').values(row).execute();
      return;
    }
    if (this.opts.writer) return this.opts.writer.write(row);
    await new Promise<void>((resolve, reject) => {
      this.#pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      // After the I/O of this turn: every request that arrived with this one has recorded its row by then.
      setImmediate(() => void this.#flush());
    });
  }

  /**
   * A number that changes whenever anything but the audit log may have changed in the database
   * (the audit writer's changeToken), or null when the store cannot tell (no writer: PostgreSQL, a
   * transaction's store, an in-memory database): callers then read what they need afresh.
   */
  changeToken(): number | null {
    return this.opts.writer?.changeToken?.() ?? null;
  }

  /** Closes the audit writer, if the store has one, once the rows already recorded are committed. */
  async close(): Promise<void> {
    await this.opts.writer?.close();
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    const batch = this.#pending.splice(0, this.#pending.length);
    for (let i = 0; i < batch.length; i += GROUP_COMMIT_MAX_ROWS) {
      const group = batch.slice(i, i + GROUP_COMMIT_MAX_ROWS);
      try {
        await this.db.insertInto('svc_audit').values(group.map((g) => g.row)).execute();
        for (const g of group) g.done();
      } catch (error) {
        if (group.length === 1) {
          group[0].done(error ?? new Error('audit row not written'));
          continue;
        }
        // One bad row fails the whole INSERT: write the rows one by one, so only its caller fails.
        for (const g of group) {
          try {
            await this.db.insertInto('svc_audit').values(g.row).execute();
            g.done();
          } catch (e) {
            g.done(e ?? new Error('audit row not written'));
          }
        }
      }
    }
  }

  async list(q: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }> {
    let base = this.db.selectFrom('svc_audit');
    if (q.caseId) base = base.where('case_id', '=', q.caseId);
    if (q.userId) base = base.where('user_id', '=', q.userId);
    const actions = q.action ? q.action.split(',').map((a) => a.trim()).filter(Boolean) : [];
    if (actions.length) base = base.where('action', 'in', actions);
    if (q.refusals) base = base.where('action', 'in', [...REFUSAL_ACTIONS]);
    if (q.from) base = base.where('at', '>=', q.from);
    if (q.to) base = base.where('at', '<', q.to);
    const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(q.limit ?? 50)
      .offset(q.offset ?? 0)
      .execute();
    return {
      total,
      entries: rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, caseId: r.case_id, detail: JSON.parse(r.detail) as Record<string, unknown> })),
    };
  }

  /** The actions the log holds, for the audit screen's filter. */
  async actions(): Promise<string[]> {
    const rows = await this.db.selectFrom('svc_audit').select('action').distinct().orderBy('action').execute();
    return rows.map((r) => r.action);
  }
}
