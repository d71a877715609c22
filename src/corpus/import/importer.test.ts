import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../db/test-support/dialects.js';
import { extractPdfText } from '../../letters/read/index.js';
import { categoriseRequest } from '../category.js';
import { corpusStats } from '../stats.js';
import { CorpusStore } from '../store.js';
import { formatProgress, importLetterPaths, type ImportProgress } from './importer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lettersDir = path.resolve(repoRoot, '../shared/letters/dwc-2016-2017');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const haveShared = existsSync(lettersDir) && existsSync(seedsDir);
if (!haveShared) console.warn(`corpus import tests skipped: ${lettersDir} or ${seedsDir} is absent`);

/** The truth, counted straight from the letters' text: every line that ends in a decision. */
async function decisionLines(files: string[]): Promise<{ upheld: number; overturned: number }> {
  let upheld = 0;
  let overturned = 0;
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(f));
    const text = f.endsWith('.pdf') ? await extractPdfText(bytes) : new TextDecoder().decode(bytes);
    for (const line of text.split(/\r?\n/)) {
      if (/\bUpheld\s*$/.test(line)) upheld++;
      else if (/\bOverturned\s*$/.test(line)) overturned++;
    }
  }
  return { upheld, overturned };
}

describe.skipIf(!haveShared).each(testDialects())('corpus import of the published letters on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports every letter and item, with counts equal to the decisions in the letters, and a re-run adds nothing', async () => {
    const pdfs = readdirSync(lettersDir).filter((f) => f.endsWith('.pdf')).map((f) => path.join(lettersDir, f));
    const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => path.join(seedsDir, f));
    const progress: ImportProgress[] = [];
    const summary = await importLetterPaths([lettersDir, seedsDir], { store, categorise: categoriseRequest, jobs: 2, onProgress: (p) => progress.push(p) });
    expect(summary.failed).toEqual([]);
    expect(summary.imported).toBe(pdfs.length + seeds.length);
    expect(progress.at(-1)).toMatchObject({ done: pdfs.length + seeds.length, total: pdfs.length + seeds.length });

    const truth = await decisionLines([...pdfs, ...seeds]);
    const stats = await corpusStats(database.db, database.dialect);
    expect(stats.letters).toBe(pdfs.length + seeds.length);
    expect(stats.items).toBe(truth.upheld + truth.overturned);
    expect({ upheld: stats.upheld, overturned: stats.overturned }).toEqual(truth);
    // The request normaliser assigned the seeds' categories (expected.json says what they are).
    const expected = JSON.parse(readFileSync(path.join(seedsDir, 'expected.json'), 'utf8')) as { letters: Array<{ items: Array<{ category: string }> }> };
    const seedCategories = expected.letters.flatMap((l) => l.items.map((i) => i.category));
    const chiro = stats.breakdowns.category?.find((r) => r.key === 'chiropractic')?.items ?? 0;
    expect(chiro).toBeGreaterThanOrEqual(seedCategories.filter((c) => c === 'chiropractic').length);

    const again = await importLetterPaths([lettersDir, seedsDir], { store, categorise: categoriseRequest, jobs: 1 });
    expect(again).toMatchObject({ imported: 0, present: pdfs.length + seeds.length, failed: [] });
    expect(await store.counts()).toEqual({ letters: stats.letters, items: stats.items });
  });
});

describe.skipIf(!haveShared).each(testDialects())('corpus import failure handling on %s', (dialect) => {
  let database: Database;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'imr-corpus-'));
    const pdfs = readdirSync(lettersDir).filter((f) => f.endsWith('.pdf')).slice(0, 3);
    mkdirSync(path.join(dir, 'sub'));
    for (const f of pdfs) copyFileSync(path.join(lettersDir, f), path.join(dir, 'sub', f));
    // A damaged PDF (the first half of a real one), a text file that is not a letter, and a non-letter file that is ignored.
    const real = readFileSync(path.join(lettersDir, pdfs[0]));
    writeFileSync(path.join(dir, 'damaged.pdf'), real.subarray(0, Math.floor(real.length / 2)));
    writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list: milk, eggs.\n');
    writeFileSync(path.join(dir, 'expected.json'), '{}');
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const jobs of [1, 2]) {
    it(`imports the good letters and reports the bad ones (--jobs ${jobs})`, async () => {
      const store = new CorpusStore(database);
      const summary = await importLetterPaths([dir, path.join(dir, 'missing.pdf')], { store, categorise: categoriseRequest, jobs });
      const byFile = Object.fromEntries(summary.failed.map((f) => [path.basename(f.file), f.code]));
      expect(byFile).toEqual({ 'damaged.pdf': 'IMR_ERR_PDF_INVALID', 'notes.txt': 'IMR_ERR_LETTER_UNRECOGNIZED', 'missing.pdf': 'IMR_ERR_FILE_NOT_FOUND' });
      expect(summary.imported + summary.present).toBe(3);
      expect(summary.files).toBe(6);
      for (const f of summary.failed) expect(f.reason).toMatch(/\S/);
      // Nothing of the bad files was written: 3 letters, and every item belongs to one of them.
      const letters = await store.db.selectFrom('corpus_letters').select(['id', 'file_name', 'item_count']).execute();
      expect(letters.map((l) => l.file_name).sort()).toEqual(readdirSync(path.join(dir, 'sub')).sort());
      const items = await store.db.selectFrom('corpus_items').select('letter_id').execute();
      expect(items.length).toBe(letters.reduce((n, l) => n + Number(l.item_count), 0));
    });
  }

  it('formats progress with rate and time left', () => {
    expect(formatProgress({ total: 100, done: 25, imported: 20, present: 4, failed: 1, elapsedMs: 5000 })).toBe(
      '25/100 files (20 imported, 4 already present, 1 failed) · 5.0 files/s · ETA 15s',
    );
  });
});
