import { describe, expect, it } from 'vitest';
import { isNegated, negatedNormal } from './negation.js';
import { extractFacts, type CaseFacts } from './index.js';

const facts = (text: string): CaseFacts => extractFacts([{ name: 'note', text }]);
const negatedAt = (sentence: string, word: string) => {
  const i = sentence.indexOf(word);
  return isNegated(sentence, i, i + word.length);
};

describe('NegEx-style negation (trigger lists as data)', () => {
  it('pre-negation within the window', () => {
    expect(negatedAt('She denies numbness and tingling.', 'tingling')).toBe(true);
    expect(negatedAt('There is no evidence of instability.', 'instability')).toBe(true);
  });
  it('pseudo-negation negates nothing: "not only"', () => {
    const s = 'Not only did she improve with therapy, she returned to work.';
    expect(negatedAt(s, 'improve')).toBe(false);
    const f = facts(s);
    expect(f.functionalImprovement.statements.length).toBeGreaterThan(0);
    expect(f.functionalImprovement.statements.every((x) => x.polarity === 'improved')).toBe(true);
  });
  it('termination at a new clause: "no increase in pain and she reported improvement"', () => {
    const s = 'There was no increase in pain and she reported improvement in her walking.';
    expect(negatedAt(s, 'improvement')).toBe(false);
    expect(facts(s).functionalImprovement).toMatchObject({ status: 'documented', statements: [{ polarity: 'improved' }] });
    expect(negatedAt('No numbness, but she reports weakness.', 'weakness')).toBe(false);
  });
  it('termination at a new subject that reports: "negative and the orthopedist documents a suspected fracture"', () => {
    const s = 'Radiographs were negative and the orthopedist documents a suspected occult scaphoid fracture.';
    expect(negatedAt(s, 'suspected occult scaphoid fracture')).toBe(false);
    expect(negatedAt('Radiographs were negative for fracture.', 'fracture')).toBe(true);
  });
  it('"rule out X" is a suspicion of X, "ruled out" excludes it', () => {
    expect(negatedAt('MRI ordered to rule out a scaphoid fracture.', 'scaphoid fracture')).toBe(false);
    expect(negatedAt('A scaphoid fracture was ruled out on CT.', 'scaphoid fracture')).toBe(true);
    expect(negatedAt('CT ruled out a scaphoid fracture.', 'scaphoid fracture')).toBe(true);
  });
  it('a negated normal finding is an abnormal finding: "sensation is not intact"', () => {
    expect(negatedNormal(' is not intact in the L5 dermatome')).toBe(true);
    expect(negatedNormal(' is intact')).toBe(false);
    const f = facts('Sensation is not intact in the left L5 dermatome.');
    expect(f.neuroDeficits).toMatchObject([{ kind: 'sensory_deficit', negated: false }]);
    expect(facts('Sensation is intact in the left L5 dermatome.').neuroDeficits).toMatchObject([{ kind: 'sensory_deficit', negated: true }]);
  });
  it('the absence of one symptom is not the absence of every neurological deficit', () => {
    const f = facts('She denies numbness. On examination there is decreased sensation in the right C6 dermatome.');
    expect(f.neuroDeficits.filter((d) => d.negated).map((d) => d.kind)).toEqual(['numbness']);
    expect(f.neuroDeficits.filter((d) => !d.negated).map((d) => d.kind)).toEqual(['sensory_deficit']);
    expect(f.neuroExamOverall).toEqual([]);
    expect(facts('He denies numbness or tingling.').neuroExamOverall).toEqual([]);
    expect(facts('She is neurologically intact in both lower extremities.').neuroExamOverall).toMatchObject([{ negated: true }]);
    expect(facts('There are no focal neurological deficits.').neuroExamOverall).toMatchObject([{ negated: true }]);
  });
});
