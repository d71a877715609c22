import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import { citationSchema } from '../../letters/model.js';
import { parseCitation } from '../../letters/read/citation.js';
import { isoDateSchema } from '../../shared/iso-date.js';
import { normaliseRequest } from '../../engine/request/normalise-request.js';
import { applicationDateProblems, assignmentCategory, imrApplicationSchema, isExpedited, workerKey, type ImrApplication } from '../domain/index.js';
import { CASE_STATUSES } from '../domain/state-machine.js';
import type { User } from '../store/users.store.js';
import type { CaseItemRow, CaseRow } from '../store/tables.js';
import { deadlinesFor, matchesSearch, toCaseView, toListEntry, type CaseSummary, type CaseView } from './case-view.js';
import type { Services, Stores } from './services.js';
import { CaseViewCache } from './case-view-cache.js';

export const createCaseInputSchema = z.object({
  application: imrApplicationSchema,
  /** An IMR case number (e.g. CM15-0012345); assigned when absent. */
  caseNumber: z.string().regex(/^[A-Z]{2}\d{2}-\d{4,10}$/, 'must look like CM15-0012345').optional(),
  workerSex: z.enum(['male', 'female']).nullable().optional(),
  /** The clinical case summary the reviewer writes or receives with the records. */
  clinicalSummary: z.string().max(200_000).optional(),
  documentsReviewed: z.array(z.string().min(1).max(1000)).max(500).optional(),
  /**
   * The guideline the claims administrator cited for each disputed item, in the same order: a
   * citation, or the citation as the UR decision writes it ("MTUS Chronic Pain Medical Treatment
   * Guidelines 2009, pages 58-59"; read by the letter reader's citation parser), or null for none.
   */
  claimsAdministratorGuidelines: z.array(z.union([citationSchema, z.string().trim().min(1).max(2000)]).nullable()).max(100).optional(),
  /** Users of role "party" who may read this case's issued letters. */
  partyUserIds: z.array(z.string().min(1)).max(50).optional(),
});
export type CreateCaseInput = z.input<typeof createCaseInputSchema>;

export async function newCaseNumber(stores: Stores, receivedOn: string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const n = `CM${receivedOn.slice(2, 4)}-${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    if (!(await stores.cases.caseNumberExists(n))) return n;
  }
  throw new ImrError('IMR_ERR_INTERNAL', 'Could not allocate a case number; retry.');
}

/** Items without a category get the request normaliser's, narrowed for assignment (surgery by region). */
function withCategories(app: ImrApplication): ImrApplication {
  return {
    ...app,
    disputedItems: app.disputedItems.map((i) => {
      if (i.category) return i;
      const n = normaliseRequest(i.request);
      return { ...i, category: assignmentCategory(n.category, n.bodyRegions.map((r) => r.region)) };
    }),
  };
}

/** Dates of an application that have not happened yet on `today` (a typo in the year, usually). */
function futureDateProblems(app: ImrApplication, today: string): { path: string; message: string }[] {
  const dates: [string, string | null | undefined][] = [
    ['applicationReceivedDate', app.applicationReceivedDate],
    ['urDecision.decisionDate', app.urDecision.decisionDate],
    ['urDecision.dateServed', app.urDecision.dateServed],
    ['injuredWorker.dateOfInjury', app.injuredWorker.dateOfInjury],
    ['injuredWorker.dateOfBirth', app.injuredWorker.dateOfBirth],
  ];
  return dates.filter(([, d]) => d && d > today).map(([path]) => ({ path, message: `is in the future (today is ${today}); an application records what already happened` }));
}

/** The same treatment listed twice (compared without case, spacing or punctuation at the ends). */
function repeatedItemProblems(app: ImrApplication): { path: string; message: string }[] {
  const seen = new Map<string, number>();
  const out: { path: string; message: string }[] = [];
  app.disputedItems.forEach((item, k) => {
    const key = item.request.toLowerCase().replace(/\s+/g, ' ').replace(/^[\s.,;:]+|[\s.,;:]+$/g, '');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, k);
    else out.push({ path: `application.disputedItems.${k}.request`, message: `repeats disputed item ${first + 1}` });
  });
  return out;
}

/** Registers an application as a new case (status "received") with its items and deadlines. */
export async function createCase(services: Services, actor: User, raw: unknown): Promise<CaseView> {
  const parsed = createCaseInputSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
    throw new ImrError('IMR_ERR_VALIDATION', `The case is invalid: ${details.slice(0, 5).map((d) => `${d.path}: ${d.message}`).join('; ')}`, { details });
  }
  const input = parsed.data;
  const today = services.today();
  const dateProblems = [...applicationDateProblems(input.application), ...futureDateProblems(input.application, today)].map((d) => ({ path: `application.${d.path}`, message: d.message }));
  if (dateProblems.length) {
    throw new ImrError('IMR_ERR_INVALID_DATE', `The application's dates contradict each other: ${dateProblems.map((d) => `${d.path} ${d.message}`).join('; ')}. Correct the dates from the UR decision and the application form.`, { details: dateProblems });
  }
  const repeated = repeatedItemProblems(input.application);
  if (repeated.length) {
    throw new ImrError('IMR_ERR_VALIDATION', `The same disputed item appears twice: ${repeated.map((d) => `${d.path} ${d.message}`).join('; ')}. List each treatment once.`, { details: repeated });
  }
  const app = withCategories(input.application);
  // "None" (or "N/A") typed for a UR decision that cites nothing is no citation, not a guideline named "None".
  const guidelines = (input.claimsAdministratorGuidelines ?? []).map((g) => (typeof g !== 'string' ? g : /^(?:none|n\/?a|-+)\.?$/i.test(g) ? null : parseCitation(g)));
  if (guidelines.length > app.disputedItems.length) {
    throw new ImrError('IMR_ERR_VALIDATION', 'There are more claims administrator guidelines than disputed items; give one per item, in order.', {
      details: [{ path: 'claimsAdministratorGuidelines', message: `at most ${app.disputedItems.length} entries` }],
    });
  }
  const now = services.now();
  const stamp = now.toISOString();
  const view = await services.tx(async (stores) => {
    for (const uid of input.partyUserIds ?? []) {
      const u = await stores.users.get(uid);
      if (!u || u.role !== 'party') throw new ImrError('IMR_ERR_VALIDATION', 'A party user id does not name a user of role "party"; create the party user first.', { details: [{ path: 'partyUserIds', message: `unknown party user ${uid}` }] });
    }
    const caseNumber = input.caseNumber ?? (await newCaseNumber(stores, app.applicationReceivedDate));
    if (input.caseNumber && (await stores.cases.caseNumberExists(caseNumber))) {
      throw new ImrError('IMR_ERR_DUPLICATE', `A case numbered ${caseNumber} already exists; leave the case number out to have one assigned.`);
    }
    const row: CaseRow = {
      id: randomUUID(),
      case_number: caseNumber,
      status: 'received',
      priority: isExpedited(app) ? 'Expedited' : 'Standard',
      application: JSON.stringify(app),
      worker_key: workerKey(app.injuredWorker),
      worker_sex: input.workerSex ?? null,
      received_on: app.applicationReceivedDate,
      reviewer_id: null,
      eligible_on: null,
      assigned_on: null,
      records_received_on: null,
      decided_on: null,
      deadlines: null,
      clinical_summary: input.clinicalSummary ?? '',
      documents_reviewed: JSON.stringify(input.documentsReviewed ?? []),
      version: 1,
      created_by: actor.id,
      created_at: stamp,
      updated_at: stamp,
    };
    row.deadlines = JSON.stringify(deadlinesFor(app, row));
    const items: CaseItemRow[] = app.disputedItems.map((it, position) => ({
      id: randomUUID(),
      case_id: row.id,
      position,
      request: it.request,
      ur_decision: it.urOutcome,
      ur_guideline: guidelines[position] ? JSON.stringify(guidelines[position]) : null,
      draft: null,
      decision: null,
      citation: null,
      rationale: null,
      version: 1,
      updated_at: stamp,
      updated_by: actor.id,
    }));
    await stores.cases.insertCase(row, items, input.partyUserIds ?? []);
    await stores.audit.record(actor, 'case.create', row.id, { caseNumber, status: 'received', priority: row.priority, items: items.length }, now);
    return toCaseView(row, { items, eligibility: undefined, assignments: [], letters: [], partyUserIds: input.partyUserIds ?? [] }, services.today());
  });
  return view;
}

type CaseAuthorizer = (subject: { id: string; reviewerId: string | null; partyUserIds: string[] }) => void;

/** The case's rows, read after access to the case row was decided (a refusal reads nothing more). */
async function caseReadRows(services: Services, caseId: string, authorize?: CaseAuthorizer) {
  const row = await services.cases.getOrThrow(caseId);
  const partyUserIds = await services.cases.partyUserIds(caseId);
  // Access is decided on the case row before anything else of the case is read.
  authorize?.({ id: row.id, reviewerId: row.reviewer_id, partyUserIds });
  const items = await services.cases.items(caseId);
  const [eligibility] = await services.cases.eligibilityHistory(caseId, 1);
  const assignments = await services.cases.assignments(caseId);
  const letters = await services.cases.letterSummaries(caseId);
  const documents = await services.cases.documentSummaries(caseId);
  return { row, partyUserIds, items, eligibility, assignments, letters, documents };
}

/** Records the read in the audit log and answers when the reader last looked at the case (markCaseSeen). */
async function auditedRead(services: Services, actor: User, caseId: string): Promise<string | null> {
  await services.audit.record(actor, 'case.read', caseId, {}, services.now());
  // The reader's last look (markCaseSeen): the workbench says which drafts are newer than it.
  return services.cases.lastSeen(caseId, actor.id);
}

/** The full case as its reader may see it; records the read in the audit log. */
export async function readCase(services: Services, actor: User | null, caseId: string, opts: { audit?: boolean; authorize?: CaseAuthorizer } = {}): Promise<CaseView> {
  const rows = await caseReadRows(services, caseId, opts.authorize);
  const lastSeenAt = opts.audit !== false && actor ? await auditedRead(services, actor, caseId) : null;
  return { ...toCaseView(rows.row, rows, services.today()), lastSeenAt };
}

type CaseRows = Awaited<ReturnType<typeof caseReadRows>>;
const viewCaches = new WeakMap<object, CaseViewCache<CaseRows>>();

/**
 * readCase as the JSON the API answers (the same text JSON.stringify gives for readCase's view, or
 * for `shape` of it): access decided and the read audited as readCase does, but the view built and
 * serialised only when the case's rows or the date changed (case-view-cache.ts). Every query runs,
 * unless the database's change token (services.audit.changeToken: SQLite with the audit writer)
 * shows that nothing but audit rows was committed since the case's rows were last read: the access
 * check is then made on those rows, which are the case as it is.
 * `variant` names `shape` (the same name must always mean the same shape).
 */
export async function readCaseJson(
  services: Services,
  actor: User,
  caseId: string,
  opts: { authorize: CaseAuthorizer; variant: string; shape?: (view: CaseView) => CaseView },
): Promise<string> {
  let cache = viewCaches.get(services.cases);
  if (!cache) viewCaches.set(services.cases, (cache = new CaseViewCache<CaseRows>()));
  const today = services.today();
  // Taken before anything is read: a commit after this changes it, so what is kept under it cannot hide that commit.
  const token = services.audit.changeToken();
  let rows = cache.current(caseId, token, today);
  if (rows) opts.authorize({ id: rows.row.id, reviewerId: rows.row.reviewer_id, partyUserIds: [...rows.partyUserIds] });
  else rows = await caseReadRows(services, caseId, opts.authorize);
  const kept = rows;
  const json = cache.json(caseId, kept, today, opts.variant, () => {
    const view = toCaseView(kept.row, kept, today);
    return opts.shape ? opts.shape(view) : view;
  }, token);
  await services.audit.record(actor, 'case.read', caseId, {}, services.now());
  let lastSeenAt = cache.lastSeen(caseId, token, actor.id);
  if (lastSeenAt === undefined) {
    lastSeenAt = await services.cases.lastSeen(caseId, actor.id);
    cache.keepLastSeen(caseId, token, actor.id, lastSeenAt);
  }
  // lastSeenAt is the reader's own and comes last in readCase's view: added to the kept JSON's end.
  return `${json.slice(0, -1)},"lastSeenAt":${JSON.stringify(lastSeenAt)}}`;
}

/**
 * The reader has looked at the case as it is now (the workbench says so once the case is on screen;
 * a read alone does not, since a screen may read a case more than once). Audited.
 */
export async function markCaseSeen(services: Services, actor: User, caseId: string): Promise<void> {
  await services.cases.getOrThrow(caseId);
  const now = services.now();
  await services.cases.markSeen(caseId, actor.id, now);
  await services.audit.record(actor, 'case.seen', caseId, {}, now);
}

/** What access checks need, without loading the whole case. */
export async function caseAccessSubject(services: Services, caseId: string): Promise<{ id: string; reviewerId: string | null; partyUserIds: string[]; status: string }> {
  const row = await services.cases.getOrThrow(caseId);
  return { id: row.id, reviewerId: row.reviewer_id, partyUserIds: await services.cases.partyUserIds(caseId), status: row.status };
}

export const caseListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .refine((s) => !s || s.split(',').every((x) => (CASE_STATUSES as readonly string[]).includes(x)), { message: `comma-separated statuses among ${CASE_STATUSES.join(', ')}` }),
  priority: z.enum(['Standard', 'Expedited']).optional(),
  caseNumber: z.string().max(40).optional(),
  reviewerId: z.string().max(100).optional(),
  receivedFrom: isoDateSchema.optional(),
  receivedTo: isoDateSchema.optional(),
  late: z.enum(['true', 'false']).optional(),
  /** true: only cases with an undecided item whose draft needs the reviewer's judgement; false: only cases without. */
  awaitingJudgement: z.enum(['true', 'false']).optional().describe("true: cases with an undecided item whose draft needs the reviewer's judgement; false: cases without"),
  /** Free text: every word must occur in the case number, the worker's name or a request text. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseListQuery = z.output<typeof caseListQuerySchema>;

/** Lists cases with filters and paging; a reviewer sees only their own, a party only theirs. */
export async function listCases(services: Services, actor: User, q: CaseListQuery): Promise<{ total: number; limit: number; offset: number; cases: CaseSummary[] }> {
  const filter = {
    status: q.status ? q.status.split(',') : undefined,
    priority: q.priority,
    caseNumber: q.caseNumber,
    reviewerId: actor.role === 'reviewer' ? (actor.reviewerId ?? '\u0000none') : q.reviewerId,
    partyUserId: actor.role === 'party' ? actor.id : undefined,
    receivedFrom: q.receivedFrom,
    receivedTo: q.receivedTo,
  };
  const today = services.today();
  // Parties see their own cases only, and no case details in a list; staff and reviewers see them.
  const withDetails = actor.role !== 'party';
  // Staff and reviewers see how many items of each case await their judgement.
  const withCounts = (entries: CaseSummary[], counts: Map<string, number>): CaseSummary[] =>
    withDetails ? entries.map((e) => ({ ...e, itemsAwaitingJudgement: counts.get(e.id) ?? 0 })) : entries;
  if (q.late || q.q || q.awaitingJudgement) {
    // "late" depends on today's date, the search reads the application and the judgement count
    // reads the items' drafts: filter in memory over the other filters' result, then page.
    const all = await services.cases.list({ ...filter, limit: 100_000, offset: 0 });
    const counts = await services.cases.awaitingJudgementCounts();
    const matching = withCounts(all.rows.map((r) => toListEntry(r, today, withDetails)), counts)
      .filter((s) => !q.late || s.late === (q.late === 'true'))
      .filter((s) => !q.awaitingJudgement || ((counts.get(s.id) ?? 0) > 0) === (q.awaitingJudgement === 'true'))
      .filter((s) => !q.q || matchesSearch(s, q.q));
    return { total: matching.length, limit: q.limit, offset: q.offset, cases: matching.slice(q.offset, q.offset + q.limit) };
  }
  const { total, rows } = await services.cases.list({ ...filter, limit: q.limit, offset: q.offset });
  const counts = withDetails ? await services.cases.awaitingJudgementCounts(rows.map((r) => r.id)) : new Map<string, number>();
  return { total, limit: q.limit, offset: q.offset, cases: withCounts(rows.map((r) => toListEntry(r, today, withDetails)), counts) };
}
