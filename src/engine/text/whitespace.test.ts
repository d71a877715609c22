import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from './whitespace.js';

describe('collapseWhitespace', () => {
  // The promise: the same text as replacing every run of white space (\s+) with one space.
  const reference = (t: string) => t.replace(/\s+/g, ' ');

  it('gives what replacing each run of white space with one space gives', () => {
    const texts = [
      '',
      ' ',
      'one two',
      'one  two',
      'line one\nline two',
      'tab\there',
      'mixed \n\t runs\r\n\r\nand  ends  ',
      '\u00a0no-break\u2003em space\u3000',
      ' \u00a0 ',
      'a\fb\vc',
    ];
    for (const t of texts) expect(collapseWhitespace(t)).toBe(reference(t));
  });

  it('leaves a text whose spaces are all single as it is', () => {
    expect(collapseWhitespace('Physical therapy was requested for the knee.')).toBe('Physical therapy was requested for the knee.');
  });

  it('agrees with the reference on generated texts', () => {
    const pieces = ['a', 'bc', ' ', '  ', '\n', '\t', '\u00a0', '.', '\r\n'];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let t = '';
      for (let k = 0; k < 12; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        t += pieces[seed % pieces.length];
      }
      expect(collapseWhitespace(t)).toBe(reference(t));
    }
  });
});
