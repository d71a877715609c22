import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { extractPdfText, parseLetterText, parseMailedLetterText } from '../../letters/read/index.js';
import { applicationInput, citation, CLINICAL_SUMMARY, reviewerInputs } from '../test-support/fixtures.js';
import { assignReviewer } from './assignment.use-case.js';
import { createCase } from './cases.use-case.js';
import { runEligibility } from './eligibility.use-case.js';
import { correctLetter, readLetter, signCase } from './letter.use-case.js';
import { readMailedLetter } from './mailed-letter.js';
import { decideItem } from './review.use-case.js';
import { registerReviewers } from './reviewers.use-case.js';
import { createServices, type Services } from './services.js';

const NOW = new Date('2024-03-21T18:00:00Z');
const RATIONALES = [
  'The guidelines allow a trial of 6 visits over 2 weeks. The request for 12 visits exceeds the trial; the request is not medically necessary.',
  'Tramadol is recommended for moderate to severe pain with documented functional improvement, which the records show. The request is medically necessary.',
];

async function issue(services: Services, extra: { representative?: { name: string; firm?: string; address?: string }; claimsAdministratorGuidelines?: Array<string | null> } = {}) {
  await registerReviewers(services, null, reviewerInputs());
  const intake = await services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, NOW);
  const reviewer = await services.users.create({ username: 'rob', role: 'reviewer', password: 'review-pass', reviewerId: 'r-pmr' }, NOW);
  const app = applicationInput();
  const c = await createCase(services, intake, {
    application: { ...app, injuredWorker: { ...app.injuredWorker, address: '12 Elm Street\nFresno, CA 93650' }, ...(extra.representative ? { representative: extra.representative } : {}) },
    workerSex: 'male',
    ...(extra.claimsAdministratorGuidelines ? { claimsAdministratorGuidelines: extra.claimsAdministratorGuidelines } : {}),
    clinicalSummary: CLINICAL_SUMMARY,
  });
  await runEligibility(services, intake, c.id);
  await assignReviewer(services, intake, c.id);
  for (const [k, item] of (await services.cases.items(c.id)).entries()) {
    await decideItem(services, reviewer, c.id, item.id, { version: item.version, decision: k === 0 ? 'Upheld' : 'Overturned', citation: citation(), rationale: RATIONALES[k] });
  }
  await signCase(services, reviewer, c.id);
  return { caseId: c.id, reviewer, intake };
}

/** Text with single spaces; HTML as the words a reader sees (tags dropped, entities decoded). */
const flat = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.each(testDialects())('the determination as mailed, on %s', (dialect) => {
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  async function open(): Promise<Services> {
    database = await openTestDatabase(dialect);
    return createServices(database, { now: () => NOW, engine: null, letterhead: { address: 'P.O. Box 1000; Sacramento, CA 95800', phone: '(800) 555-0100' } });
  }

  it('is issued at signing beside the letter: addressees, claim number, appeal rights, the reviewer unnamed; it reads back to the same decisions', async () => {
    const services = await open();
    const { caseId, reviewer } = await issue(services);
    const issued = (await readLetter(services, reviewer, caseId, 'json')).letter;
    const txt = await readMailedLetter(services, reviewer, caseId, 'txt');
    const html = await readMailedLetter(services, reviewer, caseId, 'html');
    const pdf = await readMailedLetter(services, reviewer, caseId, 'pdf');
    expect(txt.summary.version).toBe(1);
    expect(txt.integrity).toBe('verified');
    const pdfText = await extractPdfText(new Uint8Array(pdf.body as Buffer));
    for (const body of [String(txt.body), flat(String(html.body)), pdfText]) {
      for (const s of ['MAXIMUS Federal Services', 'P.O. Box 1000', 'Telephone: (800) 555-0100', 'March 21, 2024', 'Injured Worker: Pat Example', '12 Elm Street', 'Claims Administrator: Golden State Claims Services LLC', 'Requesting Provider: Dr. Lee Rivera, M.D.', 'Claim Number: CLM-100']) {
        expect(body).toContain(s);
      }
      expect(flat(body)).toContain('final and binding on all parties unless it is appealed');
      expect(flat(body)).toContain('verified petition with the Workers\' Compensation Appeals Board (WCAB) no later than 30 days');
      expect(body).not.toContain('Robin Fields');
    }
    for (const text of [String(txt.body), pdfText]) {
      const back = parseMailedLetterText(text);
      expect(back.warnings).toEqual([]);
      expect(back.letter.items.map((i) => [i.request, i.decision])).toEqual(issued.items.map((i) => [i.request, i.decision]));
      expect(back.letter.header?.caseNumber).toBe(issued.header?.caseNumber);
      expect(back.cover.claimNumber).toBe('CLM-100');
      expect(back.cover.addressees.map((a) => a.role)).toEqual(['injured worker', 'claims administrator', 'requesting provider']);
      expect(back.cover.appealGrounds).toBe(5);
    }
  });

  it('a correction is headed as one in both layouts, naming the version and date it supersedes and the reason; version 1 stays as it was', async () => {
    const services = await open();
    const { caseId, reviewer } = await issue(services);
    const items = await services.cases.items(caseId);
    await correctLetter(services, reviewer, caseId, { reason: 'Item 2 rationale: the dose was misstated.', items: [{ itemId: items[1].id, rationale: `${RATIONALES[1]} The dose is 50 mg.` }] });
    const v2 = await readLetter(services, reviewer, caseId, 'json');
    expect(v2.summary.version).toBe(2);
    expect(v2.letter.correction).toEqual({ supersedesVersion: 1, supersedesIssuedOn: '2024-03-21', reason: 'Item 2 rationale: the dose was misstated.' });
    const expected = 'CORRECTED DETERMINATION This corrected determination supersedes version 1, issued 03/21/2024. Reason for the correction: Item 2 rationale: the dose was misstated.';
    const publishedPdf = await extractPdfText(new Uint8Array((await readLetter(services, reviewer, caseId, 'pdf')).body as Buffer));
    const mailedPdf = await extractPdfText(new Uint8Array((await readMailedLetter(services, reviewer, caseId, 'pdf')).body as Buffer));
    for (const body of [publishedPdf, mailedPdf, String((await readLetter(services, reviewer, caseId, 'txt')).body), String((await readMailedLetter(services, reviewer, caseId, 'html')).body)]) {
      expect(flat(body)).toContain(expected);
    }
    expect(parseLetterText(publishedPdf).letter.correction).toEqual(v2.letter.correction);
    expect(parseMailedLetterText(mailedPdf).cover.correction).toEqual(v2.letter.correction);
    // The first version is kept as issued: no correction head.
    const v1 = String((await readMailedLetter(services, reviewer, caseId, 'txt', 1)).body);
    expect(v1).not.toContain('CORRECTED DETERMINATION');
  });

  it('refuses a correction that changes nothing, saying so, and issues nothing', async () => {
    const services = await open();
    const { caseId, reviewer } = await issue(services);
    const items = await services.cases.items(caseId);
    for (const input of [
      { reason: 'Reissue' },
      { reason: 'Same words', items: [{ itemId: items[0].id, decision: 'Upheld' as const, rationale: RATIONALES[0] }] },
      { reason: 'Same summary', clinicalSummary: CLINICAL_SUMMARY },
    ]) {
      await expect(correctLetter(services, reviewer, caseId, input)).rejects.toMatchObject({ code: 'IMR_ERR_CORRECTION_UNCHANGED', message: expect.stringMatching(/changes nothing.*letter version 1/) });
    }
    expect((await services.cases.letterSummaries(caseId)).map((l) => l.version)).toEqual([1]);
    // A change to the summary alone is a correction.
    await correctLetter(services, reviewer, caseId, { reason: 'Summary date', clinicalSummary: CLINICAL_SUMMARY.replace('02/10/2024', '02/12/2024') });
    expect((await services.cases.letterSummaries(caseId)).map((l) => l.version)).toEqual([1, 2]);
    // Correcting version 2 back to its own words is refused too.
    await expect(correctLetter(services, reviewer, caseId, { reason: 'Again', clinicalSummary: CLINICAL_SUMMARY.replace('02/10/2024', '02/12/2024') })).rejects.toMatchObject({ code: 'IMR_ERR_CORRECTION_UNCHANGED' });
  });

  it('goes to the representative intake recorded too, and states the guideline the UR decision cited as intake typed it', async () => {
    const services = await open();
    const { caseId, reviewer } = await issue(services, {
      representative: { name: 'Alex Advocate, Esq.', firm: 'Advocate & Partners LLP', address: '9 Court Street\nFresno, CA 93721' },
      claimsAdministratorGuidelines: ['MTUS Chronic Pain Medical Treatment Guidelines 2009, pages 58-59', 'None'],
    });
    const letter = (await readLetter(services, reviewer, caseId, 'json')).letter;
    expect(letter.items[0].claimsAdministratorGuideline).toMatchObject({ source: 'MTUS-CPMTG', edition: 2009, pages: [58, 59] });
    expect(letter.items[1].claimsAdministratorGuideline.source).toBe('NONE');
    const text = String((await readMailedLetter(services, reviewer, caseId, 'txt')).body);
    expect(flat(text)).toContain('Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines 2009, pages 58-59');
    const back = parseMailedLetterText(text);
    expect(back.warnings).toEqual([]);
    expect(back.cover.addressees).toEqual([
      { role: 'injured worker', name: 'Pat Example' },
      { role: 'representative', name: 'Alex Advocate, Esq.' },
      { role: 'claims administrator', name: 'Golden State Claims Services LLC' },
      { role: 'requesting provider', name: 'Dr. Lee Rivera, M.D.' },
    ]);
    expect(text).toContain('Advocate & Partners LLP\n9 Court Street\nFresno, CA 93721');
    expect(back.letter.items[0].claimsAdministratorGuideline.raw).toBe('MTUS Chronic Pain Medical Treatment Guidelines 2009, pages 58-59');
  });

  it('is not served once altered outside the service, and says so', async () => {
    const services = await open();
    const { caseId, reviewer } = await issue(services);
    const letter = await services.cases.letter(caseId);
    const db = database!.db as unknown as import('kysely').Kysely<{ svc_letter_mailings: { letter_id: string; text: string; mailing: string } }>;
    await db.updateTable('svc_letter_mailings').set({ text: 'Claim Number: CLM-999' }).where('letter_id', '=', letter!.id).execute();
    await expect(readMailedLetter(services, reviewer, caseId, 'txt')).rejects.toMatchObject({ code: 'IMR_ERR_LETTER_TAMPERED' });
    // The PDF was not touched, but the cover's data is checked with every format.
    await db.updateTable('svc_letter_mailings').set({ mailing: '{}' }).where('letter_id', '=', letter!.id).execute();
    await expect(readMailedLetter(services, reviewer, caseId, 'pdf')).rejects.toMatchObject({ code: 'IMR_ERR_LETTER_TAMPERED', message: expect.stringContaining('mailing') });
    await db.deleteFrom('svc_letter_mailings').execute();
    await expect(readMailedLetter(services, reviewer, caseId, 'pdf')).rejects.toMatchObject({ code: 'IMR_ERR_NOT_FOUND', message: expect.stringContaining('issued before mailed letters were kept') });
  });
});

describe('the letterhead option', () => {
  it('refuses an address or telephone a letterhead cannot carry, with a usage error', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      const ok = createServices(database, { engine: null, letterhead: { address: ' P.O. Box 1000 ;  Sacramento, CA 95800 ', phone: ' (800) 555-0100 ' } });
      expect(ok.letterhead).toEqual({ lines: ['P.O. Box 1000', 'Sacramento, CA 95800'], phone: '(800) 555-0100' });
      expect(createServices(database, { engine: null }).letterhead).toEqual({ lines: [], phone: null });
      for (const bad of [{ address: 'a;b;c;d;e' }, { address: 'x'.repeat(101) }, { address: 'Suite <1>' }, { phone: 'call\u0007me' }, { phone: '1' }]) {
        expect(() => createServices(database, { engine: null, letterhead: bad }), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'IMR_ERR_USAGE' }));
      }
    } finally {
      await database.close();
    }
  });
});
