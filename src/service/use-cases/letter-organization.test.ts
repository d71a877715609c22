import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { extractPdfText, parseLetterText } from '../../letters/read/index.js';
import { applicationInput, citation, CLINICAL_SUMMARY, reviewerInputs } from '../test-support/fixtures.js';
import { assignReviewer } from './assignment.use-case.js';
import { createCase } from './cases.use-case.js';
import { runEligibility } from './eligibility.use-case.js';
import { correctLetter, readLetter, signCase } from './letter.use-case.js';
import { decideItem } from './review.use-case.js';
import { registerReviewers } from './reviewers.use-case.js';
import { createServices, type Services, type ServicesOptions } from './services.js';

const NOW = new Date('2024-03-21T18:00:00Z');
const GOLDEN = 'Golden State Medical Review, Inc.';

/** Takes a case from application to signed letter; returns the case id and the reviewer user. */
async function issueLetter(services: Services) {
  await registerReviewers(services, null, reviewerInputs());
  const intake = await services.users.create({ username: 'ivy', role: 'intake', password: 'intake-pass' }, NOW);
  const reviewer = await services.users.create({ username: 'rob', role: 'reviewer', password: 'review-pass', reviewerId: 'r-pmr' }, NOW);
  const c = await createCase(services, intake, { application: applicationInput(), workerSex: 'male', clinicalSummary: CLINICAL_SUMMARY, documentsReviewed: ['Progress note 02/10/2024'] });
  await runEligibility(services, intake, c.id);
  await assignReviewer(services, intake, c.id);
  const items = await services.cases.items(c.id);
  const rationales = [
    'The guidelines allow a trial of 6 visits over 2 weeks. The request for 12 visits exceeds the trial; the request is not medically necessary.',
    'Tramadol is recommended for moderate to severe pain with documented functional improvement, which the records show. The request is medically necessary.',
  ];
  for (const [k, item] of items.entries()) {
    await decideItem(services, reviewer, c.id, item.id, { version: item.version, decision: k === 0 ? 'Upheld' : 'Overturned', citation: citation(), rationale: rationales[k] });
  }
  await signCase(services, reviewer, c.id);
  return { caseId: c.id, reviewer };
}

describe.each(testDialects())('the organisation named by the letters the service issues, on %s', (dialect) => {
  let database: Database | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  async function open(opts: ServicesOptions = {}): Promise<Services> {
    database = await openTestDatabase(dialect);
    return createServices(database, { now: () => NOW, engine: null, ...opts });
  }

  it('names the configured organisation in the letter, its text, HTML and PDF, and keeps it in a correction', async () => {
    const services = await open({ organizationName: GOLDEN });
    expect(services.organizationName).toBe(GOLDEN);
    const { caseId, reviewer } = await issueLetter(services);

    const json = await readLetter(services, reviewer, caseId, 'json');
    expect(json.letter.reviewOrganization).toBe(GOLDEN);
    const text = String((await readLetter(services, reviewer, caseId, 'txt')).body);
    const html = String((await readLetter(services, reviewer, caseId, 'html')).body);
    const pdfText = await extractPdfText(new Uint8Array((await readLetter(services, reviewer, caseId, 'pdf')).body as Buffer));
    for (const issued of [text, html, pdfText]) {
      expect(issued).toContain(`${GOLDEN} sent the complete case file`);
      expect(issued).toContain('Golden State Medical Review guideline:');
      expect(issued).not.toMatch(/MAXIMUS/i);
    }
    // The issued letter reads back with its organisation and its items.
    for (const back of [parseLetterText(text), parseLetterText(pdfText)]) {
      expect(back.warnings).toEqual([]);
      expect(back.letter.reviewOrganization).toBe(GOLDEN);
      expect(back.letter.items.map((i) => [i.request, i.decision, i.reviewerGuideline.raw])).toEqual(json.letter.items.map((i) => [i.request, i.decision, i.reviewerGuideline.raw]));
    }

    const items = await services.cases.items(caseId);
    await correctLetter(services, reviewer, caseId, { reason: 'Typo in the rationale', items: [{ itemId: items[0].id, rationale: `${items[0].rationale} Corrected.` }] });
    const corrected = await readLetter(services, reviewer, caseId, 'txt');
    expect(corrected.summary.version).toBe(2);
    expect(corrected.letter.reviewOrganization).toBe(GOLDEN);
    expect(String(corrected.body)).toContain(`${GOLDEN} sent the complete case file`);
  });

  it('names MAXIMUS Federal Services when no organisation is configured, as before', async () => {
    const services = await open();
    expect(services.organizationName).toBe('MAXIMUS Federal Services');
    const { caseId, reviewer } = await issueLetter(services);
    const read = await readLetter(services, reviewer, caseId, 'txt');
    expect(read.letter.reviewOrganization).toBe('MAXIMUS Federal Services');
    expect(String(read.body)).toContain('MAXIMUS Federal Services sent the complete case file');
    expect(String(read.body)).toContain('MAXIMUS guideline:');
  });
});

describe('the organisation name option', () => {
  it('normalises spaces and refuses a name a letter cannot carry, with a usage error', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      expect(createServices(database, { engine: null, organizationName: '  Golden State   Medical Review, Inc. ' }).organizationName).toBe(GOLDEN);
      for (const bad of ['', 'Review: West', 'x'.repeat(121), '-dash first']) {
        expect(() => createServices(database, { engine: null, organizationName: bad }), bad).toThrow(expect.objectContaining({ code: 'IMR_ERR_USAGE' }));
      }
    } finally {
      await database.close();
    }
  });
});
