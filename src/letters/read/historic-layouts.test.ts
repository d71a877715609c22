import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterSchema, type Letter, type LetterLayout } from '../model.js';
import { parseLetterText } from './index.js';
import { fixturesDir } from './test-support/shared-data.js';

/** Reads a synthetic fixture and adds the test that it is recognised as `layout`, without warnings, into a valid letter. */
function readFixture(name: string, expectedLayout: LetterLayout): Letter {
  const { letter, layout, warnings } = parseLetterText(readFileSync(path.join(fixturesDir, name), 'utf8'));
  it(`is recognised as ${expectedLayout} and read without warnings into a valid letter`, () => {
    expect(layout).toBe(expectedLayout);
    expect(warnings).toEqual([]);
    expect(letterSchema.safeParse(letter).success).toBe(true);
  });
  return letter;
}

describe('the 2013 "Notice of Independent Medical Review Determination" (synthetic fixture)', () => {
  const letter = readFixture('notice-2013.txt', 'notice-2013');

  it('reads the notice header, the dates of the rationale section and the reviewer', () => {
    expect(letter.header).toEqual({
      caseNumber: 'CM13-0099001',
      dateAssigned: '2013-09-16',
      injuryDate: '2013-04-02',
      decisionDate: '2013-11-18',
      urDenialDate: '2013-08-26',
      priority: null,
      applicationReceived: '2013-09-09',
    });
    expect(letter.urDecisionDate).toBe('2013-08-26');
    expect(letter.imrApplicationDate).toBe('2013-09-09');
    expect(letter.reviewer).toEqual({ licensure: ['California', 'Nevada'], specialty: 'Orthopedic Surgery', subspecialty: null });
    expect(letter.worker).toEqual({ age: 41, sex: 'female', injuryDate: '2013-04-02' });
    expect(letter.documentsReviewed).toHaveLength(4);
    expect(letter.documentsReviewed![2]).toBe('Progress notes dated 5/6/2013 to 8/12/2013');
  });

  it('cuts items by the numbered determinations, each with its own guidelines and rationale', () => {
    expect(letter.items.map((i) => [i.request, i.decision])).toEqual([
      ['physical therapy two times a week for six weeks for the lumbar spine', 'Upheld'],
      ['an MRI of the lumbar spine without contrast', 'Overturned'],
    ]);
    const [pt, mri] = letter.items;
    expect(pt.claimsAdministratorGuideline).toMatchObject({ source: 'MTUS-CPMTG', topic: 'Physical Medicine', pages: [98, 99], edition: null });
    expect(pt.reviewerGuideline).toMatchObject({ source: 'MTUS-CPMTG', edition: 2009, pages: [98, 99] });
    expect(pt.rationale).toMatch(/^The guidelines allow for fading/);
    expect(pt.rationale).toMatch(/is not\s+medically necessary and appropriate\.$/);
    expect(pt.rationale.split('\n\n')).toHaveLength(2);
    expect(mri.claimsAdministratorGuideline.source).toBe('NONE');
    expect(mri.reviewerGuideline).toMatchObject({ source: 'MTUS-ACOEM', edition: 2004, topic: 'Low Back Complaints, Chapter 12', pages: [303, 304] });
    expect(mri.rationale).toMatch(/^Unequivocal objective findings.*is medically necessary and appropriate\.$/s);
  });
});

describe('the "MEDICAL PROFESSIONAL REVIEW" form (synthetic fixture)', () => {
  const letter = readFixture('mpr-form.txt', 'mpr-form');

  it('reads the form fields and the reviewer qualifications', () => {
    expect(letter.header).toMatchObject({ caseNumber: 'CM13-0099002', injuryDate: '2012-01-15', decisionDate: '2013-10-02' });
    expect(letter.reviewer).toEqual({ licensure: ['California'], specialty: 'Anesthesiology', subspecialty: 'Pain Management' });
    expect(letter.worker).toEqual({ age: 52, sex: 'male', injuryDate: '2012-01-15' });
    expect(letter.urDecisionDate).toBe('2013-08-20');
    expect(letter.imrApplicationDate).toBe('2013-08-29');
    expect(letter.documentsReviewed).toEqual([
      'Utilization review determination, 08/20/2013',
      'Primary treating physician progress reports, 03/2013 to 08/2013',
      'Acupuncture notes, 05/2013 to 07/2013',
    ]);
    expect(letter.clinicalSummary).toMatch(/^The claimant is a 52-year-old male/);
  });

  it('cuts items by the decision lines of ISSUE AT DISPUTE (a wrapped request is one request)', () => {
    expect(letter.items.map((i) => [i.request, i.decision])).toEqual([
      ['Acupuncture two times a week for six weeks for the cervical spine', 'Upheld'],
      ['Tramadol 50 mg, one tablet every six hours as needed for pain, #60', 'Overturned'],
    ]);
    const [acu, tramadol] = letter.items;
    expect(acu.reviewerGuideline).toMatchObject({ source: 'MTUS-AMTG', edition: 2007, pages: [8, 9] });
    expect(tramadol.reviewerGuideline).toMatchObject({ source: 'MTUS-CPMTG', edition: 2009, topic: 'Opioids, criteria for use', pages: [76, 77, 78, 79, 80] });
    // The form does not state the claims administrator's guideline.
    expect(acu.claimsAdministratorGuideline).toMatchObject({ source: 'NONE', raw: '' });
    expect(acu.rationale).toMatch(/^Acupuncture may be extended.*not medically necessary\.$/);
    expect(tramadol.rationale).toMatch(/^Opioids may be continued.*tramadol is medically\s+necessary\.$/);
  });
});
