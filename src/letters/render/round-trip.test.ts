/**
 * The renderer's acceptance test: parse(render(letter)) deep-equals letter, for text and for PDF,
 * for the five seed letters and the 97 published 2016–2017 letters (read from ../shared, never
 * copied into the repository), and for hand-made letters whose citations carry no `raw` text (then
 * the composed wording must read back to the same structured fields).
 *
 * Known reader-side failures: none at the time of writing (all 102 letters round-trip in both
 * formats, with the same layout and the same warnings as the original reading).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Letter } from '../model.js';
import { letterSchema } from '../model.js';
import { extractPdfText, parseLetterText, readLetterFile } from '../read/index.js';
import { DEFAULT_REVIEW_ORGANIZATION } from '../organization.js';
import { citationText } from './format.js';
import { renderLetterPdf } from './pdf.js';
import { renderLetterText } from './text.js';
import { headerlessLetter, longLetter, sampleLetter } from './test-support/sample-letters.js';
import { pdfDir, listFiles, seedsDir } from '../../shared/test-support/shared-data.js';

const FIXED = new Date('2017-01-01T00:00:00Z');

async function viaPdf(letter: Letter) {
  return parseLetterText(await extractPdfText(await renderLetterPdf(letter, { creationDate: FIXED })));
}

function roundTripSuite(title: string, dir: string, files: string[]) {
  const missing = files.length === 0;
  if (missing) console.warn(`[round-trip] ${dir} is absent or empty: skipping "${title}" (put the shared letters next to the repository to run it)`);
  describe.skipIf(missing)(`${title}${missing ? ` (skipped: ${dir} not found)` : ''}`, () => {
    for (const f of files) {
      it(`${f}: parse(render(letter)) equals the letter, as text and as PDF`, async () => {
        const original = await readLetterFile(path.join(dir, f));
        // The reading is a valid letter: the renderer's input contract.
        expect(letterSchema.safeParse(original.letter).success).toBe(true);

        const fromText = parseLetterText(renderLetterText(original.letter));
        expect(fromText.letter).toEqual(original.letter);
        expect(fromText.layout).toBe(original.layout);
        expect(fromText.warnings).toEqual(original.warnings);

        const fromPdf = await viaPdf(original.letter);
        expect(fromPdf.letter).toEqual(original.letter);
        expect(fromPdf.layout).toBe(original.layout);
        expect(fromPdf.warnings).toEqual(original.warnings);
      });
    }
  });
}

roundTripSuite('round trip: the seed letters', seedsDir, listFiles(seedsDir, '.txt'));
roundTripSuite('round trip: the published 2016–2017 letters', pdfDir, listFiles(pdfDir, '.pdf'));

/**
 * The letter with each citation's `raw` replaced by the text the renderer composes for it, and the
 * organisation the renderer names (MAXIMUS Federal Services for a letter naming none).
 */
function withComposedRaw(letter: Letter): Letter {
  return {
    ...letter,
    reviewOrganization: letter.reviewOrganization ?? DEFAULT_REVIEW_ORGANIZATION,
    items: letter.items.map((it) => ({
      ...it,
      claimsAdministratorGuideline: {
        ...it.claimsAdministratorGuideline,
        raw: citationText(it.claimsAdministratorGuideline, 'claimsAdministrator'),
        alsoCites: it.claimsAdministratorGuideline.alsoCites.map((a) => ({ ...a, raw: expect.any(String) as unknown as string })),
      },
      reviewerGuideline: {
        ...it.reviewerGuideline,
        raw: citationText(it.reviewerGuideline, 'reviewer'),
        alsoCites: it.reviewerGuideline.alsoCites.map((a) => ({ ...a, raw: expect.any(String) as unknown as string })),
      },
    })),
  };
}

function unicodeLetter(): Letter {
  const l = sampleLetter();
  l.items[1].rationale = `Pain \u2265 7/10 and \u03b1-blockers \u2192 stopped; \u2264 2 visits. ${l.items[1].rationale}`;
  return l;
}

describe('round trip: hand-made letters (citations composed from their fields)', () => {
  const cases: Array<[string, Letter]> = [
    ['a 2016-style letter with three items', sampleLetter()],
    ['a letter without header block, with a subspecialty', headerlessLetter()],
    ['a nine-item letter over several pages', longLetter(9)],
    ['a letter with characters the standard PDF fonts lack (embedded font)', unicodeLetter()],
    ['a letter issued by another organisation (Golden State Medical Review, Inc.)', { ...sampleLetter(), reviewOrganization: 'Golden State Medical Review, Inc.' }],
    ['a headerless nine-item letter issued by another organisation', { ...longLetter(9), header: null, reviewOrganization: 'Pacific Coast IMR Services LLC' }],
  ];
  for (const [name, letter] of cases) {
    it(`${name}: as text`, () => {
      const back = parseLetterText(renderLetterText(letter));
      expect(back.warnings).toEqual([]);
      expect(back.layout).toBe(letter.header ? 'dwc-2016' : 'seed-2015');
      expect(back.letter).toEqual(withComposedRaw(letter));
    });
    it(`${name}: as PDF`, async () => {
      const back = await viaPdf(letter);
      expect(back.warnings).toEqual([]);
      expect(back.letter).toEqual(withComposedRaw(letter));
    });
  }

  it('a header block with unknown fields (even the case number) stays a header block with those fields unknown', async () => {
    const letter: Letter = {
      ...sampleLetter(),
      header: { caseNumber: null, dateAssigned: null, injuryDate: '2016-10-13', decisionDate: '2016-12-09', urDenialDate: null, priority: null, applicationReceived: null },
    };
    const fromText = parseLetterText(renderLetterText(letter));
    expect(fromText.layout).toBe('dwc-2016');
    expect(fromText.letter).toEqual(withComposedRaw(letter));
    expect((await viaPdf(letter)).letter).toEqual(withComposedRaw(letter));
  });

  it('a letter with the documents reviewed keeps them, one per entry, as text and as PDF', async () => {
    const documentsReviewed = [
      'Progress report dated 11/14/2016',
      'Utilization review dated 11/03/2016',
      `Medical records from the treating physician, including ${'the orthopedic and pain management consultation notes, '.repeat(2)}dated 2016`,
    ];
    const letter: Letter = { ...sampleLetter(), documentsReviewed };
    expect(parseLetterText(renderLetterText(letter)).letter.documentsReviewed).toEqual(documentsReviewed);
    expect((await viaPdf(letter)).letter.documentsReviewed).toEqual(documentsReviewed);
  });
});

/** A small deterministic generator (LCG), so that a failure names a reproducible seed. */
function generator(seed: number) {
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return { next, pick: <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)] };
}

/**
 * Words that are harmless inside a line but would be misread at a line break: a decision word
 * after a colon, a hyphen that a reader joins without a space, page furniture ("3 of 5"), a
 * rationale ending inside a request, a heading word.
 */
const TRICKY = ['request:', 'Upheld', 'Overturned', 'note:', '-', 'self-', 'x-', '3', 'of', '5', 'Page', 'necessary.', 'CLINICAL', 'CASE', 'SUMMARY', 'IMR', 'ISSUES,', 'Priority:', 'Case', 'Number:'];
const PLAIN = ['the', 'patient', 'reports', 'pain', 'in', 'lumbar', 'spine', 'with', 'radiation', 'and', 'treatment', 'was', 'documented', 'on', '11/14/2016', 'MRI', 'physical', 'therapy'];

function generatedText(g: ReturnType<typeof generator>, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(g.next() < 0.35 ? g.pick(TRICKY) : g.pick(PLAIN));
  return `${out.join(' ')} end.`;
}

function generatedLetter(seed: number): Letter {
  const g = generator(seed);
  const l = sampleLetter();
  return {
    ...l,
    urDecisionDate: null, // the generated summary states no utilization review date
    clinicalSummary: `The injured worker is a 48 year old male who sustained an industrial injury on 10-13-16. ${generatedText(g, 120)}\n\n${generatedText(g, 60)}`,
    items: l.items.map((it) => ({
      ...it,
      request: `${generatedText(g, 4 + Math.floor(g.next() * 30)).replace(/ end\.$/, '')} item`,
      rationale: `${generatedText(g, 80 + Math.floor(g.next() * 80))}\n\n${generatedText(g, 40)} Therefore the request is not medically necessary.`,
    })),
  };
}

describe('round trip: generated letters with structure-like words where lines break', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}: as text at several widths, and as PDF`, async () => {
      const letter = generatedLetter(seed);
      const expected = withComposedRaw(letter);
      for (const width of [50, 71, 88, 120]) expect(parseLetterText(renderLetterText(letter, { width })).letter).toEqual(expected);
      expect((await viaPdf(letter)).letter).toEqual(expected);
    });
  }
});
