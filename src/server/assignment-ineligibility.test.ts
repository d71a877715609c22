import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../db/test-support/dialects.js';
import { createCase } from '../service/use-cases/cases.use-case.js';
import { registerReviewers } from '../service/use-cases/reviewers.use-case.js';
import { applicationInput, CLINICAL_SUMMARY, reviewerInputs } from '../service/test-support/fixtures.js';
import type { ImrApplicationInput } from '../service/domain/index.js';
import type { TestApp } from './test-support/test-app.js';
import { openWorld, type World } from './test-support/world.js';

/** Issue 15, items 1 and 2: assignment with judgement, and ineligibility done properly. */
describe.each(testDialects())('assignment override and ineligibility notice on %s', (dialect) => {
  let t: TestApp;
  let w: World;
  // A clock that moves on every read, so records made one after another are ordered by time.
  let ms = Date.parse('2024-03-21T18:00:00Z');
  beforeAll(async () => {
    ({ t, w } = await openWorld(dialect, { now: () => new Date((ms += 10)) }));
    const base = reviewerInputs()[0]!;
    await registerReviewers(t.services, null, [
      { ...base, id: 'r-chiro', name: 'Dr. Casey Spine', specialty: 'Chiropractor' },
      { ...base, id: 'r-psych', name: 'Dr. Morgan Mind', specialty: 'Psychology' },
    ]);
  });
  afterAll(async () => { await t?.close(); });

  const inject = (method: string, url: string, cookie?: string, payload?: unknown) =>
    t.app.inject({ method: method as 'GET', url, headers: cookie ? { cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const auditOf = async (caseId: string, action: string) => (await t.services.audit.list({ caseId, action, limit: 50 })).entries;
  let n = 0;
  async function newCase(over: Partial<ImrApplicationInput> = {}): Promise<string> {
    n++;
    const app = applicationInput(over);
    const c = await createCase(t.services, w.users.intake, {
      application: { ...app, injuredWorker: { ...app.injuredWorker, claimNumber: `CLM-A${n}`, name: `Assign Worker ${n}` } },
      clinicalSummary: CLINICAL_SUMMARY,
      partyUserIds: [w.users.party.id],
    });
    return c.id;
  }

  it('shows intake the assigned reviewer, why they were chosen, and who else could take the case', async () => {
    const { caseId, reviewerId } = await w.assignedCase();
    const res = await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.intake);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.current).toMatchObject({ reviewerId, chosenBy: 'automatic', overrideReason: null, warnings: [], reviewer: { id: reviewerId, specialty: 'Physical Medicine & Rehabilitation' } });
    expect(body.current.reviewer.name).toMatch(/^Dr\. /);
    expect(body.current.reasons.join(' ')).toMatch(/fits every disputed item category: chiropractic, opioid/);
    expect(body.current.reasons.join(' ')).toMatch(/No affiliation with the employer/);
    expect(body.current.reasons.join(' ')).toMatch(/Load \d+ of capacity \d+/);
    const byId = Object.fromEntries(body.candidates.map((c: { id: string }) => [c.id, c]));
    expect(byId['r-pmr-conflict'].refusals.join(' ')).toMatch(/employer/);
    expect(byId['r-junior'].refusals.join(' ')).toMatch(/3 years in active practice/);
    expect(byId['r-chiro']).toMatchObject({ refusals: [], fitted: ['chiropractic'], unfitted: ['opioid'] });
    expect(byId['r-chiro'].warnings[0]).toMatch(/does not fit 1 of 2 disputed item categories: opioid \(fits: Pain Medicine/);
    expect(byId[reviewerId].current).toBe(true);
    // Reviewers and parties never get the assignment screen.
    expect((await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.reviewer)).statusCode).toBe(403);
    expect((await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.party)).statusCode).toBe(403);
  });

  it('lets intake override the choice with a reason, warns when the specialty does not fit, and keeps the reason out of the audit row', async () => {
    const { caseId, reviewerId, cookie } = await w.assignedCase();
    const reason = 'Dr. Spine has treated this worker\'s condition for years; manual therapy is the main dispute.';
    const res = await inject('POST', `/api/cases/${caseId}/assignment/override`, w.cookies.intake, { reviewerId: 'r-chiro', reason });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ reviewerId: 'r-chiro', chosenBy: 'override', overrideReason: reason, reviewer: { name: 'Dr. Casey Spine', specialty: 'Chiropractor' } });
    expect(res.json().warnings).toEqual([expect.stringMatching(/^The reviewer's specialty \(Chiropractor\) does not fit 1 of 2 disputed item categories: opioid/)]);

    const read = (await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.intake)).json();
    expect(read.current).toMatchObject({ reviewerId: 'r-chiro', chosenBy: 'override', overrideReason: reason });
    expect(read.current.warnings[0]).toMatch(/opioid/);
    expect(read.history).toHaveLength(2);
    expect(read.history[0]).toMatchObject({ reviewerId, chosenBy: 'automatic' });
    expect(read.history[0].endedAt).not.toBeNull();
    expect((await inject('GET', `/api/cases/${caseId}`, w.cookies.intake)).json().reviewerId).toBe('r-chiro');
    // The replaced reviewer loses the case.
    expect((await inject('GET', `/api/cases/${caseId}`, cookie)).statusCode).toBe(403);

    const audit = await auditOf(caseId, 'case.assignment_override');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toEqual({ reviewerId: { from: reviewerId, to: 'r-chiro' }, specialtyFits: false, atCapacity: false, reason: { assignmentId: read.current.id, field: 'override_reason' } });
    expect(JSON.stringify(await t.services.audit.list({ caseId, limit: 100 }))).not.toContain('treated this worker');
  });

  it('refuses a reviewer who is not qualified, has a conflict, recused, or already has the case, saying why', async () => {
    const { caseId, reviewerId, cookie, otherCookie } = await w.assignedCase();
    const override = (body: unknown, who = w.cookies.intake) => inject('POST', `/api/cases/${caseId}/assignment/override`, who, body);
    const conflict = await override({ reviewerId: 'r-pmr-conflict', reason: 'closest office' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'IMR_ERR_REVIEWER_UNSUITABLE' });
    expect(conflict.json().error.message).toMatch(/affiliation with the case's employer/);
    const junior = await override({ reviewerId: 'r-junior', reason: 'available' });
    expect(junior.statusCode).toBe(409);
    expect(junior.json().error.message).toMatch(/3 years in active practice; more than 5 are required/);
    const same = await override({ reviewerId, reason: 'again' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0].path).toBe('body.reviewerId');
    expect((await override({ reviewerId: 'nobody', reason: 'x' })).statusCode).toBe(400);
    expect((await override({ reviewerId: 'r-chiro', reason: 'x', force: true })).statusCode).toBe(400);
    expect((await override({ reviewerId: 'r-chiro' })).statusCode).toBe(400);
    expect((await override({ reviewerId: 'r-chiro', reason: 'x' }, cookie)).statusCode).toBe(403);
    expect((await override({ reviewerId: 'r-chiro', reason: 'x' }, w.cookies.party)).statusCode).toBe(403);
    // The assigned reviewer recuses; intake may not give the case back to them.
    const recused = await inject('POST', `/api/cases/${caseId}/assignment/recusal`, cookie, { reason: 'I know the employer\'s owner.' });
    expect(recused.statusCode, recused.body).toBe(201);
    const back = await override({ reviewerId, reason: 'mistake' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.message).toMatch(/recused from this case/);
    expect((await inject('GET', `/api/cases/${caseId}`, w.cookies.intake)).json().reviewerId).toBe(recused.json().reviewerId);
    // The new reviewer sees their own assignment only: not who had the case before, nor how anyone was screened.
    const theirs = (await inject('GET', `/api/cases/${caseId}`, otherCookie)).json();
    expect(theirs.assignments).toEqual([expect.objectContaining({ reviewerId: recused.json().reviewerId, screening: null, overrideReason: null })]);
  });

  it('warns on automatic assignment when no reviewer fits every disputed item', async () => {
    const base = applicationInput();
    const caseId = await newCase({
      urDecision: { ...base.urDecision, itemsDeniedOrModified: ['12 chiropractic visits', '6 sessions of psychotherapy'] },
      disputedItems: [
        { request: '12 chiropractic visits for the lumbar spine', urOutcome: 'denied', category: 'chiropractic' },
        { request: '6 sessions of psychotherapy', urOutcome: 'denied', category: 'psychotherapy' },
      ],
    });
    expect((await inject('POST', `/api/cases/${caseId}/eligibility`, w.cookies.intake, {})).json().status).toBe('eligibility');
    const a = await inject('POST', `/api/cases/${caseId}/assignment`, w.cookies.intake, {});
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().reviewerId).toBe('r-psych');
    const read = (await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.intake)).json();
    expect(read.current.warnings).toEqual([expect.stringMatching(/^The reviewer's specialty \(Psychology\) does not fit 1 of 2 disputed item categories: chiropractic \(fits: Chiropractor, Physical Medicine & Rehabilitation\)/)]);
    expect((await auditOf(caseId, 'case.assign'))[0]!.detail).toMatchObject({ reviewerId: 'r-psych', specialtyFits: false });
  });

  it('reads the specialty warning of an assignment stored before warnings were, from the specialty table', async () => {
    const { caseId } = await w.assignedCase();
    const overridden = await inject('POST', `/api/cases/${caseId}/assignment/override`, w.cookies.intake, { reviewerId: 'r-chiro', reason: 'test' });
    expect(overridden.statusCode).toBe(201);
    // As the rows of earlier releases look: no chosenBy, no warnings.
    await t.database.db.updateTable('svc_assignments').set({ screening: JSON.stringify({ fit: 'all', reasons: ['old reason'], evaluations: [] }) }).where('case_id', '=', caseId).execute();
    const read = (await inject('GET', `/api/cases/${caseId}/assignment`, w.cookies.intake)).json();
    expect(read.current).toMatchObject({ reviewerId: 'r-chiro', chosenBy: 'override', reasons: ['old reason'] });
    expect(read.current.warnings).toEqual([expect.stringMatching(/\(Chiropractor\) does not fit 1 of 2 disputed item categories: opioid/)]);
    expect(read.history[0]).toMatchObject({ chosenBy: 'automatic', warnings: [] });
  });

  it('issues a notice of ineligibility with each reason and its source, readable by the case\'s parties', async () => {
    const caseId = await newCase({ signedByWorker: false, attachments: { urDecisionCopy: false } });
    const screened = await inject('POST', `/api/cases/${caseId}/eligibility`, w.cookies.intake, {});
    expect(screened.json().status).toBe('ineligible');

    const res = await inject('GET', `/api/cases/${caseId}/ineligibility-notice`, w.cookies.party);
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json();
    expect(notice.overriddenAt).toBeNull();
    expect(notice.notice).toMatchObject({ title: 'Notice of Ineligibility for Independent Medical Review', organization: 'MAXIMUS Federal Services', applicationReceivedOn: '2024-03-20' });
    expect(notice.notice.reasons.map((r: { rule: string }) => r.rule)).toEqual(['ur-decision-attached', 'signed-by-worker']);
    for (const r of notice.notice.reasons) expect(r.source).toMatch(/https?:\/\//);
    expect(notice.notice.appeal.source).toMatch(/8 CCR 10575/);

    const txt = await inject('GET', `/api/cases/${caseId}/ineligibility-notice.txt`, w.cookies.party);
    expect(txt.statusCode).toBe(200);
    expect(txt.body).toContain('NOTICE OF INELIGIBILITY FOR INDEPENDENT MEDICAL REVIEW');
    expect(txt.body).toContain('No copy of the UR decision is attached; the application must enclose it.');
    expect(txt.body).toContain('The application is not signed by the injured worker or a representative.');
    expect(txt.body).toContain('Source: DWC ineligibility reasons (no signature');
    expect(txt.body).toContain('received on 03/20/2024');
    const html = await inject('GET', `/api/cases/${caseId}/ineligibility-notice.html`, w.cookies.intake);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(html.body).toContain('<h2>Why the application is ineligible</h2>');
    // Only the case's own parties and staff; a reviewer has no ineligible case.
    expect((await inject('GET', `/api/cases/${caseId}/ineligibility-notice`, w.cookies.otherParty)).statusCode).toBe(403);
    expect((await inject('GET', `/api/cases/${caseId}/ineligibility-notice`, w.cookies.reviewer)).statusCode).toBe(403);
    const issued = await auditOf(caseId, 'case.notice_issued');
    expect(issued[0]!.detail).toEqual({ kind: 'ineligibility', noticeId: notice.id, eligibilityId: notice.eligibilityId, rules: ['ur-decision-attached', 'signed-by-worker'] });

    // A notice changed after it was issued is refused, not served.
    await t.database.db.updateTable('svc_notices').set({ text: txt.body.replace('not signed', 'signed') }).where('id', '=', notice.id).execute();
    const tampered = await inject('GET', `/api/cases/${caseId}/ineligibility-notice.txt`, w.cookies.party);
    expect(tampered.statusCode).toBe(500);
    expect(tampered.json().error.code).toBe('IMR_ERR_LETTER_TAMPERED');

    // An eligible case has none.
    const { caseId: eligible } = await w.assignedCase();
    const none = await inject('GET', `/api/cases/${eligible}/ineligibility-notice`, w.cookies.intake);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('IMR_ERR_NOT_FOUND');
  });

  it('lets intake find an ineligible case eligible for good cause, with the reason kept out of the audit row; the case continues to assignment', async () => {
    const caseId = await newCase({ signedByWorker: false });
    await inject('POST', `/api/cases/${caseId}/eligibility`, w.cookies.intake, {});
    const reason = 'The worker signed the paper original; the scan cut off the signature line.';
    expect((await inject('POST', `/api/cases/${caseId}/eligibility/override`, w.cookies.reviewer, { reason })).statusCode).toBe(403);
    expect((await inject('POST', `/api/cases/${caseId}/eligibility/override`, w.cookies.intake, { reason: '' })).statusCode).toBe(400);
    const res = await inject('POST', `/api/cases/${caseId}/eligibility/override`, w.cookies.intake, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'eligibility', eligibility: { outcome: 'eligible', overrideReason: reason } });
    const kase = (await inject('GET', `/api/cases/${caseId}`, w.cookies.intake)).json();
    expect(kase).toMatchObject({ status: 'eligibility', eligibleOn: '2024-03-21', eligibility: { outcome: 'eligible', overrideReason: reason } });
    expect((await inject('GET', `/api/cases/${caseId}/ineligibility-notice`, w.cookies.intake)).json().overriddenAt).not.toBeNull();
    const audit = await auditOf(caseId, 'case.eligibility_override');
    expect(audit[0]!.detail).toMatchObject({ status: { from: 'ineligible', to: 'eligibility' }, failed: ['signed-by-worker'], reason: { eligibilityId: res.json().eligibility.id, field: 'override_reason' } });
    expect(JSON.stringify(await t.services.audit.list({ caseId, limit: 100 }))).not.toContain('scan cut off');
    // Screening again is refused; the case goes on to a reviewer.
    expect((await inject('POST', `/api/cases/${caseId}/eligibility`, w.cookies.intake, {})).statusCode).toBe(409);
    expect((await inject('POST', `/api/cases/${caseId}/assignment`, w.cookies.intake, {})).statusCode).toBe(201);
    // Only an ineligible case can be overridden.
    const again = await inject('POST', `/api/cases/${caseId}/eligibility/override`, w.cookies.intake, { reason });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('IMR_ERR_INVALID_TRANSITION');
  });
});
