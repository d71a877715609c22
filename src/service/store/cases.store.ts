import { randomUUID } from 'node:crypto';
import { ImrError } from '../../errors/imr-error.js';
import { fixedQuery } from '../../db/compiled-query.js';
import type { AssignmentRow, CaseDocumentRow, CaseItemRow, CaseRow, EligibilityRow, LetterRow, ServiceDb, ServiceTables } from './tables.js';

export interface CaseListFilter {
  status?: string[];
  priority?: string;
  /** Only cases assigned to this reviewer (reviewers see nothing else). */
  reviewerId?: string;
  /** Only cases where this user is a party. */
  partyUserId?: string;
  /** Case number prefix. */
  caseNumber?: string;
  receivedFrom?: string;
  receivedTo?: string;
  limit: number;
  offset: number;
}

export interface LetterSummaryRow {
  id: string;
  case_id: string;
  version: number;
  supersedes_id: string | null;
  correction_reason: string | null;
  sha256: string;
  text_sha256: string;
  html_sha256: string;
  letter_sha256: string | null;
  issued_on: string;
  issued_at: string;
}

/**
 * The queries of a case read (readCase), each compiled once (db/compiled-query.ts): a case read runs
 * eight of them, and building and compiling them with Kysely each time was more CPU than SQLite
 * spent answering them. Same SQL as the builder calls they replace.
 */
const READ = {
  caseById: fixedQuery<[string], CaseRow, ServiceTables>(1, (db, id) => db.selectFrom('svc_cases').selectAll().where('id', '=', id)),
  items: fixedQuery<[string], CaseItemRow, ServiceTables>(1, (db, caseId) => db.selectFrom('svc_case_items').selectAll().where('case_id', '=', caseId).orderBy('position')),
  parties: fixedQuery<[string], { user_id: string }, ServiceTables>(1, (db, caseId) => db.selectFrom('svc_case_parties').select('user_id').where('case_id', '=', caseId)),
  currentEligibility: fixedQuery<[string], EligibilityRow, ServiceTables>(1, (db, caseId) =>
    db.selectFrom('svc_eligibility').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id').limit(1)),
  assignments: fixedQuery<[string], AssignmentRow, ServiceTables>(1, (db, caseId) => db.selectFrom('svc_assignments').selectAll().where('case_id', '=', caseId).orderBy('created_at')),
  letterSummaries: fixedQuery<[string], LetterSummaryRow, ServiceTables>(1, (db, caseId) =>
    db
      .selectFrom('svc_letters')
      .select(['id', 'case_id', 'version', 'supersedes_id', 'correction_reason', 'sha256', 'text_sha256', 'html_sha256', 'letter_sha256', 'issued_on', 'issued_at'])
      .where('case_id', '=', caseId)
      .orderBy('version')),
  documentSummaries: fixedQuery<[string], Omit<CaseDocumentRow, 'text' | 'content_base64'>, ServiceTables>(1, (db, caseId) =>
    db
      .selectFrom('svc_case_documents')
      .select(['id', 'case_id', 'kind', 'name', 'media_type', 'bytes', 'sha256', 'uploaded_at', 'uploaded_by', 'withdrawn_at', 'withdrawn_by', 'withdrawal_reason', 'service_date', 'author'])
      .select(['page_count', 'ocr_status', 'ocr_pages_done', 'ocr_confidences', 'ocr_engine', 'ocr_error'])
      .where('case_id', '=', caseId)
      .orderBy('uploaded_at')
      .orderBy('id')),
  lastSeen: fixedQuery<[string, string], { seen_at: string }, ServiceTables>(2, (db, caseId, userId) => db.selectFrom('svc_case_views').select('seen_at').where('case_id', '=', caseId).where('user_id', '=', userId)),
};

/** Cases, their items, parties, eligibility records, assignments and letters. */
export class CasesStore {
  constructor(private readonly db: ServiceDb) {}

  async insertCase(row: CaseRow, items: CaseItemRow[], partyUserIds: string[]): Promise<void> {
    await this.db.insertInto('svc_cases').values(row).execute();
    if (items.length) await this.db.insertInto('svc_case_items').values(items).execute();
    if (partyUserIds.length) await this.db.insertInto('svc_case_parties').values(partyUserIds.map((u) => ({ case_id: row.id, user_id: u }))).execute();
  }

  async get(id: string): Promise<CaseRow | undefined> {
    return (await READ.caseById.rows(this.db, id))[0];
  }

  async getOrThrow(id: string): Promise<CaseRow> {
    const row = await this.get(id);
    if (!row) throw new ImrError('IMR_ERR_NOT_FOUND', 'No case has this id; list cases with GET /api/cases.', { subject: id });
    return row;
  }

  async caseNumberExists(caseNumber: string): Promise<boolean> {
    return Boolean(await this.db.selectFrom('svc_cases').select('id').where('case_number', '=', caseNumber).executeTakeFirst());
  }

  async items(caseId: string): Promise<CaseItemRow[]> {
    return READ.items.rows(this.db, caseId);
  }

  async item(caseId: string, itemId: string): Promise<CaseItemRow> {
    const r = await this.db.selectFrom('svc_case_items').selectAll().where('case_id', '=', caseId).where('id', '=', itemId).executeTakeFirst();
    if (!r) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no item with this id; read the case to see its item ids.', { subject: itemId });
    return r;
  }

  async partyUserIds(caseId: string): Promise<string[]> {
    const rows = await READ.parties.rows(this.db, caseId);
    return rows.map((r) => r.user_id);
  }

  async addParty(caseId: string, userId: string): Promise<void> {
    const exists = await this.db.selectFrom('svc_case_parties').select('user_id').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
    if (!exists) await this.db.insertInto('svc_case_parties').values({ case_id: caseId, user_id: userId }).execute();
  }

  async list(f: CaseListFilter): Promise<{ total: number; rows: CaseRow[] }> {
    let q = this.db.selectFrom('svc_cases');
    if (f.status?.length) q = q.where('status', 'in', f.status);
    if (f.priority) q = q.where('priority', '=', f.priority);
    if (f.reviewerId) q = q.where('reviewer_id', '=', f.reviewerId);
    if (f.caseNumber) q = q.where('case_number', 'like', `${f.caseNumber.replace(/[%_\\]/g, '')}%`);
    if (f.receivedFrom) q = q.where('received_on', '>=', f.receivedFrom);
    if (f.receivedTo) q = q.where('received_on', '<=', f.receivedTo);
    if (f.partyUserId) {
      const uid = f.partyUserId;
      q = q.where('id', 'in', (eb) => eb.selectFrom('svc_case_parties').select('case_id').where('user_id', '=', uid));
    }
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q.selectAll().orderBy('received_on', 'desc').orderBy('case_number').limit(f.limit).offset(f.offset).execute();
    return { total, rows };
  }

  /** Every case of the same worker (for duplicate checks). */
  async byWorkerKey(workerKey: string): Promise<CaseRow[]> {
    return this.db.selectFrom('svc_cases').selectAll().where('worker_key', '=', workerKey).execute();
  }

  async itemsOfCases(caseIds: string[]): Promise<CaseItemRow[]> {
    if (!caseIds.length) return [];
    return this.db.selectFrom('svc_case_items').selectAll().where('case_id', 'in', caseIds).orderBy('position').execute();
  }

  /**
   * Per case (of `caseIds`, or of all cases), how many undecided items have a draft that needs the
   * reviewer's judgement; cases without any are absent. Drafts are stored as JSON.stringify output,
   * where the top-level flag reads exactly `"needsReviewer":true` (a quote inside a string would be escaped).
   */
  async awaitingJudgementCounts(caseIds?: string[]): Promise<Map<string, number>> {
    if (caseIds && !caseIds.length) return new Map();
    let q = this.db
      .selectFrom('svc_case_items')
      .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('decision', 'is', null)
      .where('draft', 'like', '%"needsReviewer":true%');
    if (caseIds) q = q.where('case_id', 'in', caseIds);
    const rows = await q.groupBy('case_id').execute();
    return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
  }

  /**
   * Updates a case only if nobody changed it since `expectedVersion` was read; bumps the version.
   * A lost race answers IMR_ERR_CONFLICT.
   */
  async update(id: string, expectedVersion: number, patch: Partial<Omit<CaseRow, 'id' | 'version'>>, now: Date): Promise<void> {
    const r = await this.db
      .updateTable('svc_cases')
      .set({ ...patch, version: expectedVersion + 1, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      await this.getOrThrow(id);
      throw new ImrError('IMR_ERR_CONFLICT', 'The case was changed by someone else meanwhile; reload it and retry.', { subject: id });
    }
  }

  /** Updates an item only at `expectedVersion` (optimistic locking); returns the new version. */
  async updateItem(caseId: string, itemId: string, expectedVersion: number, patch: Partial<Pick<CaseItemRow, 'draft' | 'decision' | 'citation' | 'rationale' | 'updated_by'>>, now: Date): Promise<number> {
    const r = await this.db
      .updateTable('svc_case_items')
      .set({ ...patch, version: expectedVersion + 1, updated_at: now.toISOString() })
      .where('id', '=', itemId)
      .where('case_id', '=', caseId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      const current = await this.item(caseId, itemId);
      throw new ImrError('IMR_ERR_CONFLICT', `The item was changed by someone else (now at version ${current.version}, you sent ${expectedVersion}); reload it and reapply your change.`, { subject: itemId });
    }
    return expectedVersion + 1;
  }

  /** Stores the engine's draft of an item (not the reviewer's decision: the version stays). */
  async setDraft(caseId: string, itemId: string, draft: string): Promise<void> {
    await this.db.updateTable('svc_case_items').set({ draft }).where('id', '=', itemId).where('case_id', '=', caseId).execute();
  }

  /**
   * Stores the engine's redraft of an item only while the reviewer has not decided it (the version
   * stays, like setDraft); false when the item has a decision by now and was left alone.
   */
  /** When `userId` last opened the case, or null. */
  async lastSeen(caseId: string, userId: string): Promise<string | null> {
    const [r] = await READ.lastSeen.rows(this.db, caseId, userId);
    return r?.seen_at ?? null;
  }

  /** Records that `userId` opened the case at `at`. */
  async markSeen(caseId: string, userId: string, at: Date): Promise<void> {
    const seen_at = at.toISOString();
    await this.db.insertInto('svc_case_views').values({ case_id: caseId, user_id: userId, seen_at }).onConflict((oc) => oc.columns(['case_id', 'user_id']).doUpdateSet({ seen_at })).execute();
  }

  async setDraftIfUndecided(caseId: string, itemId: string, draft: string): Promise<boolean> {
    // The replaced draft is kept (previous_draft), so the reviewer can be told what changed.
    const r = await this.db.updateTable('svc_case_items').set((eb) => ({ previous_draft: eb.ref('draft'), draft })).where('id', '=', itemId).where('case_id', '=', caseId).where('decision', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async insertEligibility(row: Omit<EligibilityRow, 'id'>): Promise<EligibilityRow> {
    const full = { id: randomUUID(), ...row };
    await this.db.insertInto('svc_eligibility').values(full).execute();
    return full;
  }

  /** Newest first; `limit` 1 gives the current record. */
  async eligibilityHistory(caseId: string, limit?: number): Promise<EligibilityRow[]> {
    if (limit === 1) return READ.currentEligibility.rows(this.db, caseId);
    const q = this.db.selectFrom('svc_eligibility').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id');
    return (limit === undefined ? q : q.limit(limit)).execute();
  }

  async insertAssignment(row: AssignmentRow): Promise<void> {
    await this.db.insertInto('svc_assignments').values(row).execute();
  }

  async assignments(caseId: string): Promise<AssignmentRow[]> {
    return READ.assignments.rows(this.db, caseId);
  }

  async endAssignment(id: string, reason: string, now: Date): Promise<void> {
    await this.db.updateTable('svc_assignments').set({ ended_at: now.toISOString(), end_reason: reason }).where('id', '=', id).where('ended_at', 'is', null).execute();
  }

  /** Open cases per reviewer (their current load). */
  async openLoad(openStatuses: string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('svc_cases')
      .select(['reviewer_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('reviewer_id', 'is not', null)
      .where('status', 'in', openStatuses)
      .groupBy('reviewer_id')
      .execute();
    return new Map(rows.map((r) => [r.reviewer_id as string, Number(r.n)]));
  }

  async insertDocument(row: CaseDocumentRow): Promise<void> {
    await this.db.insertInto('svc_case_documents').values(row).execute();
  }

  /** The case's documents without their content (for listings). */
  async documentSummaries(caseId: string): Promise<Array<Omit<CaseDocumentRow, 'text' | 'content_base64'>>> {
    return READ.documentSummaries.rows(this.db, caseId);
  }

  /** Names, kinds, upload times and texts of the case's documents, for the engine (upload order); a withdrawn document is no longer evidence. */
  async documentTexts(caseId: string): Promise<Array<{ id: string; kind: string; name: string; text: string; uploaded_at: string; ocr_confidences?: string | null }>> {
    return this.db.selectFrom('svc_case_documents').select(['id', 'kind', 'name', 'text', 'uploaded_at', 'ocr_confidences']).where('case_id', '=', caseId).where('withdrawn_at', 'is', null).orderBy('uploaded_at').orderBy('id').execute();
  }

  /**
   * Records OCR's progress or result on a scanned document. `whileStatus` makes it conditional (a
   * progress note never overwrites a finished read); returns whether the row was changed.
   */
  async updateDocumentOcr(
    caseId: string,
    id: string,
    patch: Partial<Pick<CaseDocumentRow, 'text' | 'page_count' | 'ocr_status' | 'ocr_pages_done' | 'ocr_confidences' | 'ocr_engine' | 'ocr_error'>>,
    whileStatus?: string[],
  ): Promise<boolean> {
    let q = this.db.updateTable('svc_case_documents').set(patch).where('case_id', '=', caseId).where('id', '=', id);
    if (whileStatus) q = q.where('ocr_status', 'in', whileStatus);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The case's scans in evidence whose OCR has not finished: the reviewer has not seen their text yet. */
  async documentsBeingRead(caseId: string): Promise<Array<{ id: string; name: string }>> {
    return this.db.selectFrom('svc_case_documents').select(['id', 'name']).where('case_id', '=', caseId).where('withdrawn_at', 'is', null).where('ocr_status', 'in', ['queued', 'reading']).orderBy('uploaded_at').orderBy('id').execute();
  }

  /** Scanned documents whose OCR has not finished (queued or reading), oldest first: resumed when the service starts. */
  async documentsAwaitingOcr(): Promise<Array<{ id: string; case_id: string }>> {
    return this.db.selectFrom('svc_case_documents').select(['id', 'case_id']).where('ocr_status', 'in', ['queued', 'reading']).orderBy('uploaded_at').orderBy('id').execute();
  }

  /** The case's document (withdrawn or not) with this content hash, if any: the earliest. */
  async documentBySha256(caseId: string, sha256: string): Promise<{ id: string; name: string; uploaded_at: string; withdrawn_at: string | null } | undefined> {
    const r = await this.db.selectFrom('svc_case_documents').select(['id', 'name', 'uploaded_at', 'withdrawn_at']).where('case_id', '=', caseId).where('sha256', '=', sha256).orderBy('uploaded_at').orderBy('id').executeTakeFirst();
    return r ? { ...r, withdrawn_at: r.withdrawn_at ?? null } : undefined;
  }

  /** Marks a document withdrawn (only if it is not already); returns whether this call withdrew it. */
  async withdrawDocument(caseId: string, id: string, by: string, reason: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('svc_case_documents')
      .set({ withdrawn_at: now.toISOString(), withdrawn_by: by, withdrawal_reason: reason })
      .where('case_id', '=', caseId)
      .where('id', '=', id)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async document(caseId: string, id: string): Promise<CaseDocumentRow> {
    const r = await this.db.selectFrom('svc_case_documents').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
    if (!r) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no document with this id; read the case to see its documents.', { subject: id });
    return r;
  }

  async insertLetter(row: LetterRow): Promise<void> {
    await this.db.insertInto('svc_letters').values(row).execute();
  }

  async letterSummaries(caseId: string): Promise<LetterSummaryRow[]> {
    return READ.letterSummaries.rows(this.db, caseId);
  }

  /** The given version of the case's letter, or the latest. */
  async letter(caseId: string, version?: number): Promise<LetterRow | undefined> {
    let q = this.db.selectFrom('svc_letters').selectAll().where('case_id', '=', caseId);
    q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
    return q.executeTakeFirst();
  }
}
