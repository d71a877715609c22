import { sql, type RawBuilder } from 'kysely';
import type { AnyDb } from '../../db/database.js';
import { ImrError } from '../../errors/imr-error.js';
import { letterConditions, pickLetterFilters } from '../letter-filters.js';
import { unpackText, type StoredText } from '../stored-text.js';
import type { HitCitation, MatchedIn, PeerCounts, SearchFilters, SearchHit, SearchPage, SearchRequest, SimilarCandidate, SimilarRequest } from './port.js';

/** Marks around matched words in engine snippets; turned into offsets by `splitHighlights`. */
export const MARK_OPEN = '\u27e6';
export const MARK_CLOSE = '\u27e7';

const DEFAULT_LIMIT = 20;
/** Matches counted exactly up to this many; beyond, `total` is this and `totalCapped` is true. */
export const COUNT_CAP = 10_000;
const MAX_LIMIT = 100;

export function pageOf(req: SearchRequest): { limit: number; offset: number } {
  const limit = req.limit ?? DEFAULT_LIMIT;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ImrError('IMR_ERR_SEARCH_QUERY', `The page size must be a whole number from 1 to ${MAX_LIMIT}; got ${limit}.`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new ImrError('IMR_ERR_SEARCH_QUERY', `The offset must be a whole number >= 0; got ${offset}.`);
  return { limit, offset };
}

/** The SQL conditions for the filters, on the items table aliased `i`. */
export function filterConditions(f: SearchFilters = {}): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.decision) c.push(sql`i.decision = ${f.decision}`);
  if (f.category) c.push(sql`i.category = ${f.category}`);
  if (f.citationFamily) c.push(sql`i.citation_family = ${f.citationFamily.toUpperCase()}`);
  if (f.section) c.push(sql`lower(i.citation_section) = ${f.section.toLowerCase()}`);
  if (f.specialty) c.push(sql`lower(i.reviewer_specialty) = ${f.specialty.toLowerCase()}`);
  if (f.year !== undefined) c.push(sql`i.year = ${f.year}`);
  if (f.priority) c.push(sql`i.priority = ${f.priority}`);
  c.push(...letterConditions(f));
  return c;
}

export function andAll(conds: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conds.length === 0 ? sql`1 = 1` : sql.join(conds, sql` AND `);
}

/** Turns "a ⟦b⟧ c" into the plain text and the [start, end) offsets of the marked words. */
export function splitHighlights(marked: string): { snippet: string; highlights: Array<[number, number]> } {
  // The marks are single UTF-16 units (U+27E6, U+27E7), never halves of a pair: the text between
  // them is copied in slices, not a character at a time (a page of hits made this a hot loop).
  let snippet = '';
  const highlights: Array<[number, number]> = [];
  let start = -1;
  let from = 0;
  for (let i = 0; i < marked.length; i++) {
    const c = marked.charCodeAt(i);
    if (c !== OPEN_CODE && c !== CLOSE_CODE) continue;
    snippet += marked.slice(from, i);
    from = i + 1;
    if (c === OPEN_CODE) start = snippet.length;
    else {
      if (start >= 0 && snippet.length > start) highlights.push([start, snippet.length]);
      start = -1;
    }
  }
  snippet += marked.slice(from);
  return { snippet: collapse(snippet, highlights), highlights };
}

const OPEN_CODE = MARK_OPEN.charCodeAt(0);
const CLOSE_CODE = MARK_CLOSE.charCodeAt(0);

/** Whether a UTF-16 unit is what /\s/ matches (ECMAScript WhiteSpace and LineTerminator), without a regular expression per character. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Collapses runs of whitespace while keeping the highlight offsets right. */
function collapse(text: string, highlights: Array<[number, number]>): string {
  const map = new Array<number>(text.length + 1);
  let out = '';
  let prevSpace = true;
  // Runs of non-space are copied as slices; each space run becomes one space (none at the start).
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (space) {
      if (!prevSpace) {
        out += text.slice(runStart, i);
        map[i] = out.length;
        out += ' ';
      } else map[i] = out.length;
      prevSpace = true;
    } else {
      if (prevSpace) runStart = i;
      map[i] = out.length + (i - runStart);
      prevSpace = false;
    }
  }
  if (!prevSpace) out += text.slice(runStart);
  map[text.length] = out.length;
  for (const h of highlights) {
    h[0] = map[h[0]];
    h[1] = map[h[1]];
  }
  return out.replace(/\s+$/, '');
}

/** The leading passage of a text, for hits without query text. */
function leadSnippet(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max).replace(/\s\S*$/, '')}…`;
}

/** A row of the items join letters query, as both engines select it. */
export interface HitRow {
  id: number;
  letter_id: number;
  position: number;
  case_number: string | null;
  file_name: string;
  request: string;
  decision: string;
  category: string | null;
  citation_family: string;
  citation_name: string | null;
  citation_topic: string | null;
  citation_section: string | null;
  citation_raw: string;
  reviewer_specialty: string | null;
  year: number | null;
  month: number | null;
  priority: string | null;
  /** Compressed on SQLite (see stored-text.ts): unpacked only where a hit shows it. */
  rationale: StoredText;
  score?: number | null;
}

export const HIT_COLUMNS = sql`i.id, i.letter_id, i.position, l.case_number, l.file_name, i.request, i.decision, i.category,
  i.citation_family, i.citation_name, i.citation_topic, i.citation_section, i.citation_raw, i.reviewer_specialty,
  i.year, i.month, i.priority, i.rationale`;

export function toHit(row: HitRow, snippetMarked: string | null, score: number | null, matchedIn: MatchedIn | null = null): SearchHit {
  const citation: HitCitation = {
    family: row.citation_family,
    name: row.citation_name,
    topic: row.citation_topic,
    section: row.citation_section,
    raw: row.citation_raw,
  };
  const { snippet, highlights } = snippetMarked ? splitHighlights(snippetMarked) : { snippet: leadSnippet(unpackText(row.rationale)), highlights: [] };
  return {
    itemId: Number(row.id),
    letterId: Number(row.letter_id),
    caseNumber: row.case_number,
    fileName: row.file_name,
    position: Number(row.position),
    request: row.request,
    decision: row.decision as SearchHit['decision'],
    category: row.category,
    citation,
    reviewerSpecialty: row.reviewer_specialty,
    year: row.year === null ? null : Number(row.year),
    month: row.month === null ? null : Number(row.month),
    priority: row.priority,
    snippet,
    highlights,
    matchedIn,
    score,
  };
}

/** The filter values an item is tagged with in the SQLite FTS `tags` column (see migration 0202). */
export interface TaggedFields {
  decision: string;
  year: number | null;
  priority: string | null;
  category: string | null;
  citationFamily: string;
}

const slug = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The `tags` column text: one token per filterable value, e.g. "xdecupheld xyear2016 …". Pure. */
export function filterTags(f: TaggedFields): string {
  return [
    `xdec${slug(f.decision)}`,
    `xyear${f.year ?? 'none'}`,
    `xprio${slug(f.priority ?? 'none')}`,
    `xcat${slug(f.category ?? 'none')}`,
    `xfam${slug(f.citationFamily)}`,
  ].join(' ');
}

/**
 * The FTS5 terms for the filters that are tagged (decision, year, priority, category, family),
 * and the SQL conditions for the rest (section, specialty), which need the items row.
 */
export function splitTaggedFilters(f: SearchFilters = {}): { tagMatch: string | null; rest: SearchFilters } {
  const tags: string[] = [];
  if (f.decision) tags.push(`xdec${slug(f.decision)}`);
  if (f.year !== undefined) tags.push(`xyear${f.year}`);
  if (f.priority) tags.push(`xprio${slug(f.priority)}`);
  if (f.category) tags.push(`xcat${slug(f.category)}`);
  if (f.citationFamily) tags.push(`xfam${slug(f.citationFamily)}`);
  const rest: SearchFilters = pickLetterFilters(f);
  if (f.section) rest.section = f.section;
  if (f.specialty) rest.specialty = f.specialty;
  return { tagMatch: tags.length ? tags.map((t) => `tags : "${t}"`).join(' AND ') : null, rest };
}

/**
 * The groups a precedent search reads, best first: same category and citation family, same
 * category, same family, any (a null category or family has no group of its own). Pure.
 */
function similarGroups(category: string | null, citationFamily: string | null): Array<{ category?: string; citationFamily?: string }> {
  const groups: Array<{ category?: string; citationFamily?: string }> = [];
  if (category !== null && citationFamily !== null) groups.push({ category, citationFamily });
  if (category !== null) groups.push({ category });
  if (citationFamily !== null) groups.push({ citationFamily });
  groups.push({});
  return groups;
}

/**
 * Precedent candidates are scored among the SIMILAR_WINDOW newest items of a group whose request
 * shares a word with the disputed one: scoring every such item of a large corpus (a common word
 * like "lumbar" is in a third of all requests) would cost far more than the rest of the search.
 */
export const SIMILAR_WINDOW = 2_000;

/**
 * Counts of a peer group, by decision: a null category selects the uncategorised items; a null
 * family means any citation (every item has a family, so "the items without one" would always be
 * none, and a disputed item without a citation was shown "0, 0 overturned" beside its precedents).
 */
export async function countPeers(db: AnyDb, category: string | null, citationFamily: string | null): Promise<PeerCounts> {
  const where = andAll([category === null ? sql`i.category IS NULL` : sql`i.category = ${category}`, ...(citationFamily === null ? [] : [sql`i.citation_family = ${citationFamily}`])]);
  const rows = (await sql<{ decision: string; n: number | string }>`SELECT i.decision, count(*) AS n FROM corpus_items i WHERE ${where} GROUP BY i.decision`.execute(db)).rows;
  const count = (d: string) => rows.filter((r) => r.decision === d).reduce((a, r) => a + Number(r.n), 0);
  return { items: rows.reduce((a, r) => a + Number(r.n), 0), upheld: count('Upheld'), overturned: count('Overturned') };
}

/** A group of a precedent search (see similarGroups). */
export type SimilarGroup = ReturnType<typeof similarGroups>[number];

/**
 * Precedent candidates, group by group (see similarGroups) until `req.limit` distinct items: an
 * engine's `scoreGroup` gives a group's items whose request shares a word, best first; without
 * words, a group's newest items. Read with their letters' clinical summaries (the facts).
 */
export async function similarCandidates(
  db: AnyDb,
  req: SimilarRequest,
  scoreGroup: (group: SimilarGroup) => Promise<Array<{ id: number; score: number | null }>>,
): Promise<SimilarCandidate[]> {
  const found = new Map<number, number | null>();
  for (const group of similarGroups(req.category, req.citationFamily)) {
    if (found.size >= req.limit) break;
    const rows =
      req.words.length > 0
        ? await scoreGroup(group)
        : (await sql<{ id: number }>`SELECT i.id FROM corpus_items i WHERE ${andAll(filterConditions(group))} ORDER BY i.id DESC LIMIT ${req.limit}`.execute(db)).rows.map(
            (r) => ({ id: Number(r.id), score: null }),
          );
    for (const r of rows) if (!found.has(r.id) && found.size < req.limit) found.set(r.id, r.score);
  }
  if (found.size === 0) return [];
  const rows = await sql<HitRow & { facts: StoredText }>`SELECT ${HIT_COLUMNS}, l.clinical_summary AS facts
    FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id WHERE i.id IN (${sql.join([...found.keys()])})`.execute(db);
  return rows.rows.map((r) => {
    const candidate: SimilarCandidate = {
      ...toHit({ ...r, rationale: '' }, null, found.get(Number(r.id)) ?? null),
      sameCategory: req.category !== null && r.category === req.category,
      sameCitation: req.citationFamily !== null && r.citation_family === req.citationFamily,
      facts: '',
    };
    // The rationale's lead snippet and the facts are read (decompressed, on SQLite) only for the
    // candidates a caller looks at: a precedent search ranks 60 and shows 10.
    let snippet: string | undefined;
    let facts: string | undefined;
    return Object.defineProperties(candidate, {
      snippet: { enumerable: true, get: () => (snippet ??= toHit(r, null, null).snippet) },
      facts: { enumerable: true, get: () => (facts ??= unpackText(r.facts)) },
    });
  });
}

/**
 * A search without query text: every item matching the filters, most recently imported first
 * (counted up to `countCap`); only punctuation matches nothing. Null when the query has words.
 */
export async function pageWithoutWords(
  db: AnyDb,
  req: SearchRequest,
  page: { limit: number; offset: number },
  countCap: number,
  hasWords: boolean,
): Promise<SearchPage | null> {
  if (hasWords) return null;
  const filters = req.filters ?? {};
  const base = { query: req.query, filters, limit: page.limit, offset: page.offset };
  if (req.query.trim() !== '') return { ...base, total: 0, totalCapped: false, hits: [] };
  const where = andAll(filterConditions(filters));
  const counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM corpus_items i WHERE ${where} LIMIT ${countCap + 1}) c`.execute(db)).rows[0].n);
  const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM corpus_items i JOIN corpus_letters l ON l.id = i.letter_id
    WHERE ${where} ORDER BY i.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return { ...base, total: Math.min(counted, countCap), totalCapped: counted > countCap, hits: rows.rows.map((r) => toHit(r, null, null)) };
}
