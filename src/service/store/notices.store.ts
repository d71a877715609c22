import type { NoticeRow, ServiceDb } from './tables.js';

/** Notices to the parties (the notice of ineligibility), kept as issued. */
export class NoticesStore {
  constructor(private readonly db: ServiceDb) {}

  async insert(row: NoticeRow): Promise<void> {
    await this.db.insertInto('svc_notices').values(row).execute();
  }

  /** The case's notices of one kind, newest first. */
  async ofCase(caseId: string, kind: string): Promise<NoticeRow[]> {
    return this.db.selectFrom('svc_notices').selectAll().where('case_id', '=', caseId).where('kind', '=', kind).orderBy('issued_at', 'desc').orderBy('id').execute();
  }

  /** Marks the case's notices of `kind` that are still in force as overridden. */
  async markOverridden(caseId: string, kind: string, now: Date): Promise<void> {
    await this.db.updateTable('svc_notices').set({ overridden_at: now.toISOString() }).where('case_id', '=', caseId).where('kind', '=', kind).where('overridden_at', 'is', null).execute();
  }
}
