import type { Kysely } from 'kysely';
import type { ServiceDb } from './tables.js';

/** A row of svc_appeals (migration 0160_service_appeals). */
export interface AppealRow {
  id: string;
  case_id: string;
  /** The issued letter (version) the petition appeals. */
  letter_id: string;
  letter_version: number;
  /** JSON: the ground codes of LC 4610.6(h). */
  grounds: string;
  /** The facts said to be wrong (free text; never in audit rows). */
  facts: string;
  filed_on: string;
  /** Last day of the appeal period as computed when recorded. */
  due_on: string;
  /** 1 when filed after `due_on` (recorded with a warning). */
  late: number;
  wcab_case_number: string | null;
  recorded_by: string | null;
  recorded_at: string;
  outcome: string | null;
  outcome_on: string | null;
  outcome_by: string | null;
  outcome_at: string | null;
  /** The new case a remand opened. */
  remand_case_id: string | null;
}

interface AppealTables {
  svc_appeals: AppealRow;
}

/** Appeals of issued determinations to the WCAB and the board's outcomes. */
export class AppealsStore {
  private readonly db: Kysely<AppealTables>;

  constructor(db: ServiceDb) {
    // The appeals table is this store's own; the shared table map stays as it is.
    this.db = db as unknown as Kysely<AppealTables>;
  }

  async insert(row: AppealRow): Promise<void> {
    await this.db.insertInto('svc_appeals').values(row).execute();
  }

  /** The case's appeals, in the order they were filed. */
  async ofCase(caseId: string): Promise<AppealRow[]> {
    return this.db.selectFrom('svc_appeals').selectAll().where('case_id', '=', caseId).orderBy('filed_on').orderBy('recorded_at').orderBy('id').execute();
  }

  async get(caseId: string, id: string): Promise<AppealRow | undefined> {
    return this.db.selectFrom('svc_appeals').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
  }

  /** The appeal whose remand opened `caseId` (none for a case that is not a remand). */
  async remandOf(caseId: string): Promise<AppealRow | undefined> {
    return this.db.selectFrom('svc_appeals').selectAll().where('remand_case_id', '=', caseId).executeTakeFirst();
  }

  /** Records the outcome only while none is recorded; false when another one came first. */
  async setOutcome(id: string, patch: Pick<AppealRow, 'outcome' | 'outcome_on' | 'outcome_by' | 'outcome_at' | 'remand_case_id'>): Promise<boolean> {
    const r = await this.db.updateTable('svc_appeals').set(patch).where('id', '=', id).where('outcome', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
