import { describe, expect, it } from 'vitest';
import type { Letter } from '../model.js';
import { extractPdfText, parseLetterText } from '../read/index.js';
import { renderLetterPdf, renderLetterText } from '../render/index.js';
import { sampleLetter } from '../render/test-support/sample-letters.js';
import { personNamingReasons } from './names-a-person.js';
import { publicationOf, type CaseIdentifier } from './publication.js';

/** Everything intake entered about a (synthetic) case. */
const INTAKE: CaseIdentifier[] = [
  { kind: 'injured worker', value: 'Maria L. Gonzalez-Whitfield' },
  { kind: 'worker address', value: '4417 Alder Creek Road, Fresno, CA 93711' },
  { kind: 'claim number', value: 'WC-2016-884213' },
  { kind: 'date of birth', value: '1968-04-02' },
  { kind: 'employer', value: 'Sunvale Orchards, Inc.' },
  { kind: 'claims administrator', value: 'Redwood Claims Services' },
  { kind: 'insurer', value: 'Pacific Mutual Casualty' },
  { kind: 'requesting provider', value: 'Dr. Anand Thirumalai' },
  { kind: 'provider group', value: 'Valley Spine Associates' },
  { kind: 'provider NPI', value: '1234567893' },
  { kind: 'UR organization', value: 'Keystone Review Partners' },
  { kind: 'representative', value: 'Daniel Okonkwo-Reyes' },
];

/**
 * Every name entered at intake (and each word of a person's name), number and address: none may be in
 * the publication. An organisation is searched by its name (its words alone may be ordinary words:
 * "Valley", "Pacific").
 */
const SEARCHED = [
  ...INTAKE.map((i) => i.value.replace(/^Dr\. /, '').replace(/, Inc\.$/, '')),
  'Maria', 'Gonzalez', 'Whitfield', 'Anand', 'Thirumalai', 'Daniel', 'Okonkwo', 'Reyes',
  '4417 Alder Creek', 'Alder Creek Road', '884213', '04/02/1968', '4/2/68',
];

/** An issued letter whose free text names the parties as a careless summary would. */
function issuedLetter(): Letter {
  const base = sampleLetter();
  return {
    ...base,
    clinicalSummary:
      `Ms. Gonzalez-Whitfield (DOB 04/02/1968, claim WC-2016-884213) is a 48 year old female who was injured on 10-13-16 while working for Sunvale Orchards. ` +
      `She lives at 4417 Alder Creek Road, Fresno and can be reached at (559) 555-0142 or maria.gw@example.com; SSN 123-45-6789.\n\n` +
      `Dr. Thirumalai of Valley Spine Associates requested treatment. Maria reported pain rated 6 on a 10-point scale. ` +
      `Redwood Claims Services, for Pacific Mutual Casualty, sent the request to Keystone Review Partners, which did not certify it on 11-3-16. ` +
      `Her attorney, Daniel Okonkwo-Reyes, filed the application. Ms. Gonzalez's husband drives her to 120 Harbor View Drive for therapy.\n` +
      `Claim Number: 99-ABC-0001`,
    documentsReviewed: ['Medical record: Gonzalez-Whitfield PR2.pdf, date of service 11/01/2016', 'UR decision: Keystone Review Partners UR.pdf, received 11/09/2016'],
    items: base.items.map((item, k) => (k === 0 ? { ...item, request: 'MRI of the right shoulder without contrast, as ordered by Dr. Thirumalai', rationale: `Mrs. Gonzalez-Whitfield has had no trial of conservative care. ${item.rationale}` } : item)),
  };
}

describe('the publication of an issued letter', () => {
  const issued = issuedLetter();
  const pub = publicationOf(issued, INTAKE);

  it('holds none of the names, addresses or numbers entered at intake, nor phone, e-mail or SSN (searched one by one in the text and PDF)', async () => {
    const text = renderLetterText(pub.letter);
    const pdfText = await extractPdfText(await renderLetterPdf(pub.letter));
    for (const [label, rendered] of [['text', text], ['pdf', pdfText]] as const) {
      const flat = rendered.replace(/\s+/g, ' ').toLowerCase();
      for (const name of SEARCHED) expect(flat.includes(name.toLowerCase()), `${label} still holds "${name}"`).toBe(false);
      for (const p of ['(559) 555-0142', 'maria.gw@example.com', '123-45-6789', '120 Harbor View Drive', '99-ABC-0001']) expect(flat.includes(p.toLowerCase()), `${label} still holds "${p}"`).toBe(false);
    }
  });

  it('keeps the case number, dates, reviewer credentials, age and sex, summary and decisions', () => {
    expect(pub.letter.header).toEqual(issued.header);
    expect(pub.letter.reviewer).toEqual(issued.reviewer);
    expect(pub.letter.worker).toEqual(issued.worker);
    expect(pub.letter.items.map((i) => i.decision)).toEqual(issued.items.map((i) => i.decision));
    expect(pub.letter.items.slice(1)).toEqual(issued.items.slice(1));
    expect(pub.letter.clinicalSummary).toContain('is a 48 year old female who was injured on 10-13-16 while working for [employer]');
    expect(pub.letter.clinicalSummary).toContain('[provider] of [provider] requested treatment. [injured worker] reported pain rated 6 on a 10-point scale.');
    expect(pub.letter.items[0]!.request).toBe('MRI of the right shoulder without contrast, as ordered by [provider]');
    expect(pub.letter.documentsReviewed).toEqual(['Medical record: [injured worker] PR2.pdf, date of service 11/01/2016', 'UR decision: [UR organization] UR.pdf, received 11/09/2016']);
  });

  it('lists what it removed, field by field, for the signer to check', () => {
    const summary = pub.removed.filter((r) => r.field === 'clinicalSummary');
    expect(summary).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'injured worker', text: 'Ms. Gonzalez-Whitfield', replacement: '[injured worker]', count: 1 }),
      expect.objectContaining({ kind: 'date of birth', text: '04/02/1968' }),
      expect.objectContaining({ kind: 'claim number', text: 'WC-2016-884213' }),
      expect.objectContaining({ kind: 'telephone number', text: '(559) 555-0142' }),
      expect.objectContaining({ kind: 'e-mail address', text: 'maria.gw@example.com' }),
      expect.objectContaining({ kind: 'social security number', text: '123-45-6789' }),
      expect.objectContaining({ kind: 'street address', text: '120 Harbor View Drive' }),
      expect.objectContaining({ kind: 'labelled identifier', text: '99-ABC-0001' }),
      expect.objectContaining({ kind: 'representative', text: 'Daniel Okonkwo-Reyes' }),
    ]));
    expect(pub.removed.some((r) => r.field === 'items.0.rationale' && r.kind === 'injured worker')).toBe(true);
    expect(pub.removed.some((r) => r.field === 'items.0.request' && r.kind === 'requesting provider')).toBe(true);
    expect(pub.removed.filter((r) => r.field.startsWith('items.1') || r.field.startsWith('items.2'))).toEqual([]);
  });

  it('reads back with the project reader (text and PDF) to the same decisions, and passes the corpus check', async () => {
    for (const text of [renderLetterText(pub.letter), await extractPdfText(await renderLetterPdf(pub.letter))]) {
      const back = parseLetterText(text);
      expect(back.letter.items.map((i) => [i.request, i.decision])).toEqual(pub.letter.items.map((i) => [i.request, i.decision]));
      expect(back.letter.header?.caseNumber).toBe('CM16-0000001');
      expect(personNamingReasons(text)).toEqual([]);
    }
  });

  it('leaves a letter that names no one unchanged and removes nothing', () => {
    const clean = sampleLetter();
    const p = publicationOf(clean, INTAKE);
    expect(p.removed).toEqual([]);
    expect(p.letter).toEqual(clean);
  });

  it('takes a person by the whole name as written without title, credentials or middle initial', () => {
    const p = publicationOf({ ...sampleLetter(), clinicalSummary: 'Dr. Lee Rivera requested it. Lee Rivera later wrote again. Maria Gonzalez-Whitfield agreed.' }, [
      { kind: 'requesting provider', value: 'Dr. Lee Rivera, M.D.' },
      { kind: 'injured worker', value: 'Maria L. Gonzalez-Whitfield' },
    ]);
    expect(p.letter.clinicalSummary).toBe('[provider] requested it. [provider] later wrote again. [injured worker] agreed.');
    expect(p.removed.map((r) => r.text)).toEqual(['Maria Gonzalez-Whitfield', 'Dr. Lee Rivera', 'Lee Rivera']);
  });

  it('does not take short numbers for identifiers, nor numbers and words of the clinical text', () => {
    const p = publicationOf({ ...sampleLetter(), clinicalSummary: 'Physical therapy 12 sessions; pain 6/10 on 10-13-16; lumbar MRI 2016.' }, [{ kind: 'claims administrator', value: '12' }, { kind: 'injured worker', value: 'Lee Park' }]);
    expect(p.letter.clinicalSummary).toBe('Physical therapy 12 sessions; pain 6/10 on 10-13-16; lumbar MRI 2016.');
  });

  it('drops any field a mailed letter may add (only what a published letter holds is copied)', () => {
    const mailed = { ...sampleLetter(), addressees: ['Maria L. Gonzalez-Whitfield'], claimNumber: 'WC-2016-884213' } as Letter;
    expect(Object.keys(publicationOf(mailed, INTAKE).letter)).not.toEqual(expect.arrayContaining(['addressees']));
    expect(JSON.stringify(publicationOf(mailed, INTAKE).letter)).not.toContain('884213');
  });
});
