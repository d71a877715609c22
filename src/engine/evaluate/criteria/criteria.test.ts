import { describe, expect, it } from 'vitest';
import { normaliseRequest } from '../../request/index.js';
import type { CriterionContext, FindingResult } from './criterion.js';
import { CRITERION_TYPES } from './registry.js';
import { findMentions, splitSentences } from '../record-search.js';

/** A context over a short record, with findings given directly. */
function ctx(request: string, record = '', findings: Record<string, FindingResult['status']> = {}, extra: Partial<CriterionContext> = {}): CriterionContext {
  const sentences = splitSentences([{ source: 'clinicalSummary', text: record }]);
  return {
    asOf: '2016-12-01',
    request: normaliseRequest(request),
    authorized: null,
    worker: { age: 45, sex: 'male', injuryDate: '2016-01-01' },
    sources: [{ source: 'clinicalSummary', text: record }],
    topicTerms: ['physical therapy', 'PT'],
    topicCategories: ['physical_therapy'],
    findingLabel: (k) => k.replace(/_/g, ' '),
    finding: (k) => ({ status: findings[k] ?? 'unknown', evidence: [] }),
    mentions: (phrases) => findMentions(sentences, phrases),
    primaryProcedureDecision: () => null,
    otherItemDecisions: () => [],
    medications: () => [],
    priorTreatments: () => [],
    ...extra,
  };
}

function run(type: string, params: Record<string, unknown>, c: CriterionContext) {
  const t = CRITERION_TYPES[type];
  return t.evaluate(t.params.parse(params), c);
}

describe('criterion types', () => {
  it('sessionLimit counts frequency x duration and adds completed sessions when asked', () => {
    expect(run('sessionLimit', { max: 10 }, ctx('Physical therapy 2 times a week for 4 weeks')).status).toBe('met');
    expect(run('sessionLimit', { max: 6 }, ctx('Physical therapy 3 times a week for 4 weeks')).status).toBe('not_met');
    const withPrior = ctx('Physical therapy 2 x 3', 'She has completed 8 sessions of physical therapy.');
    expect(run('sessionLimit', { max: 10, includePrior: true }, withPrior).status).toBe('not_met');
    expect(run('sessionLimit', { max: 10 }, ctx('Physical therapy')).status).toBe('unknown');
    expect(run('sessionLimit', { max: 1, assumeWhenUnstated: 1 }, ctx('Follow up visit')).status).toBe('met');
  });

  it('sessionLimit with initialOnly does not apply to a continuing course', () => {
    expect(run('sessionLimit', { max: 6, initialOnly: true }, ctx('Additional physical therapy 12 sessions')).status).toBe('not_applicable');
    expect(run('sessionLimit', { max: 6, initialOnly: true }, ctx('Physical therapy 12 sessions')).status).toBe('not_met');
  });

  it('continuationRequiresImprovement: initial trials pass, continued care needs documented improvement', () => {
    expect(run('continuationRequiresImprovement', {}, ctx('Physical therapy 6 sessions', 'New injury, no treatment yet.')).status).toBe('not_applicable');
    expect(run('continuationRequiresImprovement', {}, ctx('Additional physical therapy 6 sessions', '', { functional_improvement: 'present' })).status).toBe('met');
    expect(run('continuationRequiresImprovement', {}, ctx('Additional physical therapy 6 sessions', '', { functional_improvement: 'absent' })).status).toBe('not_met');
    // Prior care read from the record; a plan to give it is not prior care.
    expect(run('continuationRequiresImprovement', {}, ctx('Physical therapy 6 sessions', 'Treatment to date has included physical therapy.')).status).toBe('not_met');
    expect(run('continuationRequiresImprovement', {}, ctx('Physical therapy 6 sessions', 'The treatment plan included physical therapy.')).status).toBe('not_applicable');
  });

  it('requiresFinding and forbidsFinding read present, absent and undocumented findings', () => {
    expect(run('requiresFinding', { anyOf: ['spasm'] }, ctx('Flexeril 7.5mg #30', '', { spasm: 'present' })).status).toBe('met');
    expect(run('requiresFinding', { anyOf: ['spasm'] }, ctx('Flexeril 7.5mg #30', '', { spasm: 'absent' })).status).toBe('not_met');
    expect(run('requiresFinding', { anyOf: ['spasm'] }, ctx('Flexeril 7.5mg #30')).status).toBe('unknown');
    expect(run('forbidsFinding', { anyOf: ['radiculopathy'] }, ctx('Trigger point injection', '', { radiculopathy: 'present' })).status).toBe('not_met');
    expect(run('forbidsFinding', { anyOf: ['radiculopathy'] }, ctx('Trigger point injection')).status).toBe('met');
  });

  it('maxUseDuration judges the supply and any documented prior use', () => {
    const relax = { topicTerms: ['cyclobenzaprine', 'Flexeril'], topicCategories: ['muscle_relaxant'] };
    expect(run('maxUseDuration', { days: 21 }, ctx('Cyclobenzaprine 7.5mg #15', '', {}, relax)).status).toBe('met');
    expect(run('maxUseDuration', { days: 21 }, ctx('Cyclobenzaprine 7.5mg #90', '', {}, relax)).status).toBe('not_met');
    expect(run('maxUseDuration', { days: 21 }, ctx('Cyclobenzaprine 7.5mg #15', 'He has taken Flexeril since 01/05/2016.', {}, relax)).status).toBe('not_met');
    expect(run('maxUseDuration', { days: 21 }, ctx('Cyclobenzaprine 7.5mg', '', {}, relax)).status).toBe('unknown');
  });

  it('requestSpecified fails when the request itself says the dose is unknown', () => {
    const r = run('requestSpecified', { fields: ['dosage', 'quantity'] }, ctx('Zanaflex dosage, frequency, and quanity unknown'));
    expect(r.status).toBe('not_met');
    expect(r.finding).toMatch(/itself states/);
    expect(run('requestSpecified', { fields: ['dosage', 'quantity'] }, ctx('Zanaflex 4mg #60')).status).toBe('met');
  });

  it('ingredientsRecommended rejects a compound with one not-recommended ingredient', () => {
    const p = { notRecommended: ['gabapentin', 'cyclobenzaprine'] };
    expect(run('ingredientsRecommended', p, ctx('Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base')).status).toBe('not_met');
    expect(run('ingredientsRecommended', p, ctx('Diclofenac 1% gel 100g')).status).toBe('met');
  });

  it('morphineEquivalentLimit computes the daily dose from strength, sig and factor', () => {
    const p = { max: 80, factors: { hydrocodone: 1, oxycodone: 1.5 } };
    expect(run('morphineEquivalentLimit', p, ctx('Norco 10/325mg one tablet four times daily #120')).status).toBe('met');
    expect(run('morphineEquivalentLimit', p, ctx('Oxycodone 30mg one tablet every 4 hours #180')).status).toBe('not_met');
    expect(run('morphineEquivalentLimit', p, ctx('Norco #60')).status).toBe('unknown');
    // The total daily dose prescribed is the most the sig allows: 1-2 tablets every 6 hours is up to 8 a day
    // (10 mg x 8 = 80 MED, at the limit), where one tablet every 6 hours is 4 (40 MED).
    const range = run('morphineEquivalentLimit', { max: 60, factors: { hydrocodone: 1 } }, ctx('Norco 10/325mg 1-2 tablets every 6 hours as needed #120'));
    expect(range.status).toBe('not_met');
    expect(range.finding).toContain('80');
    expect(run('morphineEquivalentLimit', { max: 60, factors: { hydrocodone: 1 } }, ctx('Norco 10/325mg one tablet every 6 hours #120')).status).toBe('met');
  });

  it('injuryWithin, ageRange and regionExcluded use the worker and the request', () => {
    expect(run('injuryWithin', { days: 90 }, ctx('Naproxen 500mg #60', '', {}, { worker: { age: 40, sex: null, injuryDate: '2016-11-01' } })).status).toBe('met');
    expect(run('injuryWithin', { days: 90 }, ctx('Naproxen 500mg #60')).status).toBe('not_met');
    expect(run('ageRange', { min: 66 }, ctx('Omeprazole 20mg')).status).toBe('not_met');
    expect(run('regionExcluded', { regions: ['knee'] }, ctx('Chiropractic for the left knee, 6 visits')).status).toBe('not_met');
    expect(run('regionExcluded', { regions: ['knee'] }, ctx('Chiropractic for the lumbar spine, 6 visits')).status).toBe('met');
  });

  it('primaryProcedureCertified and companionItemsCertified follow the other items of the case', () => {
    const denied = { primaryProcedureDecision: () => ({ request: 'Knee arthroscopy', decision: 'Upheld' as const }) };
    expect(run('primaryProcedureCertified', {}, ctx('Post-op physical therapy 12', '', {}, denied)).status).toBe('not_met');
    // No procedure in dispute is not a certified procedure: the record must show it was done.
    expect(run('primaryProcedureCertified', {}, ctx('Post-op physical therapy 12')).status).toBe('unknown');
    expect(run('primaryProcedureCertified', {}, ctx('Post-op physical therapy 12', '', { recent_surgery: 'present' })).status).toBe('met');
    const ptDenied = { otherItemDecisions: () => [{ request: 'Physical therapy 12', decision: 'Upheld' as const }] };
    expect(run('companionItemsCertified', { categories: ['physical_therapy'] }, ctx('Massage 4 sessions', '', {}, ptDenied)).status).toBe('not_met');
  });

  it('sessionLimit and frequencyLimit judge a range at both ends', () => {
    // 1-2 a week for 6 weeks = 6 to 12 visits: within 12, beyond 5, and straddling 10.
    expect(run('sessionLimit', { max: 12 }, ctx('Physical therapy 1-2 times a week for 6 weeks')).status).toBe('met');
    expect(run('sessionLimit', { max: 5 }, ctx('Physical therapy 1-2 times a week for 6 weeks')).status).toBe('not_met');
    const straddle = run('sessionLimit', { max: 10 }, ctx('Physical therapy 1-2 times a week for 6 weeks'));
    expect(straddle).toMatchObject({ status: 'unknown', unknownBecause: 'request' });
    expect(straddle.finding).toMatch(/6 to 12 visits are requested; the guideline supports 10 visits/);
    expect(run('frequencyLimit', { maxPerWeek: 2 }, ctx('Physical therapy 1-2 times a week for 6 weeks')).status).toBe('met');
    expect(run('frequencyLimit', { maxPerWeek: 1 }, ctx('Physical therapy 1-2 times a week for 6 weeks')).status).toBe('unknown');
    expect(run('frequencyLimit', { maxPerWeek: 1 }, ctx('Physical therapy 3 times a week for 2 weeks')).status).toBe('not_met');
  });

  it('a rental period the request does not state is unknown, not within the limit', () => {
    expect(run('rentalLimit', { maxDays: 30 }, ctx('TENS unit rental'))).toMatchObject({ status: 'unknown', unknownBecause: 'request' });
    expect(run('rentalLimit', { maxDays: 30 }, ctx('TENS unit 30 day rental')).status).toBe('met');
  });

  it('requiresPriorFailedCare needs the failure, not a mention of the treatment', () => {
    const p = { treatments: ['physical therapy', 'NSAIDs'] };
    expect(run('requiresPriorFailedCare', p, ctx('Lumbar MRI', 'Treatment to date has included physical therapy.')).status).toBe('unknown');
    expect(run('requiresPriorFailedCare', p, ctx('Lumbar MRI', 'She completed 12 sessions of physical therapy without improvement.')).status).toBe('met');
    expect(run('requiresPriorFailedCare', p, ctx('Lumbar MRI', 'The injury was 8 months ago.')).status).toBe('unknown');
    // A general statement of failed conservative care answers a guideline that asks for conservative care...
    const generic = { treatments: ['conservative care', 'physical therapy'] };
    expect(run('requiresPriorFailedCare', generic, ctx('Lumbar MRI', 'He has failed conservative care.', { failed_conservative_care: 'present' })).status).toBe('met');
    // ...not one that asks for a named treatment (H-wave after a failed TENS trial).
    expect(run('requiresPriorFailedCare', { treatments: ['TENS'] }, ctx('H-wave 30 day trial', 'He has failed conservative care.', { failed_conservative_care: 'present' })).status).toBe('unknown');
  });

  it('requiresFinding flags a record that states a finding and its absence', () => {
    const out = run('requiresFinding', { anyOf: ['spasm'] }, ctx('Flexeril 7.5mg #30', '', { spasm: 'conflicting' }));
    expect(out).toMatchObject({ status: 'unknown', conflicting: true });
  });

  it('anyOf is met when one option is met', () => {
    const p = { options: [{ type: 'injuryWithin', params: { days: 30 } }, { type: 'requiresFinding', params: { anyOf: ['functional_improvement'] } }] };
    expect(run('anyOf', p, ctx('Naproxen 500mg #60', '', { functional_improvement: 'present' })).status).toBe('met');
    expect(run('anyOf', p, ctx('Naproxen 500mg #60')).status).toBe('unknown');
  });

  // A condition made of several parts together ("suspected X, over age 40, with Y"): every part must hold.
  const together = { parts: [{ type: 'ageRange', params: { min: 41 } }, { type: 'requiresFinding', params: { anyOf: ['spasm'] } }, { type: 'requiresFinding', params: { anyOf: ['radiculopathy'] } }] };

  it('allOf is met only when every part is met, and not met when any part is not met', () => {
    expect(run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'present', radiculopathy: 'present' })).status).toBe('met');
    // One part fails: the whole fails, though another part is only undocumented.
    const failed = run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'absent' }));
    expect(failed.status).toBe('not_met');
    expect(failed.unknownBecause).toBeUndefined();
    // Under age: the age part alone fails it.
    const young = { worker: { age: 40, sex: null, injuryDate: null } };
    expect(run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'present', radiculopathy: 'present' }, young)).status).toBe('not_met');
  });

  it('allOf is unknown when no part fails and one is undocumented, and keeps its reason', () => {
    const out = run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'present' }));
    expect(out).toMatchObject({ status: 'unknown', unknownBecause: 'record' });
    const contradicted = run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'present', radiculopathy: 'conflicting' }));
    expect(contradicted).toMatchObject({ status: 'unknown', conflicting: true });
  });

  it("allOf shows each part's finding with its status", () => {
    const out = run('allOf', together, ctx('Lumbar MRI', '', { spasm: 'present', radiculopathy: 'absent' }));
    expect(out.finding).toBe('The worker is 45 years old (met). The record documents spasm (met). The record states that there is no radiculopathy (not met).');
  });

  it('allOf collects the evidence of its parts', () => {
    const quote = { source: 'clinicalSummary', quote: 'paraspinal spasm', start: 0, end: 16 };
    const withEvidence = { finding: (k: string) => (k === 'spasm' ? { status: 'present' as const, evidence: [quote] } : { status: 'present' as const, evidence: [] }) };
    expect(run('allOf', together, ctx('Lumbar MRI', '', {}, withEvidence)).evidence).toEqual([quote]);
  });

  it('allOf can be an option of anyOf, and its parameters are checked', () => {
    const p = { options: [{ type: 'requiresFinding', params: { anyOf: ['red_flag'] } }, { type: 'allOf', params: together }] };
    expect(run('anyOf', p, ctx('Lumbar MRI', '', { spasm: 'present', radiculopathy: 'present' })).status).toBe('met');
    expect(run('anyOf', p, ctx('Lumbar MRI', '', { red_flag: 'absent', spasm: 'absent' })).status).toBe('not_met');
    expect(CRITERION_TYPES.anyOf.findingKeys?.(CRITERION_TYPES.anyOf.params.parse(p))).toEqual(['red_flag', 'spasm', 'radiculopathy']);
    expect(CRITERION_TYPES.allOf.params.safeParse({ parts: [together.parts[0]] }).success).toBe(false);
    expect(CRITERION_TYPES.allOf.params.safeParse({ parts: [together.parts[0], { type: 'noSuchType', params: {} }] }).success).toBe(false);
    expect(CRITERION_TYPES.allOf.params.safeParse({ parts: [together.parts[0], { type: 'ageRange', params: { min: 'forty' } }] }).success).toBe(false);
  });

  it('whenRequest applies its criterion only to the kind of request it names', () => {
    const mriOnly = { modalities: ['mri'], label: 'an MRI', then: { type: 'requiresFinding', params: { anyOf: ['red_flag'] } } };
    expect(run('whenRequest', mriOnly, ctx('MRI of the lumbar spine')).status).toBe('unknown');
    expect(run('whenRequest', mriOnly, ctx('MRI of the lumbar spine', '', { red_flag: 'present' })).status).toBe('met');
    const xray = run('whenRequest', mriOnly, ctx('X-ray of the lumbar spine, 3 views'));
    // Stands in the way of nothing, but is no evidence for the X-ray either.
    expect(xray.status).toBe('not_applicable');
    expect(xray.finding).toMatch(/^Not applicable/);
    // As an indication for one study among the options of an anyOf, another study must not meet it.
    const indication = { options: [{ type: 'requiresFinding', params: { anyOf: ['red_flag'] } }, { type: 'whenRequest', params: { ...mriOnly, otherwise: 'not_met', then: { type: 'ageRange', params: { min: 41 } } } }] };
    expect(run('anyOf', indication, ctx('MRI of the lumbar spine', '', { red_flag: 'absent' })).status).toBe('met');
    expect(run('anyOf', indication, ctx('CT of the lumbar spine', '', { red_flag: 'absent' })).status).toBe('not_met');
    // A retrospective request's record reports the requested study itself: a rule about an earlier one skips it.
    const prospective = { ...mriOnly, prospectiveOnly: true };
    expect(run('whenRequest', prospective, ctx('MRI of the lumbar spine')).status).toBe('unknown');
    expect(run('whenRequest', prospective, ctx('Retrospective MRI of the lumbar spine (DOS 03/02/2016)')).status).toBe('not_applicable');
    const ncv = { tests: ['ncv'], label: 'a nerve conduction study', then: { type: 'notRecommended', params: {} } };
    expect(run('whenRequest', ncv, ctx('NCV of the bilateral lower extremities')).status).toBe('not_met');
    expect(run('whenRequest', ncv, ctx('EMG/NCS of the bilateral lower extremities')).status).toBe('not_met');
    expect(run('whenRequest', ncv, ctx('EMG of the bilateral lower extremities')).status).toBe('not_applicable');
    const lumbar = { regions: ['lumbar'], label: 'lumbar imaging', then: { type: 'notRecommended', params: {} } };
    expect(run('whenRequest', lumbar, ctx('MRI of the thoracic spine')).status).toBe('not_applicable');
    expect(run('whenRequest', lumbar, ctx('MRI of the lumbar spine')).status).toBe('not_met');
    expect(CRITERION_TYPES.whenRequest.params.safeParse({ label: 'x', then: { type: 'notRecommended', params: {} } }).success).toBe(false);
    // A misspelt region or modality is refused at load rather than never matching.
    expect(CRITERION_TYPES.whenRequest.params.safeParse({ ...lumbar, regions: ['lumbar_spine'] }).success).toBe(false);
    expect(CRITERION_TYPES.whenRequest.params.safeParse({ ...mriOnly, modalities: ['MRI'] }).success).toBe(false);
  });

  it('notRecommended is never met', () => {
    expect(run('notRecommended', {}, ctx('Soma 350mg #60')).status).toBe('not_met');
  });
});
