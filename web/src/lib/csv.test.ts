import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and leaves plain cells alone', () => {
    expect(toCsv(['key', 'items'], [['MTUS-CPMTG / Opioids, long-term', 3], ['say "no"', null], ['a\nb', 0.25]])).toBe(
      'key,items\r\n"MTUS-CPMTG / Opioids, long-term",3\r\n"say ""no""",\r\n"a\nb",0.25\r\n',
    );
  });
});
