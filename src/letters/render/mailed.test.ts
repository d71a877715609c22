import { describe, expect, it } from 'vitest';
import type { Letter } from '../model.js';
import type { MailedLetter } from '../mailed-model.js';
import { extractPdfText, parseLetterText, parseMailedLetterText } from '../read/index.js';
import { APPEAL_GROUNDS } from './mailed-layout.js';
import { renderMailedHtml, renderMailedPdf, renderMailedText } from './mailed.js';
import { renderLetterHtml, renderLetterPdf, renderLetterText } from './index.js';
import { sampleLetter } from './test-support/sample-letters.js';

const FIXED = new Date('2017-01-01T00:00:00Z');

/** The sample letter as the reader reads it back (citations with their composed wording): the round trip's fixed point. */
function canonical(): Letter {
  return parseLetterText(renderLetterText({ ...sampleLetter(), reviewOrganization: 'Golden State Medical Review, Inc.' })).letter;
}

function mailed(determination: Letter = canonical()): MailedLetter {
  return {
    determination,
    mailing: {
      letterhead: { name: 'Golden State Medical Review, Inc.', lines: ['P.O. Box 1000', 'Sacramento, CA 95800'], phone: '(800) 555-0100' },
      date: '2016-12-09',
      claimNumber: 'CLM-2016-0042',
      employer: 'Acme Widgets, Inc.',
      addressees: [
        { role: 'injured worker', name: 'Pat Example', lines: ['12 Elm Street', 'Fresno, CA 93650'] },
        { role: 'claims administrator', name: 'Golden State Claims Services LLC', lines: [] },
        { role: 'requesting provider', name: 'Dr. Lee Rivera, M.D.', lines: ['Valley Spine Medical Group'] },
      ],
    },
  };
}

const CORRECTION = { supersedesVersion: 1, supersedesIssuedOn: '2016-12-09', reason: 'The rationale of item 2 named the wrong body part; it now names the lumbar spine.' };

describe('the determination as mailed', () => {
  it('carries the letterhead, date, addressees, claim and case numbers, each decision in plain words, final and binding, and the five grounds of appeal', async () => {
    const m = mailed();
    const text = renderMailedText(m);
    const pdfText = await extractPdfText(await renderMailedPdf(m, { creationDate: FIXED }));
    const html = renderMailedHtml(m);
    for (const out of [text, pdfText, html]) {
      for (const s of ['Golden State Medical Review, Inc.', 'P.O. Box 1000', '(800) 555-0100', 'December 9, 2016', 'Pat Example', '12 Elm Street', 'Golden State Claims Services LLC', 'Dr. Lee Rivera, M.D.', 'CLM-2016-0042', 'CM16-0000001']) {
        expect(out).toContain(s);
      }
      expect(out.replace(/\s+/g, ' ')).toContain('final and binding on all parties unless it is appealed');
      expect(out.replace(/\s+/g, ' ')).toContain('no later than 30 days after the date this determination was served (Labor Code section 4610.6(h)');
      // The reviewer stays anonymous: credentials only.
      expect(out).toContain('State(s) of Licensure:');
    }
    expect(html).toContain('<title>IMR Final Determination CM16-0000001 as mailed</title>');
    expect(html).not.toMatch(/<title>[^<]*Pat Example/);
  });

  for (const format of ['text', 'pdf'] as const) {
    it(`reads back (${format}) to the same determination, items and decisions, with its cover`, async () => {
      const m = mailed();
      const out = format === 'text' ? renderMailedText(m) : await extractPdfText(await renderMailedPdf(m, { creationDate: FIXED }));
      const back = parseMailedLetterText(out);
      expect(back.warnings).toEqual([]);
      expect(back.layout).toBe('dwc-2016');
      expect(back.letter).toEqual(m.determination);
      expect(back.cover.claimNumber).toBe('CLM-2016-0042');
      expect(back.cover.addressees).toEqual([
        { role: 'injured worker', name: 'Pat Example' },
        { role: 'claims administrator', name: 'Golden State Claims Services LLC' },
        { role: 'requesting provider', name: 'Dr. Lee Rivera, M.D.' },
      ]);
      expect(back.cover.decisions).toEqual(m.determination.items.map((i) => ({ request: i.request, decision: i.decision })));
      expect(back.cover.finalAndBinding).toBe(true);
      expect(back.cover.appealGrounds).toBe(APPEAL_GROUNDS.length);
      expect(back.cover.appealDays).toBe(30);
      expect(back.cover.correction).toBeNull();
      // The plain reader reads it as it reads a published letter.
      expect(parseLetterText(out).letter).toEqual(m.determination);
    });
  }

  it('warns when the cover and the determination disagree', () => {
    const m = mailed();
    const other = { ...m.determination, items: m.determination.items.map((i, k) => (k === 0 ? { ...i, decision: 'Overturned' as const } : i)) };
    const text = renderMailedText(m).split('HOW THE IMR FINAL DETERMINATION WAS MADE')[0] + renderLetterText(other).slice(renderLetterText(other).indexOf('HOW THE IMR FINAL DETERMINATION WAS MADE'));
    expect(parseMailedLetterText(text).warnings.join(' ')).toMatch(/cover's list of determinations does not match/);
  });

  it('wraps a long address line in the PDF instead of running off the page', async () => {
    const m = mailed();
    const long = `${'Building 7, Suite 1200, '.repeat(8)}Fresno, CA 93650`;
    m.mailing.addressees[0].lines = [long];
    const pdfText = await extractPdfText(await renderMailedPdf(m, { creationDate: FIXED }));
    expect(pdfText.replace(/\s+/g, ' ')).toContain(long);
    expect(pdfText.split('\n').some((l) => l.trim() === long)).toBe(false);
    expect(parseMailedLetterText(pdfText).letter).toEqual(m.determination);
  });
});

describe('a corrected letter', () => {
  const corrected = (): Letter => ({ ...canonical(), correction: CORRECTION });

  it('is headed as a correction, naming the version and date it supersedes and the reason, in text, HTML and PDF of both layouts', async () => {
    const letter = corrected();
    const outs = [
      renderLetterText(letter),
      renderLetterHtml(letter),
      await extractPdfText(await renderLetterPdf(letter, { creationDate: FIXED })),
      renderMailedText(mailed(letter)),
      renderMailedHtml(mailed(letter)),
      await extractPdfText(await renderMailedPdf(mailed(letter), { creationDate: FIXED })),
    ];
    for (const out of outs) {
      const flat = out.replace(/\s+/g, ' ');
      expect(flat).toContain('CORRECTED DETERMINATION');
      expect(flat).toContain('supersedes version 1, issued 12/09/2016. Reason for the correction: The rationale of item 2 named the wrong body part');
      // Once, at the head: before the determination's first section.
      expect(flat.indexOf('CORRECTED DETERMINATION')).toBeLessThan(flat.indexOf('HOW THE IMR FINAL DETERMINATION WAS MADE'));
      expect(flat.split('CORRECTED DETERMINATION').length).toBe(2);
    }
  });

  it('reads back with its correction (text and PDF, both layouts); an original reads back with none', async () => {
    const letter = corrected();
    for (const out of [renderLetterText(letter), await extractPdfText(await renderLetterPdf(letter, { creationDate: FIXED }))]) {
      const back = parseLetterText(out);
      expect(back.warnings).toEqual([]);
      expect(back.letter).toEqual(letter);
    }
    for (const out of [renderMailedText(mailed(letter)), await extractPdfText(await renderMailedPdf(mailed(letter), { creationDate: FIXED }))]) {
      const back = parseMailedLetterText(out);
      expect(back.warnings).toEqual([]);
      expect(back.letter).toEqual(letter);
      expect(back.cover.correction).toEqual(CORRECTION);
    }
    expect('correction' in parseLetterText(renderLetterText(canonical())).letter).toBe(false);
  });
});
