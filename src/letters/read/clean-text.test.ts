import { describe, expect, it } from 'vitest';
import { cleanText, fixMojibake, letterLines } from './index.js';

describe('fixMojibake', () => {
  it('turns UTF-8 read as Windows-1252 back into the characters meant', () => {
    expect(fixMojibake('the patient\u00e2\u20ac\u2122s knee, 50\u00c2\u00b0 flexion')).toBe('the patient\u2019s knee, 50\u00b0 flexion');
  });
  it('drops a stray sequence that decodes to no character a letter holds', () => {
    expect(fixMojibake('is not medically necessary. \u00e2\u00bf\u00bf')).toBe('is not medically necessary. ');
  });
  it('leaves genuine accented text alone', () => {
    expect(fixMojibake('Café, naïve, Ångström')).toBe('Café, naïve, Ångström');
  });
});

describe('letterLines', () => {
  it('reads double-spaced text: empty lines are line ends, a line of spaces is a paragraph break, page breaks vanish', () => {
    const text = ['First line of a', '', 'paragraph that goes on', '', '', '', 'after a page break.', '', ' ', '', 'Next paragraph.', '', ' ', ''].join('\n');
    const lines = letterLines(text);
    expect(lines).toEqual(['First line of a', 'paragraph that goes on', 'after a page break.', '', 'Next paragraph.']);
    expect(cleanText(lines)).toBe('First line of a paragraph that goes on after a page break.\n\nNext paragraph.');
  });

  it('reads single-spaced text: a blank line is a paragraph break; form feeds and page numbers are dropped', () => {
    const text = 'One line\r\ncontinues here,\r\n\f\r\nPage 2 of 3\r\nand ends.\r\n\r\nTwo. C5-\r\nC6 level.\n';
    const lines = letterLines(text);
    expect(lines).toEqual(['One line', 'continues here,', 'and ends.', '', 'Two. C5-', 'C6 level.']);
    expect(cleanText(lines)).toBe('One line continues here, and ends.\n\nTwo. C5-C6 level.');
  });
});
