/**
 * What the API answers, as the workbench reads it. Where the server's own type fits, it is imported
 * (drafts, evidence, criteria, draft sources, records); the rest mirror the service's view types
 * (src/service/use-cases/case-view.ts; src/corpus/precedents.ts), and web/e2e/api-types.check.ts, type-checked
 * by `npm test`, fails when the two drift apart.
 */

export interface CitationRefView {
  source: string;
  name: string | null;
  edition: number | null;
  topic: string | null;
  sections: string[];
  pages: number[];
  raw: string;
}
export interface CitationView extends CitationRefView {
  alsoCites: CitationRefView[];
}

export interface DeadlineStatusView {
  daysLeft: number;
  businessDaysLeft: number;
  late: boolean;
  met: boolean;
}
export interface DeadlineView {
  kind: string;
  dueDate: string;
  ruleId: string;
  adjustments: string[];
  basis: string;
  regulation: string;
  source: string;
  confidence: string;
  fromDate: string;
  provisional: boolean;
  status: DeadlineStatusView;
  completedOn: string | null;
}

/** What kind of statement a quote is: the engine's own type. */
export type EvidenceKindView = import('../../../src/engine/evidence-kind.js').EvidenceKind;

/** A quote the engine relied on: the server's own type. */
export type EvidenceView = import('../../../src/service/use-cases/draft-engine.js').DraftEvidence;
/** One criterion of a draft (the server's type; sub-criteria where the engine nests them). */
export type CriterionView = import('../../../src/service/use-cases/draft-engine.js').DraftCriterion & { children?: CriterionView[] };
/** A document a draft read, or could not read (with the reason): the server's own types. */
export type DraftDocumentRefView = import('../../../src/service/use-cases/draft-sources.js').DraftDocumentRef;
export type DraftSourcesView = import('../../../src/service/use-cases/draft-sources.js').DraftSources;
/** The engine's draft as stored and shown (the server's type): decision is the lean when needsReviewer is true. */
export type DraftView = import('../../../src/service/use-cases/draft-engine.js').StoredItemDraft;

export type DraftChangeView = import('../../../src/service/use-cases/draft-changes.js').DraftChange;

export interface ItemView {
  id: string;
  position: number;
  request: string;
  urOutcome: string;
  category: string | null;
  claimsAdministratorGuideline: CitationView | null;
  draft: DraftView | null;
  /** What the latest background redraft changed. */
  draftChange: DraftChangeView | null;
  decision: 'Upheld' | 'Overturned' | null;
  citation: CitationView | null;
  rationale: string | null;
  version: number;
  updatedAt: string;
}

export interface EligibilityReasonView {
  rule: string;
  passed: boolean;
  effect: 'ineligible' | 'defer' | 'info';
  message: string;
  source?: string;
}
export interface EligibilityRecordView {
  id: string;
  outcome: 'eligible' | 'ineligible' | 'deferred';
  reasons: EligibilityReasonView[];
  checkedOn: string;
  createdAt: string;
  /** Intake's reason for finding an ineligible case eligible for good cause. */
  overrideReason?: string | null;
  overridesId?: string | null;
}

export interface AssignmentView {
  id: string;
  reviewerId: string;
  assignedOn: string;
  endedAt: string | null;
  endReason: string | null;
  screening: unknown;
  /** Intake's reason for choosing this reviewer over the automatic choice. */
  overrideReason?: string | null;
}

export interface LetterSummaryView {
  id: string;
  version: number;
  supersedesId: string | null;
  correctionReason: string | null;
  sha256: string;
  issuedOn: string;
  issuedAt: string;
}

export interface CaseSummaryView {
  id: string;
  caseNumber: string;
  status: string;
  priority: 'Standard' | 'Expedited';
  receivedOn: string;
  reviewerId: string | null;
  itemCount: number;
  nextDeadline: DeadlineView | null;
  late: boolean;
  version: number;
  updatedAt: string;
  /** In list entries for staff and reviewers (never for parties). */
  workerName?: string | null;
  /** The disputed items' request texts, in list entries for staff and reviewers. */
  requests?: string[];
  deadlines?: DeadlineView[];
  /** Undecided items whose draft needs the reviewer's judgement (list entries for staff and reviewers, and the case). */
  itemsAwaitingJudgement?: number;
}

/** A case document as listed with the case: the server's own type (kind: medical_record | application | ur_decision | other). */
export type DocumentView = import('../../../src/service/use-cases/documents.use-case.js').DocumentSummary;
/** One record of the case, listed once: an upload (withdrawn ones marked) or a record listed at intake (the server's type). */
export type RecordView = import('../../../src/service/use-cases/case-records.js').CaseRecord;
/** A case document's stored text page by page, for the document viewer (the server's type). */
export type DocumentPagesView = import('../../../src/service/use-cases/document-text.js').DocumentPagesView;
export interface DocumentTextView {
  id: string;
  kind: string;
  name: string;
  evidenceSource: string;
  text: string;
}

export interface ApplicationView {
  injuredWorker: { name: string; dateOfBirth?: string; address?: string; dateOfInjury: string | null; claimNumber?: string };
  employer: { name: string };
  claimsAdministrator: { name: string; id: string; insurerName?: string };
  requestingProvider: { name: string; specialty: string; npi?: string; group?: string };
  urDecision: {
    dateServed: string;
    howServed: string;
    decisionDate: string;
    itemsDeniedOrModified: string[];
    conditionallyNonCertified: boolean;
    urOrganizationName: string;
  };
  disputedItems: Array<{ request: string; urOutcome: string; category?: string; formularyDrug?: boolean }>;
  expedited: { requested: boolean; physicianCertification: boolean };
  liabilityDisputed: boolean;
  applicationReceivedDate: string;
  signedByWorker: boolean;
  attachments: { urDecisionCopy: boolean };
}

export interface CaseView extends CaseSummaryView {
  application: ApplicationView;
  workerSex: 'male' | 'female' | null;
  eligibleOn: string | null;
  assignedOn: string | null;
  recordsReceivedOn: string | null;
  decidedOn: string | null;
  clinicalSummary: string;
  /** When the reader last opened this case before this read (null on a first look). */
  lastSeenAt?: string | null;
  documentsReviewed: string[];
  deadlines: DeadlineView[];
  allowedTransitions: string[];
  items: ItemView[];
  eligibility: EligibilityRecordView | null;
  assignments: AssignmentView[];
  letters: LetterSummaryView[];
  documents: DocumentView[];
  /** Each record once (servers before itemised records omit it). */
  records?: RecordView[];
  partyUserIds: string[];
  createdAt: string;
}

export interface PrecedentView {
  itemId: number;
  letterId: number;
  caseNumber: string | null;
  /** How a letter without a case number (a seed letter) is named. */
  fileName: string;
  request: string;
  decision: 'Upheld' | 'Overturned';
  category: string | null;
  citation: { family: string; name: string | null; topic: string | null; section: string | null; raw: string };
  reviewerSpecialty: string | null;
  year: number | null;
  similarity: number;
  snippet: string;
}
export interface PrecedentResultView {
  precedents: PrecedentView[];
  upheld: number;
  overturned: number;
  shareOverturned: number | null;
  peerGroup: { items: number; upheld: number; overturned: number; category: string | null; citationFamily: string | null; shareOverturned: number | null };
}

export interface ReviewerView {
  id: string;
  name: string;
  licensureStates: string[];
  specialty: string;
  subspecialty?: string | null;
  boardCertified: boolean;
  yearsInActivePractice: number;
  weeklyHours: number;
  affiliations: Array<{ kind: string; name: string }>;
  capacity: number;
  active: boolean;
  /** Added by the registry route. */
  qualification?: { qualified: boolean; reasons: Array<{ rule: string; passed: boolean; message: string }> };
  openCases?: number;
}

export interface ReviewerAssignmentView {
  id: string;
  caseId: string;
  caseNumber?: string;
  /** The case's status while it is still this reviewer's. */
  status?: string;
  assignedOn: string;
  endedAt: string | null;
  endReason: string | null;
}

/** The corpus statistics as the API serves them (the server's own types: rates with counts, 95% intervals, small-sample marks). */
export type { StatRow as StatRowView, CorpusStats as CorpusStatsView, MonthRow as MonthRowView, PharmacyRow as PharmacyRowView } from '../../../src/corpus/stats.js';

export interface SearchHitView {
  itemId: number;
  letterId: number;
  caseNumber: string | null;
  fileName: string;
  request: string;
  decision: 'Upheld' | 'Overturned';
  category: string | null;
  citation: { family: string; name: string | null; topic: string | null; section: string | null; raw: string };
  reviewerSpecialty: string | null;
  year: number | null;
  snippet: string;
  highlights: Array<[number, number]>;
  matchedIn: 'request' | 'rationale' | 'summary' | 'rationale-or-summary' | null;
}
export interface SearchPageView {
  /** Drug names also searched under their other names ("flexeril" → cyclobenzaprine, amrix, fexmid). */
  alsoSearched?: Array<{ term: string; alternatives: string[] }>;
  total: number;
  totalCapped: boolean;
  limit: number;
  offset: number;
  hits: SearchHitView[];
}
