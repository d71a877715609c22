import { describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { APPEAL_GROUNDS } from '../../letters/render/mailed-layout.js';
import { APPEAL_GROUND_CODES, APPEAL_GROUNDS_CATALOGUE, appealDueDate, checkFiling, checkGrounds, checkOutcome, remandExclusions } from './appeal.js';

function codeOf(f: () => unknown): { code: string; paths: string[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof ImrError) return { code: e.code, paths: e.details.map((d) => d.path) };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the grounds of LC 4610.6(h)', () => {
  it('lists the five grounds in the statute order, each with its paragraph, in the words the mailed letter uses', () => {
    expect(APPEAL_GROUNDS_CATALOGUE.map((g) => g.code)).toEqual([...APPEAL_GROUND_CODES]);
    expect(APPEAL_GROUNDS_CATALOGUE.map((g) => g.citation)).toEqual(['LC 4610.6(h)(1)', 'LC 4610.6(h)(2)', 'LC 4610.6(h)(3)', 'LC 4610.6(h)(4)', 'LC 4610.6(h)(5)']);
    expect(APPEAL_GROUNDS_CATALOGUE.map((g) => g.text)).toEqual([...APPEAL_GROUNDS]);
    for (const g of APPEAL_GROUNDS_CATALOGUE) expect(g.source).toMatch(/^https:\/\//);
  });

  it('accepts one or more distinct grounds', () => {
    expect(checkGrounds(['plainly_erroneous_fact'])).toEqual(['plainly_erroneous_fact']);
    expect(checkGrounds(['fraud', 'bias'])).toEqual(['fraud', 'bias']);
  });

  it('refuses no ground, an unknown ground and a repeated ground, naming the field', () => {
    expect(codeOf(() => checkGrounds([]))).toEqual({ code: 'IMR_ERR_VALIDATION', paths: ['body.grounds'] });
    expect(codeOf(() => checkGrounds(['fraud', 'bad_medicine']))).toEqual({ code: 'IMR_ERR_VALIDATION', paths: ['body.grounds.1'] });
    expect(codeOf(() => checkGrounds(['fraud', 'fraud']))).toEqual({ code: 'IMR_ERR_VALIDATION', paths: ['body.grounds.1'] });
  });
});

describe('the filing date', () => {
  it('is due 30 days after service plus 5 for mail, moved off a weekend', () => {
    expect(appealDueDate('2024-03-21')).toBe('2024-04-25');
    expect(appealDueDate('2024-03-21', 'electronic')).toBe('2024-04-22'); // 04-20 is a Saturday
    expect(appealDueDate('2024-06-30')).toBe('2024-08-05'); // 08-04 is a Sunday
  });

  it('records a timely filing without a warning, and a late one with a warning instead of a refusal', () => {
    expect(checkFiling({ filedOn: '2024-04-25', issuedOn: '2024-03-21', today: '2024-06-01' })).toEqual({ dueOn: '2024-04-25', late: false, warning: null });
    const late = checkFiling({ filedOn: '2024-04-26', issuedOn: '2024-03-21', today: '2024-06-01' });
    expect(late.late).toBe(true);
    expect(late.warning).toMatch(/after the appeal period ended on 2024-04-25.*the WCAB decides whether it is timely/);
  });

  it('refuses an impossible date, a date before the determination and a future date', () => {
    const at = (filedOn: string) => codeOf(() => checkFiling({ filedOn, issuedOn: '2024-03-21', today: '2024-04-01' }));
    expect(at('2024-02-30')).toEqual({ code: 'IMR_ERR_INVALID_DATE', paths: ['body.filedOn'] });
    expect(at('2024-03-20')).toEqual({ code: 'IMR_ERR_INVALID_DATE', paths: ['body.filedOn'] });
    expect(at('2024-04-02')).toEqual({ code: 'IMR_ERR_INVALID_DATE', paths: ['body.filedOn'] });
    expect(checkFiling({ filedOn: '2024-03-21', issuedOn: '2024-03-21', today: '2024-03-21' }).late).toBe(false);
  });
});

describe("the board's outcome", () => {
  const pending = { outcome: null, filedOn: '2024-04-01' };
  it('accepts affirmed, dismissed and remanded, dated between the filing and today', () => {
    for (const o of ['affirmed', 'dismissed', 'remanded']) expect(checkOutcome(pending, { outcome: o, decidedOn: '2024-05-01', today: '2024-05-02' })).toBe(o);
  });

  it('is recorded once', () => {
    expect(codeOf(() => checkOutcome({ outcome: 'affirmed', filedOn: '2024-04-01' }, { outcome: 'remanded', decidedOn: '2024-05-01', today: '2024-05-02' })).code).toBe('IMR_ERR_INVALID_TRANSITION');
  });

  it('refuses an unknown outcome, and a date before the filing or in the future', () => {
    expect(codeOf(() => checkOutcome(pending, { outcome: 'granted', decidedOn: '2024-05-01', today: '2024-05-02' }))).toEqual({ code: 'IMR_ERR_VALIDATION', paths: ['body.outcome'] });
    expect(codeOf(() => checkOutcome(pending, { outcome: 'affirmed', decidedOn: '2024-03-31', today: '2024-05-02' }))).toEqual({ code: 'IMR_ERR_INVALID_DATE', paths: ['body.decidedOn'] });
    expect(codeOf(() => checkOutcome(pending, { outcome: 'affirmed', decidedOn: '2024-05-03', today: '2024-05-02' }))).toEqual({ code: 'IMR_ERR_INVALID_DATE', paths: ['body.decidedOn'] });
  });
});

describe('who a remand may not go to', () => {
  it('excludes every reviewer of every case the remand follows, once each', () => {
    expect(remandExclusions([{ reviewerIds: ['r-1', 'r-2'] }, { reviewerIds: ['r-3', 'r-1'] }])).toEqual(['r-1', 'r-2', 'r-3']);
    expect(remandExclusions([])).toEqual([]);
  });
});
