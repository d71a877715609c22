import { sql, type Kysely } from 'kysely';
import { parseQuery, toFts5, toFts5Any } from '../fts-query.js';
import {
  andAll, filterConditions, HIT_COLUMNS, MARK_CLOSE, MARK_OPEN, pageOf, toHit, type HitRow,
} from './common.js';
import type { PeerCounts, SearchIndex, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

/** bm25 column weights: request, rationale, facts (the clinical summary). */
const WEIGHTS = sql`10.0, 3.0, 1.0`;

/** SQLite FTS5: a self-contained index (rowid = item id), ranked by bm25, snippets with highlights. */
export class SqliteSearchIndex implements SearchIndex {
  readonly engine = 'sqlite-fts5' as const;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async search(req: SearchRequest): Promise<SearchPage> {
    const { limit, offset } = pageOf(req);
    const filters = req.filters ?? {};
    const conds = filterConditions(filters);
    const terms = parseQuery(req.query);
    if (req.query.trim() === '' || terms.length === 0) {
      if (req.query.trim() !== '' && terms.length === 0) {
        // Only punctuation: nothing can match.
        return { query: req.query, filters, total: 0, limit, offset, hits: [] };
      }
      const where = andAll(conds);
      const total = await sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items i WHERE ${where}`.execute(this.db);
      const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
        WHERE ${where} ORDER BY i.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
      return { query: req.query, filters, total: Number(total.rows[0].n), limit, offset, hits: rows.rows.map((r) => toHit(r, null, null)) };
    }
    const match = toFts5(terms);
    const where = andAll([sql`corpus_items_fts MATCH ${match}`, ...conds]);
    const totalQ =
      conds.length === 0
        ? sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items_fts WHERE corpus_items_fts MATCH ${match}`
        : sql<{ n: number }>`SELECT count(*) AS n FROM corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid WHERE ${where}`;
    const total = Number((await totalQ.execute(this.db)).rows[0].n);
    if (total === 0 || offset >= total) return { query: req.query, filters, total, limit, offset, hits: [] };
    // Rank first (ids and scores only), then build snippets for the page's rows alone.
    const ranked = await sql<{ id: number; score: number }>`SELECT corpus_items_fts.rowid AS id, bm25(corpus_items_fts, ${WEIGHTS}) AS score
      FROM corpus_items_fts ${conds.length ? sql`JOIN corpus_items i ON i.id = corpus_items_fts.rowid` : sql``}
      WHERE ${where} ORDER BY score, corpus_items_fts.rowid LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
    const ids = ranked.rows.map((r) => Number(r.id));
    const rows = await sql<HitRow & { marked: string }>`SELECT ${HIT_COLUMNS},
        snippet(corpus_items_fts, -1, ${MARK_OPEN}, ${MARK_CLOSE}, '…', 28) AS marked
      FROM corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid JOIN corpus_letters l ON l.id = i.letter_id
      WHERE corpus_items_fts MATCH ${match} AND corpus_items_fts.rowid IN (${sql.join(ids)})`.execute(this.db);
    const byId = new Map(rows.rows.map((r) => [Number(r.id), r]));
    const hits = ranked.rows.flatMap((r) => {
      const row = byId.get(Number(r.id));
      // bm25 is lower-is-better and negative; report higher-is-better.
      return row ? [toHit(row, row.marked, -Number(r.score))] : [];
    });
    return { query: req.query, filters, total, limit, offset, hits };
  }

  async similar(req: SimilarRequest): Promise<SimilarCandidate[]> {
    const tier = sql`(CASE WHEN i.category = ${req.category} THEN 2 ELSE 0 END) + (CASE WHEN i.citation_family = ${req.citationFamily} THEN 1 ELSE 0 END)`;
    const rows =
      req.words.length === 0
        ? await sql<HitRow & { facts: string; tier: number }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS facts, ${tier} AS tier, NULL AS score
            FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
            WHERE i.category = ${req.category} OR i.citation_family = ${req.citationFamily}
            ORDER BY tier DESC, i.id DESC LIMIT ${req.limit}`.execute(this.db)
        : await sql<HitRow & { facts: string; tier: number }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS facts, ${tier} AS tier,
              -bm25(corpus_items_fts, 10.0, 1.0, 0.5) AS score
            FROM corpus_items_fts JOIN corpus_items i ON i.id = corpus_items_fts.rowid JOIN corpus_letters l ON l.id = i.letter_id
            WHERE corpus_items_fts MATCH ${toFts5Any(req.words)}
            ORDER BY tier DESC, score DESC, i.id LIMIT ${req.limit}`.execute(this.db);
    return rows.rows.map((r) => ({
      ...toHit(r, null, r.score === null || r.score === undefined ? null : Number(r.score)),
      sameCategory: req.category !== null && r.category === req.category,
      sameCitation: req.citationFamily !== null && r.citation_family === req.citationFamily,
      facts: r.facts,
    }));
  }

  async peerCounts(category: string | null, citationFamily: string | null): Promise<PeerCounts> {
    const r = await sql<{ items: number; upheld: number | null; overturned: number | null }>`SELECT count(*) AS items,
        sum(CASE WHEN i.decision = 'Upheld' THEN 1 ELSE 0 END) AS upheld,
        sum(CASE WHEN i.decision = 'Overturned' THEN 1 ELSE 0 END) AS overturned
      FROM corpus_items i WHERE i.category IS ${category} AND i.citation_family IS ${citationFamily}`.execute(this.db);
    const row = r.rows[0];
    return { items: Number(row.items), upheld: Number(row.upheld ?? 0), overturned: Number(row.overturned ?? 0) };
  }
}
