import { describe, expect, it } from 'vitest';
import { parseTesseractTsv } from './tesseract-tsv.js';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (block: number, par: number, line: number, n: number, conf: number, text: string) => `5\t1\t${block}\t${par}\t${line}\t${n}\t0\t0\t10\t10\t${conf}\t${text}`;

describe('Tesseract TSV to page text', () => {
  it('joins words into lines, puts a blank line between paragraphs and averages the word confidences', () => {
    const tsv = [
      HEADER,
      '1\t1\t0\t0\t0\t0\t0\t0\t1275\t1650\t-1\t',
      word(1, 1, 1, 1, 96, 'Subjective:'),
      word(1, 1, 1, 2, 90, 'pain'),
      word(1, 1, 2, 1, 84, '7/10.'),
      '4\t1\t2\t1\t1\t0\t0\t0\t10\t10\t-1\t',
      word(2, 1, 1, 1, 50, 'Plan:'),
      word(2, 1, 1, 2, 60, 'therapy'),
    ].join('\n');
    const page = parseTesseractTsv(tsv);
    expect(page.text).toBe('Subjective: pain\n7/10.\n\nPlan: therapy');
    expect(page.words).toBe(5);
    expect(page.confidence).toBe(76);
  });

  it('a page without words is empty, with confidence 0', () => {
    expect(parseTesseractTsv(`${HEADER}\n1\t1\t0\t0\t0\t0\t0\t0\t1275\t1650\t-1\t\n`)).toEqual({ text: '', confidence: 0, words: 0 });
  });
});
