import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '../../db/database.js';
import { termGroups, websearchTerm, type QueryTerm } from '../fts-query.js';
import { searchTerms } from '../drug-synonyms.js';
import { pgAnyQuery, pgTermQuery, pgVector } from './pg-text.js';
import { markedSnippet, snippetQuery } from './snippet.js';
import { scoreWindow } from './similar-window.js';
import { unpackText } from '../stored-text.js';
import {
  andAll, COUNT_CAP, filterConditions, HIT_COLUMNS, pageOf, pageWithoutWords, countPeers, SIMILAR_WINDOW, similarCandidates, toHit, type HitRow,
} from './common.js';
import type { PeerCounts, SearchIndex, SearchIndexOptions, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

/** Any of the words, as to_tsquery text ("a | b"); null when none is left. The words hold only letters and digits. */
function anyOf(words: string[]): string | null {
  const clean = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 2);
  return clean.length > 0 ? clean.join(' | ') : null;
}

/**
 * The relevance tiers on PostgreSQL and the score a hit of each gets: the query matched within the
 * item's request; elsewhere (the rationale or the letter's clinical summary; SQLite tells these two
 * apart, here they are one tier). Why not ts_rank_cd: ranking reads every match's stored vector,
 * hundreds of milliseconds for a common phrase in 200,000 letters.
 */
const TIERS = { request: { score: 3, matchedIn: 'request' }, other: { score: 1, matchedIn: 'rationale-or-summary' } } as const;
type Tier = (typeof TIERS)[keyof typeof TIERS];

/**
 * PostgreSQL full text: the items' weighted tsvector (request A, rationale B, the letter's clinical summary C)
 * with a GIN index, and a narrow table of the requests' own vectors (GIN) for the first tier and precedents;
 * words read as FTS5 reads them (pg-text.ts, migration 0209); websearch_to_tsquery for each term of the
 * query; snippets made from the page's rows (snippet.ts).
 *
 * Why GIN and not RUM (measured 2026-12-05, bench/README.md "RUM against GIN"): RUM made a plain
 * table's import 4.75 times slower (104 against 494 letters/s, 100,000 letters). A page's cost is
 * the capped count, and a bitmap scan read the heap page of every match to count it with either
 * index (PostgreSQL 15.20, even with every page all-visible after VACUUM), so on the items' table,
 * where a row is about a page, RUM's positions save only the rechecks of the phrase candidates that
 * do not match: it did not count faster (716-877 ms against 783-1,150 ms for a common phrase, cold)
 * at twice GIN's size (154 against 76 MB, 50,000 letters). Its index scan gathers every posting of
 * the query's words, with their positions, before the first row (170 ms for a word in 81% of items,
 * 422 ms for a phrase of it; GIN's bitmap of the same word: 21 ms), a cost that grows with the
 * corpus. Its ranking (`<=>`) orders by relevance, which SQLite's tiers do not, so the engines would
 * order hits differently. It is also an extension outside PostgreSQL (package postgresql-15-rum on
 * the server's host, then CREATE EXTENSION by a superuser). Phrase candidates are bounded instead
 * (the newest id ranges, see `newest`).
 */
/**
 * The query as a tsquery with the same grouping as SQLite's ((a OR b) AND c AND NOT d): each term is
 * parsed by websearch_to_tsquery (never a syntax error; a phrase keeps its word order) and the
 * terms are combined with tsquery operators, since websearch_to_tsquery's own "or" binds looser
 * than its implicit AND ("a or b c" is a | (b & c)). Throws like termGroups.
 */
function tsqueryOf(terms: QueryTerm[]): RawBuilder<unknown> {
  const { groups, excluded } = termGroups(terms);
  const one = (t: QueryTerm) => pgTermQuery(websearchTerm(t));
  const required = groups.map((g) => (g.length > 1 ? sql`(${sql.join(g.map(one), sql` || `)})` : one(g[0])));
  // Parenthesised: it is used as the right operand of @@, which binds tighter than &&.
  return sql`(${sql.join([...required, ...excluded.map((t) => sql`!!${one(t)}`)], sql` && `)})`;
}

export class PostgresSearchIndex implements SearchIndex {
  readonly engine = 'postgres-tsvector' as const;
  private readonly countCap: number;
  constructor(private readonly db: AnyDb, opts: SearchIndexOptions = {}) {
    this.countCap = opts.countCap ?? COUNT_CAP;
  }

  /**
   * Runs in a read transaction whose planner must use the GIN and bitmap scans: with a LIMIT and a
   * common word, it would otherwise walk the table or the primary key and read (decompress) the
   * large stored tsvector of every row it passes; a bitmap scan of the GIN index reads none for
   * plain words (and only the candidates' for phrases).
   */
  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    if (req.query.trim() === '' || searchTerms(req.query).length === 0) return this.searchWith(this.db, req, limit, offset, 0);
    return this.db.transaction().execute(async (trx) => {
      // The newest id (from the primary key, before index scans are turned off).
      const maxId = Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM corpus_items`.execute(trx)).rows[0].m ?? 0);
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_indexscan = off`.execute(trx);
      return this.searchWith(trx, req, limit, offset, maxId);
    });
  }

  private async searchWith(db: AnyDb, req: SearchRequest, limit: number, offset: number, maxId: number): Promise<SearchPage> {
    const filters = req.filters ?? {};
    const conds = filterConditions(filters);
    const terms = searchTerms(req.query);
    const empty = (total: number, totalCapped: boolean): SearchPage => ({ query: req.query, filters, total, totalCapped, limit, offset, hits: [] });
    const listed = await pageWithoutWords(db, req, { limit, offset }, this.countCap, req.query.trim() !== '' && terms.length > 0);
    if (listed) return listed;
    const tsq = tsqueryOf(terms);
    const where = andAll([sql`i.search_vector @@ ${tsq}`, ...conds]);
    const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM corpus_items i WHERE ${where} LIMIT ${this.countCap + 1}) c`.execute(db)).rows[0].n);
    const total = Math.min(counted, this.countCap);
    const totalCapped = counted > this.countCap;
    if (total === 0 || (offset >= total && !totalCapped)) return empty(total, totalCapped);

    // Tiers (see TIERS): the items whose request matches, then the others, newest first within each.
    // Without excluded words a request that matches implies the whole item matches, so the first
    // tier needs only the narrow table of requests (0208); excluded words must be absent everywhere,
    // and filters need the item row.
    const excludes = terms.some((t) => t.negated);
    const withItem = excludes || conds.length > 0;
    const tierConds = [
      {
        tier: TIERS.request as Tier,
        from: withItem ? sql`corpus_item_requests r JOIN corpus_items i ON i.id = r.item_id` : sql`corpus_item_requests r`,
        id: sql`r.item_id`,
        cond: andAll([sql`r.request_vector @@ ${tsq}`, ...(excludes ? [sql`i.search_vector @@ ${tsq}`] : []), ...conds]),
      },
      {
        tier: TIERS.other as Tier,
        from: sql`corpus_items i`,
        id: sql`i.id`,
        cond: andAll([sql`i.search_vector @@ ${tsq}`, sql`NOT (${pgVector(sql`i.request`)} @@ ${tsq})`, ...conds]),
      },
    ];
    // The newest `lim` ids meeting `cond`: looked for among the newest ids (the GIN bitmaps
    // intersected with an id range), widening the range until enough are in it, so only the
    // candidates in the range are read (their stored vectors, for phrases), whatever the corpus
    // size. First range: 1.5 times the ids that hold them at the density of all matches (a capped
    // count understates it, so the range is then wider than needed, never narrower).
    const newest = async (t: (typeof tierConds)[number], lim: number): Promise<number[]> => {
      for (let span = Math.ceil((1.5 * lim * Math.max(maxId, 1)) / counted); ; span *= 4) {
        const lo = maxId - span;
        const r = await sql<{ id: number }>`SELECT ${t.id} AS id FROM ${t.from} WHERE ${t.cond} ${lo > 0 ? sql`AND ${t.id} > ${lo}` : sql``}
          ORDER BY ${t.id} DESC LIMIT ${lim}`.execute(db);
        if (r.rows.length >= lim || lo <= 0) return r.rows.map((x) => Number(x.id));
      }
    };
    const end = offset + limit;
    const picked: Array<{ id: number; tier: Tier }> = [];
    for (const t of tierConds) {
      if (picked.length >= end) break;
      for (const id of await newest(t, end - picked.length)) picked.push({ id, tier: t.tier });
    }
    const page = picked.slice(offset, end);
    if (page.length === 0) return empty(total, totalCapped);
    const pageIds = page.map((p) => p.id);
    const tierOf = new Map(page.map((p) => [p.id, p.tier]));

    // The page's rows in one query; their snippets are made from the texts it reads (snippet.ts).
    const rows = await sql<HitRow & { summary: string }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS summary
      FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id WHERE i.id IN (${sql.join(pageIds)})`.execute(db);
    const q = snippetQuery(terms);
    const rowById = new Map(rows.rows.map((r) => [Number(r.id), r]));
    const hits = pageIds.flatMap((id) => {
      const r = rowById.get(id);
      if (!r) return [];
      const tier = tierOf.get(id);
      return [toHit(r, markedSnippet([r.request, unpackText(r.rationale), r.summary], q), tier?.score ?? null, tier?.matchedIn ?? null)];
    });
    return { query: req.query, filters, total, totalCapped, limit, offset, hits };
  }

  /**
   * Candidates whose request shares a word with the disputed request, by group (see
   * similarGroups): a group's SIMILAR_WINDOW newest matches (the GIN index of the requests' own
   * vectors), scored from the requests' words as on SQLite (similar-window.ts: BM25 among the window,
   * then the closeness of the words), so both engines offer the same candidates; without words, a
   * group's newest items.
   */
  async similar(req: SimilarRequest): Promise<SimilarCandidate[]> {
    const words = anyOf(req.words);
    return similarCandidates(this.db, words ? req : { ...req, words: [] }, async (group) => {
      const q = pgAnyQuery(words ?? '');
      const inGroup = [
        ...(group.category !== undefined ? [sql`r.category = ${group.category}`] : []),
        ...(group.citationFamily !== undefined ? [sql`r.citation_family = ${group.citationFamily.toUpperCase()}`] : []),
      ];
      // The newest matches through the bitmap scans of the narrow requests table (GIN of the
      // requests, B-tree of the group); a backward walk of its primary key would read the whole
      // table for a small group.
      return this.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        await sql`SET LOCAL enable_indexscan = off`.execute(trx);
        const ids = (await sql<{ id: number }>`SELECT r.item_id AS id FROM corpus_item_requests r
            WHERE ${andAll([sql`r.request_vector @@ ${q}`, ...inGroup])} ORDER BY r.item_id DESC LIMIT ${SIMILAR_WINDOW}`.execute(trx)).rows.map((r) => Number(r.id));
        if (ids.length === 0) return [];
        // Items with the same request text (a drug and its dose) are scored once.
        const byRequest = new Map<string, number[]>();
        for (const r of (await sql<{ id: number; request: string }>`SELECT id, request FROM corpus_items WHERE id IN (${sql.join(ids)})`.execute(trx)).rows)
          byRequest.set(r.request, [...(byRequest.get(r.request) ?? []), Number(r.id)]);
        return scoreWindow([...byRequest].map(([request, same]) => ({ request, ids: same })), req.words, req.limit);
      });
    });
  }

  peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts> {
    return countPeers(this.db, category, citationFamily);
  }


}
