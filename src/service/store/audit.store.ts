import { randomUUID } from 'node:crypto';
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
  action?: string;
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
    if (q.action) base = base.where('action', '=', q.action);
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
}
