import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import type { CaseFile } from '../engine/case-file.js';
import { extractPdfText, parseLetterText } from '../letters/read/index.js';
import { personNamingReasons } from '../letters/redact/names-a-person.js';
import type { DraftEngine, ItemDraft } from '../service/use-cases/draft-engine.js';
import { applicationInput, citation } from '../service/test-support/fixtures.js';
import { multipart } from './test-support/multipart.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** An engine whose drafts say which documents it was given. */
const given: string[][] = [];
const namingEngine: DraftEngine = {
  async draftCase(file: CaseFile): Promise<ItemDraft[]> {
    given.push(file.documents.map((d) => d.name));
    return file.items.map(() => ({
      decision: 'Overturned', citation: citation(), rationale: `Drafted from ${file.documents.length} document(s).`, criteria: [], topicId: 'manual-therapy',
      guidelineVersion: 'cpmtg-2009', pOverturn: 0.8, needsReviewer: false, reviewReason: null, reviewCodes: [], documentationGaps: [],
    }));
  },
};

/** Intake's entries for the publication case: every name and number here must be absent from the publication. */
const WORKER = 'Rosalind Ferreira-Baptiste';
const INTAKE_APP = (() => {
  const app = applicationInput();
  return {
    ...app,
    injuredWorker: { ...app.injuredWorker, name: WORKER, address: '2210 Quince Orchard Lane, Modesto, CA 95350', claimNumber: 'CLM-7781-QX' },
  };
})();
const INTAKE_NAMES = [
  WORKER, 'Rosalind', 'Ferreira', 'Baptiste', '2210 Quince Orchard', 'CLM-7781-QX', '04/02/1975',
  'Acme Widgets', 'Golden State Claims Services', 'CA-0042', 'Pacific Mutual Insurance', 'Lee Rivera', 'Rivera', 'Valley Spine Medical Group', 'Summit UR Partners',
];
const SUMMARY =
  `${WORKER} (DOB 04/02/1975, claim CLM-7781-QX) is a 48 year old female injured on 06/14/2023 while working for Acme Widgets. ` +
  `She lives at 2210 Quince Orchard Lane, Modesto. Dr. Rivera of Valley Spine Medical Group reports low back pain rated 6/10. ` +
  `Golden State Claims Services sent the request to Summit UR Partners, which did not certify it. Ms. Ferreira-Baptiste can be reached at 209-555-0187.`;

interface CaseJson {
  id: string; version: number; status: string; documentsReviewed: string[];
  records: Array<{ documentId: string | null; label: string; withdrawn: { reason: string | null } | null }>;
  documents: Array<{ id: string; withdrawnAt: string | null }>;
  items: Array<{ id: string; version: number; draft: { rationale: string } | null }>;
}

describe.each(testDialects())('itemised records and the publication on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date('2024-03-21T18:00:00Z'), engine: namingEngine }));
  });
  afterAll(async () => { await t?.close(); });

  const upload = async (caseId: string, name: string, text: string, fields: Record<string, string> = {}) => {
    const up = multipart({ kind: 'medical_record', ...fields }, { name, type: 'text/plain', bytes: new TextEncoder().encode(text) });
    return t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie: w.cookies.intake }, payload: up.payload });
  };
  const getCase = async (caseId: string, cookie = w.cookies.admin): Promise<CaseJson> => (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: { cookie } })).json();
  const auditOf = async (caseId: string): Promise<Array<{ action: string; detail: Record<string, unknown> }>> =>
    (await t.app.inject({ method: 'GET', url: `/api/audit?caseId=${caseId}`, headers: { cookie: w.cookies.admin } })).json().entries;

  /** A case made through the API (no clinical summary unless given), screened and assigned. */
  async function apiCase(payload: Record<string, unknown>): Promise<{ caseId: string; cookie: string }> {
    const created = await t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: w.cookies.intake }, payload });
    expect(created.statusCode, created.body).toBe(201);
    const caseId = created.json().id as string;
    await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/eligibility`, headers: { cookie: w.cookies.intake }, payload: {} });
    const a = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/assignment`, headers: { cookie: w.cookies.intake } });
    expect(a.statusCode, a.body).toBe(201);
    return { caseId, cookie: a.json().reviewerId === 'r-pmr' ? w.cookies.reviewer : w.cookies.otherReviewer };
  }

  async function decideAll(caseId: string, cookie: string): Promise<void> {
    const kase = await getCase(caseId, cookie);
    const decisions = ['Upheld', 'Overturned'];
    for (const [k, item] of kase.items.entries()) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/cases/${caseId}/items/${item.id}/decision`, headers: { cookie }, payload: { version: item.version, decision: decisions[k], citation: citation(), rationale: `The records support this decision. The request is ${k === 0 ? 'not ' : ''}medically necessary.` } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
  const sign = (caseId: string, cookie: string) => t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/sign`, headers: { cookie }, payload: {} });

  it('refuses the same file twice in a case, naming the earlier document; another case may file it', async () => {
    const { caseId } = await w.assignedCase();
    const first = await upload(caseId, 'pr2.txt', 'PR-2 note: lumbar pain 5/10.');
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(caseId, 'pr2-copy.txt', 'PR-2 note: lumbar pain 5/10.');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMR_ERR_DUPLICATE');
    expect(again.json().error.message).toContain(`"pr2.txt" (document ${first.json().id}, uploaded 2024-03-21)`);
    expect((await getCase(caseId)).documents).toHaveLength(1);
    const other = await w.assignedCase();
    expect((await upload(other.caseId, 'pr2.txt', 'PR-2 note: lumbar pain 5/10.')).statusCode).toBe(201);
  });

  it('lists each record once, with kind, author and date, merging the names listed at intake with the uploads', async () => {
    const { caseId, cookie } = await apiCase({
      application: applicationInput({ injuredWorker: { name: 'Listed Once', dateOfInjury: '2023-06-14', claimNumber: 'CLM-LIST' } }),
      clinicalSummary: 'A 48 year old male with low back pain.',
      documentsReviewed: ['Medical record: pr2-march.txt', 'UR decision: ur.txt', 'Progress note 02/10/2024'],
    });
    expect((await upload(caseId, 'pr2-march.txt', 'PR-2 March: pain 6/10.', { serviceDate: '2024-03-01', author: 'Valley Spine Medical Group' })).statusCode).toBe(201);
    const ur = multipart({ kind: 'ur_decision' }, { name: 'ur.txt', type: 'text/plain', bytes: new TextEncoder().encode('UR: not certified.') });
    expect((await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...ur.headers, cookie: w.cookies.intake }, payload: ur.payload })).statusCode).toBe(201);
    const kase = await getCase(caseId, cookie);
    const expected = ['Medical record: pr2-march.txt, Valley Spine Medical Group, date of service 03/01/2024', 'UR decision: ur.txt, received 03/21/2024', 'Progress note 02/10/2024'];
    expect(kase.documentsReviewed).toEqual(expected);
    expect(kase.records.map((r) => r.label)).toEqual(expected);
    expect(kase.records.map((r) => r.documentId !== null)).toEqual([true, true, false]);
    // A bad date of service is refused before anything is stored.
    const bad = await upload(caseId, 'x.txt', 'x', { serviceDate: '2024-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('IMR_ERR_INVALID_DATE');
    // The issued letter lists each record once.
    await decideAll(caseId, cookie);
    expect((await sign(caseId, cookie)).statusCode).toBe(201);
    const letter = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter`, headers: { cookie } })).json().letter;
    expect(letter.documentsReviewed).toEqual(expected);
    const txt = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter.txt`, headers: { cookie } })).body;
    expect(txt.split('pr2-march.txt')).toHaveLength(2);
  });

  it('withdraws a document filed by mistake: kept, audited without the reason, no longer evidence, and the undecided items redrafted', async () => {
    const { caseId, cookie } = await w.assignedCase();
    const right = await upload(caseId, 'right.txt', 'PR-2: this worker, lumbar pain 5/10.');
    const wrong = await upload(caseId, 'wrong-case.txt', 'PR-2 of another worker entirely.');
    await t.services.background.idle();
    expect([...given.at(-1)!].sort()).toEqual(['medical record: right.txt', 'medical record: wrong-case.txt']);
    const url = `/api/cases/${caseId}/documents/${wrong.json().id}/withdrawal`;
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { reason: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: w.cookies.intake }, payload: { reason: '  ' } })).statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url, headers: { cookie: w.cookies.intake }, payload: { reason: 'Filed to the wrong case: belongs to Worker Q' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: wrong.json().id, withdrawnAt: '2024-03-21T18:00:00.000Z', withdrawalReason: 'Filed to the wrong case: belongs to Worker Q' });
    await t.services.background.idle();
    // The engine no longer reads it; the undecided items were redrafted from the rest.
    expect(given.at(-1)).toEqual(['medical record: right.txt']);
    const kase = await getCase(caseId, cookie);
    expect(kase.items.map((i) => i.draft?.rationale)).toEqual(['Drafted from 1 document(s).', 'Drafted from 1 document(s).']);
    expect(kase.documentsReviewed).toEqual(['Medical record: right.txt, received 03/21/2024']);
    expect(kase.records.find((r) => r.documentId === wrong.json().id)?.withdrawn).toEqual({ at: '2024-03-21T18:00:00.000Z', reason: 'Filed to the wrong case: belongs to Worker Q' });
    // Kept as uploaded.
    const back = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/documents/${wrong.json().id}`, headers: { cookie } });
    expect(back.body).toBe('PR-2 of another worker entirely.');
    const audit = await auditOf(caseId);
    const entry = audit.find((e) => e.action === 'case.document_withdrawn');
    expect(entry?.detail).toMatchObject({ documentId: wrong.json().id, reason: { documentId: wrong.json().id, field: 'withdrawal_reason' } });
    expect(JSON.stringify(audit)).not.toContain('Worker Q');
    expect(audit.some((e) => e.action === 'case.redraft' && e.detail.trigger === 'document_withdrawn')).toBe(true);
    // Withdrawn once only; refiling the same file says it was withdrawn.
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: w.cookies.intake }, payload: { reason: 'again' } })).statusCode).toBe(409);
    const refile = await upload(caseId, 'wrong-again.txt', 'PR-2 of another worker entirely.');
    expect(refile.json().error.message).toContain('since withdrawn');
    expect(right.statusCode).toBe(201);
  });

  it('refuses to sign a case with no medical record and no clinical summary, saying to add one', async () => {
    const { caseId, cookie } = await apiCase({ application: applicationInput({ injuredWorker: { name: 'No Records', dateOfInjury: '2023-06-14', claimNumber: 'CLM-NOREC' } }) });
    await decideAll(caseId, cookie);
    const refused = await sign(caseId, cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('IMR_ERR_RECORDS_MISSING');
    expect(refused.json().error.message).toContain('add one');
    // A UR decision is not a medical record; a withdrawn record no longer counts.
    const ur = multipart({ kind: 'ur_decision' }, { name: 'ur.txt', type: 'text/plain', bytes: new TextEncoder().encode('UR decision: not certified.') });
    await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...ur.headers, cookie: w.cookies.intake }, payload: ur.payload });
    const mistaken = await upload(caseId, 'other.txt', 'Someone else’s record.');
    await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents/${mistaken.json().id}/withdrawal`, headers: { cookie: w.cookies.intake }, payload: { reason: 'wrong case' } });
    expect((await sign(caseId, cookie)).json().error.code).toBe('IMR_ERR_RECORDS_MISSING');
    expect((await upload(caseId, 'pr2.txt', 'PR-2: lumbar pain 6/10 after 6 visits.')).statusCode).toBe(201);
    await t.services.background.idle();
    const signed = await sign(caseId, cookie);
    expect(signed.statusCode, signed.body).toBe(201);
  });

  it('publishes the issued letter redacted: none of the names entered at intake, same decisions read back, served to the parties', async () => {
    const { caseId, cookie } = await apiCase({ application: INTAKE_APP, clinicalSummary: SUMMARY, workerSex: 'female', partyUserIds: [w.users.party.id] });
    expect((await upload(caseId, `${WORKER} PR2.txt`, 'PR-2: lumbar pain 6/10.', { serviceDate: '2024-03-01', author: 'Dr. Lee Rivera' })).statusCode).toBe(201);
    await decideAll(caseId, cookie);
    expect((await sign(caseId, cookie)).statusCode).toBe(201);
    const issued = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter`, headers: { cookie } })).json().letter;

    const json = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication`, headers: { cookie } });
    expect(json.statusCode, json.body).toBe(200);
    const pub = json.json();
    expect(pub.letter.header).toEqual(issued.header);
    expect(pub.letter.reviewer).toEqual(issued.reviewer);
    expect(pub.letter.items.map((i: { decision: string }) => i.decision)).toEqual(['Upheld', 'Overturned']);
    expect(pub.removed).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'clinicalSummary', kind: 'injured worker', text: WORKER }),
      expect.objectContaining({ field: 'clinicalSummary', kind: 'claim number', text: 'CLM-7781-QX' }),
      expect.objectContaining({ field: 'clinicalSummary', kind: 'telephone number', text: '209-555-0187' }),
      expect.objectContaining({ field: 'documentsReviewed.0', kind: 'injured worker' }),
    ]));

    const txt = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication.txt`, headers: { cookie: w.cookies.party } });
    expect(txt.statusCode).toBe(200);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication.pdf`, headers: { cookie: w.cookies.party } });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const pdfText = await extractPdfText(new Uint8Array(pdf.rawPayload));
    const html = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication.html`, headers: { cookie } })).body;
    for (const [label, body] of [['text', txt.body], ['pdf', pdfText], ['html', html]] as const) {
      const flat = body.replace(/\s+/g, ' ').toLowerCase();
      for (const name of INTAKE_NAMES) expect(flat.includes(name.toLowerCase()), `${label} publication holds "${name}"`).toBe(false);
    }
    for (const text of [txt.body, pdfText]) {
      const back = parseLetterText(text).letter;
      expect(back.items.map((i) => [i.request, i.decision])).toEqual(issued.items.map((i: { request: string; decision: string }) => [i.request, i.decision]));
      expect(back.header?.caseNumber).toBe(issued.header.caseNumber);
      expect(personNamingReasons(text)).toEqual([]);
    }
    // The list of removals is for staff; a party reads the publication itself.
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication`, headers: { cookie: w.cookies.party } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication.txt`, headers: { cookie: w.cookies.otherParty } })).statusCode).toBe(403);
    expect((await auditOf(caseId)).some((e) => e.action === 'case.publication_read')).toBe(true);

    // Into the public corpus: the issued letter (its summary names the worker) is refused with the reason; the publication enters.
    const issuedPdf = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter.pdf`, headers: { cookie } })).rawPayload;
    const importOne = async (name: string, bytes: Uint8Array) => {
      const body = multipart({}, { name, type: 'application/pdf', bytes });
      const started = await t.app.inject({ method: 'POST', url: '/api/corpus/import', headers: { ...body.headers, cookie: w.cookies.admin }, payload: body.payload });
      expect(started.statusCode, started.body).toBe(202);
      for (let i = 0; i < 600; i++) {
        const job = (await t.app.inject({ method: 'GET', url: `/api/corpus/import/${started.json().id}`, headers: { cookie: w.cookies.admin } })).json();
        if (job.status !== 'running') return job;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the import job did not finish');
    };
    const refusedImport = await importOne('issued.pdf', new Uint8Array(issuedPdf));
    expect(refusedImport.summary.imported).toBe(0);
    expect(refusedImport.summary.failed).toEqual([{ file: 'issued.pdf', code: 'IMR_ERR_LETTER_NOT_REDACTED', reason: expect.stringMatching(/^issued\.pdf: the letter of case CM\d\d-\d+ still holds what intake entered \(UR organization, claim number, claims administrator, date of birth, employer, injured worker, provider group, requesting provider, worker address\); import its publication instead/) }]);
    expect(JSON.stringify(refusedImport)).not.toContain('Ferreira');
    const publishedImport = await importOne('published.pdf', new Uint8Array(pdf.rawPayload));
    expect(publishedImport.summary).toMatchObject({ imported: 1, failed: [] });
  });

  it('makes a publication for a correction too, and refuses a publication that was altered', async () => {
    const { caseId, cookie } = await w.assignedCase({ workerName: 'Corrected Person' });
    await decideAll(caseId, cookie);
    expect((await sign(caseId, cookie)).statusCode).toBe(201);
    const kase = await getCase(caseId, cookie);
    const corrected = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/letter/corrections`, headers: { cookie }, payload: { reason: 'Rationale typo', items: [{ itemId: kase.items[0]!.id, rationale: 'Corrected Person has no documented trial of care. The request is not medically necessary.' }] } });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const v2 = (await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication?version=2`, headers: { cookie } })).json();
    expect(v2.summary.version).toBe(2);
    expect(v2.letter.items[0].rationale).toBe('[injured worker] has no documented trial of care. The request is not medically necessary.');
    await t.database.db.updateTable('svc_letters' as never).set({ publication: '{"letter":{},"removed":[]}' } as never).where('case_id' as never, '=', caseId as never).where('version' as never, '=', 1 as never).execute();
    const tampered = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/letter/publication.txt?version=1`, headers: { cookie } });
    expect(tampered.json().error.code).toBe('IMR_ERR_LETTER_TAMPERED');
  });
});
