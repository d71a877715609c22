import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { ImrError } from '../errors/imr-error.js';
import type { CorpusItemRecord, CorpusLetterRecord } from './records.js';
import { filterTags } from './search/common.js';
import { pgVector } from './search/pg-text.js';
import type { CorpusTables } from './schema.js';
import { packLetterText, packText } from './stored-text.js';

export type InsertOutcome = { status: 'imported'; letterId: number; items: number } | { status: 'present'; letterId: number | null };
export type BatchOutcome = InsertOutcome | { status: 'failed'; error: ImrError };

function storeError(e: unknown): ImrError {
  if (e instanceof ImrError) return e;
  return new ImrError('IMR_ERR_DATABASE', `The letter could not be stored (nothing of it was kept): ${(e as Error)?.message ?? String(e)}`, { cause: e });
}

/**
 * The corpus tables: writes one letter (its row, its items, their search entries and gaps) in
 * one transaction, so a failure never leaves half a letter; a letter whose content hash is
 * already stored is skipped.
 */
export class CorpusStore {
  readonly db: Kysely<CorpusTables>;
  constructor(readonly database: Database) {
    this.db = database.db as Kysely<CorpusTables>;
  }

  /**
   * On SQLite in WAL mode, commits need not wait for the disk: a crash of the machine may lose the
   * last commits but never corrupts the file or leaves a half-written letter (set per connection,
   * as is a larger page cache). Returns what puts the connection back as it was: the service shares
   * it, and its own commits (signed letters, audit rows) wait for the disk (src/db/database.ts).
   */
  async prepareForBulkWrites(): Promise<() => Promise<void>> {
    if (this.database.dialect !== 'sqlite') return async () => undefined;
    const before = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(this.db);
    const cache = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(this.db);
    const synchronous = Number(before.rows[0]?.synchronous ?? 2);
    const cacheSize = Number(cache.rows[0]?.cache_size ?? -2000);
    await sql`PRAGMA synchronous = NORMAL`.execute(this.db);
    // A 64 MB page cache keeps the full-text index's and the B-trees' hot pages in memory while the corpus grows.
    await sql`PRAGMA cache_size = -65536`.execute(this.db);
    return async () => {
      // Pragmas take no bound parameters; both values are integers read back from SQLite above.
      await sql.raw(`PRAGMA synchronous = ${Math.trunc(synchronous)}`).execute(this.db);
      await sql.raw(`PRAGMA cache_size = ${Math.trunc(cacheSize)}`).execute(this.db);
    };
  }

  /**
   * After a bulk import of `imported` letters. PostgreSQL: the GIN indexes' pending entries (which
   * searches scan linearly) are moved into the indexes, at a cost that follows the import rather
   * than the corpus; the planner statistics are refreshed (ANALYZE of the corpus tables) only once
   * the corpus has grown by more than a fifth since they were last taken (ANALYZE_GROWTH, tracked in
   * `corpus_maintenance`, migration 0210): statistics of a corpus a few percent larger plan the same,
   * and a VACUUM ANALYZE of the whole corpus after every import made each import slower than the
   * last. Autovacuum marks the new pages all-visible as usual. SQLite: PRAGMA optimize.
   * Returns whether the tables were analysed.
   */
  async afterBulkWrites(imported: number): Promise<{ analyzed: boolean }> {
    if (this.database.dialect !== 'postgres') {
      await sql`PRAGMA optimize`.execute(this.db);
      return { analyzed: false };
    }
    for (const index of ['corpus_items_search', 'corpus_item_requests_search']) {
      await sql`SELECT gin_clean_pending_list(${index}::regclass)`.execute(this.db);
    }
    const row = (
      await sql<{ at: number; since: number }>`UPDATE corpus_maintenance SET letters_since_analyze = letters_since_analyze + ${imported}
        WHERE id = 1 RETURNING letters_at_analyze AS at, letters_since_analyze AS since`.execute(this.db)
    ).rows[0];
    if (!row || !needsAnalyze(Number(row.at), Number(row.since))) return { analyzed: false };
    await sql`ANALYZE corpus_letters, corpus_items, corpus_item_requests, corpus_gaps`.execute(this.db);
    await sql`UPDATE corpus_maintenance SET letters_at_analyze = letters_at_analyze + ${Number(row.since)},
      letters_since_analyze = letters_since_analyze - ${Number(row.since)} WHERE id = 1`.execute(this.db);
    return { analyzed: true };
  }

  /**
   * SQLite: rewrites the database file to the size of what it holds (VACUUM), e.g. after migration
   * 0221 compressed an existing corpus: the file keeps its old size otherwise (later imports reuse
   * the free pages). Needs free disk about the file's size and holds the database while it runs.
   * Returns the bytes the database takes before and after; null on PostgreSQL (autovacuum's part).
   */
  async vacuum(): Promise<{ before: number; after: number } | null> {
    if (this.database.dialect !== 'sqlite') return null;
    const bytes = async (): Promise<number> => {
      const count = await sql<{ page_count: number }>`PRAGMA page_count`.execute(this.db);
      const size = await sql<{ page_size: number }>`PRAGMA page_size`.execute(this.db);
      return Number(count.rows[0]?.page_count ?? 0) * Number(size.rows[0]?.page_size ?? 0);
    };
    const before = await bytes();
    await sql`VACUUM`.execute(this.db);
    // The rewritten pages are in the write-ahead log until a checkpoint moves them into the file.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
    return { before, after: await bytes() };
  }

  async hasHash(hash: string): Promise<boolean> {
    const row = await this.db.selectFrom('corpus_letters').select('id').where('content_hash', '=', hash).executeTakeFirst();
    return row !== undefined;
  }

  /** Stores one letter in its own transaction; throws IMR_ERR_DATABASE (nothing of it kept) on failure. */
  async insertLetter(rec: CorpusLetterRecord, importedAt: string): Promise<InsertOutcome> {
    const [outcome] = await this.insertLetters([rec], importedAt);
    if (outcome.status === 'failed') throw outcome.error;
    return outcome;
  }

  /**
   * Stores letters in one transaction: first the whole batch in a few multi-row statements; if
   * that fails, the batch is rolled back and written letter by letter, each inside its own
   * savepoint, so a letter that fails is rolled back entirely (never half-written) and the others
   * are kept. Committing many letters at once in few statements is what makes bulk import fast.
   */
  async insertLetters(recs: CorpusLetterRecord[], importedAt: string): Promise<BatchOutcome[]> {
    if (recs.length === 0) return [];
    try {
      return await this.db.transaction().execute(async (trx) => {
        // As with SQLite's synchronous = NORMAL (see prepareForBulkWrites): a crash may lose the
        // last batches' commits, never corrupt or half-write; the next import adds them again.
        if (this.database.dialect === 'postgres') await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        // Fast path: the whole batch in a few multi-row statements. If any letter of it fails, the
        // batch is rolled back to the savepoint and written again letter by letter, below.
        if (recs.length > 1 && new Set(recs.map((r) => r.contentHash)).size === recs.length) {
          await sql`SAVEPOINT corpus_batch`.execute(trx);
          try {
            const fast = await this.writeBatch(trx, recs, importedAt);
            await sql`RELEASE SAVEPOINT corpus_batch`.execute(trx);
            return fast;
          } catch {
            await sql`ROLLBACK TO SAVEPOINT corpus_batch`.execute(trx);
            await sql`RELEASE SAVEPOINT corpus_batch`.execute(trx);
          }
        }
        const outcomes: BatchOutcome[] = [];
        for (const rec of recs) {
          await sql`SAVEPOINT corpus_letter`.execute(trx);
          try {
            outcomes.push(await this.writeLetter(trx, rec, importedAt));
            await sql`RELEASE SAVEPOINT corpus_letter`.execute(trx);
          } catch (e) {
            await sql`ROLLBACK TO SAVEPOINT corpus_letter`.execute(trx);
            await sql`RELEASE SAVEPOINT corpus_letter`.execute(trx);
            outcomes.push({ status: 'failed', error: storeError(e) });
          }
        }
        return outcomes;
      });
    } catch (e) {
      const error = storeError(e);
      return recs.map(() => ({ status: 'failed', error }) as const);
    }
  }

  /**
   * Writes letters with distinct hashes in multi-row statements (letters, items, search entries,
   * gaps): a handful of statements per batch instead of several per letter. Throws on any failure
   * (the caller rolls the batch back and writes it letter by letter).
   */
  private async writeBatch(trx: Transaction<CorpusTables>, recs: CorpusLetterRecord[], importedAt: string): Promise<InsertOutcome[]> {
    const pg = this.database.dialect === 'postgres';
    const letterIds = new Map<string, number>();
    for (const part of chunks(recs, 200)) {
      const rows = await trx
        .insertInto('corpus_letters')
        .values(part.map((rec) => letterValues(rec, importedAt, pg)) as never)
        .onConflict((oc) => oc.column('content_hash').doNothing())
        .returning(['id', 'content_hash'])
        .execute();
      for (const r of rows) letterIds.set(String(r.content_hash), Number(r.id));
    }
    const items: Array<{ rec: CorpusLetterRecord; item: CorpusItemRecord; letterId: number }> = [];
    for (const rec of recs) {
      const letterId = letterIds.get(rec.contentHash);
      if (letterId !== undefined) for (const item of rec.items) items.push({ rec, item, letterId });
    }
    const itemIds = new Map<string, number>();
    for (const part of chunks(items, 400)) {
      const rows = pg
        ? await insertPgItems(trx, part)
        : await trx
            .insertInto('corpus_items')
            .values(part.map(({ rec, item, letterId }) => itemValues(rec, item, letterId, pg)) as never)
            .returning(['id', 'letter_id', 'position'])
            .execute();
      for (const r of rows) itemIds.set(`${Number(r.letter_id)}:${Number(r.position)}`, Number(r.id));
    }
    const itemId = (letterId: number, position: number): number => {
      const id = itemIds.get(`${letterId}:${position}`);
      if (id === undefined) throw new ImrError('IMR_ERR_DATABASE', 'An item of the batch was not stored; the batch is written again letter by letter.');
      return id;
    };
    if (!pg) {
      for (const part of chunks(items, 200)) {
        const tags = part.map(({ rec, item }) => itemTags(rec, item));
        const tuples = part.map(({ rec, item, letterId }, k) => {
          return sql`(${itemId(letterId, item.position)}, ${item.request}, ${item.rationale}, ${rec.clinicalSummary}, ${tags[k]})`;
        });
        await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags) VALUES ${sql.join(tuples)}`.execute(trx);
        const requests = part.map(({ item, letterId }, k) => sql`(${itemId(letterId, item.position)}, ${item.request}, ${tags[k]})`);
        await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) VALUES ${sql.join(requests)}`.execute(trx);
      }
    }
    const gaps = items.flatMap(({ item, letterId }) => {
      const seen = new Set<string>();
      return item.gaps.flatMap((phrase) => {
        const p = phrase.slice(0, 200);
        if (seen.has(p)) return [];
        seen.add(p);
        return [{ item_id: itemId(letterId, item.position), phrase: p }];
      });
    });
    for (const part of chunks(gaps, 1000)) await trx.insertInto('corpus_gaps').values(part).execute();
    return recs.map((rec) => {
      const letterId = letterIds.get(rec.contentHash);
      return letterId === undefined ? { status: 'present', letterId: null } : { status: 'imported', letterId, items: rec.items.length };
    });
  }

  private async writeLetter(trx: Transaction<CorpusTables>, rec: CorpusLetterRecord, importedAt: string): Promise<InsertOutcome> {
    const pg = this.database.dialect === 'postgres';
    const inserted = await trx
      .insertInto('corpus_letters')
      .values(letterValues(rec, importedAt, pg) as never)
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { status: 'present', letterId: null };
    const letterId = Number(inserted.id);
    for (const item of rec.items) {
      const row = await trx
        .insertInto('corpus_items')
        .values(itemValues(rec, item, letterId, pg) as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      const itemId = Number(row.id);
      if (pg) await sql`INSERT INTO corpus_item_requests (item_id, category, citation_family, request_vector) VALUES ${requestRow(itemId, item)}`.execute(trx);
      if (!pg) {
        const tags = itemTags(rec, item);
        await sql`INSERT INTO corpus_items_fts (rowid, request, rationale, facts, tags) VALUES (${itemId}, ${item.request}, ${item.rationale}, ${rec.clinicalSummary}, ${tags})`.execute(trx);
        await sql`INSERT INTO corpus_requests_fts (rowid, request, tags) VALUES (${itemId}, ${item.request}, ${tags})`.execute(trx);
      }
      if (item.gaps.length > 0) {
        await trx.insertInto('corpus_gaps').values(item.gaps.map((phrase) => ({ item_id: itemId, phrase: phrase.slice(0, 200) }))).execute();
      }
    }
    return { status: 'imported', letterId, items: rec.items.length };
  }

  /** Letters and items stored. */
  async counts(): Promise<{ letters: number; items: number }> {
    const l = await this.db.selectFrom('corpus_letters').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const i = await this.db.selectFrom('corpus_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { letters: Number(l.n), items: Number(i.n) };
  }
}

/** Growth of the corpus (in letters, as a share of the letters the statistics describe) beyond which an import analyses the tables. */
const ANALYZE_GROWTH = 0.2;

/** Whether the planner statistics of a corpus of `atAnalyze` letters, `since` more imported since, need refreshing. Pure. */
export function needsAnalyze(atAnalyze: number, since: number): boolean {
  return since > 0 && since > ANALYZE_GROWTH * atAnalyze;
}

/** The corpus_items columns PostgreSQL's batch insert writes, each with the type its VALUES list is read as. */
const PG_ITEM_COLUMNS: Array<[string, 'int' | 'text']> = [
  ['letter_id', 'int'], ['position', 'int'], ['request', 'text'], ['decision', 'text'], ['category', 'text'], ['ca_source', 'text'],
  ['ca_name', 'text'], ['ca_topic', 'text'], ['ca_raw', 'text'], ['ca_cited_evidence', 'int'], ['citation_family', 'text'],
  ['citation_name', 'text'], ['citation_topic', 'text'], ['citation_section', 'text'], ['citation_sections', 'text'],
  ['citation_raw', 'text'], ['rationale', 'text'], ['year', 'int'], ['month', 'int'], ['priority', 'text'], ['reviewer_specialty', 'text'],
];

/**
 * PostgreSQL: a batch's items and their rows in the narrow requests table (0208) in one statement.
 * The items' search vectors join the letters' summary vectors once (request A, rationale B, summary
 * C, as migration 0207) instead of one subquery per item row: planning those subqueries took longer
 * than running the insert (165-380 ms against 12-27 ms per 400 items, EXPLAIN SUMMARY under load).
 * A request's own vector is its words in the item's vector (weight A, the first positions), so it is
 * filtered from it (ts_filter) rather than read a second time; equal to `pgVector(request)`, which the
 * letter-by-letter path still uses.
 */
async function insertPgItems(
  trx: Transaction<CorpusTables>,
  part: Array<{ rec: CorpusLetterRecord; item: CorpusItemRecord; letterId: number }>,
): Promise<Array<{ id: number; letter_id: number; position: number }>> {
  const tuples = part.map(({ rec, item, letterId }) => {
    const row = itemValues(rec, item, letterId, true);
    return sql`(${sql.join(PG_ITEM_COLUMNS.map(([c, type]) => (type === 'int' ? sql`${row[c]}::int` : sql`${row[c]}::text`)))})`;
  });
  const names = PG_ITEM_COLUMNS.map(([c]) => sql.id(c));
  const r = await sql<{ id: number; letter_id: number; position: number }>`WITH ins AS (
      INSERT INTO corpus_items (${sql.join(names)}, search_vector)
      SELECT ${sql.join(names.map((n) => sql`v.${n}`))},
        setweight(${pgVector(sql`v.request`)}, 'A') || setweight(${pgVector(sql`v.rationale`)}, 'B') || setweight(l.summary_vector, 'C')
      FROM (VALUES ${sql.join(tuples)}) AS v (${sql.join(names)}) JOIN corpus_letters l ON l.id = v.letter_id
      RETURNING id, letter_id, position, category, citation_family, search_vector),
    req AS (
      INSERT INTO corpus_item_requests (item_id, category, citation_family, request_vector)
      SELECT id, category, citation_family, setweight(ts_filter(search_vector, '{a}'), 'D') FROM ins)
    SELECT id, letter_id, position FROM ins`.execute(trx);
  // An item whose letter row the join did not find would be missing silently: the batch is written again letter by letter.
  if (r.rows.length !== part.length) throw new ImrError('IMR_ERR_DATABASE', 'An item of the batch was not stored; the batch is written again letter by letter.');
  return r.rows;
}

/** An item's row in PostgreSQL's narrow requests table (migration 0208). */
function requestRow(itemId: number | undefined, item: CorpusItemRecord) {
  if (itemId === undefined) throw new ImrError('IMR_ERR_DATABASE', 'An item of the batch was not stored; the batch is written again letter by letter.');
  return sql`(${itemId}, ${item.category}, ${item.citationFamily}, ${pgVector(item.request)})`;
}

/** The filter tokens of an item in the SQLite search indexes. */
function itemTags(rec: CorpusLetterRecord, item: CorpusItemRecord): string {
  return filterTags({ decision: item.decision, year: rec.year, priority: rec.priority, category: item.category, citationFamily: item.citationFamily });
}

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The corpus_letters row of a letter (on SQLite with its long texts compressed, see stored-text.ts; packed already when the record carries them so). */
function letterValues(rec: CorpusLetterRecord, importedAt: string, pg: boolean): Record<string, unknown> {
  return {
    content_hash: rec.contentHash,
    file_name: rec.fileName,
    layout: rec.layout,
    case_number: rec.caseNumber,
    decision_date: rec.decisionDate,
    year: rec.year,
    month: rec.month,
    priority: rec.priority,
    reviewer_specialty: rec.reviewerSpecialty,
    reviewer_subspecialty: rec.reviewerSubspecialty,
    reviewer_licensure: JSON.stringify(rec.reviewerLicensure),
    worker_age: rec.workerAge,
    worker_sex: rec.workerSex,
    injury_date: rec.injuryDate,
    received_date: rec.receivedDate,
    clinical_summary: pg ? rec.clinicalSummary : (rec.packed?.clinicalSummary ?? packText(rec.clinicalSummary)),
    item_count: rec.items.length,
    upheld: rec.upheld,
    overturned: rec.overturned,
    warnings: JSON.stringify(rec.warnings),
    raw_text: pg ? rec.rawText : (rec.packed?.rawText ?? packLetterText(rec.rawText, rec.clinicalSummary)),
    imported_at: importedAt,
  };
}

/** The corpus_items row of an item (on PostgreSQL with its search vector; on SQLite with its rationale compressed, see stored-text.ts). */
function itemValues(rec: CorpusLetterRecord, item: CorpusItemRecord, letterId: number, pg: boolean): Record<string, unknown> {
  return {
    letter_id: letterId,
    position: item.position,
    request: item.request,
    decision: item.decision,
    category: item.category,
    ca_source: item.caSource,
    ca_name: item.caName,
    ca_topic: item.caTopic,
    ca_raw: item.caRaw,
    ca_cited_evidence: item.caCitedEvidence ? 1 : 0,
    citation_family: item.citationFamily,
    citation_name: item.citationName,
    citation_topic: item.citationTopic,
    citation_section: item.citationSection,
    citation_sections: JSON.stringify(item.citationSections),
    citation_raw: item.citationRaw,
    rationale: pg ? item.rationale : (rec.packed?.rationales[item.position] ?? packText(item.rationale)),
    year: rec.year,
    month: rec.month,
    priority: rec.priority,
    reviewer_specialty: rec.reviewerSpecialty,
    // PostgreSQL: the search vector, with the letter's summary vector (tokenised once per letter,
    // see migration 0207).
    ...(pg
      ? {
          search_vector: sql`setweight(${pgVector(item.request)}, 'A') || setweight(${pgVector(item.rationale)}, 'B') ||
            setweight((SELECT l.summary_vector FROM corpus_letters l WHERE l.id = ${letterId}), 'C')`,
        }
      : {}),
  };
}
