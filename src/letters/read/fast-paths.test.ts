import { describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { decodeLetterBytes } from './read-letter-file.js';
import { isJsSpace, trimEndWith } from './trim.js';
import { joinLines } from './clean-text.js';
import { parseLetterDate } from './dates.js';

// The reader's hot paths replace patterns and library calls with hand-written loops; each must give
// exactly what the code it replaced gave, which these tests compare against that code.

describe('trimEndWith', () => {
  it('gives what s.replace(/[stops\\s]+$/, "") gives, for stops, spaces of every kind and none', () => {
    const pieces = ['a', 'Low Back', '.', ';', ',', ' ', '  ', '\t', '\n', '\u00A0', '\u2003', '\uFEFF', ':', ')'];
    const strings: string[] = [''];
    for (const a of pieces) for (const b of pieces) for (const c of pieces) strings.push(a + b + c);
    for (const s of strings) {
      expect(trimEndWith(s, '.;,')).toBe(s.replace(/[.;,\s]+$/, ''));
      expect(trimEndWith(s, '.;')).toBe(s.replace(/[.;\s]+$/, ''));
    }
  });

  it('knows every character that \\s matches', () => {
    for (let c = 0; c < 0x10000; c++) expect(isJsSpace(c)).toBe(/\s/.test(String.fromCharCode(c)));
  });
});

describe('joinLines', () => {
  it('joins a word hyphenated across lines without a space, however short the lines are', () => {
    expect(joinLines(['physio-', 'therapy'])).toBe('physio-therapy');
    expect(joinLines(['Grade 2 -', 'mild'])).toBe('Grade 2 - mild');
    expect(joinLines(['a', 'b', 'c'])).toBe('a b c');
    // A one-character line: the character before the join is the one before that line.
    expect(joinLines(['x-', '-', 'y'])).toBe('x-- y');
    expect(joinLines(['x', '-', 'y'])).toBe('x - y');
    expect(joinLines(['left', '-', 'right'])).toBe('left - right');
    expect(joinLines(['MRI', '', 'of the knee'])).toBe('MRI of the knee');
  });
});

describe('parseLetterDate', () => {
  it('accepts real days only, leap days included, and reads two-digit years as 19xx/20xx', () => {
    expect(parseLetterDate('2/29/2016')).toBe('2016-02-29');
    expect(parseLetterDate('2/29/2015')).toBeNull();
    expect(parseLetterDate('2/29/1900')).toBeNull();
    expect(parseLetterDate('2/29/2000')).toBe('2000-02-29');
    expect(parseLetterDate('4/31/2016')).toBeNull();
    expect(parseLetterDate('13/01/2016')).toBeNull();
    expect(parseLetterDate('0/10/2016')).toBeNull();
    expect(parseLetterDate('10-13-16')).toBe('2016-10-13');
    expect(parseLetterDate('3/21/94')).toBe('1994-03-21');
    expect(parseLetterDate('January 5, 2015')).toBe('2015-01-05');
    expect(parseLetterDate('1/5/0050')).toBeNull(); // a year Date.UTC would read as 1950
  });
});

describe('decodeLetterBytes', () => {
  // The same bytes at every alignment: the word-at-a-time test of the first 4 KiB must agree with a byte-by-byte count.
  function at(offset: number, bytes: number[]): Uint8Array {
    const buf = new Uint8Array(bytes.length + offset);
    buf.set(bytes, offset);
    return buf.subarray(offset);
  }
  const text = Array.from(Buffer.from('Decision rationale: the request is not medically necessary.\n'.repeat(40)));

  it('reads text at any alignment in memory', () => {
    for (let o = 0; o < 4; o++) expect(decodeLetterBytes(at(o, text))).toBe(String.fromCharCode(...text));
  });

  it('rejects bytes with a NUL, or more than 5% control characters, at any alignment', () => {
    const withNul = [...text];
    withNul[1001] = 0;
    const controls = text.map((b, i) => (i % 16 === 0 ? 0x01 : b)); // 6.25%
    const fewControls = text.map((b, i) => (i % 25 === 0 ? 0x01 : b)); // 4%
    for (let o = 0; o < 4; o++) {
      expect(() => decodeLetterBytes(at(o, withNul))).toThrow(ImrError);
      expect(() => decodeLetterBytes(at(o, controls))).toThrow(ImrError);
      expect(decodeLetterBytes(at(o, fewControls)).length).toBe(fewControls.length);
    }
  });
});
