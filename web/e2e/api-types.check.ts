/**
 * Compile-time check that the workbench's view types (web/src/api/types.ts) still describe what
 * the service answers (src/service/use-cases/case-view.ts). `npx tsc -p web/tsconfig.json` fails
 * here when a field the screens read is renamed, removed or changes type on the server.
 */
import type * as Server from '../../src/service/use-cases/case-view.js';
import type { StoredItemDraft } from '../../src/service/use-cases/draft-engine.js';
import type { DocumentSummary, DocumentText } from '../../src/service/use-cases/documents.use-case.js';
import type { Precedent, PrecedentResult } from '../../src/corpus/precedents.js';
import type { CorpusStats } from '../../src/corpus/stats.js';
import type { ImportJobView } from '../../src/corpus/import-jobs.js';
import type { User } from '../../src/service/store/users.store.js';
import type * as Web from '../src/api/types.js';
import type { ImportJobView as WebImportJobView, Me } from '../src/api/endpoints.js';

type Assignable<From, To> = [From] extends [To] ? true : false;
const checks: Array<true> = [
  true satisfies Assignable<Server.CaseSummary, Web.CaseSummaryView>,
  true satisfies Assignable<Server.CaseView, Web.CaseView>,
  true satisfies Assignable<Server.ItemView, Web.ItemView>,
  true satisfies Assignable<StoredItemDraft, Web.DraftView>,
  true satisfies Assignable<DocumentSummary, Web.DocumentView>,
  true satisfies Assignable<DocumentText, Web.DocumentTextView>,
  true satisfies Assignable<Server.EligibilityView, Web.EligibilityRecordView>,
  true satisfies Assignable<Server.LetterSummary, Web.LetterSummaryView>,
  true satisfies Assignable<Server.AssignmentView, Web.AssignmentView>,
  true satisfies Assignable<Server.DeadlineView, Web.DeadlineView>,
  true satisfies Assignable<Precedent, Web.PrecedentView>,
  true satisfies Assignable<PrecedentResult, Web.PrecedentResultView>,
  true satisfies Assignable<CorpusStats, Web.CorpusStatsView>,
  true satisfies Assignable<User, Me>,
  true satisfies Assignable<ImportJobView, WebImportJobView>,
];
export default checks;
