import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { letterSchema } from '../model.js';
import { readLetterFile, type ParsedLetter } from './index.js';
import { fastPdfRuns } from './pdf-fast.js';
import { extractPdfText, extractWithPdfJs } from './pdf-text.js';
import { havePdfs, pdfFiles } from './test-support/shared-data.js';

/**
 * The truth for each published letter, computed without the reader: unpdf's own plain text
 * extraction (not our line reconstruction), and a regular expression for decision lines
 * ("…: Upheld" / "…: Overturned" at the end of a line, the word possibly on the next line).
 */
async function truthOf(file: string): Promise<{ decisions: string[]; text: string }> {
  const { text } = await extractText(new Uint8Array(readFileSync(file)), { mergePages: true });
  const decisions = [...text.matchAll(/:[ \t]*\n?[ \t]*(Upheld|Overturned)[ \t]*(?=\n|$)/g)].map((m) => m[1]);
  return { decisions, text };
}

const files = pdfFiles();

describe.skipIf(!havePdfs)('the 97 published 2016–2017 letters (layout dwc-2016)', () => {
  const parsed = new Map<string, ParsedLetter & { file: string }>();
  const truth = new Map<string, { decisions: string[]; text: string }>();

  beforeAll(async () => {
    for (const f of files) {
      truth.set(f, await truthOf(f));
      parsed.set(f, await readLetterFile(f));
    }
  }, 120_000);

  it('finds all 97 letters', () => {
    expect(files.length).toBe(97);
  });

  it('reads every letter without error or warning, as a valid letter', () => {
    for (const f of files) {
      const p = parsed.get(f)!;
      expect(p.layout, f).toBe('dwc-2016');
      expect(p.warnings, f).toEqual([]);
      expect(p.letter.reviewOrganization, f).toBe('MAXIMUS Federal Services');
      const check = letterSchema.safeParse(p.letter);
      expect(check.success, `${f}: ${check.error?.message}`).toBe(true);
    }
  });

  it('has one item per decision line, with the decision of each, in order (all 97)', () => {
    let total = 0;
    for (const f of files) {
      const want = truth.get(f)!.decisions;
      expect(want.length, `${f}: the truth regex found no decision line`).toBeGreaterThan(0);
      expect(parsed.get(f)!.letter.items.map((i) => i.decision), f).toEqual(want);
      total += want.length;
    }
    expect(total).toBe(196);
  });

  it('reads the header block: the case number is the file name, dates are in order', () => {
    for (const f of files) {
      const h = parsed.get(f)!.letter.header!;
      expect(h.caseNumber, f).toBe(path.basename(f, '.pdf'));
      expect(h.priority, f).toBe('Standard');
      for (const d of [h.dateAssigned, h.injuryDate, h.decisionDate, h.urDenialDate, h.applicationReceived]) expect(d, f).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(h.injuryDate! <= h.urDenialDate!, f).toBe(true);
      expect(h.applicationReceived! <= h.dateAssigned!, f).toBe(true);
      expect(h.dateAssigned! <= h.decisionDate!, f).toBe(true);
    }
  });

  it('reads the reviewer and the worker', () => {
    for (const f of files) {
      const l = parsed.get(f)!.letter;
      expect(l.reviewer.licensure.length, f).toBeGreaterThan(0);
      expect(l.reviewer.specialty, f).toBeTruthy();
      expect(l.worker.sex, f).toMatch(/^(male|female)$/);
      expect(l.worker.injuryDate, f).toBe(l.header!.injuryDate);
    }
  });

  it('keeps each request whole and each rationale with its item', () => {
    for (const f of files) {
      const { text } = truth.get(f)!;
      const flat = text.replace(/\s+/g, ' ');
      for (const item of parsed.get(f)!.letter.items) {
        // The request as written is in the letter (wrapped lines joined with a space).
        expect(flat.replace(/- /g, '-'), f).toContain(item.request.replace(/- /g, '-'));
        expect(item.request, f).not.toMatch(/guideline:|rationale:|medically necessary\./i);
        expect(item.rationale.length, f).toBeGreaterThan(40);
        expect(item.rationale, f).not.toMatch(/Claims Administrator guideline:|MAXIMUS guideline:|Decision rationale:|(?:^|\s)(?:Upheld|Overturned)$/m);
      }
    }
  });

  it('classifies the guideline lines: no evidence, outside of the MTUS, Section(s)', () => {
    const seen = { none: 0, nonMtus: 0, sections: 0 };
    for (const f of files) {
      for (const item of parsed.get(f)!.letter.items) {
        for (const c of [item.claimsAdministratorGuideline, item.reviewerGuideline]) {
          expect(c.raw, f).not.toBe('');
          // Each guideline line holds only itself: not the other guideline line, not the rationale.
          expect(c.raw, f).not.toMatch(/guideline:|Decision rationale:/);
          if (/did not cite any medical evidence/.test(c.raw)) {
            seen.none++;
            expect(c.source, c.raw).toBe('NONE');
          } else if (/outside of the MTUS/.test(c.raw)) {
            seen.nonMtus++;
            expect(c.source, c.raw).toBe('NON-MTUS');
            expect(c.name, c.raw).toBeTruthy();
          } else {
            expect(c.source, c.raw).toMatch(/^MTUS-/);
            expect(c.edition, c.raw).toBeGreaterThan(2000);
          }
          if (/Section\(s\):/.test(c.raw)) {
            seen.sections++;
            expect([c, ...c.alsoCites].some((r) => r.sections.length > 0), c.raw).toBe(true);
          }
          if (/Non-?\s?MTUS Citation Official Disability Guidelines/.test(c.raw)) expect([c, ...c.alsoCites].some((r) => r.name === 'ODG'), c.raw).toBe(true);
        }
      }
    }
    expect(seen.none).toBeGreaterThan(10);
    expect(seen.nonMtus).toBeGreaterThan(10);
    expect(seen.sections).toBeGreaterThan(100);
  });

  it('the fast PDF reader gives exactly the text pdf.js gives, or steps aside', async () => {
    let fast = 0;
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      const reference = await extractWithPdfJs(bytes);
      expect(await extractPdfText(bytes), f).toBe(reference);
      if (fastPdfRuns(bytes) !== null) fast++;
    }
    // Every published letter is simple enough for the fast path.
    expect(fast).toBe(files.length);
  });
});
