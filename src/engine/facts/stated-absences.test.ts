/**
 * What a record's silence or a missing sign does and does not say (synthetic notes written for these
 * tests). 8 CCR 9792.20(f): functional improvement is a clinically significant improvement in
 * activities of daily living or a reduction in work restrictions, and a reduction in the dependency on
 * continued medical treatment. A worker who has not returned to work lacks one sign of it; that is not
 * a statement that function did not improve. "No improvement in function" is.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, type CaseFacts } from './index.js';
import { findStatedGaps } from './stated-gaps.js';
import { isNegated } from './negation.js';
import { classifySentence } from './evidence-kinds.js';

const facts = (text: string): CaseFacts => extractFacts([{ name: 'note', text }], { asOf: '2017-03-01' });
const notImproved = (f: CaseFacts) => f.functionalImprovement.statements.filter((s) => s.polarity === 'not_improved');

describe('not back at work is work status, not a statement of no functional improvement', () => {
  it.each([
    'The injured worker has not returned to work since the injury.',
    'He has not yet returned to work.',
    'She remains off work at this time.',
    'He is not yet back to work.',
    'She has not been able to return to work.',
    'He is not able to return to work.',
  ])('"%s" gives no not-improved statement and records the worker as not working', (text) => {
    const f = facts(text);
    expect(notImproved(f)).toEqual([]);
    expect(f.functionalImprovement.status).toBe('not_stated');
    expect(f.workStatus.map((w) => w.value)).toEqual(['not_working']);
  });

  it.each(['Work status remains unchanged.', 'Work status: unchanged, on temporary total disability.', 'Work restrictions: no change.'])(
    '"%s" (the work sign unchanged) gives no not-improved statement',
    (text) => {
      expect(notImproved(facts(text))).toEqual([]);
    },
  );

  it('still reads unchanged function or pain as no improvement', () => {
    expect(notImproved(facts('Her function is unchanged with the medication.'))).toHaveLength(1);
    expect(notImproved(facts('Work status: modified duty.\nHer pain is unchanged with the medication.'))).toHaveLength(1);
  });

  it('still reads "no improvement in function" beside it as the absence of improvement', () => {
    const f = facts('He has not yet returned to work and there has been no improvement in function with the Norco.');
    expect(notImproved(f)).toEqual([expect.objectContaining({ aspect: 'function', category: 'opioid' })]);
    expect(f.functionalImprovement.status).toBe('absent');
  });

  it('keeps a return to work as documented improvement', () => {
    const f = facts('Since the therapy she has returned to work at modified duty.');
    expect(f.functionalImprovement.status).toBe('documented');
  });

  it('keeps other negated improvement negative ("function has not as yet improved")', () => {
    expect(facts('Her function has not as yet improved with the medication.').functionalImprovement.status).toBe('absent');
  });
});

describe('"not yet" is a negation in force, a bare "yet" a new clause', () => {
  const at = (s: string, w: string) => isNegated(s, s.indexOf(w), s.indexOf(w) + w.length);
  it('negates across "not yet" and "has not as yet"', () => {
    expect(at('The worker has not yet improved.', 'improved')).toBe(true);
    expect(at('The worker has not as yet improved.', 'improved')).toBe(true);
    expect(at('Symptoms are not yet resolved.', 'resolved')).toBe(true);
  });
  it('still ends a negation at a contrasting "yet"', () => {
    expect(at('There was no relief at first, yet she improved over the month.', 'improved')).toBe(false);
  });
});

describe('stated absences with or without a record word', () => {
  it.each([
    ['There is no mention of a home exercise program.', 'a home exercise program'],
    ['The physician makes no mention of prior epidural injections.', 'prior epidural injections'],
    ['The requesting provider made no mention of any trial of physical therapy.', 'any trial of physical therapy'],
    ['Dr. Patel does not mention radicular findings on examination.', 'radicular findings on examination'],
    ['No mention is made of a urine drug screen.', 'a urine drug screen'],
    ['The records make no mention of muscle spasm.', 'muscle spasm'],
  ])('"%s" states "%s" missing', (text, about) => {
    expect(findStatedGaps(text).map((g) => g.about)).toEqual([about]);
  });

  it('negates what an unworded mention statement names, over the words describing it', () => {
    const s = 'No mention is made of any ongoing complaints of lower extremity radicular symptoms.';
    expect(isNegated(s, s.indexOf('radicular'), s.indexOf('radicular') + 'radicular'.length)).toBe(true);
  });

  it('reads "the records do not mention X" once', () => {
    expect(findStatedGaps('The records do not mention a prior surgery.')).toHaveLength(1);
  });

  it('does not take a mention for a gap ("she mentions her pain is worse at night")', () => {
    expect(findStatedGaps('She mentions that her pain is worse at night.')).toEqual([]);
  });

  it('reads an unworded "no mention of functional improvement" as its documented absence', () => {
    const f = facts('There is no mention of functional improvement with the tramadol.');
    expect(notImproved(f)).toEqual([expect.objectContaining({ documentationGap: true })]);
    expect(f.statedGaps.map((g) => g.about)).toContain('functional improvement');
  });
});

// CPMTG, Opioids, indicators for addiction: "requests for early prescription refills" is behaviour the
// record reports, not a plan or a request for authorization.
describe('a worker\'s early refill request is reported behaviour, not a plan', () => {
  it.each(['He made two early refill requests in March.', 'She requested early refills twice this spring.', 'The patient has requested an early refill of hydrocodone.'])('"%s" is not a plan', (text) => {
    expect(classifySentence(text)).not.toBe('plan');
  });
  it('still reads a provider\'s request as a plan', () => {
    expect(classifySentence('A refill of hydrocodone is requested.')).toBe('plan');
    expect(classifySentence('Eight sessions of physical therapy were requested.')).toBe('plan');
  });
});
