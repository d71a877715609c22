import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { openTestDatabase, testDialects } from '../db/test-support/dialects.js';
import { findPrecedents } from './precedents.js';
import { createSearchIndex, type SearchIndex } from './search/index.js';
import { corpusStats, statsToCsv } from './stats.js';
import { CorpusStore } from './store.js';
import { citation, item, letter, record } from './test-support/letters.js';

const NO_FI = 'There is no documentation of objective functional improvement with the prior chiropractic sessions. The request is not medically necessary.';
const FI = 'Objective functional improvement has been documented with prior chiropractic care; additional sessions are medically necessary.';

describe.each(testDialects())('corpus store, search, precedents and stats on %s', (dialect) => {
  let database: Database;
  let store: CorpusStore;
  let index: SearchIndex;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    store = new CorpusStore(database);
    index = createSearchIndex(database);
    const chiro = citation('MTUS-CPMTG', 'Manual Therapy and Manipulation', ['Manual therapy & manipulation']);
    const neck = citation('MTUS-ACOEM', 'Neck and Upper Back Complaints', ['Special Studies']);
    const letters = [
      letter([item('12 chiropractic manipulation treatments for the lumbar spine', 'Upheld', NO_FI, { reviewerGuideline: chiro })], { caseNumber: 'CM16-0000001', decisionDate: '2016-11-03', specialty: 'Chiropractor' }),
      letter([item('6 chiropractic sessions for the cervical spine', 'Overturned', FI, { reviewerGuideline: chiro })], { caseNumber: 'CM16-0000002', decisionDate: '2016-12-09', specialty: 'Chiropractor', priority: 'Expedited' }),
      letter(
        [
          item('MRI of the cervical spine without contrast', 'Upheld', 'There is no evidence of any red flag conditions. There is no evidence of specific nerve compromise warranting an MRI.', { reviewerGuideline: neck, claimsAdministratorGuideline: citation('NONE', null) }),
          item('Norco 10/325 mg #90', 'Upheld', 'There is no documentation of objective functional improvement or pain relief with ongoing opioid use.'),
        ],
        { caseNumber: 'CM17-0000003', decisionDate: '2017-01-15', specialty: 'Anesthesiology', summary: 'The injured worker has chronic neck pain after a fall from a ladder.' },
      ),
    ];
    // 25 more chiropractic letters for paging: alternating decisions.
    for (let n = 0; n < 25; n++) {
      letters.push(
        letter([item(`Chiropractic care ${n + 1} visits for the lumbar spine`, n % 5 === 0 ? 'Overturned' : 'Upheld', n % 5 === 0 ? FI : NO_FI, { reviewerGuideline: chiro })], {
          caseNumber: `CM17-01000${String(n).padStart(2, '0')}`,
          decisionDate: '2017-03-01',
          specialty: 'Chiropractor',
        }),
      );
    }
    for (const l of letters) expect((await store.insertLetter(record(l), '2026-01-01T00:00:00.000Z')).status).toBe('imported');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores one row per letter and per item, and skips a letter whose hash is stored', async () => {
    expect(await store.counts()).toEqual({ letters: 28, items: 29 });
    const again = record(letter([item('Chiropractic', 'Upheld', NO_FI)]));
    expect((await store.insertLetter(again, '2026-01-01T00:00:00.000Z')).status).toBe('imported');
    expect((await store.insertLetter({ ...again }, '2026-01-01T00:00:00.000Z')).status).toBe('present');
    expect(await store.hasHash(again.contentHash)).toBe(true);
    await store.db.deleteFrom('corpus_letters').where('content_hash', '=', again.contentHash).execute();
    expect(await store.counts()).toEqual({ letters: 28, items: 29 });
  });

  it('never leaves half a letter when storing an item fails', async () => {
    const bad = record(letter([item('Chiropractic care', 'Upheld', NO_FI), item('Physical therapy', 'Upheld', NO_FI)], { caseNumber: 'CM99-BROKEN' }));
    // The second item breaks a NOT NULL constraint after the letter row and the first item were written.
    (bad.items[1] as { request: string | null }).request = null;
    await expect(store.insertLetter(bad, '2026-01-01T00:00:00.000Z')).rejects.toMatchObject({ code: 'IMR_ERR_DATABASE' });
    expect(await store.hasHash(bad.contentHash)).toBe(false);
    expect(await store.counts()).toEqual({ letters: 28, items: 29 });
    const hits = await index.search({ query: 'chiropractic', filters: { year: 2016 } });
    expect(hits.total).toBe(2);
  });

  it('keeps the good letters of a batch and drops the whole of a bad one', async () => {
    const good1 = record(letter([item('Acupuncture 6 sessions', 'Upheld', NO_FI)], { caseNumber: 'CM99-0000001' }));
    const bad = record(letter([item('Acupuncture', 'Upheld', NO_FI), item('Massage', 'Upheld', NO_FI)], { caseNumber: 'CM99-0000002' }));
    (bad.items[1] as { decision: string | null }).decision = null;
    const good2 = record(letter([item('Acupuncture 8 sessions', 'Overturned', FI)], { caseNumber: 'CM99-0000003' }));
    const outcomes = await store.insertLetters([good1, bad, good2, good1], '2026-01-01T00:00:00.000Z');
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'failed', 'imported', 'present']);
    expect(await store.hasHash(bad.contentHash)).toBe(false);
    expect((await index.search({ query: 'acupuncture' })).hits.map((h) => h.request).sort()).toEqual(['Acupuncture 6 sessions', 'Acupuncture 8 sessions']);
    await store.db.deleteFrom('corpus_letters').where('content_hash', 'in', [good1.contentHash, good2.contentHash]).execute();
    expect((await index.search({ query: 'acupuncture' })).total).toBe(0);
    expect(await store.counts()).toEqual({ letters: 28, items: 29 });
    if (dialect === 'sqlite') {
      // Both SQLite search indexes lose the deleted items' entries: each holds exactly the stored
      // items (the indexes are contentless, migration 0221: FTS5's integrity check with rank 1 checks
      // each index is consistent in itself, and the entries are compared with the rows here).
      const n = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(store.db)).rows[0].n);
      const ids = async (query: string) => (await sql<{ id: number }>`${sql.raw(query)}`.execute(store.db)).rows.map((r) => Number(r.id));
      const entriesMatchRows = async () => {
        const items = await ids('SELECT id FROM corpus_items ORDER BY id');
        expect(await ids('SELECT id FROM corpus_items_fts_docsize ORDER BY id')).toEqual(items);
        expect(await ids('SELECT id FROM corpus_requests_fts_docsize ORDER BY id')).toEqual(items);
      };
      expect([await n('corpus_items_fts_docsize'), await n('corpus_requests_fts')]).toEqual([29, 29]);
      await entriesMatchRows();
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(store.db);
      // An item deleted on its own, then the rest of its letter.
      const two = record(letter([item('Acupuncture 4 sessions', 'Upheld', NO_FI), item('Massage 6 sessions', 'Upheld', NO_FI)], { caseNumber: 'CM99-0000004' }));
      const stored = await store.insertLetter(two, '2026-01-01T00:00:00.000Z');
      const letterId = stored.letterId as number;
      await store.db.deleteFrom('corpus_items').where('letter_id', '=', letterId).where('position', '=', 0).execute();
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(store.db);
      await entriesMatchRows();
      expect((await index.search({ query: 'acupuncture' })).total).toBe(0);
      expect((await index.search({ query: 'massage' })).total).toBe(1);
      await store.db.deleteFrom('corpus_letters').where('id', '=', letterId).execute();
      await sql`INSERT INTO corpus_items_fts (corpus_items_fts, rank) VALUES ('integrity-check', 1)`.execute(store.db);
      await sql`INSERT INTO corpus_requests_fts (corpus_requests_fts, rank) VALUES ('integrity-check', 1)`.execute(store.db);
      expect([await n('corpus_items_fts_docsize'), await n('corpus_requests_fts')]).toEqual([29, 29]);
      await entriesMatchRows();
    } else {
      // PostgreSQL's narrow table of requests follows the items (a cascade).
      expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_item_requests`.execute(store.db)).rows[0].n)).toBe(29);
    }
  });

  it('finds a phrase, ranks the request first and highlights the match', async () => {
    const page = await index.search({ query: '"nerve compromise"' });
    expect(page.total).toBe(1);
    const hit = page.hits[0];
    expect(hit.request).toBe('MRI of the cervical spine without contrast');
    expect(hit.decision).toBe('Upheld');
    expect(hit.caseNumber).toBe('CM17-0000003');
    expect(hit.citation).toMatchObject({ family: 'MTUS-ACOEM', section: 'Special Studies' });
    const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
    // FTS5 marks the phrase as one span, ts_headline each word.
    expect(marked.join(' ')).toBe('nerve compromise');
    // The facts are searchable too (stemmed: "ladders" finds "ladder").
    expect((await index.search({ query: 'ladders' })).hits.map((h) => h.request).sort()).toEqual(['MRI of the cervical spine without contrast', 'Norco 10/325 mg #90']);
  });

  it('filters by decision, category, citation family and section, specialty, year and priority', async () => {
    const q = async (filters: Parameters<SearchIndex['search']>[0]['filters']) => (await index.search({ query: 'chiropractic', filters, limit: 100 })).total;
    expect(await q({})).toBe(27);
    expect(await q({ decision: 'Overturned' })).toBe(6);
    expect(await q({ category: 'chiropractic', decision: 'Upheld' })).toBe(21);
    expect(await q({ citationFamily: 'mtus-cpmtg', section: 'MANUAL THERAPY & MANIPULATION' })).toBe(27);
    expect(await q({ citationFamily: 'MTUS-ACOEM' })).toBe(0);
    expect(await q({ specialty: 'chiropractor', year: 2016 })).toBe(2);
    expect(await q({ priority: 'Expedited' })).toBe(1);
    expect((await index.search({ query: '', filters: { category: 'imaging' } })).hits.map((h) => h.request)).toEqual(['MRI of the cervical spine without contrast']);
  });

  it('pages through results without repeats', async () => {
    const seen = new Set<number>();
    for (let offset = 0; offset < 27; offset += 10) {
      const page = await index.search({ query: 'chiropractic lumbar', limit: 10, offset });
      expect(page.total).toBe(26);
      for (const h of page.hits) seen.add(h.itemId);
    }
    expect(seen.size).toBe(26);
    expect((await index.search({ query: 'chiropractic', limit: 10, offset: 100 })).hits).toEqual([]);
    await expect(index.search({ query: 'x', limit: 1000 })).rejects.toMatchObject({ code: 'IMR_ERR_SEARCH_QUERY' });
  });

  it('keeps pages consistent when the count is capped', async () => {
    const small = createSearchIndex(database, { countCap: 20 });
    const first = await small.search({ query: 'chiropractic lumbar', limit: 5 });
    expect(first).toMatchObject({ total: 20, totalCapped: true });
    const seen: number[] = [];
    for (let offset = 0; offset < 40; offset += 5) seen.push(...(await small.search({ query: 'chiropractic lumbar', limit: 5, offset })).hits.map((h) => h.itemId));
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    // The same order as without the cap.
    expect(seen).toEqual((await index.search({ query: 'chiropractic lumbar', limit: 26 })).hits.map((h) => h.itemId));
    expect((await index.search({ query: 'chiropractic lumbar' })).totalCapped).toBe(false);
  });

  it('ranks matches in the request first, then in the rationale, then in the clinical summary alone', async () => {
    const page = await index.search({ query: 'nerve OR ladder OR chiropractic', limit: 40 });
    expect(page.total).toBe(29);
    const requests = page.hits.map((h) => h.request);
    expect(requests.slice(0, 27).every((r) => /chiropractic/i.test(r))).toBe(true);
    // Newest first within a tier.
    const ids = page.hits.slice(0, 27).map((h) => h.itemId);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // "nerve" is in the MRI item's rationale; "ladder" only in the Norco letter's summary: SQLite
    // ranks the rationale's match first, PostgreSQL lists both in its second tier, newest first.
    if (index.engine === 'sqlite-fts5') {
      expect(requests.slice(27)).toEqual(['MRI of the cervical spine without contrast', 'Norco 10/325 mg #90']);
      expect(page.hits.map((h) => h.score)).toEqual([...Array(27).fill(3), 2, 1]);
      expect(page.hits.map((h) => h.matchedIn).slice(26)).toEqual(['request', 'rationale', 'summary']);
    } else {
      expect(requests.slice(27)).toEqual(['Norco 10/325 mg #90', 'MRI of the cervical spine without contrast']);
      expect(page.hits.map((h) => h.score)).toEqual([...Array(27).fill(3), 1, 1]);
      expect(page.hits.map((h) => h.matchedIn).slice(26)).toEqual(['request', 'rationale-or-summary', 'rationale-or-summary']);
    }
  });

  it('finds a drug under its brand or generic name, and reads OR the same way on both engines', async () => {
    // "Vicodin" and "hydrocodone/APAP" name the drug of the "Norco" item.
    expect((await index.search({ query: 'Vicodin' })).hits.map((h) => h.request)).toEqual(['Norco 10/325 mg #90']);
    expect((await index.search({ query: 'Norco -Vicodin' })).total).toBe(0);
    // (chiropractic OR MRI) AND cervical: the cervical chiropractic item and the cervical MRI, not every chiropractic item.
    const both = await index.search({ query: 'chiropractic OR MRI cervical' });
    expect(both.hits.map((h) => h.request).sort()).toEqual(['6 chiropractic sessions for the cervical spine', 'MRI of the cervical spine without contrast']);
  });

  it('treats SQL and FTS syntax in a query as plain words', async () => {
    for (const query of [`cervical'); DROP TABLE corpus_items; --`, 'NEAR(mri cervical) OR *', 'request:mri', '"unclosed phrase', 'mri^2 AND (cervical', '%_\\']) {
      await expect(index.search({ query })).resolves.toMatchObject({ query });
    }
    expect((await index.search({ query: 'MRI: cervical!' })).total).toBe(1);
    expect(await store.counts()).toEqual({ letters: 28, items: 29 });
  });

  it('lists precedents: same category and citation first, with decisions and the share overturned', async () => {
    const result = await findPrecedents(index, {
      request: '8 chiropractic treatments for the lumbar spine',
      category: 'chiropractic',
      citationFamily: 'MTUS-CPMTG',
      facts: 'chronic low back pain',
      limit: 10,
    });
    expect(result.precedents).toHaveLength(10);
    expect(result.precedents.every((p) => p.sameCategory && p.sameCitation && p.category === 'chiropractic')).toBe(true);
    expect(result.upheld + result.overturned).toBe(10);
    expect(result.shareOverturned).toBe(result.overturned / 10);
    expect(result.peerGroup).toMatchObject({ category: 'chiropractic', citationFamily: 'MTUS-CPMTG', items: 27, overturned: 6, upheld: 21 });
    // The closest request ranks first.
    expect(result.precedents[0].request).toMatch(/chiropractic .*lumbar spine/i);

    const mri = await findPrecedents(index, { request: 'MRI cervical spine', category: 'imaging', citationFamily: 'MTUS-ACOEM' });
    expect(mri.precedents[0]).toMatchObject({ request: 'MRI of the cervical spine without contrast', decision: 'Upheld', sameCategory: true, sameCitation: true });
    // Each precedent names its letter by file name too (a seed letter has no case number).
    expect(mri.precedents[0].fileName).toMatch(/\S/);
  });

  it('counts the peer group under any citation when the disputed item cites none', async () => {
    const anyCitation = await findPrecedents(index, { request: 'chiropractic lumbar spine', category: 'chiropractic', citationFamily: null, limit: 4 });
    expect(anyCitation.precedents).toHaveLength(4);
    // Every chiropractic item, whatever its citation: not "0, 0 overturned" beside four precedents.
    expect(anyCitation.peerGroup).toMatchObject({ category: 'chiropractic', citationFamily: null, items: 27, upheld: 21, overturned: 6, shareOverturned: 0.222 });
  });

  it('counts overturn rates by every breakdown and names the documentation gaps of upheld items', async () => {
    const stats = await corpusStats(database.db, database.dialect);
    expect(stats).toMatchObject({ letters: 28, items: 29, upheld: 23, overturned: 6 });
    expect(stats.breakdowns.category?.find((r) => r.key === 'chiropractic')).toEqual({ key: 'chiropractic', items: 27, upheld: 21, overturned: 6, overturnRate: 0.222, overturnInterval: { low: 0.106, high: 0.408 }, smallSample: true });
    expect(stats.breakdowns.citation?.map((r) => r.key)).toEqual(['MTUS-CPMTG', 'MTUS-ACOEM']);
    expect(stats.breakdowns.section?.find((r) => r.key === 'MTUS-ACOEM / Special Studies')?.items).toBe(1);
    expect(stats.breakdowns.specialty?.[0]).toMatchObject({ key: 'Chiropractor', items: 27 });
    expect(stats.breakdowns.year?.map((r) => [r.key, r.items])).toEqual([['2016', 2], ['2017', 27]]);
    expect(stats.breakdowns.month?.map((r) => r.key)).toEqual(['2016-11', '2016-12', '2017-01', '2017-03']);
    expect(stats.breakdowns.evidence).toEqual([
      { key: 'cited', items: 28, upheld: 22, overturned: 6, overturnRate: 0.214, overturnInterval: { low: 0.102, high: 0.395 }, smallSample: true },
      { key: 'none', items: 1, upheld: 1, overturned: 0, overturnRate: 0, overturnInterval: { low: 0, high: 0.793 }, smallSample: true },
    ]);
    expect(stats.documentationGaps[0]).toMatchObject({ phrase: 'functional improvement', upheld: 22 });
    expect(stats.documentationGaps.map((g) => g.phrase)).toContain('red flag conditions');
    const csv = statsToCsv(stats).split('\n');
    expect(csv[0]).toBe('breakdown,key,items,upheld,overturned,overturn_rate,overturn_rate_low95,overturn_rate_high95,small_sample');
    expect(csv).toContain('total,all,29,23,6,0.207,0.098,0.384,yes');
    expect(csv).toContain('section,MTUS-ACOEM / Special Studies,1,1,0,0,0,0.793,yes');

    // The annual report's tables: letters by month of decision, and the share of items that are medications.
    expect(stats.lettersByMonth.map((r) => [r.key, r.letters, r.items, r.overturned])).toEqual([['2016-11', 1, 1, 0], ['2016-12', 1, 1, 1], ['2017-01', 1, 2, 0], ['2017-03', 25, 25, 5]]);
    expect(stats.pharmacy.map((r) => [r.key, r.items, r.medication, r.share])).toEqual([['2016', 2, 0, 0], ['2017', 27, 1, 0.037], ['all', 29, 1, 0.034]]);
    expect(stats.pharmacy[2].shareInterval).toEqual({ low: 0.006, high: 0.172 });

    const only2016 = await corpusStats(database.db, database.dialect, { filters: { year: 2016 }, dimensions: ['category'] });
    expect(only2016).toMatchObject({ letters: 2, items: 2, upheld: 1, overturned: 1 });
    expect(Object.keys(only2016.breakdowns)).toEqual(['category']);
  });
});
