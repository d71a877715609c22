/**
 * An absent nerve conduction response is an abnormal study (synthetic sentences written for this test).
 * ACOEM 2004 Ch. 11 p. 270: carpal tunnel syndrome graded by nerve conduction; absent median responses are
 * its axonal loss, so "absent" there is a result, not a negation of what the sentence goes on to say.
 */
import { describe, expect, it } from 'vitest';
import { isNegated } from './negation.js';

const negatedAt = (sentence: string, words: string) => {
  const i = sentence.indexOf(words);
  return isNegated(sentence, i, i + words.length);
};

describe('"absent ... responses" in a nerve conduction report is a pseudo-negation', () => {
  it('does not negate the diagnosis the study goes on to state', () => {
    expect(negatedAt('The nerve conduction study shows absent median sensory responses consistent with severe carpal tunnel syndrome.', 'severe carpal tunnel syndrome')).toBe(false);
    expect(negatedAt('Electrodiagnostic testing found absent left ulnar motor action potentials with slowing across the elbow.', 'slowing')).toBe(false);
  });
  it('still negates what a plain "absent" precedes', () => {
    expect(negatedAt('Absent any weakness or atrophy on examination.', 'atrophy')).toBe(true);
    expect(negatedAt('Thenar atrophy is absent on examination.', 'Thenar atrophy')).toBe(true);
  });
});
