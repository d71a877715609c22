import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterSchema } from '../model.js';
import { readLetterFile } from './index.js';
import { haveSeeds, seedsDir } from './test-support/shared-data.js';

interface ExpectedCitation {
  source: string;
  name?: string;
  topic?: string | null;
  pages: number[];
  alsoCites?: Array<{ source: string; name?: string }>;
}
interface ExpectedLetter {
  file: string;
  reviewer: { licensure: string[]; specialty: string; subspecialty?: string };
  worker: { age: number | null; sex: string | null; injuryDate: string | null };
  urDecisionDate: string | null;
  imrApplicationDate: string | null;
  items: Array<{ request: string; decision: string; claimsAdministratorGuideline: ExpectedCitation; reviewerGuideline: ExpectedCitation }>;
}

const expected: ExpectedLetter[] = haveSeeds
  ? (JSON.parse(readFileSync(path.join(seedsDir, 'expected.json'), 'utf8')) as { letters: ExpectedLetter[] }).letters
  : [];

function citationView(c: { source: string; name: string | null; topic: string | null; pages: number[]; alsoCites: Array<{ source: string; name: string | null }> }, want: ExpectedCitation) {
  return {
    source: c.source,
    name: c.name,
    pages: c.pages,
    alsoCites: c.alsoCites.map((a) => ({ source: a.source, name: a.name })),
    ...('topic' in want ? { topic: c.topic } : {}),
  };
}

function expectedView(want: ExpectedCitation) {
  return {
    source: want.source,
    name: want.name ?? null,
    pages: want.pages,
    alsoCites: (want.alsoCites ?? []).map((a) => ({ source: a.source, name: a.name ?? null })),
    ...('topic' in want ? { topic: want.topic } : {}),
  };
}

describe.skipIf(!haveSeeds)('seed letters (layout seed-2015) parse to expected.json', () => {
  it('covers every seed listed', () => {
    expect(expected.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(expected.map((e) => [e.file, e] as const))('%s', (file, want) => {
    it('matches reviewer, worker, dates and every item', async () => {
      const got = await readLetterFile(path.join(seedsDir, file));
      expect(got.layout).toBe('seed-2015');
      expect(letterSchema.safeParse(got.letter).success).toBe(true);
      const l = got.letter;
      expect(l.header).toBeNull();
      expect(l.reviewer).toEqual({ licensure: want.reviewer.licensure, specialty: want.reviewer.specialty, subspecialty: want.reviewer.subspecialty ?? null });
      expect(l.worker).toEqual(want.worker);
      expect(l.urDecisionDate).toBe(want.urDecisionDate);
      expect(l.imrApplicationDate).toBe(want.imrApplicationDate);
      expect(l.items.map((i) => i.request)).toEqual(want.items.map((i) => i.request));
      expect(l.items.map((i) => i.decision)).toEqual(want.items.map((i) => i.decision));
      l.items.forEach((item, k) => {
        const w = want.items[k];
        expect(citationView(item.claimsAdministratorGuideline, w.claimsAdministratorGuideline), `item ${k + 1} claims administrator`).toEqual(expectedView(w.claimsAdministratorGuideline));
        expect(citationView(item.reviewerGuideline, w.reviewerGuideline), `item ${k + 1} reviewer`).toEqual(expectedView(w.reviewerGuideline));
        expect(item.rationale.length, `item ${k + 1} rationale`).toBeGreaterThan(50);
        // The rationale is this item's own: it ends a sentence and holds no other item's lines.
        expect(item.rationale).toMatch(/[.!?"]$/);
        expect(item.rationale).not.toMatch(/guideline:|: (?:Upheld|Overturned)\b|Decision rationale:/);
      });
    });
  });

  it('cleans the text: no page-break artefacts, no mojibake, wrapped lines joined', async () => {
    for (const want of expected) {
      const { letter } = await readLetterFile(path.join(seedsDir, want.file));
      const all = [letter.clinicalSummary, ...letter.items.map((i) => i.rationale)];
      for (const t of all) {
        expect(t).not.toMatch(/[\u00C2\u00C3\u00E2][\u0080-\u00BF]|\uFFFD/);
        expect(t).not.toMatch(/\n{3,}|[ \t]\n|\n[ \t]/);
        expect(t).not.toMatch(/\f/);
      }
      // The summary is prose, not the boilerplate lead-in.
      expect(letter.clinicalSummary).not.toMatch(/developed the following clinical case summary/);
    }
    const { letter } = await readLetterFile(path.join(seedsDir, '004_a85568a8f80c2df8.txt'));
    expect(letter.items[1].rationale.endsWith('is not medically necessary.')).toBe(true);
    // A sentence split by a page break in the middle is one paragraph again.
    const first = await readLetterFile(path.join(seedsDir, '000_82aa6a07caa57e33.txt'));
    expect(first.letter.clinicalSummary).toContain('reduction in the need for continued medical care');
  });
});
