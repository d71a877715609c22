import { query, request, requestText, upload } from './client.js';
import { assignmentHistory } from '../lib/assignment-history.js';
import { ADMIN_ROUTES_USED } from './admin.js';
import { OPERATIONS_ROUTES_USED } from './operations.js';
import { OPERATIONS_VIEW_ROUTES_USED } from './operations-view.js';
import { APPEALS_ROUTES_USED } from './appeals.js';
import type { ImrApplicationInput } from '../../../src/service/domain/application.js';
import type { ClinicalSummaryDraft } from '../../../src/service/use-cases/case-summary.use-case.js';
import type { CorpusLetterView } from '../../../src/corpus/letter-view.js';
import type { RawLetterFilters } from '../../../src/corpus/letter-filters.js';
import type {
  CaseSummaryView,
  CaseView,
  CitationView,
  AssignmentView,
  CorpusStatsView,
  DocumentPagesView,
  DocumentTextView,
  EligibilityReasonView,
  EligibilityRecordView,
  ItemView,
  LetterSummaryView,
  PrecedentResultView,
  ReviewerAssignmentView,
  ReviewerView,
  SearchPageView,
} from './types.js';

export type Role = 'admin' | 'intake' | 'reviewer' | 'party';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  reviewerId: string | null;
}

/** Largest document the workbench uploads (the server states its own limit too). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface EligibilityView {
  eligible: boolean;
  deferred: boolean;
  priority?: 'Standard' | 'Expedited';
  filingDueDate?: string;
  reasons: EligibilityReasonView[];
}

export interface CaseListQuery {
  status?: string[];
  priority?: string;
  /** Case number prefix. */
  caseNumber?: string;
  /** Free text: every word must occur in the case number, the worker's name or a request text. */
  q?: string;
  late?: boolean;
  /** Only cases with an undecided item whose draft needs the reviewer's judgement. */
  awaitingJudgement?: boolean;
  limit: number;
  offset: number;
}

export interface DecisionInput {
  decision: 'Upheld' | 'Overturned';
  rationale: string;
  citation: CitationView;
  version: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  caseId: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface ImportJobView {
  id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  progress: { total: number; done: number; imported: number; present: number; failed: number };
  summary: { files: number; imported: number; present: number; letters: number; items: number; elapsedMs: number; rate: number; failed: Array<{ file: string; code: string; reason: string }> } | null;
  error: string | null;
}

export interface NewCaseInput {
  application: ImrApplicationInput;
  clinicalSummary?: string;
  documentsReviewed?: string[];
  workerSex?: 'male' | 'female';
  /** Per disputed item, the guideline the UR decision cited as written (null: none). */
  claimsAdministratorGuidelines?: Array<string | null>;
}

/**
 * Routes whose screens check the server's OpenAPI document first and say in words when the
 * server lacks them: the workbench works without them (today: per-case document upload).
 */
export const OPTIONAL_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [['POST', '/api/cases/{id}/documents']];

/** Every route the workbench calls, for the contract test against /openapi.json. */
export const ROUTES_USED: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/api/me'],
  ['POST', '/api/auth/login'],
  ['POST', '/api/auth/logout'],
  ['GET', '/api/cases'],
  ['POST', '/api/cases'],
  ['GET', '/api/cases/{id}'],
  ['POST', '/api/cases/{id}/documents'],
  ['GET', '/api/cases/{id}/documents/{docId}/text'],
  ['GET', '/api/cases/{id}/documents/{docId}/pages'],
  ['GET', '/api/cases/{id}/documents/{docId}/pages/{n}/image'],
  ['GET', '/api/cases/{id}/documents/{docId}'],
  ['POST', '/api/cases/{id}/documents/{docId}/withdrawal'],
  ['GET', '/api/cases/{id}/clinical-summary/draft'],
  ['PUT', '/api/cases/{id}/clinical-summary'],
  ['POST', '/api/cases/{id}/seen'],
  ['POST', '/api/cases/{id}/eligibility'],
  ['POST', '/api/cases/{id}/assignment'],
  ['POST', '/api/cases/{id}/records'],
  ['POST', '/api/cases/{id}/status'],
  ['POST', '/api/cases/{id}/assignment/recusal'],
  ['PUT', '/api/cases/{id}/items/{itemId}/decision'],
  ['POST', '/api/cases/{id}/sign'],
  ['GET', '/api/cases/{id}/letter.html'],
  ['GET', '/api/cases/{id}/letter.pdf'],
  ['GET', '/api/cases/{id}/letter/mailed.pdf'],
  ['GET', '/api/cases/{id}/items/{itemId}/precedents'],
  ['GET', '/api/reviewers'],
  ['GET', '/api/audit'],
  ['GET', '/api/letters'],
  ['GET', '/api/cases/{id}/letters'],
  ['POST', '/api/cases/{id}/letter/corrections'],
  ['GET', '/api/cases/{id}/letter/publication'],
  ['GET', '/api/cases/{id}/letter/publication.pdf'],
  ['GET', '/api/corpus/stats'],
  ['GET', '/api/corpus/search'],
  ['GET', '/api/corpus/letters/{id}'],
  ['POST', '/api/corpus/import'],
  ['GET', '/api/corpus/import/{jobId}'],
  ...ADMIN_ROUTES_USED,
  ...OPERATIONS_ROUTES_USED,
  ...OPERATIONS_VIEW_ROUTES_USED,
  ...APPEALS_ROUTES_USED,
];

const enc = encodeURIComponent;

let capabilitiesPromise: Promise<Set<string>> | null = null;

/**
 * The routes this server offers ("POST /api/cases/{id}/documents"), read once from its OpenAPI
 * document, so optional features (document upload, precedents, corpus) show only when the server
 * has them, and say so in words when it does not.
 */
export function capabilities(): Promise<Set<string>> {
  capabilitiesPromise ??= request<{ paths?: Record<string, Record<string, unknown>> }>('GET', '/openapi.json').then(
    (doc) => {
      const out = new Set<string>();
      for (const [path, ops] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(ops)) out.add(`${m.toUpperCase()} ${path}`);
      return out;
    },
    () => {
      capabilitiesPromise = null;
      return new Set<string>();
    },
  );
  return capabilitiesPromise;
}

export const DOCUMENT_UPLOAD_ROUTE = 'POST /api/cases/{id}/documents';

/** The eligibility record as the result panel shows it. */
export function eligibilityView(r: EligibilityRecordView): EligibilityView {
  return { eligible: r.outcome === 'eligible', deferred: r.outcome === 'deferred', reasons: r.reasons };
}

export const api = {
  async me(): Promise<Me> {
    return (await request<{ user: Me }>('GET', '/api/me')).user;
  },
  async login(username: string, password: string): Promise<Me> {
    return (await request<{ user: Me }>('POST', '/api/auth/login', { username, password })).user;
  },
  async logout(): Promise<void> {
    await request<unknown>('POST', '/api/auth/logout');
  },

  async listCases(q: CaseListQuery): Promise<{ items: CaseSummaryView[]; total: number }> {
    const qs = query({
      status: q.status?.join(','),
      priority: q.priority,
      caseNumber: q.caseNumber,
      q: q.q,
      late: q.late ? 'true' : undefined,
      awaitingJudgement: q.awaitingJudgement ? 'true' : undefined,
      limit: q.limit,
      offset: q.offset,
    });
    const r = await request<{ cases: CaseSummaryView[]; total: number }>('GET', `/api/cases${qs}`);
    return { items: r.cases, total: r.total };
  },
  getCase(id: string): Promise<CaseView> {
    return request('GET', `/api/cases/${enc(id)}`);
  },
  createCase(input: NewCaseInput): Promise<CaseView> {
    return request('POST', '/api/cases', input as unknown as Record<string, unknown>);
  },
  uploadDocument(caseId: string, file: File, kind: string, onProgress: (f: number) => void): Promise<unknown> {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return upload(`/api/cases/${enc(caseId)}/documents`, form, onProgress);
  },
  withdrawDocument(caseId: string, docId: string, reason: string): Promise<unknown> {
    return request('POST', `/api/cases/${enc(caseId)}/documents/${enc(docId)}/withdrawal`, { reason });
  },
  documentText(caseId: string, docId: string): Promise<DocumentTextView> {
    return request('GET', `/api/cases/${enc(caseId)}/documents/${enc(docId)}/text`);
  },
  documentPages(caseId: string, docId: string): Promise<DocumentPagesView> {
    return request('GET', `/api/cases/${enc(caseId)}/documents/${enc(docId)}/pages`);
  },
  /** Page n (1-based) of an uploaded PDF as a PNG picture, for an <img> beside the page's text. */
  documentPageImageUrl(caseId: string, docId: string, page: number): string {
    return `/api/cases/${enc(caseId)}/documents/${enc(docId)}/pages/${page}/image`;
  },
  /** The original file's address: a download (Content-Disposition: attachment), never shown inside the workbench. */
  documentFileUrl(caseId: string, docId: string): string {
    return `/api/cases/${enc(caseId)}/documents/${enc(docId)}`;
  },
  clinicalSummaryDraft(caseId: string): Promise<ClinicalSummaryDraft> {
    return request('GET', `/api/cases/${enc(caseId)}/clinical-summary/draft`);
  },
  async markSeen(caseId: string): Promise<void> {
    await request('POST', `/api/cases/${enc(caseId)}/seen`);
  },
  saveClinicalSummary(caseId: string, clinicalSummary: string, expectedVersion: number): Promise<{ caseVersion: number }> {
    return request('PUT', `/api/cases/${enc(caseId)}/clinical-summary`, { clinicalSummary, expectedVersion });
  },
  async checkEligibility(caseId: string): Promise<{ record: EligibilityRecordView; view: EligibilityView; status: string }> {
    const r = await request<{ eligibility: EligibilityRecordView; status: string }>('POST', `/api/cases/${enc(caseId)}/eligibility`, {});
    return { record: r.eligibility, view: eligibilityView(r.eligibility), status: r.status };
  },
  assign(caseId: string): Promise<AssignmentView> {
    return request('POST', `/api/cases/${enc(caseId)}/assignment`, {});
  },
  recordsReceived(caseId: string, receivedOn?: string): Promise<CaseView> {
    return request('POST', `/api/cases/${enc(caseId)}/records`, receivedOn ? { receivedOn } : {});
  },
  recuse(caseId: string, reason: string): Promise<AssignmentView> {
    return request('POST', `/api/cases/${enc(caseId)}/assignment/recusal`, { reason });
  },
  async closeCase(caseId: string, status: 'withdrawn' | 'terminated', reason: string): Promise<string> {
    return (await request<{ status: string }>('POST', `/api/cases/${enc(caseId)}/status`, { status, reason })).status;
  },
  saveDecision(caseId: string, itemId: string, input: DecisionInput): Promise<ItemView> {
    return request('PUT', `/api/cases/${enc(caseId)}/items/${enc(itemId)}/decision`, input as unknown as Record<string, unknown>);
  },
  /** Signs with the case version last read, so a case changed meanwhile answers 409. */
  sign(caseId: string, version: number): Promise<LetterSummaryView> {
    return request('POST', `/api/cases/${enc(caseId)}/sign`, { version });
  },
  async letters(): Promise<Array<LetterSummaryView & { caseId: string; caseNumber: string }>> {
    return (await request<{ letters: Array<LetterSummaryView & { caseId: string; caseNumber: string }> }>('GET', '/api/letters?limit=200')).letters;
  },
  async letterVersions(caseId: string): Promise<LetterSummaryView[]> {
    return (await request<{ letters: LetterSummaryView[] }>('GET', `/api/cases/${enc(caseId)}/letters`)).letters;
  },
  correctLetter(caseId: string, input: { reason: string; items?: Array<{ itemId: string; decision?: 'Upheld' | 'Overturned'; rationale?: string }> }): Promise<LetterSummaryView> {
    return request('POST', `/api/cases/${enc(caseId)}/letter/corrections`, input);
  },
  letterHtml(caseId: string, version?: number): Promise<string> {
    return requestText(`/api/cases/${enc(caseId)}/letter.html${query({ version })}`);
  },
  letterPdfUrl(caseId: string, version?: number): string {
    return `/api/cases/${enc(caseId)}/letter.pdf${query({ version })}`;
  },
  /** The publication (the redacted letter DWC posts), as PDF. */
  publicationPdfUrl(caseId: string, version?: number): string {
    return `/api/cases/${enc(caseId)}/letter/publication.pdf${query({ version })}`;
  },
  /** The publication with what the redaction removed (staff). */
  publication(caseId: string, version?: number): Promise<{ removed: Array<{ field: string; kind: string; text: string; replacement: string; count: number }> }> {
    return request('GET', `/api/cases/${enc(caseId)}/letter/publication${query({ version })}`);
  },
  /** The determination as mailed to the parties (letterhead, addressees, appeal rights), as PDF. */
  mailedLetterPdfUrl(caseId: string, version?: number): string {
    return `/api/cases/${enc(caseId)}/letter/mailed.pdf${query({ version })}`;
  },
  async precedents(caseId: string, itemId: string): Promise<PrecedentResultView> {
    return request('GET', `/api/cases/${enc(caseId)}/items/${enc(itemId)}/precedents`);
  },
  async reviewers(): Promise<ReviewerView[]> {
    return (await request<{ reviewers: ReviewerView[] }>('GET', '/api/reviewers')).reviewers;
  },
  /**
   * A reviewer's assignment history, read from the audit log (assignments and recusals), newest
   * first, with case numbers from the case list. Admin only, like the audit log.
   */
  async reviewerAssignments(id: string): Promise<ReviewerAssignmentView[]> {
    const [assigns, recusals, cases] = await Promise.all([
      request<{ entries: AuditEntryView[] }>('GET', `/api/audit${query({ action: 'case.assign', limit: 500 })}`),
      request<{ entries: AuditEntryView[] }>('GET', `/api/audit${query({ action: 'case.recuse', limit: 500 })}`),
      request<{ cases: CaseSummaryView[] }>('GET', `/api/cases${query({ reviewerId: id, limit: 200 })}`),
    ]);
    return assignmentHistory(id, assigns.entries, recusals.entries, cases.cases);
  },
  corpusStats(): Promise<CorpusStatsView> {
    return request('GET', '/api/corpus/stats');
  },
  corpusStatsCsvUrl: '/api/corpus/stats?format=csv',
  corpusSearch(q: { q: string; decision?: string; category?: string; citation?: string; year?: string; limit: number; offset: number } & Partial<Record<keyof RawLetterFilters | 'specialty', string>>): Promise<SearchPageView> {
    return request('GET', `/api/corpus/search${query(q)}`);
  },
  /** One published letter of the corpus (a search hit's letterId). */
  corpusLetter(id: number): Promise<CorpusLetterView> {
    return request('GET', `/api/corpus/letters/${enc(String(id))}`);
  },
  /** Uploads letter files for import (admin); answers the job to poll. */
  corpusImport(files: File[], onProgress: (fraction: number) => void): Promise<ImportJobView> {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    return upload('/api/corpus/import', form, onProgress);
  },
  corpusImportJob(id: string): Promise<ImportJobView> {
    return request('GET', `/api/corpus/import/${enc(id)}`);
  },
};
