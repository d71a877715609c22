import { describe, expect, it } from 'vitest';
import { checkQualification } from './qualification.js';
import { makeReviewer } from './test-support/fixtures.js';

describe('checkQualification', () => {
  it('qualifies a California-licensed, active reviewer with >5 years and ≥24 h/week, with a reason for each rule', () => {
    const q = checkQualification(makeReviewer());
    expect(q.qualified).toBe(true);
    expect(q.reasons.map((r) => r.rule)).toEqual(['licensed_in_california', 'active_practice_years', 'weekly_hours', 'active']);
    expect(q.reasons.every((r) => r.passed && r.source.length > 0)).toBe(true);
  });

  it('accepts "CA" as well as "California" among several states', () => {
    expect(checkQualification(makeReviewer({ licensureStates: ['NV', 'ca'] })).qualified).toBe(true);
  });

  it('refuses a reviewer not licensed in California', () => {
    const q = checkQualification(makeReviewer({ licensureStates: ['Nevada', 'AZ'] }));
    expect(q.qualified).toBe(false);
    expect(q.reasons.find((r) => r.rule === 'licensed_in_california')!.passed).toBe(false);
  });

  it('needs MORE than five years: exactly 5 fails, 5.5 passes', () => {
    expect(checkQualification(makeReviewer({ yearsInActivePractice: 5 })).qualified).toBe(false);
    expect(checkQualification(makeReviewer({ yearsInActivePractice: 5.5 })).qualified).toBe(true);
    const r = checkQualification(makeReviewer({ yearsInActivePractice: 5 })).reasons.find((x) => x.rule === 'active_practice_years')!;
    expect(r.message).toMatch(/more than 5 are required/);
  });

  it('needs at least 24 hours a week: 24 passes, 23.5 fails', () => {
    expect(checkQualification(makeReviewer({ weeklyHours: 24 })).qualified).toBe(true);
    expect(checkQualification(makeReviewer({ weeklyHours: 23.5 })).qualified).toBe(false);
  });

  it('refuses an inactive reviewer', () => {
    expect(checkQualification(makeReviewer({ active: false })).qualified).toBe(false);
  });

  it('reports every failing rule, not just the first', () => {
    const q = checkQualification(makeReviewer({ licensureStates: ['OR'], yearsInActivePractice: 2, weeklyHours: 10, active: false }));
    expect(q.reasons.filter((r) => !r.passed)).toHaveLength(4);
  });
});
