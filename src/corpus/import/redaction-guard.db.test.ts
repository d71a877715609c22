import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { renderLetterPdf, renderLetterText } from '../../letters/render/index.js';
import { sampleLetter } from '../../letters/render/test-support/sample-letters.js';
import { categoriseRequest } from '../category.js';
import { CorpusStore } from '../store.js';
import { importSources } from './importer.js';

/** The same letter as mailed to the parties: the header names the worker and the claim. */
function mailedText(): string {
  return `MAXIMUS Federal Services\n\nInjured Worker: Jane Q. Roe\nClaim Number: 05-771234\n\nDear Ms. Roe:\n\n${renderLetterText(sampleLetter())}`;
}

describe.each(testDialects())('only redacted letters enter the public corpus, on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
  });
  afterAll(async () => { await database?.close(); });

  it('refuses a letter that names a person with a catalogue error and the reason, imports the redacted one', async () => {
    const enc = new TextEncoder();
    const r = await importSources(
      [
        { name: 'mailed.txt', bytes: enc.encode(mailedText()) },
        { name: 'published.pdf', bytes: await renderLetterPdf(sampleLetter()) },
      ],
      { store, categorise: categoriseRequest },
    );
    expect(r.imported).toBe(1);
    expect(r.failed).toEqual([{ file: 'mailed.txt', code: 'IMR_ERR_LETTER_NOT_REDACTED', reason: expect.stringContaining('the letter still names a person (the "Injured Worker" field is filled in; the "Claim Number" field is filled in; it is addressed to a person by name') }]);
    // The reason names the fields, never the person.
    expect(r.failed[0]!.reason).not.toMatch(/Roe|771234/);
  });

  it('refuses it in the worker threads too (a parallel import)', async () => {
    const r = await importSources([{ name: 'mailed-2.txt', bytes: new TextEncoder().encode(mailedText().replace('05-771234', '05-771235')) }], { store, categorise: categoriseRequest, jobs: 2 });
    expect(r.failed.map((f) => f.code)).toEqual(['IMR_ERR_LETTER_NOT_REDACTED']);
  });
});
