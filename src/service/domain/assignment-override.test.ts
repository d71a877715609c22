import { describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { partiesOf } from './application.js';
import { chooseReviewer, specialtyFit } from './assignment.js';
import { overrideCandidate, screenOverride, type OverrideContext } from './assignment-override.js';
import { reopenForGoodCause } from './state-machine.js';
import { makeApplication, makeReviewer } from './test-support/fixtures.js';

const parties = partiesOf(makeApplication());
const ctx = (over: Partial<OverrideContext> = {}): OverrideContext => ({ parties, itemCategories: ['chiropractic', 'opioid'], currentReviewerId: 'r-pmr', recusedReviewerIds: [], load: 0, ...over });
const chiro = makeReviewer({ id: 'r-chiro', specialty: 'Chiropractor' });
const pmr = makeReviewer({ id: 'r-pmr', specialty: 'Physical Medicine & Rehabilitation' });
const psych = makeReviewer({ id: 'r-psych', specialty: 'Psychology' });

function thrown(fn: () => unknown): ImrError {
  try {
    fn();
  } catch (e) {
    return e as ImrError;
  }
  throw new Error('did not throw');
}

describe('specialty fit', () => {
  it('has no warning when the specialty fits every category', () => {
    expect(specialtyFit(pmr, ['chiropractic', 'opioid'])).toEqual({ categories: ['chiropractic', 'opioid'], fitted: ['chiropractic', 'opioid'], unfitted: [], warning: null });
  });
  it('names each category that does not fit and the specialties that would', () => {
    const fit = specialtyFit(chiro, ['chiropractic', 'opioid']);
    expect(fit.unfitted).toEqual(['opioid']);
    expect(fit.warning).toMatch(/^The reviewer's specialty \(Chiropractor\) does not fit 1 of 2 disputed item categories: opioid \(fits: Pain Medicine, Physical Medicine & Rehabilitation, Family Practice/);
    expect(specialtyFit(psych, ['surgery:knee']).warning).toMatch(/does not fit any disputed item category: surgery:knee \(fits: Orthopedic Surgery\)/);
  });
  it('is carried by the automatic choice when only the most specialised category fits', () => {
    const r = chooseReviewer([psych, chiro], { parties, itemCategories: ['chiropractic', 'psychotherapy'] }, {});
    expect(r.reviewer.id).toBe('r-psych');
    expect(r.fit).toBe('primary');
    expect(r.specialtyWarning).toMatch(/chiropractic \(fits: Chiropractor/);
    expect(chooseReviewer([pmr], { parties, itemCategories: ['chiropractic', 'opioid'] }, {}).specialtyWarning).toBeNull();
  });
});

describe('override of the automatic choice', () => {
  it('allows a qualified, conflict-free reviewer, warning about specialty and capacity', () => {
    const s = screenOverride(chiro, ctx({ load: 10 }));
    expect(s.warnings).toHaveLength(2);
    expect(s.warnings[0]).toMatch(/does not fit 1 of 2/);
    expect(s.warnings[1]).toBe('The reviewer already has 10 open cases, at or over their capacity of 10.');
    expect(s.reasons[0]).toMatch(/^Chosen by intake/);
    expect(screenOverride(makeReviewer({ id: 'r-pmr-b', specialty: 'PM&R' }), ctx()).warnings).toEqual([]);
  });
  it('refuses an unqualified or conflicted reviewer with IMR_ERR_REVIEWER_UNSUITABLE saying every reason', () => {
    const bad = makeReviewer({ id: 'r-bad', specialty: 'PM&R', yearsInActivePractice: 2, active: false, affiliations: [{ kind: 'employer', name: parties.employer! }] });
    const e = thrown(() => screenOverride(bad, ctx()));
    expect(e.code).toBe('IMR_ERR_REVIEWER_UNSUITABLE');
    expect(e.httpStatus).toBe(409);
    expect(e.message).toMatch(/2 years in active practice; more than 5 are required; Marked inactive .*; The reviewer has an employer affiliation with the case's employer\. Choose a qualified, conflict-free reviewer\.$/);
    expect(overrideCandidate(bad, ctx()).refusals).toHaveLength(3);
  });
  it('refuses a reviewer who recused, and the reviewer who already has the case', () => {
    expect(thrown(() => screenOverride(chiro, ctx({ recusedReviewerIds: ['r-chiro'] }))).message).toMatch(/recused from this case earlier/);
    const same = thrown(() => screenOverride(pmr, ctx()));
    expect(same.code).toBe('IMR_ERR_VALIDATION');
    expect(same.details[0]!.path).toBe('body.reviewerId');
  });
});

describe('reopening an ineligible case for good cause', () => {
  it('moves only "ineligible" back to "eligibility"', () => {
    expect(reopenForGoodCause('ineligible')).toBe('eligibility');
    for (const s of ['received', 'eligibility', 'assigned', 'withdrawn'] as const) expect(thrown(() => reopenForGoodCause(s)).code).toBe('IMR_ERR_INVALID_TRANSITION');
  });
});
