import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { CaseFile } from '../engine/case-file.js';
import { assignReviewer } from '../service/use-cases/assignment.use-case.js';
import { createCase } from '../service/use-cases/cases.use-case.js';
import type { DraftEngine, ItemDraft } from '../service/use-cases/draft-engine.js';
import { engineDraftEngine } from '../service/use-cases/engine-adapter.js';
import { runEligibility } from '../service/use-cases/eligibility.use-case.js';
import { applicationInput, citation, CLINICAL_SUMMARY } from '../service/test-support/fixtures.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

const REASON = 'The record states both improvement in activities of daily living and no change in function.';

/**
 * A draft engine for these tests: item 1 needs the reviewer's judgement (leaning Upheld), item 2
 * is a plain Overturned; each quotes the clinical summary's first sentence as an examination finding.
 */
const flaggingEngine: DraftEngine = {
  draftCase(file: CaseFile): ItemDraft[] {
    const quote = file.clinicalSummary.split('. ')[0]!;
    const criteria = [{ id: 'improvement', statement: 'Functional improvement is documented', status: 'unknown', finding: 'Conflicting statements', evidence: [{ source: 'clinicalSummary', quote, start: 0, end: quote.length, kind: 'exam' as const }] }];
    return file.items.map((_, k) => ({
      decision: k === 0 ? 'Upheld' : 'Overturned',
      citation: citation(),
      rationale: 'Drafted for the test.',
      criteria,
      topicId: 'manual-therapy',
      guidelineVersion: 'cpmtg-2009',
      pOverturn: k === 0 ? 0.37 : 0.81,
      needsReviewer: k === 0,
      reviewReason: k === 0 ? REASON : null,
      reviewCodes: k === 0 ? ['evidence_conflicting'] : [],
      documentationGaps: [],
    }));
  },
};

interface DraftJson {
  decision: string;
  pOverturn: number | null;
  needsReviewer: boolean;
  reviewReason: string | null;
  reviewCodes: string[];
  criteria: Array<{ evidence: Array<{ source: string; quote: string; kind?: string }> }>;
}
interface CaseJson {
  id: string;
  itemsAwaitingJudgement?: number;
  items: Array<{ id: string; version: number; draft: DraftJson | null }>;
  documents: Array<{ id: string; kind: string; evidenceSource: string }>;
}

describe.each(testDialects())('the three outcomes through the API on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: flaggingEngine }));
  });
  afterAll(async () => { await t?.close(); });

  const getCase = async (id: string, cookie: string): Promise<CaseJson> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const listIds = async (cookie: string, qs: string): Promise<Array<{ id: string; itemsAwaitingJudgement?: number }>> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/cases${qs}`, headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().cases;
  };

  it('shows a flagged draft with its reason, probability, codes and evidence kinds to the reviewer', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const kase = await getCase(caseId, cookie);
    const [flagged, plain] = kase.items.map((i) => i.draft!);
    expect(flagged).toMatchObject({ decision: 'Upheld', needsReviewer: true, reviewReason: REASON, pOverturn: 0.37, reviewCodes: ['evidence_conflicting'] });
    expect(flagged!.criteria[0]!.evidence[0]).toMatchObject({ source: 'clinicalSummary', kind: 'exam' });
    expect(plain).toMatchObject({ decision: 'Overturned', needsReviewer: false, reviewReason: null, pOverturn: 0.81, reviewCodes: [] });
    expect(kase.itemsAwaitingJudgement).toBe(1);
  });

  it('counts the items awaiting judgement in the list, filters by it, and drops an item once decided', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const intake = w.cookies.intake;
    expect((await listIds(intake, '')).find((c) => c.id === caseId)?.itemsAwaitingJudgement).toBe(1);
    expect((await listIds(cookie, '')).find((c) => c.id === caseId)?.itemsAwaitingJudgement).toBe(1);
    expect((await listIds(intake, '?awaitingJudgement=true&limit=200')).map((c) => c.id)).toContain(caseId);
    expect((await listIds(intake, '?awaitingJudgement=false&limit=200')).map((c) => c.id)).not.toContain(caseId);
    const item = (await getCase(caseId, cookie)).items[0]!;
    const saved = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: 'Overturned', citation: citation(), rationale: 'Medically necessary on the record as a whole.' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await listIds(intake, '?awaitingJudgement=true&limit=200')).map((c) => c.id)).not.toContain(caseId);
    expect((await listIds(intake, '?awaitingJudgement=false&limit=200')).find((c) => c.id === caseId)?.itemsAwaitingJudgement).toBe(0);
    expect((await getCase(caseId, cookie)).itemsAwaitingJudgement).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases?awaitingJudgement=maybe', headers: { cookie: intake } })).statusCode).toBe(400);
  });

  it('reads a draft stored before the three outcomes as unflagged, without a probability and without the old confidence', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const item = (await getCase(caseId, cookie)).items[0]!;
    const old = { decision: 'Upheld', citation: citation(), rationale: 'Old draft.', criteria: [{ id: 'c', statement: 's', status: 'met', finding: 'f', evidence: [{ source: 'clinicalSummary', quote: 'q' }] }], topicId: null, guidelineVersion: null, confidence: 0.9, documentationGaps: [] };
    await t.services.cases.setDraft(caseId, item.id, JSON.stringify(old));
    const draft = (await getCase(caseId, cookie)).items[0]!.draft!;
    expect(draft).toMatchObject({ decision: 'Upheld', needsReviewer: false, reviewReason: null, pOverturn: null, reviewCodes: [] });
    expect(draft).not.toHaveProperty('confidence');
  });
});

const IMPROVEMENT = 'Following the chiropractic trial, the patient has functional improvement with improved ability to perform activities of daily living and reduced work restrictions.';

describe.each(testDialects())('a UR decision is never the evidence of a draft, on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: engineDraftEngine() }));
  });
  afterAll(async () => { await t?.close(); });

  /** A case asking for more chiropractic after a completed trial, with one document of `kind`; redrafted by its reviewer. */
  async function caseWithDocument(kind: 'medical_record' | 'ur_decision'): Promise<CaseJson & { cookie: string }> {
    const base = applicationInput();
    const request = '6 additional chiropractic visits for the lumbar spine';
    const app = applicationInput({ urDecision: { ...base.urDecision, itemsDeniedOrModified: [request] }, disputedItems: [{ request, urOutcome: 'denied', category: 'chiropractic' }] });
    const c = await createCase(t.services, w.users.intake, {
      application: { ...app, injuredWorker: { ...app.injuredWorker, name: `Worker ${kind}`, claimNumber: `CLM-UR-${kind}` } },
      clinicalSummary: `${CLINICAL_SUMMARY} He has completed 6 sessions of chiropractic manipulation.`,
    });
    await runEligibility(t.services, w.users.intake, c.id);
    const a = await assignReviewer(t.services, w.users.intake, c.id);
    const cookie = a.reviewerId === 'r-pmr' ? w.cookies.reviewer : w.cookies.otherReviewer;
    const up = multipart({ kind }, { name: `${kind}.txt`, type: 'text/plain', bytes: new TextEncoder().encode(IMPROVEMENT) });
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    const before = (await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie } })).json() as CaseJson;
    const redraft = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/items/${before.items[0]!.id}/draft`, headers: { cookie } });
    expect(redraft.statusCode, redraft.body).toBe(200);
    return { ...((await t.app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: { cookie } })).json() as CaseJson), cookie };
  }
  const quotes = (k: CaseJson) => k.items.flatMap((i) => i.draft!.criteria.flatMap((c) => c.evidence));

  it('quotes the statement from a medical record, but never from a UR decision that says the same', async () => {
    // Control: the same sentence in a medical record is read as evidence of improvement.
    const record = await caseWithDocument('medical_record');
    const recordSource = record.documents[0]!.evidenceSource;
    expect(quotes(record).filter((e) => e.source === recordSource).map((e) => e.quote).join('\n')).toMatch(/functional improvement/);

    const ur = await caseWithDocument('ur_decision');
    expect(ur.documents).toEqual([expect.objectContaining({ kind: 'ur_decision', evidenceSource: 'ur decision: ur_decision.txt' })]);
    const evidence = quotes(ur);
    expect(evidence.filter((e) => e.source === ur.documents[0]!.evidenceSource)).toEqual([]);
    expect(evidence.filter((e) => /functional improvement/i.test(e.quote))).toEqual([]);
    // The reviewer can still read the UR decision's text beside the record.
    const text = await t.app.inject({ method: 'GET', url: `/api/cases/${ur.id}/documents/${ur.documents[0]!.id}/text`, headers: { cookie: ur.cookie } });
    expect(text.statusCode, text.body).toBe(200);
    expect(text.json()).toMatchObject({ kind: 'ur_decision', text: IMPROVEMENT });
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${ur.id}/documents/${ur.documents[0]!.id}/text`, headers: { cookie: w.cookies.party } })).statusCode).toBe(403);
  });
});
