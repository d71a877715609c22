import { describe, expect, it } from 'vitest';
import { RATIONALE_ENDING, endsLikeStructure, startsLikeStructure, wrapWords } from './wrap.js';

const measure = (s: string) => s.length;

describe('wrapWords', () => {
  it('breaks at spaces within the width, and the lines joined with spaces give the text back', () => {
    const text = 'The injured worker reports low back pain radiating to the left leg, rated 6 on a 10-point scale.';
    const lines = wrapWords(text, { width: 30, measure });
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(lines.join(' ')).toBe(text);
  });

  it('leaves the first line shorter for a label', () => {
    const lines = wrapWords('aaa bbb ccc ddd eee', { width: 11, firstWidth: 4, measure });
    expect(lines).toEqual(['aaa', 'bbb ccc ddd', 'eee']);
  });

  it('puts a word longer than the line on a line of its own', () => {
    expect(wrapWords('a https://example.org/a/very/long/address b', { width: 10, measure })).toEqual([
      'a',
      'https://example.org/a/very/long/address',
      'b',
    ]);
  });

  it('never ends a line like a decision line', () => {
    const text = 'The prior review said the request: Upheld on appeal, and then more words follow here.';
    for (let width = 20; width <= 60; width++) {
      const lines = wrapWords(text, { width, measure });
      for (const l of lines.slice(0, -1)) expect(l).not.toMatch(/(Upheld|Overturned)$/);
      expect(lines.join(' ')).toBe(text);
    }
  });

  it('never begins a wrapped line with a label a reader keys on', () => {
    const text = 'The treating physician wrote the words Decision rationale: in his note, and MAXIMUS guideline: too.';
    for (let width = 15; width <= 60; width++) {
      const lines = wrapWords(text, { width, measure });
      for (const l of lines.slice(1)) expect(startsLikeStructure(l)).toBe(false);
    }
  });

  it('keeps every label and heading a reader knows away from the start of a wrapped line', () => {
    const phrases = [
      'Claims Administrator guideline: x',
      'Subspecialty: x',
      'Sub-specialty: x',
      'State(s) of Licensure: x',
      'Certification(s)/Specialty: x',
      'CLINICAL CASE SUMMARY and',
      'HOW THE IMR FINAL',
      'IMR ISSUES, DECISIONS',
      'DOCUMENTS REVIEWED',
      'Page 3 of 5',
      'Application Received: 1',
      'UR Denial Date: 1',
      'Case Number: 1',
      'The Expert Reviewer has the following credentials:',
    ];
    for (const phrase of phrases) {
      expect(startsLikeStructure(phrase)).toBe(true);
      const text = `aaa bbb ccc dd ${phrase} zzz yyy`;
      for (let width = 8; width <= 40; width++) {
        const lines = wrapWords(text, { width, measure });
        for (const l of lines.slice(1)) expect(startsLikeStructure(l), `${phrase} at width ${width}`).toBe(false);
        expect(lines.join(' ')).toBe(text);
      }
    }
  });

  it('never ends a wrapped line with a hyphen, which a reader would join without a space', () => {
    const text = 'pain rated 6 - 8 on a scale and x - y - z and more - words - here';
    for (let width = 5; width <= 40; width++) {
      const lines = wrapWords(text, { width, measure });
      for (const l of lines.slice(0, -1)) expect(l).not.toMatch(/-$/);
    }
  });

  it('avoids the line endings the caller names', () => {
    const text = 'Follow-up visit if medically necessary. with the pain management physician';
    for (let width = 12; width <= 50; width++) {
      const lines = wrapWords(text, { width, measure, avoidEnd: RATIONALE_ENDING });
      for (const l of lines.slice(0, -1)) expect(RATIONALE_ENDING.test(l)).toBe(false);
    }
  });

  it('recognises the structure it avoids', () => {
    expect(endsLikeStructure('MRI of the knee: Upheld')).toBe(true);
    expect(endsLikeStructure('self-')).toBe(true);
    expect(endsLikeStructure('an ordinary line')).toBe(false);
    expect(startsLikeStructure('Claims Administrator guideline: x')).toBe(true);
    expect(startsLikeStructure('CLINICAL CASE SUMMARY')).toBe(true);
    expect(startsLikeStructure('The clinical case summary')).toBe(false);
    expect(startsLikeStructure('Golden State Medical Review guideline: x')).toBe(true);
    expect(startsLikeStructure('ODG guideline: x')).toBe(true);
    expect(startsLikeStructure('guideline: x')).toBe(false);
  });

  it("never begins a wrapped line with another organisation's guideline label", () => {
    const text = 'The prior review quoted the Golden State Medical Review guideline: and the ODG guideline: in full.';
    for (let width = 10; width <= 70; width++) {
      const lines = wrapWords(text, { width, measure });
      for (const l of lines.slice(1)) expect(startsLikeStructure(l), `width ${width}: ${l}`).toBe(false);
      expect(lines.join(' ')).toBe(text);
    }
  });
});
