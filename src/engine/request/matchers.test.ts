import { describe, expect, it } from 'vitest';
import { findDrugs, findRegions, findTerms, findTermsAndRegions } from './matchers.js';

describe('findDrugs: drug names as whole words, longest first', () => {
  const names = (text: string) => findDrugs(text).map((d) => [d.text, d.entry.generic, d.isBrand]);

  it('reads a name of several words across spaces, "/", "-" and ".", and prefers the longest', () => {
    expect(names('Parafon Forte 500mg and hydrocodone bitartrate/acetaminophen 10/325')).toEqual([
      ['Parafon Forte', 'chlorzoxazone', true],
      ['hydrocodone bitartrate/acetaminophen', 'hydrocodone/acetaminophen', false],
    ]);
    expect(names('hydrocodone-APAP #60')).toEqual([['hydrocodone-APAP', 'hydrocodone/acetaminophen', false]]);
  });

  it('does not read a name across other punctuation, nor inside a word', () => {
    expect(names('Parafon, Forte')).toEqual([]);
    expect(names('Sominex and Flexerils')).toEqual([]);
  });

  it('reads a name run into its strength ("Norco10/325"), and only where letters come before the digits', () => {
    expect(names('Norco10/325 #90')).toEqual([['Norco', 'hydrocodone/acetaminophen', true]]);
    expect(findDrugs('Norco10/325')[0]).toMatchObject({ start: 0, end: 5 });
    expect(names('10Norco 2015 #60')).toEqual([]);
  });

  it('gives each mention its offsets in the text', () => {
    const text = 'Takes  Flexeril 10 mg and baclofen.';
    for (const d of findDrugs(text)) expect(text.slice(d.start, d.end)).toBe(d.text);
    expect(findDrugs(text).map((d) => d.entry.generic)).toEqual(['cyclobenzaprine', 'baclofen']);
  });
});

describe('findTermsAndRegions: both vocabularies in one pass', () => {
  it('finds what findTerms and findRegions find', () => {
    for (const text of [
      '12 sessions of physical therapy for the right shoulder, elbow and wrist',
      'MRI of the left knee without contrast',
      'Lumbar epidural steroid injection L4-5 bilaterally',
      'RUE and BLE EMG/NCV',
      'Acupuncture x 6',
      '',
    ]) {
      const both = findTermsAndRegions(text);
      expect(both.terms, text).toEqual(findTerms(text));
      expect(both.regions, text).toEqual(findRegions(text));
    }
  });
});
