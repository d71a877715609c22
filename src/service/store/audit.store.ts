import { randomUUID } from 'node:crypto';
import { REFUSAL_ACTIONS } from './audit-actions.js';
import type { ServiceDb } from './tables.js';

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

/** The audit log: who read or changed which case, when, and what changed. Append-only. */
export class AuditStore {
  constructor(private readonly db: ServiceDb) {}

  async record(actor: Actor | null, action: string, caseId: string | null, detail: Record<string, unknown>, now: Date): Promise<void> {
    await this.db
      .insertInto('svc_audit')
      .values({ id: randomUUID(), at: now.toISOString(), user_id: actor?.id ?? null, username: actor?.username ?? null, action, case_id: caseId, detail: JSON.stringify(detail) })
      .execute();
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
