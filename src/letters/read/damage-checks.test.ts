import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/test-support/run-cli.js';
import { ImrError } from '../../errors/imr-error.js';
import { extractPdfText, parseLetterText, type ParsedLetter } from './index.js';
import { havePdfs, pdfDir } from './test-support/shared-data.js';
import { tempFolder } from './test-support/temp-files.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());

function refusal(text: string): ImrError {
  try {
    parseLetterText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ImrError);
    return e as ImrError;
  }
  throw new Error('expected the letter to be refused');
}

const decisions = (p: ParsedLetter) => p.letter.items.map((i) => `${i.request}: ${i.decision}`);

describe.skipIf(!havePdfs)('a damaged published letter is never read as whole', () => {
  // CM17-0002106: three items over four pages; CM16-0213037: two items; CM17-0013716: four items, page 4 holds the end of the last.
  const text: Record<string, string> = {};
  beforeAll(async () => {
    for (const n of ['CM17-0002106', 'CM16-0213037', 'CM17-0013716']) text[n] = await extractPdfText(new Uint8Array(readFileSync(path.join(pdfDir, `${n}.pdf`))));
  });

  it('the letters used below read cleanly as published', () => {
    for (const t of Object.values(text)) expect(parseLetterText(t).warnings).toEqual([]);
    expect(decisions(parseLetterText(text['CM17-0002106']))).toEqual(['MRI of the left shoulder: Upheld', 'MRI of the cervical spine: Upheld', 'CT scan of the head: Upheld']);
  });

  it('the last decision line swapped with a section heading: reads with a warning that a part is out of place', () => {
    const lines = text['CM17-0002106'].split('\n');
    const heading = lines.findIndex((l) => /^CLINICAL CASE SUMMARY:?$/.test(l.trim()));
    const last = lines.findIndex((l) => l.trim() === 'CT scan of the head: Upheld');
    expect(heading).toBeGreaterThan(0);
    expect(last).toBeGreaterThan(heading);
    [lines[heading], lines[last]] = [lines[last], lines[heading]];
    const r = parseLetterText(lines.join('\n'));
    expect(r.warnings.join('\n')).toMatch(/the heading "CLINICAL CASE SUMMARY" comes after "IMR ISSUES, DECISIONS AND RATIONALES": a part of the letter is out of place/);
  });

  it('one decision line removed: reads with a warning that the item after item 1 lost its decision line, and --strict refuses it', async () => {
    const damaged = text['CM17-0002106'].replace(/^MRI of the cervical spine: Upheld\n/m, '');
    expect(damaged).not.toBe(text['CM17-0002106']);
    const r = parseLetterText(damaged);
    expect(r.letter.items).toHaveLength(2);
    expect(r.warnings).toEqual([
      'item 1 holds 2 decision rationales or claims administrator guidelines: the decision line of an item after it is missing; check that the letter is complete',
    ]);
    const f = tmp.file('lost-decision.txt', damaged);
    const strict = await runCli(['letter', 'parse', '--strict', f]);
    expect(strict.code).toBe(4);
    expect(strict.stderr).toContain('IMR_ERR_LETTER_WARNING');
    expect(strict.stderr).toContain('the decision line of an item after it is missing');
    // Without --strict the letter is read, and the warning shown.
    const lenient = await runCli(['letter', 'parse', f]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout + lenient.stderr).toContain('the decision line of an item after it is missing');
  });

  it('the first decision line removed: the paragraphs left before item 1 are reported', () => {
    const r = parseLetterText(text['CM17-0002106'].replace(/^MRI of the left shoulder: Upheld\n/m, ''));
    expect(r.warnings[0]).toMatch(/^a guideline or decision rationale stands before item 1: the decision line .* is missing/);
  });

  it('the real letter without its final period reads, with a warning (and strict refuses it)', async () => {
    const t = text['CM16-0213037'];
    const end = t.lastIndexOf('.');
    const r = parseLetterText(t.slice(0, end) + t.slice(end + 1));
    expect(decisions(r)).toEqual(decisions(parseLetterText(t)));
    expect(r.warnings).toEqual(['item 2 (the last): the last sentence of its decision rationale lacks its final period; check that the letter is complete']);
    const strict = await runCli(['letter', 'parse', '--strict', tmp.file('no-period.txt', t.slice(0, end) + t.slice(end + 1))]);
    expect(strict.code).toBe(4);
    expect(strict.stderr).toContain('lacks its final period');
  });

  it('a letter that stops inside its last sentence is still refused as truncated', () => {
    const t = text['CM16-0213037'];
    // "… determined to be not medically necessary." cut after "not" (a sentence cannot end there) and inside "necessary".
    for (const cut of [t.lastIndexOf(' medically'), t.lastIndexOf('necessary') + 4]) {
      const e = refusal(t.slice(0, cut));
      expect(e.code).toBe('IMR_ERR_LETTER_TRUNCATED');
      expect(e.message).toMatch(/item 2 \(the last\) stops in mid-sentence/);
    }
  });

  it('a page between others that yields no text is an error naming the page', () => {
    const pages = text['CM17-0002106'].split('\f');
    expect(pages.length).toBeGreaterThan(2);
    pages[1] = '\n\n';
    const e = refusal(pages.join('\f'));
    expect(e.code).toBe('IMR_ERR_LETTER_DAMAGED');
    expect(e.message).toBe(`page 2 of ${pages.length} yields no text (damaged?): what stood there would be missing; get a fresh copy of the file`);
  });

  it('a page read only in part (its end lost, the next page starting a new item) is reported', () => {
    // What pdf.js returns for a page whose content stream is damaged half-way: the page stops in mid-sentence.
    const t = text['CM17-0013716'];
    const from = t.indexOf('Decision rationale:', t.indexOf('Naproxen 500mg #60: Upheld')) + 60;
    const to = t.indexOf('Pantoprazole 20mg #30: Upheld');
    const r = parseLetterText(`${t.slice(0, from)}\n\f\n${t.slice(to)}`);
    expect(r.letter.items).toHaveLength(4);
    expect(r.warnings).toContain('item 1: its decision rationale stops in mid-sentence before item 2: part of the letter may be missing; check that the letter is complete');
    expect(r.warnings.some((w) => /^page \d+ stops in mid-sentence where the next page starts a new part/.test(w))).toBe(true);
  });

  it('an item copied twice, or a heading copied into the items, is reported', () => {
    const t = text['CM16-0213037'];
    const start = t.indexOf('MRI of the cervical spine without contrast: Upheld');
    const twice = t + '\n\n' + t.slice(start);
    expect(parseLetterText(twice).warnings).toContain('item 3 repeats the request and decision of item 2: part of the letter may be copied twice; check the letter');
    const heading = t.replace('MRI of the cervical spine without contrast: Upheld', 'IMR ISSUES, DECISIONS AND RATIONALES\nMRI of the cervical spine without contrast: Upheld');
    expect(parseLetterText(heading).warnings).toContain('the heading "IMR ISSUES, DECISIONS AND RATIONALES" appears twice: a part of the letter may be copied or out of place; check the letter');
  });

  it('a decision line merged into the next line is reported, not dropped silently', () => {
    const t = text['CM17-0002106'].replace(/^(MRI of the cervical spine: Upheld)\n+/m, '$1 ');
    const r = parseLetterText(t);
    expect(r.letter.items).toHaveLength(2);
    expect(r.warnings.join(' ')).toMatch(/stand inside a line, not at its end|the decision line of an item after it is missing/);
  });
});
