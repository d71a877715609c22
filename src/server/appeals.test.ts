import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { parseLetterText, parseMailedLetterText } from '../letters/read/index.js';
import { decideItem } from '../service/use-cases/review.use-case.js';
import { citation } from '../service/test-support/fixtures.js';
import { login, type TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Issue 15, item 3: WCAB appeals of an issued determination, the board's outcome, and the remand's new review. */
describe.each(testDialects())('appeals and remands on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  // The letter is issued on 03/21/2024; the appeals are recorded on 05/10/2024.
  let ms = Date.parse('2024-03-21T18:00:00Z');
  let caseId: string;
  let firstReviewerId: string;
  let cookies: World['cookies'];
  const FACTS = 'The reviewer wrote that Pat Appellant never tried physical therapy; the records show 12 visits in 2023.';

  async function decideAndSign(id: string, reviewerId: string, cookie: string): Promise<void> {
    const reviewer = reviewerId === 'r-pmr' ? w.users.reviewer : w.users.otherReviewer;
    for (const item of await t.services.cases.items(id)) {
      await decideItem(t.services, reviewer, id, item.id, { version: item.version, decision: 'Upheld', citation: citation(), rationale: 'The request exceeds the guideline; it is not medically necessary.' });
    }
    const signed = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/sign`, headers: { cookie }, payload: {} });
    expect(signed.statusCode, signed.body).toBe(201);
  }

  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date((ms += 10)), engine: null }));
    const c = await w.assignedCase({ workerName: 'Pat Appellant' });
    caseId = c.caseId;
    firstReviewerId = c.reviewerId;
    await decideAndSign(caseId, c.reviewerId, c.cookie);
    ms = Date.parse('2024-05-10T18:00:00Z');
    // Sessions from March have long expired by May: log everyone in again.
    cookies = {} as World['cookies'];
    for (const [k, u] of Object.entries(w.users)) cookies[k as keyof World['cookies']] = await login(t.app, u.username, `${u.username}-password`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const inject = (method: 'GET' | 'POST', url: string, cookie: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const file = (body: unknown, id = caseId, cookie = cookies.intake) => inject('POST', `/api/cases/${id}/appeals`, cookie, body);
  const reviewerCookie = (reviewerId: string) => (reviewerId === 'r-pmr' ? cookies.reviewer : cookies.otherReviewer);
  const valid = { grounds: ['plainly_erroneous_fact'], facts: FACTS, filedOn: '2024-04-01', wcabCaseNumber: 'ADJ1234567' };

  it('refuses bad appeals with the code that says what to fix', async () => {
    const expectError = async (body: unknown, status: number, code: string, path?: string) => {
      const res = await file(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (path) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await expectError({ ...valid, grounds: [] }, 400, 'IMR_ERR_VALIDATION', 'body.grounds');
    await expectError({ ...valid, grounds: ['the_reviewer_was_wrong'] }, 400, 'IMR_ERR_VALIDATION', 'body.grounds.0');
    await expectError({ ...valid, grounds: ['fraud', 'fraud'] }, 400, 'IMR_ERR_VALIDATION', 'body.grounds.1');
    await expectError({ ...valid, facts: '   ' }, 400, 'IMR_ERR_VALIDATION');
    await expectError({ ...valid, filedOn: '2024-03-20' }, 400, 'IMR_ERR_INVALID_DATE', 'body.filedOn');
    await expectError({ ...valid, filedOn: '2024-05-11' }, 400, 'IMR_ERR_INVALID_DATE', 'body.filedOn');
    await expectError({ ...valid, filedOn: '2024-02-30' }, 400, 'IMR_ERR_INVALID_DATE', 'body.filedOn');
    // A case whose determination is not issued yet cannot be appealed.
    const open = await w.assignedCase();
    const early = await file(valid, open.caseId);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
    // Only staff record appeals.
    expect((await file(valid, caseId, cookies.party)).statusCode).toBe(403);
    expect((await file(valid, caseId, reviewerCookie(firstReviewerId))).statusCode).toBe(403);
    expect((await inject('GET', `/api/cases/${caseId}/appeals`, cookies.intake)).json().appeals).toEqual([]);
  });

  it('records an appeal with its grounds, warns when it was filed late, and keeps the facts out of the audit rows', async () => {
    const res = await file(valid);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ warnings: [], appeal: { letterVersion: 1, filedOn: '2024-04-01', dueOn: '2024-04-25', late: false, wcabCaseNumber: 'ADJ1234567', outcome: null, remandCase: null, facts: FACTS } });
    expect(res.json().appeal.grounds).toEqual([{ code: 'plainly_erroneous_fact', citation: 'LC 4610.6(h)(5)', text: expect.stringMatching(/^The determination was the result of a plainly erroneous/) }]);
    // The case's deadlines give the parties the same last day the appeal is checked against (mail: +5 days).
    const kase = (await inject('GET', `/api/cases/${caseId}`, cookies.intake)).json() as { deadlines: Array<{ kind: string; dueDate: string }> };
    expect(kase.deadlines.find((d) => d.kind === 'appeal_due')?.dueDate).toBe('2024-04-25');

    const late = await file({ grounds: ['conflict_of_interest', 'bias'], facts: 'The reviewer works for the UR organization.', filedOn: '2024-04-30' });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().appeal.late).toBe(true);
    expect(late.json().warnings[0]).toMatch(/after the appeal period ended on 2024-04-25.*WCAB decides whether it is timely/);

    const audit = (await t.services.audit.list({ caseId, action: 'case.appeal_filed', limit: 10 })).entries;
    expect(audit.map((a) => a.detail)).toEqual(expect.arrayContaining([{ appealId: res.json().appeal.id, letterVersion: 1, grounds: ['plainly_erroneous_fact'], late: false, facts: { appealId: res.json().appeal.id, field: 'facts' } }]));
    const all = JSON.stringify(await t.services.audit.list({ caseId, limit: 200 }));
    expect(all).not.toContain('12 visits');
    expect(all).not.toContain('ADJ1234567');
  });

  it('lets the parties and the reviewer of the case read its appeals, and refuses a party of another case (403, audited)', async () => {
    for (const cookie of [cookies.intake, cookies.admin, cookies.party, reviewerCookie(firstReviewerId)]) {
      const res = await inject('GET', `/api/cases/${caseId}/appeals`, cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().appeals).toHaveLength(2);
      expect(res.json().canAppeal).toBe(true);
      expect(res.json().groundsCatalogue.map((g: { citation: string }) => g.citation)).toHaveLength(5);
    }
    const refused = await inject('GET', `/api/cases/${caseId}/appeals`, cookies.otherParty);
    expect(refused.statusCode).toBe(403);
    const other = firstReviewerId === 'r-pmr' ? cookies.otherReviewer : cookies.reviewer;
    expect((await inject('GET', `/api/cases/${caseId}/appeals`, other)).statusCode).toBe(403);
    const denials = (await t.services.audit.list({ caseId, action: 'case.access_denied', limit: 20 })).entries;
    expect(denials.some((d) => d.username === 'quinn')).toBe(true);
  });

  it('a remand opens a new review linked both ways, assigned to a different reviewer, whose letters state the remand', async () => {
    const [first] = (await inject('GET', `/api/cases/${caseId}/appeals`, cookies.intake)).json().appeals;
    const url = `/api/cases/${caseId}/appeals/${first.id}/outcome`;
    expect((await inject('POST', url, cookies.intake, { outcome: 'remanded', decidedOn: '2024-03-31' })).json().error.code).toBe('IMR_ERR_INVALID_DATE');
    expect((await inject('POST', url, cookies.intake, { outcome: 'granted', decidedOn: '2024-05-01' })).statusCode).toBe(400);
    expect((await inject('POST', url, cookies.party, { outcome: 'remanded', decidedOn: '2024-05-01' })).statusCode).toBe(403);

    // Make the first reviewer the one load balancing would pick, were they not excluded.
    const other = firstReviewerId === 'r-pmr' ? 'r-pmr-2' : 'r-pmr';
    const load = async (id: string) => (await t.services.cases.openLoad(['assigned', 'records_received', 'in_review'])).get(id) ?? 0;
    while ((await load(firstReviewerId)) >= (await load(other))) {
      const busy = await w.assignedCase();
      if (busy.reviewerId === firstReviewerId) {
        const moved = await inject('POST', `/api/cases/${busy.caseId}/assignment/override`, cookies.intake, { reviewerId: other, reason: 'balancing the test' });
        expect(moved.statusCode, moved.body).toBe(201);
      }
    }

    const res = await inject('POST', url, cookies.intake, { outcome: 'remanded', decidedOn: '2024-05-01' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.appeal).toMatchObject({ outcome: 'remanded', outcomeOn: '2024-05-01' });
    expect(body.remandCase).toMatchObject({ status: 'assigned', reviewerAssigned: true });
    expect(body.warnings).toEqual([]);
    const remandId: string = body.remandCase.id;
    expect(body.appeal.remandCase).toEqual({ id: remandId, caseNumber: body.remandCase.caseNumber });
    // Recorded once.
    expect((await inject('POST', url, cookies.intake, { outcome: 'affirmed', decidedOn: '2024-05-02' })).json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');

    // Linked both ways.
    const original = (await inject('GET', `/api/cases/${caseId}`, cookies.intake)).json();
    const fromOriginal = (await inject('GET', `/api/cases/${caseId}/appeals`, cookies.intake)).json();
    expect(fromOriginal.appeals[0].remandCase.id).toBe(remandId);
    expect(fromOriginal.canAppeal).toBe(false);
    const remand = (await inject('GET', `/api/cases/${remandId}`, cookies.intake)).json();
    const fromRemand = (await inject('GET', `/api/cases/${remandId}/appeals`, cookies.intake)).json();
    expect(fromRemand.remandOf).toMatchObject({ caseId, caseNumber: original.caseNumber, appeal: { id: first.id, outcome: 'remanded' } });
    expect(fromRemand.appeals).toEqual([]);
    // The same dispute and parties, no decisions carried over.
    expect(remand.items.map((i: { request: string }) => i.request)).toEqual(original.items.map((i: { request: string }) => i.request));
    expect(remand.items.every((i: { decision: string | null }) => i.decision === null)).toBe(true);
    expect(remand.partyUserIds).toEqual(original.partyUserIds);
    expect(remand.caseNumber).not.toBe(original.caseNumber);

    // A different reviewer: the first one is excluded from assignment and from intake's override.
    expect(remand.reviewerId).not.toBeNull();
    expect(remand.reviewerId).not.toBe(firstReviewerId);
    const back = await inject('POST', `/api/cases/${remandId}/assignment/override`, cookies.intake, { reviewerId: firstReviewerId, reason: 'knows the case' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('IMR_ERR_REVIEWER_UNSUITABLE');
    expect(back.json().error.message).toMatch(/remanded; a remand goes to a different reviewer/);
    const candidates = (await inject('GET', `/api/cases/${remandId}/assignment`, cookies.intake)).json().candidates;
    expect(candidates.find((c: { id: string }) => c.id === firstReviewerId).refusals.join(' ')).toMatch(/remanded/);
    // The first reviewer cannot open the new review; the new one can, and sees what the board remanded.
    expect((await inject('GET', `/api/cases/${remandId}`, reviewerCookie(firstReviewerId))).statusCode).toBe(403);
    expect((await inject('GET', `/api/cases/${remandId}/appeals`, reviewerCookie(remand.reviewerId))).json().remandOf.appeal.facts).toBe(FACTS);

    // The new review's letter, as issued, mailed and published, states the remand.
    await decideAndSign(remandId, remand.reviewerId, reviewerCookie(remand.reviewerId));
    const sentence = `This determination follows the remand of case ${original.caseNumber}, ordered by the Workers' Compensation Appeals Board (WCAB) on 05/01/2024.`;
    const oneLine = (s: string) => s.replace(/\s+/g, ' ');
    const issued = await inject('GET', `/api/cases/${remandId}/letter.txt`, cookies.party);
    expect(issued.statusCode).toBe(200);
    expect(oneLine(issued.body)).toContain(sentence);
    const mailed = await inject('GET', `/api/cases/${remandId}/letter/mailed.txt`, cookies.party);
    expect(oneLine(mailed.body)).toContain(sentence);
    const published = (await inject('GET', `/api/cases/${remandId}/letter/publication`, cookies.intake)).json();
    expect(published.letter.remand).toEqual({ originalCaseNumber: original.caseNumber, orderedOn: '2024-05-01' });
    expect((await inject('GET', `/api/cases/${remandId}/letter`, cookies.party)).json().letter.remand).toEqual({ originalCaseNumber: original.caseNumber, orderedOn: '2024-05-01' });
    // The letter reader still reads such a letter as it reads any other.
    const read = parseLetterText(issued.body);
    expect(read.warnings).toEqual([]);
    expect(read.letter.header?.caseNumber).toBe(remand.caseNumber);
    expect(parseMailedLetterText(mailed.body).warnings).toEqual([]);
    // The original letter says nothing of a remand.
    expect(oneLine((await inject('GET', `/api/cases/${caseId}/letter.txt`, cookies.party)).body)).not.toContain('follows the remand');

    const outcomes = (await t.services.audit.list({ caseId, action: 'case.appeal_outcome', limit: 10 })).entries;
    expect(outcomes.map((a) => a.detail)).toEqual([{ appealId: first.id, outcome: 'remanded', remandCaseId: remandId }]);
    expect((await t.services.audit.list({ caseId: remandId, action: 'case.remand_opened', limit: 10 })).entries).toHaveLength(1);
  });

  it('refuses a second remand of the same determination and a new appeal of a remanded one', async () => {
    const { appeals } = (await inject('GET', `/api/cases/${caseId}/appeals`, cookies.intake)).json();
    const second = appeals.find((a: { outcome: string | null }) => a.outcome === null);
    const again = await inject('POST', `/api/cases/${caseId}/appeals/${second.id}/outcome`, cookies.intake, { outcome: 'remanded', decidedOn: '2024-05-02' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
    const dismissed = await inject('POST', `/api/cases/${caseId}/appeals/${second.id}/outcome`, cookies.intake, { outcome: 'dismissed', decidedOn: '2024-05-02' });
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ appeal: { outcome: 'dismissed' }, remandCase: null });
    expect((await file(valid)).json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
    expect((await inject('POST', `/api/cases/${caseId}/appeals/nope/outcome`, cookies.intake, { outcome: 'affirmed', decidedOn: '2024-05-02' })).statusCode).toBe(404);
  });
});
