import type { CaseRow, ServiceDb } from './tables.js';

/** What the operations view reads: open cases, cases decided in a window, and their latest letters. */
export class OperationsStore {
  constructor(private readonly db: ServiceDb) {}

  /** Cases in these statuses, oldest received first. */
  async casesIn(statuses: readonly string[]): Promise<CaseRow[]> {
    if (!statuses.length) return [];
    return this.db.selectFrom('svc_cases').selectAll().where('status', 'in', [...statuses]).orderBy('received_on').orderBy('case_number').execute();
  }

  /** Cases decided from `from` to `to` (YYYY-MM-DD, both inclusive). */
  async decidedBetween(from: string, to: string): Promise<CaseRow[]> {
    return this.db.selectFrom('svc_cases').selectAll().where('decided_on', 'is not', null).where('decided_on', '>=', from).where('decided_on', '<=', to).orderBy('decided_on').execute();
  }

  /** The latest letter (JSON) of each case, corrections superseding the letter they correct. */
  async latestLetters(caseIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, { version: number; letter: string }>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const rows = await this.db.selectFrom('svc_letters').select(['case_id', 'version', 'letter']).where('case_id', 'in', caseIds.slice(i, i + 500)).execute();
      for (const r of rows) if ((out.get(r.case_id)?.version ?? 0) < r.version) out.set(r.case_id, { version: r.version, letter: r.letter });
    }
    return new Map([...out].map(([k, v]) => [k, v.letter]));
  }
}
