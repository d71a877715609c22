import { describe, expect, it } from 'vitest';
import {
  applicationFilingDeadline,
  caseFactsFromApplication,
  computeDeadlines,
  DATE_RULES,
  deadlineStatus,
  type CaseFacts,
  type Deadline,
  type DeadlineKind,
} from './deadline-rules.js';
import { makeApplication } from './test-support/fixtures.js';

const base: CaseFacts = {
  urDecisionServedDate: '2024-10-01',
  urServiceMethod: 'electronic',
  applicationReceivedDate: '2024-10-20',
  expedited: false,
  formularyDispute: false,
};

const byKind = (ds: Deadline[], k: DeadlineKind) => ds.find((d) => d.kind === k);

describe('rule table', () => {
  it('names every rule once, with a regulation, a source and a confidence tag', () => {
    const ids = Object.values(DATE_RULES).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of Object.values(DATE_RULES)) {
      expect(r.regulation.length).toBeGreaterThan(3);
      expect(r.source).toMatch(/^https?:\/\//);
      expect(['C', 'S', 'U']).toContain(r.confidence);
    }
  });
});

describe('application filing deadline', () => {
  it('is 30 days after service', () => {
    const d = applicationFilingDeadline('2024-01-02', 'electronic');
    expect(d.dueDate).toBe('2024-02-01');
    expect(d.adjustments).toEqual([]);
    expect(d.basis).toBe('calendar');
  });

  it('adds 5 days when the UR decision was mailed', () => {
    const d = applicationFilingDeadline('2024-01-02', 'mail');
    expect(d.dueDate).toBe('2024-02-06');
    expect(d.adjustments).toEqual([DATE_RULES.APPLICATION_MAIL_EXTENSION.id]);
  });

  it('does not add the mail days for personal service or fax', () => {
    expect(applicationFilingDeadline('2024-01-02', 'personal').dueDate).toBe('2024-02-01');
    expect(applicationFilingDeadline('2024-01-02', 'fax').dueDate).toBe('2024-02-01');
  });

  it('moves a last day on Thanksgiving Friday or a weekend to the next business day', () => {
    const d = applicationFilingDeadline('2024-10-30', 'personal'); // +30 = Fri 2024-11-29
    expect(d.dueDate).toBe('2024-12-02');
    expect(d.adjustments).toEqual([DATE_RULES.LAST_DAY_HOLIDAY.id]);
    expect(applicationFilingDeadline('2024-02-09', 'electronic').dueDate).toBe('2024-03-11'); // +30 = Sun 03-10
  });

  it('mail extension across the year end lands on a business day', () => {
    // 2024-11-26 + 35 = Tue 2024-12-31.
    expect(applicationFilingDeadline('2024-11-26', 'mail').dueDate).toBe('2024-12-31');
    // 2024-11-27 + 35 = Wed 2025-01-01 (New Year) → Thu 2025-01-02.
    expect(applicationFilingDeadline('2024-11-27', 'mail').dueDate).toBe('2025-01-02');
  });
});

describe('computeDeadlines', () => {
  it('before eligibility, knows only the filing deadline', () => {
    const ds = computeDeadlines(base);
    expect(ds.map((d) => d.kind)).toEqual(['application_filing']);
  });

  it('notice of assignment is one business day after the eligible finding (over Thanksgiving)', () => {
    const ds = computeDeadlines({ ...base, eligibleDate: '2024-11-27' });
    const notice = byKind(ds, 'notice_of_assignment')!;
    expect(notice.dueDate).toBe('2024-12-02');
    expect(notice.basis).toBe('business');
    expect(notice.ruleId).toBe(DATE_RULES.NOTICE_OF_ASSIGNMENT.id);
    expect(notice.regulation).toBe('8 CCR 9792.10.4');
  });

  it('notice of assignment after a Friday eligible finding skips the weekend and a Monday holiday (MLK Day)', () => {
    expect(byKind(computeDeadlines({ ...base, eligibleDate: '2024-01-12' }), 'notice_of_assignment')!.dueDate).toBe('2024-01-16');
    expect(byKind(computeDeadlines({ ...base, eligibleDate: '2024-12-31' }), 'notice_of_assignment')!.dueDate).toBe('2025-01-02');
  });

  it('records are due 15 days after a mailed notice, 12 after an electronic one, 1 day when expedited', () => {
    const mailed = byKind(computeDeadlines({ ...base, eligibleDate: '2024-11-27', noticeDate: '2024-12-02', noticeMethod: 'mail' }), 'records_due')!;
    expect(mailed.dueDate).toBe('2024-12-17');
    expect(mailed.ruleId).toBe(DATE_RULES.RECORDS_MAILED.id);
    expect(mailed.provisional).toBe(false);

    const electronic = byKind(computeDeadlines({ ...base, eligibleDate: '2024-11-27', noticeDate: '2024-12-02', noticeMethod: 'electronic' }), 'records_due')!;
    expect(electronic.dueDate).toBe('2024-12-14');
    expect(electronic.ruleId).toBe(DATE_RULES.RECORDS_ELECTRONIC.id);

    const expedited = byKind(computeDeadlines({ ...base, expedited: true, eligibleDate: '2024-11-27', noticeDate: '2024-12-02', noticeMethod: 'mail' }), 'records_due')!;
    expect(expedited.dueDate).toBe('2024-12-03');
    expect(expedited.ruleId).toBe(DATE_RULES.RECORDS_EXPEDITED.id);
  });

  it('counts records from the notice deadline, provisionally, until the notice goes out', () => {
    const r = byKind(computeDeadlines({ ...base, eligibleDate: '2024-11-27' }), 'records_due')!;
    expect(r.fromDate).toBe('2024-12-02');
    expect(r.dueDate).toBe('2024-12-17');
    expect(r.provisional).toBe(true);
  });

  it('determination: 30 days from receipt of the records (standard)', () => {
    const d = byKind(
      computeDeadlines({ ...base, eligibleDate: '2024-11-27', noticeDate: '2024-12-02', noticeMethod: 'mail', recordsReceivedDate: '2024-12-10' }),
      'determination_due',
    )!;
    expect(d.dueDate).toBe('2025-01-09');
    expect(d.basis).toBe('calendar');
    expect(d.ruleId).toBe(DATE_RULES.DETERMINATION_STANDARD.id);
    expect(d.provisional).toBe(false);
  });

  it('determination: provisional from the records due date while records are missing', () => {
    const d = byKind(computeDeadlines({ ...base, eligibleDate: '2024-11-27', noticeDate: '2024-12-02', noticeMethod: 'mail' }), 'determination_due')!;
    expect(d.fromDate).toBe('2024-12-17');
    expect(d.dueDate).toBe('2025-01-16');
    expect(d.provisional).toBe(true);
  });

  it('determination: 5 working days for a formulary dispute, skipping Christmas', () => {
    const d = byKind(computeDeadlines({ ...base, formularyDispute: true, eligibleDate: '2024-12-16', noticeDate: '2024-12-17', recordsReceivedDate: '2024-12-20' }), 'determination_due')!;
    expect(d.dueDate).toBe('2024-12-30');
    expect(d.basis).toBe('business');
    expect(d.ruleId).toBe(DATE_RULES.DETERMINATION_FORMULARY.id);
  });

  it('determination: 3 days when expedited (expedited wins over formulary)', () => {
    const d = byKind(computeDeadlines({ ...base, expedited: true, formularyDispute: true, eligibleDate: '2024-12-09', noticeDate: '2024-12-09', recordsReceivedDate: '2024-12-10' }), 'determination_due')!;
    expect(d.dueDate).toBe('2024-12-13');
    expect(d.ruleId).toBe(DATE_RULES.DETERMINATION_EXPEDITED.id);
    expect(d.confidence).toBe('S');
  });

  it('eligibility information request: 5 business days', () => {
    const d = byKind(computeDeadlines({ ...base, informationRequestedDate: '2024-11-25' }), 'eligibility_information')!;
    expect(d.dueDate).toBe('2024-12-04');
  });

  it('appeal: 30 days after the letter is served, +5 when mailed', () => {
    const facts = { ...base, eligibleDate: '2024-11-27', recordsReceivedDate: '2024-12-10', letterServedDate: '2025-01-06' };
    expect(byKind(computeDeadlines(facts), 'appeal_due')!.dueDate).toBe('2025-02-10');
    expect(byKind(computeDeadlines({ ...facts, letterServiceMethod: 'electronic' }), 'appeal_due')!.dueDate).toBe('2025-02-05');
  });

  it('takes the application facts from an application', () => {
    const app = makeApplication({
      urDecision: { dateServed: '2024-03-01', howServed: 'mail' },
      expedited: { requested: true, physicianCertification: false },
      disputedItems: [{ request: 'Tramadol 50 mg #60', urOutcome: 'denied', formularyDrug: true }],
    });
    const facts = caseFactsFromApplication(app, { eligibleDate: '2024-04-01' });
    expect(facts).toMatchObject({ urServiceMethod: 'mail', expedited: false, formularyDispute: true, eligibleDate: '2024-04-01' });
    expect(byKind(computeDeadlines(facts), 'application_filing')!.dueDate).toBe('2024-04-05');
  });
});

describe('deadlineStatus', () => {
  const due = { dueDate: '2024-12-02' };
  it('counts days left and is not late on the due date', () => {
    expect(deadlineStatus(due, '2024-11-27')).toEqual({ daysLeft: 5, businessDaysLeft: 1, late: false, met: false });
    expect(deadlineStatus(due, '2024-12-02')).toMatchObject({ daysLeft: 0, late: false });
  });
  it('is late the day after', () => {
    expect(deadlineStatus(due, '2024-12-03')).toMatchObject({ daysLeft: -1, businessDaysLeft: -1, late: true });
  });
  it('judges a completed act by its completion date, not today', () => {
    expect(deadlineStatus(due, '2025-01-10', '2024-12-02')).toMatchObject({ late: false, met: true });
    expect(deadlineStatus(due, '2025-01-10', '2024-12-04')).toMatchObject({ late: true, met: true });
  });
});
