import { query, request, requestText, upload } from './client.js';
import { assignmentHistory } from '../lib/assignment-history.js';
import type { CreateCaseInput } from '../../../src/service/use-cases/cases.use-case.js';
import type { ItemDecisionInput } from '../../../src/service/use-cases/review.use-case.js';
import type { CorrectionInput } from '../../../src/service/use-cases/letter.use-case.js';
import type { ClinicalSummaryDraft } from '../../../src/service/use-cases/case-summary.use-case.js';
import type { CorpusLetterView } from '../../../src/corpus/letter-view.js';
import type { RawLetterFilters } from '../../../src/corpus/letter-filters.js';
import type {
  CaseSummaryView,
  CaseView,
  AssignmentView,
  CorpusStatsView,
  DocumentPagesView,
  DocumentTextView,
  EligibilityReasonView,
  AuditEntryView,
  EligibilityRecordView,
  ItemView,
  ImportJobView,
  LetterSummaryView,
  PrecedentResultView,
  ReviewerView,
  Role,
  SavedSearchView,
  SearchPageView,
  UserView,
} from './types.js';
import type { ReviewerAssignmentView } from '../lib/assignment-history.js';

export type { Role };

/** The signed-in user, as GET /api/me answers it. */
export type Me = UserView;

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

const enc = encodeURIComponent;

/** The eligibility record as the result panel shows it. */
function eligibilityView(r: EligibilityRecordView): EligibilityView {
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
  createCase(input: CreateCaseInput): Promise<CaseView> {
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
  saveDecision(caseId: string, itemId: string, input: ItemDecisionInput): Promise<ItemView> {
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
  correctLetter(caseId: string, input: CorrectionInput): Promise<LetterSummaryView> {
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
  /** The team's saved searches, each with the letters imported since it last reported. */
  savedSearches(): Promise<{ searches: SavedSearchView[] }> {
    return request('GET', '/api/corpus/saved');
  },
  saveSearch(body: { name: string; q: string } & Record<string, string>): Promise<SavedSearchView> {
    return request('POST', '/api/corpus/saved', body);
  },
  markSavedSearchReported(name: string): Promise<SavedSearchView> {
    return request('POST', `/api/corpus/saved/${enc(name)}/reported`);
  },
  removeSavedSearch(name: string): Promise<void> {
    return request('DELETE', `/api/corpus/saved/${enc(name)}`);
  },
};
