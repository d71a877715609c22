import { describe, expect, it } from 'vitest';
import { MultiMatcher, type MultiHit } from './multi-matcher.js';

/** Reference: every pattern tried at every position, as the matcher promises. */
function bruteForce(sources: string[], text: string, wholeWords: boolean): { start: number; text: string; id: number }[] {
  const out: { start: number; text: string; id: number }[] = [];
  for (let at = 0; at < text.length; at++) {
    if (at > 0 && /[A-Za-z0-9]/.test(text[at - 1])) continue;
    sources.forEach((src, id) => {
      const re = new RegExp(wholeWords ? `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])` : `(?:${src})`, 'iy');
      re.lastIndex = at;
      const m = re.exec(text);
      if (m && m[0].length > 0) out.push({ start: at, text: m[0], id });
    });
  }
  return out;
}

describe('MultiMatcher', () => {
  const sources = [
    'physical therap(y|ies|ist)|physiotherapy|\\bPT\\b',
    '(spine|spinal|knee)?\\s*surg(ery|ical|eon)\\s+(evaluation|consult(ation)?)',
    '\\b(?:no|not) (?:improvement|change)\\b',
    'chiro\\w*|chiropract\\w*',
    'knees?|patella\\w*',
    '(?<![\\d/.])(\\d{1,2})\\s*\\/\\s*10\\b',
    'Ärzt\\w*',
    '(?:spine|knee)?\\s*surg(?:ery|eon)\\s+consult',
    '\\b[0-4][+-]?(?:\\/| of | out of )5\\b',
    'C[1-7](\\s*-\\s*C?[1-7])?',
    'x{2,3}y|(?:ab){0,2}c\\d',
    'home\\s+exercise(?: program)?',
  ];
  const texts = [
    'She had 12 PT visits and Physiotherapy; knee surgery consultation was requested.',
    'Spinal surgery evaluation. No improvement with chiropractic care, pain 7/10, 8 / 10 at rest.',
    'PTSD is not PT; the patellar tendon and KNEES. Not change.',
    'Ärztin saw her; ÄRZTE notes 10/10/2016 and 5/10.',
    '',
    'x',
    'Knee\u00a0 surgery   consult;  surgeon\tconsult, (  SURGERY\n consult) spinesurgeon consult',
    'Strength 4+/5, 3 of 5 and 4- out of 5; C5 - C6, c5-7, C5\t-\u2003c6. xxxy xxy ababc1 c2 abc',
    'HOME\u00a0\u00a0EXERCISE program; home  exercise; homeexercise',
  ];
  for (const wholeWords of [true, false]) {
    it(`finds exactly what trying every pattern at every word start finds (wholeWords=${wholeWords})`, () => {
      const mm = new MultiMatcher(sources.map((source, id) => ({ source, data: id })), wholeWords, true);
      for (const text of texts) {
        const got = mm.all(text).map((h) => ({ start: h.start, text: h.text, id: h.data }));
        const want = bruteForce(sources, text, wholeWords);
        const key = (h: { start: number; id: number }) => h.start * 100 + h.id;
        expect(got.sort((a, b) => key(a) - key(b))).toEqual(want.sort((a, b) => key(a) - key(b)));
      }
    });
  }

  it('wraps an entry to whole words by its own setting, whatever the matcher’s', () => {
    const mixed = new MultiMatcher(sources.map((source, id) => ({ source, data: id, wholeWords: id % 2 === 0 })), false, true);
    for (const text of texts) {
      const got = mixed.all(text).map((h) => ({ start: h.start, text: h.text, id: h.data }));
      const want = [...bruteForce(sources, text, true).filter((h) => h.id % 2 === 0), ...bruteForce(sources, text, false).filter((h) => h.id % 2 === 1)];
      const key = (h: { start: number; id: number }) => h.start * 100 + h.id;
      expect(got.sort((a, b) => key(a) - key(b))).toEqual(want.sort((a, b) => key(a) - key(b)));
    }
  });

  it('keeps each pattern’s own capture groups', () => {
    const mm = new MultiMatcher([{ source: '(\\d{1,2})\\s*\\/\\s*10\\b', data: 'pain' }], false, true);
    const [hit] = mm.all('pain 7/10 today');
    expect(hit.match[1]).toBe('7');
  });
});

describe('MultiMatcher.firstStarts', () => {
  const sources = ['\\bphysical therapy\\b', '\\b(?:MRI|CT scan)\\b', '\\bwalk(?:s|ed)? \\d+ blocks\\b', '\\bfail(?:ed|s)?\\b', 'x?'];
  const texts = [
    'She failed physical therapy; an MRI was done.',
    'Walks 4 blocks now. CT scan of the knee. Physical  therapy helped.',
    'No imaging.',
    'FAILSAFE walking 2 blocks',
    '',
  ];
  it('tells for each pattern the first position where its test matches, as each regex alone does', () => {
    const m = new MultiMatcher(sources.map((source, i) => ({ source, data: i })), false, false);
    for (const text of texts) {
      const first = m.firstStarts(text);
      sources.forEach((src, i) => {
        const hit = new RegExp(src, 'i').exec(text);
        expect(first[i], `${src} in "${text}"`).toBe(hit ? hit.index : -1);
      });
    }
  });
  it('with word starts only, finds the same for patterns that start at a word', () => {
    const wordSources = sources.slice(0, 4);
    const m = new MultiMatcher(wordSources.map((source, i) => ({ source, data: i })), false, true);
    for (const text of texts) {
      const first = m.firstStarts(text);
      wordSources.forEach((src, i) => expect(first[i] >= 0, `${src} in "${text}"`).toBe(new RegExp(src, 'i').test(text)));
    }
  });
  it('tells the same in one pass with other patterns (allInto with firsts), leaving the others\' hits unchanged', () => {
    const wordSources = sources.slice(0, 4);
    const others = ['\\b(?:knee|shoulder)\\b', '\\bblocks?\\b'];
    const both = new MultiMatcher([...others, ...wordSources].map((source, i) => ({ source, data: i })), false, true);
    const alone = new MultiMatcher(others.map((source, i) => ({ source, data: i })), false, true);
    const tested = new MultiMatcher(wordSources.map((source, i) => ({ source, data: i })), false, true);
    const firsts = new Int32Array(wordSources.length);
    for (const text of texts) {
      const hits: MultiHit<number>[] = [];
      both.allInto(text, null, [hits], firsts, others.length);
      expect(hits, text).toEqual(alone.all(text));
      expect([...firsts], text).toEqual([...tested.firstStarts(text)]);
    }
  });
});
