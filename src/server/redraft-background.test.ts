import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { CaseFile } from '../engine/case-file.js';
import type { BackgroundFailure } from '../service/use-cases/background-jobs.js';
import type { DraftEngine, ItemDraft } from '../service/use-cases/draft-engine.js';
import { applicationInput, citation } from '../service/test-support/fixtures.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/**
 * An engine for these tests whose draft says how many documents it was given, that can be made to
 * fail, or to wait on a hook (to let a reviewer decide while it drafts).
 */
let mode: 'ok' | 'fail' = 'ok';
let whileDrafting: (() => Promise<void>) | null = null;
const countingEngine: DraftEngine = {
  async draftCase(file: CaseFile): Promise<ItemDraft[]> {
    if (mode === 'fail') throw new Error('engine exploded reading Pat Example');
    const hook = whileDrafting;
    whileDrafting = null;
    if (hook) await hook();
    return file.items.map(() => ({
      decision: 'Overturned', citation: citation(), rationale: `Drafted from ${file.documents.length} document(s).`, criteria: [], topicId: 'manual-therapy',
      guidelineVersion: 'cpmtg-2009', pOverturn: 0.8, needsReviewer: false, reviewReason: null, reviewCodes: [], documentationGaps: [],
    }));
  },
};

interface CaseJson { status: string; items: Array<{ id: string; version: number; decision: string | null; rationale: string | null; draft: { rationale: string; sources: { read: unknown[] } | null } | null }> }

describe.each(testDialects())('redrafting in the background on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  const failures: BackgroundFailure[] = [];
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: countingEngine }));
    t.services.background.setLogger((f) => failures.push(f));
  });
  afterAll(async () => { await t?.close(); });

  async function upload(caseId: string, name: string): Promise<number> {
    const up = multipart({ kind: 'medical_record' }, { name, type: 'text/plain', bytes: new TextEncoder().encode(`Low back pain rated 5/10 on examination (${name}).`) }); // distinct files: the same content twice in a case is refused
    return (await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload })).statusCode;
  }
  const getCase = async (caseId: string, cookie: string): Promise<CaseJson> => (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
  const auditOf = async (caseId: string): Promise<Array<{ action: string; detail: Record<string, unknown> }>> =>
    (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json().entries;

  it('keeps the upload when drafting fails: the failure is audited and logged as a code, with no case text', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const before = await getCase(caseId, cookie);
    mode = 'fail';
    try {
      expect(await upload(caseId, 'pr2.txt')).toBe(201);
      await t.services.background.idle();
    } finally {
      mode = 'ok';
    }
    const after = await getCase(caseId, cookie);
    expect(after.items.map((i) => i.draft)).toEqual(before.items.map((i) => i.draft));
    expect((await t.services.cases.documentSummaries(caseId)).map((d) => d.name)).toEqual(['pr2.txt']);
    expect((await auditOf(caseId)).find((e) => e.action === 'case.redraft')?.detail).toEqual({ trigger: 'document_added', draftingFailed: 'IMR_ERR_INTERNAL' });
    expect(failures.at(-1)).toEqual({ job: 'redraft', key: caseId, code: 'IMR_ERR_INTERNAL' });
    expect(JSON.stringify(failures)).not.toContain('Pat Example');
  });

  it('leaves an item the reviewer decides while the engine is drafting', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const item = (await getCase(caseId, cookie)).items[0]!;
    whileDrafting = async () => {
      const r = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'Decided while the engine drafted.' } });
      expect(r.statusCode, r.body).toBe(200);
    };
    expect(await upload(caseId, 'pr2.txt')).toBe(201);
    await t.services.background.idle();
    const [decided, other] = (await getCase(caseId, cookie)).items;
    expect(decided).toMatchObject({ decision: 'Upheld', rationale: 'Decided while the engine drafted.', version: item.version + 1 });
    expect(decided!.draft!.rationale).toBe('Drafted from 0 document(s).');
    expect(other!.draft!.rationale).toBe('Drafted from 1 document(s).');
    expect((await auditOf(caseId)).find((e) => e.action === 'case.redraft')?.detail).toMatchObject({ redrafted: [other!.id], kept: [decided!.id] });
  });

  it('drafts at assignment what was uploaded before it, and does not redraft a case not yet assigned', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload: { application: applicationInput({ injuredWorker: { name: 'Early Upload', dateOfInjury: '2023-06-14', claimNumber: 'CLM-EARLY' } }) } });
    const caseId = created.json().id as string;
    expect(await upload(caseId, 'a.txt')).toBe(201);
    expect(await upload(caseId, 'b.txt')).toBe(201);
    await t.services.background.idle();
    expect((await auditOf(caseId)).filter((e) => e.action === 'case.redraft')).toEqual([]);
    await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    const a = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment`, headers: { cookie: w.cookies.intake } });
    expect(a.statusCode, a.body).toBeLessThan(300);
    const cookie = a.json().reviewerId === 'r-pmr' ? w.cookies.reviewer : w.cookies.otherReviewer;
    const kase = await getCase(caseId, cookie);
    expect(kase.items.map((i) => i.draft?.rationale)).toEqual(['Drafted from 2 document(s).', 'Drafted from 2 document(s).']);
    expect(kase.items.map((i) => i.draft?.sources?.read.length)).toEqual([2, 2]);
  });
});
