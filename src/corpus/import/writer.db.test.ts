import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { openTestDatabase } from '../../db/test-support/dialects.js';
import { categoriseRequest } from '../category.js';
import { createSearchIndex } from '../search/index.js';
import { CorpusStore } from '../store.js';
import { unpackText } from '../stored-text.js';
import { importLetterPaths } from './importer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const lettersDir = path.resolve(repoRoot, '../shared/letters/dwc-2016-2017');
const seedsDir = path.resolve(repoRoot, '../shared/seeds');
const haveShared = existsSync(lettersDir) && existsSync(seedsDir);

const QUERIES = ['chiropractic', '"physical therapy"', 'Norco', 'lumbar -cervical', 'MRI'];

/** What a user can see of a corpus: its letters and items (by file and place, not by internal id) and the hits of a few searches. */
async function visible(database: Database) {
  const store = new CorpusStore(database);
  const letters = await store.db.selectFrom('corpus_letters').select(['file_name', 'content_hash', 'item_count', 'upheld', 'overturned']).orderBy('file_name').execute();
  const items = await store.db
    .selectFrom('corpus_items as i')
    .innerJoin('corpus_letters as l', 'l.id', 'i.letter_id')
    .select(['l.file_name', 'i.position', 'i.request', 'i.decision', 'i.category', 'i.citation_family'])
    .orderBy('l.file_name')
    .orderBy('i.position')
    .execute();
  // The stored texts as read back: the same whether a parse worker, the importing thread or the writer packed them.
  const texts = (await store.db.selectFrom('corpus_letters').select(['file_name', 'raw_text', 'clinical_summary']).orderBy('file_name').execute()).map(
    (l) => ({ file: l.file_name, text: unpackText(l.raw_text, l.clinical_summary), summary: unpackText(l.clinical_summary) }),
  );
  const rationales = (
    await store.db.selectFrom('corpus_items as i').innerJoin('corpus_letters as l', 'l.id', 'i.letter_id').select(['l.file_name', 'i.position', 'i.rationale']).orderBy('l.file_name').orderBy('i.position').execute()
  ).map((i) => unpackText(i.rationale));
  const index = createSearchIndex(database);
  const searches = [];
  for (const query of QUERIES) {
    const page = await index.search({ query, limit: 100 });
    searches.push({ query, total: page.total, hits: page.hits.map((h) => `${h.fileName}#${h.position}:${h.matchedIn}`).sort() });
  }
  return { letters, items, texts, rationales, searches };
}

describe.skipIf(!haveShared)('corpus import with a writer thread (SQLite file)', () => {
  let dir: string;
  let inThread: Database;
  let inWriter: Database;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'imr-corpus-writer-'));
    for (const f of readdirSync(lettersDir).filter((x) => x.endsWith('.pdf')).slice(0, 24)) copyFileSync(path.join(lettersDir, f), path.join(dir, f));
    for (const f of readdirSync(seedsDir).filter((x) => x.endsWith('.txt'))) copyFileSync(path.join(seedsDir, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'notes.txt'), 'Shopping list: milk, eggs.\n');
    inThread = await openTestDatabase('sqlite');
    inWriter = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await inThread?.close();
    await inWriter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores and finds exactly what an import written in the importing thread does, and reports the same failures', async () => {
    // Small batches, so that many pass through the writer while the next letters are parsed.
    const plain = await importLetterPaths([dir], { store: new CorpusStore(inThread), categorise: categoriseRequest, batchSize: 4, writerThread: false });
    const threaded = await importLetterPaths([dir], { store: new CorpusStore(inWriter), categorise: categoriseRequest, batchSize: 4, writerThread: true });
    expect(threaded.imported).toBe(plain.imported);
    expect(threaded.items).toBe(plain.items);
    expect(threaded.failed.map((f) => [path.basename(f.file), f.code])).toEqual([['notes.txt', 'IMR_ERR_LETTER_UNRECOGNIZED']]);
    expect(plain.failed.map((f) => [path.basename(f.file), f.code])).toEqual([['notes.txt', 'IMR_ERR_LETTER_UNRECOGNIZED']]);

    const [a, b] = [await visible(inThread), await visible(inWriter)];
    expect(b.letters.length).toBe(plain.imported);
    expect(b.searches.some((s) => s.total > 0)).toBe(true);
    expect(b).toEqual(a);
  });

  it('stores the same when parse workers pack the texts (--jobs 2) for the writer thread, as BLOBs', async () => {
    const workers = await openTestDatabase('sqlite');
    try {
      const summary = await importLetterPaths([dir], { store: new CorpusStore(workers), categorise: categoriseRequest, jobs: 2, batchSize: 4, writerThread: true });
      expect(summary.failed.map((f) => f.code)).toEqual(['IMR_ERR_LETTER_UNRECOGNIZED']);
      const stored = await new CorpusStore(workers).db.selectFrom('corpus_letters').select('raw_text').execute();
      expect(stored.every((l) => l.raw_text instanceof Uint8Array)).toBe(true);
      expect(await visible(workers)).toEqual(await visible(inThread));
    } finally {
      await workers.close();
    }
  });

  it('sees the letters the writer committed: importing again adds nothing, and the corpus stays writable', async () => {
    const before = await new CorpusStore(inWriter).counts();
    const again = await importLetterPaths([dir], { store: new CorpusStore(inWriter), categorise: categoriseRequest, jobs: 2, writerThread: true });
    expect(again).toMatchObject({ imported: 0, present: before.letters });
    expect(await new CorpusStore(inWriter).counts()).toEqual(before);
    // The writer's connection is closed: nothing holds the write lock.
    await new CorpusStore(inWriter).db.deleteFrom('corpus_letters').where('file_name', '=', 'none-such.pdf').execute();
  });
});
