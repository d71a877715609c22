import type { CaseListQuery } from './endpoints.js';
import type { AuditFilter } from './admin.js';

/**
 * Every TanStack Query key of the workbench, named after the server's resources. A key's prefix
 * groups what one write changes: invalidating `queryKeys.case(id)` refreshes the case and all that is
 * read under it (its assignment, appeals, letters, publication, notice, documents), and
 * `queryKeys.queues` refreshes every page of every queue filter.
 */
export const queryKeys = {
  /** Who is signed in (null when nobody is): the one query a change of user keeps. */
  me: ['me'] as const,
  queues: ['queue'] as const,
  queue: (filters: CaseListQuery) => ['queue', filters] as const,

  case: (id: string) => ['case', id] as const,
  caseAssignment: (id: string) => ['case', id, 'assignment'] as const,
  caseAppeals: (id: string) => ['case', id, 'appeals'] as const,
  caseLetters: (id: string) => ['case', id, 'letters'] as const,
  letterHtml: (id: string, version: number | undefined) => ['case', id, 'letters', 'html', version ?? 'current'] as const,
  publication: (id: string, version: number) => ['case', id, 'publication', version] as const,
  ineligibilityNotice: (id: string) => ['case', id, 'ineligibility-notice'] as const,
  documentPages: (caseId: string, docId: string) => ['case', caseId, 'document', docId, 'pages'] as const,
  documentText: (caseId: string, docId: string) => ['case', caseId, 'document', docId, 'text'] as const,
  /** Outside the case's prefix: a case write does not change which published letters resemble an item. */
  precedents: (caseId: string, itemId: string) => ['precedents', caseId, itemId] as const,

  letters: ['letters'] as const,
  reviewers: ['reviewers'] as const,
  reviewerAssignments: (id: string) => ['reviewers', id, 'assignments'] as const,
  users: ['users'] as const,
  parties: ['parties'] as const,
  audit: (filter: AuditFilter, offset: number) => ['audit', filter, offset] as const,
  auditActions: ['audit-actions'] as const,
  operations: ['operations'] as const,

  /** Everything read from the corpus: an import changes the figures, the searches and the saved searches' news. */
  corpus: ['corpus'] as const,
  corpusStats: ['corpus', 'stats'] as const,
  corpusLetter: (id: number) => ['corpus', 'letter', id] as const,
  corpusImportJob: (id: string) => ['corpus-import', id] as const,
  savedSearches: ['corpus', 'saved'] as const,
  /** One search page, keyed by its address's query string (the search state, see corpus-search-state.ts). */
  corpusSearch: (qs: string) => ['corpus', 'search', qs] as const,
};
