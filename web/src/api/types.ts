/**
 * What the API answers: the server's own types, imported as types only (nothing here is a copy), under
 * the names the screens use. A field renamed on the server fails `npm run typecheck` where a screen reads it.
 */
import type { DraftCriterion } from '../../../src/service/use-cases/draft-engine.js';
import type { Reviewer } from '../../../src/service/domain/reviewer.js';
import type { QualificationResult } from '../../../src/service/domain/qualification.js';
import type { SearchPage } from '../../../src/corpus/search/port.js';
import type { withDrugNames } from '../../../src/corpus/drug-synonyms.js';

export type {
  AssignmentView,
  CaseSummary as CaseSummaryView,
  CaseView,
  DeadlineView,
  EligibilityView as EligibilityRecordView,
  ItemView,
  LetterSummary as LetterSummaryView,
} from '../../../src/service/use-cases/case-view.js';
export type { Citation as CitationView } from '../../../src/letters/model.js';
export type { EligibilityReason as EligibilityReasonView } from '../../../src/service/domain/eligibility.js';
export type { EvidenceKind as EvidenceKindView } from '../../../src/engine/evidence-kind.js';
export type { StoredItemDraft as DraftView } from '../../../src/service/use-cases/draft-engine.js';
export type { DraftSources as DraftSourcesView } from '../../../src/service/use-cases/draft-sources.js';
export type { DraftChange as DraftChangeView } from '../../../src/service/use-cases/draft-changes.js';
export type { DocumentSummary as DocumentView, DocumentText as DocumentTextView } from '../../../src/service/use-cases/documents.use-case.js';
export type { CaseRecord as RecordView } from '../../../src/service/use-cases/case-records.js';
export type { DocumentPagesView } from '../../../src/service/use-cases/document-text.js';
export type { PrecedentResult as PrecedentResultView } from '../../../src/corpus/precedents.js';
export type { StatRow as StatRowView, CorpusStats as CorpusStatsView } from '../../../src/corpus/stats.js';
export type { SearchHit as SearchHitView } from '../../../src/corpus/search/port.js';
export type { ImportJobView } from '../../../src/corpus/import-jobs.js';
export type { SavedSearchView } from '../../../src/corpus/saved-searches.js';
export type { AuditEntry as AuditEntryView, AuditQuery } from '../../../src/service/store/audit.store.js';
export type { User as UserView, Role } from '../../../src/service/store/users.store.js';

/** A criterion of a draft; the tree also shows sub-criteria where a draft nests them. */
export type CriterionView = DraftCriterion & { children?: CriterionView[] };

/** A registry entry as GET /api/reviewers lists it: the record, its qualification and its open cases. */
export type ReviewerView = Reviewer & { qualification: QualificationResult; openCases: number };

/** A search page as GET /api/corpus/search answers it: drug names also searched under their other names. */
export type SearchPageView = SearchPage & { alsoSearched: ReturnType<typeof withDrugNames>['expanded'] };
