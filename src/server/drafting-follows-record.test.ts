import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { engineDraftEngine } from '../service/use-cases/engine-adapter.js';
import { applicationInput, citation } from '../service/test-support/fixtures.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

// Records written for these tests from the MTUS manual-therapy criterion (a trial, then further visits
// with objective functional improvement, 8 CCR 9792.20): not taken from any published letter.
const FIRST_NOTE = [
  'PR-2 progress report dated 02/10/2024.',
  'The patient is a 48 year old male with low back pain after a lifting injury on 06/14/2023.',
  'Diagnosis: lumbar strain.',
  'He has completed 6 sessions of chiropractic manipulation.',
  'Low back pain is rated 6/10 with tenderness over the lumbar paraspinal muscles on examination.',
  'Tramadol 50 mg twice daily is continued.',
].join(' ');
const LATER_NOTE = 'PR-2 progress report dated 03/15/2024. Following the chiropractic trial, the patient has functional improvement with improved ability to perform activities of daily living and reduced work restrictions.';
const UR_TEXT = 'Utilization review determination. The requested chiropractic visits are not certified because functional improvement was not documented.';

interface Ref { documentId: string; name: string; kind: string; uploadedOn: string }
interface DraftJson {
  decision: string;
  needsReviewer: boolean;
  reviewCodes: string[];
  criteria: Array<{ evidence: Array<{ source: string; quote: string }> }>;
  sources: { draftedAt: string; clinicalSummary: boolean; read: Ref[]; notRead: Array<Ref & { reason: string }> } | null;
}
interface ItemJson { id: string; version: number; draft: DraftJson | null; draftChange?: { outcome: unknown; documentsAdded: string[]; criteria: unknown[] } | null; decision: string | null; citation: unknown; rationale: string | null }
interface CaseJson { id: string; clinicalSummary: string; lastSeenAt?: string | null; itemsAwaitingJudgement?: number; items: ItemJson[]; documents: Array<{ id: string; kind: string; name: string; evidenceSource: string }> }

const CHIRO = '6 additional chiropractic visits for the lumbar spine';
const TRAMADOL = 'Tramadol 50 mg #60';

describe.each(testDialects())('drafting follows the record (issue 16) on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  let n = 0;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: engineDraftEngine() }));
  });
  afterAll(async () => { await t?.close(); });

  const intake = () => w.cookies.intake;
  async function upload(caseId: string, kind: string, name: string, text: string): Promise<{ id: string; evidenceSource: string }> {
    const up = multipart({ kind }, { name, type: 'text/plain', bytes: new TextEncoder().encode(text) });
    const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: intake() }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  /** Registers a case through the API with no clinical summary, uploads `docs`, checks eligibility and assigns it. */
  async function registeredAndAssigned(docs: Array<[kind: string, name: string, text: string]>): Promise<{ caseId: string; cookie: string }> {
    n++;
    const base = applicationInput();
    const app = applicationInput({
      injuredWorker: { ...base.injuredWorker, name: `Record Worker ${n}`, claimNumber: `CLM-REC-${n}` },
      urDecision: { ...base.urDecision, itemsDeniedOrModified: [CHIRO, TRAMADOL] },
      disputedItems: [{ request: CHIRO, urOutcome: 'denied', category: 'chiropractic' }, { request: TRAMADOL, urOutcome: 'modified', category: 'opioid' }],
    });
    const created = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: intake() }, payload: { application: app } });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    for (const [kind, name, text] of docs) await upload(caseId, kind, name, text);
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/eligibility`, headers: { cookie: intake() }, payload: {} })).statusCode).toBeLessThan(300);
    const assigned = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment`, headers: { cookie: intake() } });
    expect(assigned.statusCode, assigned.body).toBeLessThan(300);
    await t.services.background.idle();
    return { caseId, cookie: assigned.json().reviewerId === 'r-pmr' ? w.cookies.reviewer : w.cookies.otherReviewer };
  }
  const getCase = async (caseId: string, cookie: string): Promise<CaseJson> => {
    const r = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };

  it('(a) drafts every item of a case registered with only uploaded records and no summary, listing what it read', async () => {
    const { caseId, cookie } = await registeredAndAssigned([['medical_record', 'PR-2 2024-02-10.txt', FIRST_NOTE], ['ur_decision', 'UR decision.txt', UR_TEXT]]);
    const kase = await getCase(caseId, cookie);
    expect(kase.clinicalSummary).toBe('');
    // Uploaded at the same instant here: found by kind, not by order.
    const record = kase.documents.find((d) => d.kind === 'medical_record');
    const ur = kase.documents.find((d) => d.kind === 'ur_decision');
    expect(kase.items).toHaveLength(2);
    for (const item of kase.items) {
      expect(item.draft, item.id).not.toBeNull();
      expect(item.draft!.decision).toMatch(/^(Upheld|Overturned)$/);
      expect(item.draft!.sources).toEqual({
        draftedAt: '2024-03-21T18:00:00.000Z',
        clinicalSummary: false,
        read: [{ documentId: record!.id, name: 'PR-2 2024-02-10.txt', kind: 'medical_record', uploadedOn: '2024-03-21' }],
        notRead: [{ documentId: ur!.id, name: 'UR decision.txt', kind: 'ur_decision', uploadedOn: '2024-03-21', reason: 'ur_decision' }],
      });
      // The record is a source the draft quotes; the UR decision never is.
      const sources = item.draft!.criteria.flatMap((c) => c.evidence.map((e) => e.source));
      expect(sources).not.toContain(ur!.evidenceSource);
    }
    expect(kase.items.flatMap((i) => i.draft!.criteria.flatMap((c) => c.evidence.map((e) => e.source)))).toContain(record!.evidenceSource);
    // The OpenAPI document describes what a draft read.
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(JSON.stringify(spec)).toContain('The documents the draft could not read as clinical evidence');
  });

  it('(b) redraws an undecided item when a record arrives after assignment, without a manual redraft, and leaves a decided item alone', async () => {
    const { caseId, cookie } = await registeredAndAssigned([['medical_record', 'PR-2 2024-02-10.txt', FIRST_NOTE]]);
    const before = await getCase(caseId, cookie);
    const [chiro0, tramadol0] = before.items;
    // A read alone is not a look; the workbench records one once the case is on screen.
    expect(before.lastSeenAt).toBeNull();
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/seen`, headers: { cookie } })).statusCode).toBe(204);
    // The reviewer decides the second item before the later record arrives.
    const decided = await t.app.inject({
      method: 'PUT', url: `/api/cases/${caseId}/items/${tramadol0!.id}/decision`, headers: { cookie },
      payload: { version: tramadol0!.version, decision: 'Upheld', citation: citation({ topic: 'Opioids', pages: [74, 96], raw: 'MTUS Chronic Pain Medical Treatment Guidelines 2009, Opioids, pages 74-96' }), rationale: 'My own reasoning on the opioid request.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const tramadolDecided = (await getCase(caseId, cookie)).items[1]!;

    const later = await upload(caseId, 'medical_record', 'PR-2 2024-03-15.txt', LATER_NOTE);
    await t.services.background.idle();
    const after = await getCase(caseId, cookie);
    const [chiro1, tramadol1] = after.items;

    // The undecided item was redrafted from the whole record: it now reads and quotes the later record.
    expect(chiro1!.draft).not.toEqual(chiro0!.draft);
    expect(chiro1!.draft!.sources!.read.map((r) => r.documentId).sort()).toEqual([before.documents[0]!.id, later.id].sort());
    const quoted = chiro1!.draft!.criteria.flatMap((c) => c.evidence).filter((e) => e.source === later.evidenceSource);
    expect(quoted.map((e) => e.quote).join('\n')).toMatch(/functional improvement/);
    expect(chiro1!.version).toBe(chiro0!.version);
    expect(chiro1!.decision).toBeNull();
    // The reviewer is told what the redraft changed since their last look: the later record was read.
    expect(chiro0!.draftChange).toBeNull();
    expect(chiro1!.draftChange?.documentsAdded).toEqual([later.id]);
    expect(after.lastSeenAt).toBe('2024-03-21T18:00:00.000Z');

    // The decided item keeps its decision, citation, rationale, version and draft.
    expect(tramadol1).toEqual(tramadolDecided);
    expect(tramadol1!.decision).toBe('Upheld');
    expect(tramadol1!.rationale).toBe('My own reasoning on the opioid request.');

    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json();
    const redraft = audit.entries.find((e: { action: string }) => e.action === 'case.redraft');
    expect(redraft?.detail).toMatchObject({ trigger: 'document_added', redrafted: [chiro0!.id], kept: [tramadol0!.id] });
  });

  it('(c) flags every item of a case with no medical record as needing the reviewer, never drafting a decision', async () => {
    for (const docs of [[], [['ur_decision', 'UR decision.txt', UR_TEXT]]] as Array<Array<[string, string, string]>>) {
      const { caseId, cookie } = await registeredAndAssigned(docs);
      const kase = await getCase(caseId, cookie);
      for (const item of kase.items) {
        expect(item.draft).toMatchObject({ needsReviewer: true, sources: { clinicalSummary: false, read: [] } });
        expect(item.draft!.reviewCodes).toContain('evidence_thin');
      }
      expect(kase.itemsAwaitingJudgement).toBe(2);
      const list = (await t.app.inject({ method: 'GET', url: '/api/cases?awaitingJudgement=true&limit=200', headers: { cookie: intake() } })).json();
      expect(list.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    }
  });

  it('(d) offers the reviewer a clinical summary assembled from the records, quoted and linked, and saves the reviewer\'s edit as one more source', async () => {
    const { caseId, cookie } = await registeredAndAssigned([['medical_record', 'PR-2 2024-02-10.txt', FIRST_NOTE], ['ur_decision', 'UR decision.txt', UR_TEXT]]);
    const kase = await getCase(caseId, cookie);
    const record = kase.documents.find((d) => d.kind === 'medical_record')!;
    const ur = kase.documents.find((d) => d.kind === 'ur_decision')!;
    const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/clinical-summary/draft`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json() as { text: string; current: string; caseVersion: number; sections: Array<{ id: string; sentences: Array<{ text: string; source: string; start: number | null; end: number | null }> }> };
    expect(draft.current).toBe('');
    // Every clinical sentence is quoted from the record, at the offsets given; the UR decision only gives its reasons.
    const clinical = draft.sections.filter((x) => x.id !== 'utilizationReview' && x.id !== 'request').flatMap((x) => x.sentences);
    expect(clinical.length).toBeGreaterThan(2);
    for (const x of clinical) {
      expect(x.source).toBe(record.evidenceSource);
      expect(FIRST_NOTE.slice(x.start!, x.end!)).toContain(x.text.slice(0, 20));
    }
    expect(draft.sections.find((x) => x.id === 'findings')!.sentences.map((x) => x.text).join(' ')).toMatch(/tenderness over the lumbar paraspinal muscles on examination/);
    expect(draft.sections.find((x) => x.id === 'utilizationReview')!.sentences[0]).toMatchObject({ source: ur.evidenceSource });
    expect(draft.text).toContain(`The requests are for ${CHIRO} and ${TRAMADOL}.`);

    // Intake cannot write the reviewer's summary; a stale version is refused; the reviewer's save is audited without its text.
    const edited = `${draft.text}\n\nReviewer's note: summary checked against the record.`;
    expect((await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/clinical-summary`, headers: { cookie: intake() }, payload: { clinicalSummary: edited } })).statusCode).toBe(403);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/clinical-summary`, headers: { cookie }, payload: { clinicalSummary: edited, expectedVersion: draft.caseVersion - 1 } });
    expect(stale.statusCode, stale.body).toBe(409);
    const saved = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/clinical-summary`, headers: { cookie }, payload: { clinicalSummary: edited, expectedVersion: draft.caseVersion } });
    expect(saved.statusCode, saved.body).toBe(200);
    await t.services.background.idle();
    const after = await getCase(caseId, cookie);
    expect(after.clinicalSummary).toBe(edited);
    for (const item of after.items) expect(item.draft!.sources!.clinicalSummary).toBe(true);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json();
    const row = audit.entries.find((e: { action: string }) => e.action === 'case.summary_saved');
    expect(row?.detail).toEqual({ characters: edited.length, previousCharacters: 0 });
    expect(JSON.stringify(audit.entries)).not.toContain('lumbar paraspinal');
  });
});
