import { sql } from 'kysely';
import type { AnyDb } from '../../db/database.js';
import { toFts5Any, toFts5Tiers } from '../fts-query.js';
import { searchTerms } from '../drug-synonyms.js';
import {
  andAll, COUNT_CAP, filterConditions, splitTaggedFilters, HIT_COLUMNS, pageOf, pageWithoutWords, SIMILAR_WINDOW, similarCandidates, toHit, type HitRow,
} from './common.js';
import { markedSnippet, snippetQuery } from './snippet.js';
import { scoreWindow } from './similar-window.js';
import { unpackText, type StoredText } from '../stored-text.js';
import type { PeerCounts, SearchIndex, SearchIndexOptions, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

/**
 * The relevance tiers, best first, and the score a hit of each gets: the query matched within the
 * item's request; within its own text (request and rationale); only with the letter's clinical
 * summary. Why tiers and not bm25: FTS5's bm25 first counts every row that holds each phrase of
 * the query (its IDF), which for a common phrase in 200,000 letters costs more than the whole
 * search; the tiers are plain FTS5 queries read newest first, exact at any depth of paging.
 */
const TIERS = [
  { key: 'request', score: 3, matchedIn: 'request' },
  { key: 'item', score: 2, matchedIn: 'rationale' },
  { key: 'summary', score: 1, matchedIn: 'summary' },
] as const;

/**
 * SQLite FTS5: contentless indexes (rowid = item id; migration 0221: they hold no copy of the texts),
 * ranked by relevance tier then newest first; snippets with highlights made from the page's rows.
 */
export class SqliteSearchIndex implements SearchIndex {
  readonly engine = 'sqlite-fts5' as const;
  private readonly countCap: number;
  constructor(private readonly db: AnyDb, opts: SearchIndexOptions = {}) {
    this.countCap = opts.countCap ?? COUNT_CAP;
  }

  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    const filters = req.filters ?? {};
    const terms = searchTerms(req.query);
    const empty = (total: number, totalCapped: boolean): SearchPage => ({ query: req.query, filters, total, totalCapped, limit, offset, hits: [] });
    const listed = await pageWithoutWords(this.db, req, { limit, offset }, this.countCap, req.query.trim() !== '' && terms.length > 0);
    if (listed) return listed;
    const tiers = toFts5Tiers(terms);
    // Decision, year, priority, category and family are FTS tokens (the tags column): intersected
    // with the query's posting lists; section and specialty need the items row.
    const { tagMatch, rest } = splitTaggedFilters(filters);
    const restConds = filterConditions(rest);
    const table = (name: 'corpus_items_fts' | 'corpus_requests_fts') => {
      const t = sql.table(name);
      return {
        from: restConds.length ? sql`${t} JOIN corpus_items i ON i.id = ${t}.rowid` : t,
        where: (expr: string) => andAll([sql`${t} MATCH ${tagMatch ? `(${expr}) AND ${tagMatch}` : expr}`, ...restConds]),
        rowid: sql`${t}.rowid`,
      };
    };
    const items = table('corpus_items_fts');
    const { from, where } = items;
    const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where(tiers.all)} LIMIT ${this.countCap + 1})`.execute(this.db)).rows[0].n);
    const total = Math.min(counted, this.countCap);
    const totalCapped = counted > this.countCap;
    if (total === 0 || (offset >= total && !totalCapped)) return empty(total, totalCapped);

    // Relevance by tier (see TIERS), newest first within a tier: each tier is read newest first,
    // in rowid order (which FTS5 walks without sorting), only as far as the end of the page.
    const end = offset + limit;
    const picked: Array<{ id: number; tier: (typeof TIERS)[number] }> = [];
    for (const tier of TIERS) {
      const { key } = tier;
      if (picked.length >= end) break;
      // The request tier from the small index of requests when it answers exactly the same.
      const [t, expr] = key === 'request' && tiers.requestOnly ? [table('corpus_requests_fts'), tiers.requestOnly] : [items, tiers[key]];
      const ids = await sql<{ id: number }>`SELECT ${t.rowid} AS id FROM ${t.from} WHERE ${t.where(expr)}
        ORDER BY ${t.rowid} DESC LIMIT ${end - picked.length}`.execute(this.db);
      for (const r of ids.rows) picked.push({ id: Number(r.id), tier });
    }
    const page = picked.slice(offset, end);
    if (page.length === 0) return empty(total, totalCapped);

    // The page's rows in one query; their snippets are made from the texts it reads (snippet.ts),
    // the rationale and the summary decompressed only when the snippet needs them (stored-text.ts).
    const rows = await sql<HitRow & { summary: StoredText }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS summary
      FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id WHERE i.id IN (${sql.join(page.map((p) => p.id))})`.execute(this.db);
    const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
    const q = snippetQuery(terms);
    const hits = page.flatMap((p) => {
      const row = byId.get(p.id);
      if (!row) return [];
      // Decompressed once: kept on the row for toHit's lead snippet when nothing is marked.
      const rationale = () => (typeof row.rationale === 'string' ? row.rationale : (row.rationale = unpackText(row.rationale)));
      return [toHit(row, markedSnippet([row.request, rationale, () => unpackText(row.summary)], q), p.tier.score, p.tier.matchedIn)];
    });
    return { query: req.query, filters, total, totalCapped, limit, offset, hits };
  }

  /**
   * Candidates whose request shares a word with the disputed request, by group (see
   * similarGroups): a group's SIMILAR_WINDOW newest matches in the small index of requests, read
   * with their requests (the narrow index of migration 0222), scored by BM25 among themselves and
   * picked by the measure precedents are ranked by (similar-window.ts; FTS5's bm25() would first
   * count the matches of every word in the whole corpus); without words, a group's newest items.
   */
  async similar(req: SimilarRequest): Promise<SimilarCandidate[]> {
    return similarCandidates(this.db, req, async (group) => {
      // An empty group (e.g. a category never cited under the family) is known from the counts:
      // FTS5 would find it empty only by intersecting the long lists of its tags.
      if ((group.category !== undefined || group.citationFamily !== undefined) && (await this.groupItems(group.category, group.citationFamily)).items === 0) return [];
      const { tagMatch } = splitTaggedFilters(group);
      const words = `{request} : (${toFts5Any(req.words)})`;
      // Items with the same request text (common: a drug and its dose) come as one row, scored once.
      const rows = await sql<{ request: string; ids: string }>`SELECT i.request, group_concat(w.id) AS ids FROM (
          SELECT rowid AS id FROM corpus_requests_fts WHERE corpus_requests_fts MATCH ${tagMatch ? `(${words}) AND ${tagMatch}` : words}
          ORDER BY rowid DESC LIMIT ${SIMILAR_WINDOW}) w
        JOIN corpus_items i INDEXED BY corpus_items_request ON i.id = w.id GROUP BY i.request`.execute(this.db);
      return scoreWindow(rows.rows.map((r) => ({ request: r.request, ids: String(r.ids).split(',').map(Number) })), req.words, req.limit);
    });
  }

  /** The group's counts as migration 0222's triggers keep them: a lookup, not a walk over the group's items. */
  private async groupItems(category: string | null | undefined, citationFamily: string | null | undefined): Promise<PeerCounts> {
    const conds = [
      ...(category === undefined ? [] : [sql`category = ${category ?? ''}`]),
      ...(citationFamily === undefined || citationFamily === null ? [] : [sql`citation_family = ${citationFamily.toUpperCase()}`]),
    ];
    const rows = (await sql<{ decision: string; n: number }>`SELECT decision, sum(items) AS n FROM corpus_peer_counts WHERE ${andAll(conds)} GROUP BY decision`.execute(this.db)).rows;
    const count = (d: string) => rows.filter((r) => r.decision === d).reduce((a, r) => a + Number(r.n), 0);
    return { items: rows.reduce((a, r) => a + Number(r.n), 0), upheld: count('Upheld'), overturned: count('Overturned') };
  }

  /** Counts of a peer group (see countPeers: a null category is the uncategorised items, a null family any citation). */
  peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts> {
    return this.groupItems(category, citationFamily);
  }


}
