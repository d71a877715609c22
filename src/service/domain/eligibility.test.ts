import { describe, expect, it } from 'vitest';
import { workerKey } from './application.js';
import { checkEligibility, ELIGIBILITY_RULES, type EligibilityContext, type EligibilityResult } from './eligibility.js';
import { makeApplication } from './test-support/fixtures.js';

const ctx: EligibilityContext = { today: '2024-04-01', otherCases: [] };
const reason = (r: EligibilityResult, id: string) => r.reasons.find((x) => x.rule === id)!;

describe('checkEligibility', () => {
  it('passes a complete, timely application, with a reason and source for every rule', () => {
    const r = checkEligibility(makeApplication(), ctx);
    expect(r.eligible).toBe(true);
    expect(r.deferred).toBe(false);
    expect(r.priority).toBe('Standard');
    const ids = r.reasons.map((x) => x.rule);
    for (const rule of ['jurisdiction-date', 'timely-filing', 'ur-decision-attached', 'signed-by-worker', 'not-duplicate', 'not-conditionally-non-certified', 'liability-not-disputed']) {
      expect(ids).toContain(rule);
    }
    for (const x of r.reasons) {
      expect(x.passed).toBe(true);
      expect(x.message.length).toBeGreaterThan(10);
      expect(x.source.length).toBeGreaterThan(10);
    }
  });

  describe('timely filing', () => {
    it('accepts the last day and rejects the day after (30 days, electronic service)', () => {
      const onTime = makeApplication({ urDecision: { dateServed: '2024-03-01', howServed: 'electronic' }, applicationReceivedDate: '2024-04-02' });
      // Day 30 is Sunday 2024-03-31 (Cesar Chavez Day), observed Monday 2024-04-01: the last day is Tuesday 2024-04-02.
      const later = { ...ctx, today: '2024-04-10' };
      expect(checkEligibility(onTime, later).eligible).toBe(true);
      expect(checkEligibility(onTime, later).filingDueDate).toBe('2024-04-02');
      expect(checkEligibility({ ...onTime, applicationReceivedDate: '2024-04-03' }, later).eligible).toBe(false);
      const late = makeApplication({ urDecision: { decisionDate: '2024-02-19', dateServed: '2024-02-20', howServed: 'electronic' }, applicationReceivedDate: '2024-03-22' });
      const r = checkEligibility(late, ctx);
      expect(r.eligible).toBe(false);
      expect(r.deferred).toBe(false);
      expect(r.filingDueDate).toBe('2024-03-21');
      expect(reason(r, 'timely-filing')).toMatchObject({ passed: false, effect: 'ineligible' });
      // Messages reach the parties (the notice of ineligibility) and write dates as the letters do.
      expect(reason(r, 'timely-filing').message).toMatch(/1 day after 03\/21\/2024/);
    });

    it('gives 5 more days when the UR decision was mailed', () => {
      const app = (howServed: 'mail' | 'electronic') =>
        makeApplication({ urDecision: { decisionDate: '2024-02-19', dateServed: '2024-02-20', howServed }, applicationReceivedDate: '2024-03-25' });
      expect(checkEligibility(app('electronic'), ctx).eligible).toBe(false);
      const mailed = checkEligibility(app('mail'), ctx);
      expect(mailed.eligible).toBe(true);
      expect(mailed.filingDueDate).toBe('2024-03-26');
      expect(reason(mailed, 'timely-filing').message).toMatch(/\+ 5 for mail/);
    });
  });

  it('requires the UR decision to be attached', () => {
    const r = checkEligibility(makeApplication({ attachments: { urDecisionCopy: false } }), ctx);
    expect(r.eligible).toBe(false);
    expect(reason(r, 'ur-decision-attached').passed).toBe(false);
  });

  it('requires the worker’s signature', () => {
    const r = checkEligibility(makeApplication({ signedByWorker: false }), ctx);
    expect(r.eligible).toBe(false);
    expect(reason(r, 'signed-by-worker').passed).toBe(false);
  });

  it('rejects a conditionally non-certified UR decision', () => {
    const r = checkEligibility(makeApplication({ urDecision: { conditionallyNonCertified: true } }), ctx);
    expect(r.eligible).toBe(false);
    expect(reason(r, ELIGIBILITY_RULES.NOT_CNC.id)).toMatchObject({ passed: false, effect: 'ineligible' });
  });

  it('defers (not ineligible) when liability is disputed', () => {
    const r = checkEligibility(makeApplication({ liabilityDisputed: true }), ctx);
    expect(r.eligible).toBe(false);
    expect(r.deferred).toBe(true);
    expect(reason(r, 'liability-not-disputed')).toMatchObject({ passed: false, effect: 'defer' });
  });

  it('an ineligible application with a liability dispute is ineligible, not deferred', () => {
    const r = checkEligibility(makeApplication({ liabilityDisputed: true, attachments: { urDecisionCopy: false } }), ctx);
    expect(r).toMatchObject({ eligible: false, deferred: false });
  });

  describe('jurisdiction dates', () => {
    it('accepts an injury on 2013-01-01 whatever the UR date', () => {
      const app = makeApplication({
        injuredWorker: { dateOfInjury: '2013-01-01' },
        urDecision: { decisionDate: '2013-03-01', dateServed: '2013-03-04' },
        applicationReceivedDate: '2013-03-20',
      });
      expect(reason(checkEligibility(app, ctx), 'jurisdiction-date').passed).toBe(true);
    });
    it('rejects an older injury with a UR decision before 2013-07-01', () => {
      const app = makeApplication({
        injuredWorker: { dateOfInjury: '2012-12-31' },
        urDecision: { decisionDate: '2013-06-30', dateServed: '2013-07-01' },
        applicationReceivedDate: '2013-07-10',
      });
      const r = checkEligibility(app, ctx);
      expect(r.eligible).toBe(false);
      expect(reason(r, 'jurisdiction-date').passed).toBe(false);
    });
    it('accepts an older (or unknown) injury with a UR decision on or after 2013-07-01', () => {
      const old = makeApplication({ injuredWorker: { dateOfInjury: '2009-05-20' }, urDecision: { decisionDate: '2013-07-01', dateServed: '2013-07-02' }, applicationReceivedDate: '2013-07-15' });
      expect(checkEligibility(old, ctx).eligible).toBe(true);
      const unknown = makeApplication({ injuredWorker: { dateOfInjury: null } });
      expect(checkEligibility(unknown, ctx).eligible).toBe(true);
    });
  });

  describe('duplicates', () => {
    const app = makeApplication();
    const key = workerKey(app.injuredWorker);
    const other = (over: Partial<EligibilityContext['otherCases'][number]> = {}) => ({
      id: 'case-7',
      status: 'in_review',
      workerKey: key,
      items: ['12 Chiropractic visits, for the LUMBAR spine.'],
      ...over,
    });

    it('rejects the same items of the same worker in an open case (text normalised)', () => {
      const r = checkEligibility(app, { ...ctx, otherCases: [other()] });
      expect(r.eligible).toBe(false);
      expect(reason(r, 'not-duplicate').message).toBe('Duplicates an open or decided IMR: item 1 in case case-7.');
    });

    it('rejects the same items already decided', () => {
      expect(checkEligibility(app, { ...ctx, otherCases: [other({ status: 'letter_issued' })] }).eligible).toBe(false);
    });

    it('ignores withdrawn, ineligible or terminated cases, other workers, other items, other UR decisions and itself', () => {
      for (const status of ['withdrawn', 'ineligible', 'terminated']) {
        expect(checkEligibility(app, { ...ctx, otherCases: [other({ status })] }).eligible, status).toBe(true);
      }
      expect(checkEligibility(app, { ...ctx, otherCases: [other({ workerKey: 'someone else|dob:1980-01-01' })] }).eligible).toBe(true);
      expect(checkEligibility(app, { ...ctx, otherCases: [other({ items: ['MRI of the lumbar spine'] })] }).eligible).toBe(true);
      expect(checkEligibility(app, { ...ctx, otherCases: [other({ urDecisionDate: '2023-11-02' })] }).eligible).toBe(true);
      expect(checkEligibility(app, { ...ctx, selfId: 'case-7', otherCases: [other()] }).eligible).toBe(true);
    });
  });

  it('runs an uncertified expedited request as standard, and a certified one as expedited', () => {
    const uncertified = checkEligibility(makeApplication({ expedited: { requested: true, physicianCertification: false } }), ctx);
    expect(uncertified).toMatchObject({ eligible: true, priority: 'Standard' });
    expect(reason(uncertified, 'expedited-certified')).toMatchObject({ passed: false, effect: 'info' });
    const certified = checkEligibility(makeApplication({ expedited: { requested: true, physicianCertification: true } }), ctx);
    expect(certified.priority).toBe('Expedited');
  });

  it('refuses impossible input with a validation error instead of a verdict', () => {
    expect(() => checkEligibility(makeApplication({ applicationReceivedDate: '2024-05-01' }), ctx)).toThrow(
      expect.objectContaining({ code: 'IMR_ERR_VALIDATION' }),
    );
    expect(() => checkEligibility(makeApplication({ urDecision: { decisionDate: '2024-03-05', dateServed: '2024-03-01' } }), ctx)).toThrow(
      expect.objectContaining({ code: 'IMR_ERR_VALIDATION' }),
    );
    expect(() => checkEligibility(makeApplication({ applicationReceivedDate: '2024-02-28' }), ctx)).toThrow(/before the UR decision/);
  });

  it('keeps patient names and request text out of the messages', () => {
    const app = makeApplication();
    const r = checkEligibility(app, { ...ctx, otherCases: [{ id: 'c1', status: 'received', workerKey: workerKey(app.injuredWorker), items: [app.disputedItems[0].request] }] });
    for (const x of r.reasons) {
      expect(x.message).not.toContain('Pat Example');
      expect(x.message.toLowerCase()).not.toContain('chiropractic');
    }
  });
});
