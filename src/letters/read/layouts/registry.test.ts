import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LETTER_LAYOUTS, type LetterLayout } from '../../model.js';
import { parseCitation } from '../citation.js';
import { letterLines } from '../clean-text.js';
import { parseLetterText } from '../parse-letter.js';
import { fixturesDir } from '../test-support/shared-data.js';
import type { LayoutDescriptor } from './descriptor.js';
import { findLayout, LAYOUTS } from './registry.js';

const fixture = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');

/** The published letters' header block, before the sections of the 2014–2015 letters. */
const HEADER_BLOCK = [
  'Case Number: CM16-0000001 Date Assigned: 11/07/2016',
  'Date of Injury: 06/02/2014 Decision Date: 12/09/2016',
  'UR Denial Date: 10/20/2016 Priority: Standard',
  'Application Received: 11/03/2016',
  '',
].join('\n');

/** One sample of each layout (synthetic). */
const SAMPLES: Record<string, string> = {
  'seed-2015': fixture('seed-2015-synthetic.txt'),
  'dwc-2016': HEADER_BLOCK + fixture('seed-2015-synthetic.txt'),
  'notice-2013': fixture('notice-2013.txt'),
  'mpr-form': fixture('mpr-form.txt'),
};

describe('the layout registry', () => {
  it('lists layouts of the model, each once, with a sample here', () => {
    const ids = LAYOUTS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(LETTER_LAYOUTS).toContain(id);
    expect(Object.keys(SAMPLES).sort()).toEqual([...ids].sort());
  });

  for (const layout of LAYOUTS) {
    it(`${layout.id}: detects its own sample and no other layout's`, () => {
      for (const [id, text] of Object.entries(SAMPLES)) expect(layout.detect(letterLines(text)), `${layout.id} on the ${id} sample`).toBe(id === layout.id);
    });
  }

  it('reads each sample in its layout, without warnings', () => {
    for (const [id, text] of Object.entries(SAMPLES)) {
      const parsed = parseLetterText(text);
      expect(parsed.layout).toBe(id);
      expect(parsed.warnings).toEqual([]);
    }
  });

  it('builds the header block of a published letter field by field', () => {
    expect(parseLetterText(SAMPLES['dwc-2016']).letter.header).toEqual({
      caseNumber: 'CM16-0000001',
      dateAssigned: '2016-11-07',
      injuryDate: '2014-06-02',
      decisionDate: '2016-12-09',
      urDenialDate: '2016-10-20',
      priority: 'Standard',
      applicationReceived: '2016-11-03',
    });
    expect(parseLetterText(SAMPLES['seed-2015']).letter.header).toBeNull();
    // A header block with a field missing: a warning that names it.
    const noPriority = SAMPLES['dwc-2016'].replace(' Priority: Standard', '');
    expect(parseLetterText(noPriority).warnings).toEqual(['header: no Priority']);
  });

  it('tries the titled layouts first: a 2013 notice that also carries a later heading is still a notice', () => {
    const notice = SAMPLES['notice-2013'].replace(/\n/, '\nCLINICAL CASE SUMMARY\n');
    expect(findLayout(letterLines(notice))?.id).toBe('notice-2013');
  });

  it('finds no layout for text that is no determination letter', () => {
    expect(findLayout(letterLines('Dear Sir,\nPlease find enclosed the records.\n'))).toBeNull();
    expect(() => parseLetterText('Dear Sir,\nPlease find enclosed the records.\n')).toThrow(expect.objectContaining({ code: 'IMR_ERR_LETTER_UNRECOGNIZED' }));
  });
});

describe('adding a layout', () => {
  // A layout the reader does not know: a one-page fax form. Its id stands for one that would be
  // added to LETTER_LAYOUTS with the layout's file.
  const FAX_TITLE = 'IMR DETERMINATION BY FAX';
  const fax: LayoutDescriptor = {
    id: 'fax-2012' as LetterLayout,
    detect: (lines) => lines[0] === FAX_TITLE,
    parse(lines, warnings) {
      const decision = /^Decision: (Upheld|Overturned)$/.exec(lines.find((l) => l.startsWith('Decision:')) ?? '');
      warnings.add('the fax form states no guidelines');
      return {
        reviewOrganization: null,
        header: null,
        reviewer: { licensure: [], specialty: null, subspecialty: null },
        worker: { age: null, sex: null, injuryDate: null },
        urDecisionDate: null,
        imrApplicationDate: null,
        clinicalSummary: '',
        documentsReviewed: null,
        items: [
          {
            request: lines.find((l) => l.startsWith('Request: '))!.slice('Request: '.length),
            decision: decision![1] as 'Upheld' | 'Overturned',
            claimsAdministratorGuideline: parseCitation(''),
            reviewerGuideline: parseCitation(''),
            rationale: lines.find((l) => l.startsWith('Rationale: '))!.slice('Rationale: '.length),
          },
        ],
      };
    },
  };
  const FAX = `${FAX_TITLE}\nRequest: MRI of the left knee\nDecision: Overturned\nRationale: The criteria are met.\n`;

  it('is adding its descriptor to the registry: the reader then reads letters of that layout, with their warnings', () => {
    expect(() => parseLetterText(FAX)).toThrow(expect.objectContaining({ code: 'IMR_ERR_LETTER_UNRECOGNIZED' }));
    const parsed = parseLetterText(FAX, { layouts: [...LAYOUTS, fax] });
    expect(parsed.layout).toBe('fax-2012');
    expect(parsed.letter.items).toMatchObject([{ request: 'MRI of the left knee', decision: 'Overturned', rationale: 'The criteria are met.' }]);
    expect(parsed.warnings).toEqual(['the fax form states no guidelines']);
  });

  it('leaves the other layouts as they were', () => {
    for (const [id, text] of Object.entries(SAMPLES)) expect(parseLetterText(text, { layouts: [...LAYOUTS, fax] }).layout).toBe(id);
  });

  it('shares the checks every layout gets: a page that yields no text is refused whatever the layout', () => {
    const damaged = `${FAX}\f\n\f\nPage 3 of the fax.\n`;
    expect(() => parseLetterText(damaged, { layouts: [...LAYOUTS, fax] })).toThrow(expect.objectContaining({ code: 'IMR_ERR_LETTER_DAMAGED' }));
  });
});
