import type { SearchHit } from '../../../src/corpus/search/port.js';
import { spreadsheetSafe } from './audit-view.js';
import { toCsv } from './csv.js';

/**
 * The corpus search as it sits in the address bar (/corpus?q=…&decision=…&offset=40), so a search
 * can be bookmarked, shared and reloaded, and Back and Forward step through searches and pages.
 */
export interface CorpusSearchState {
  q: string;
  decision: string;
  category: string;
  citation: string;
  /** DWC's public search filters: reviewer specialty, case number and the letter's date ranges (YYYY-MM-DD). */
  specialty: string;
  caseNumber: string;
  injuryFrom: string;
  injuryTo: string;
  receivedFrom: string;
  receivedTo: string;
  decisionFrom: string;
  decisionTo: string;
  offset: number;
}

export const EMPTY_SEARCH: CorpusSearchState = {
  q: '', decision: '', category: '', citation: '', specialty: '', caseNumber: '',
  injuryFrom: '', injuryTo: '', receivedFrom: '', receivedTo: '', decisionFrom: '', decisionTo: '', offset: 0,
};

/** The filters the address carries, in address order (the names are the API's query names too). */
export const SEARCH_FIELDS = ['q', 'decision', 'category', 'citation', 'specialty', 'caseNumber', 'injuryFrom', 'injuryTo', 'receivedFrom', 'receivedTo', 'decisionFrom', 'decisionTo'] as const;
const FIELDS = SEARCH_FIELDS;

/** The API query of a state: every filter, trimmed (empty ones are ignored by the server). Pure. */
export function searchApiFilters(s: CorpusSearchState): Record<(typeof SEARCH_FIELDS)[number], string> {
  const out = {} as Record<(typeof SEARCH_FIELDS)[number], string>;
  for (const f of FIELDS) out[f] = s[f].trim();
  return out;
}

/** Reads the state from a query string; missing or malformed values read as empty (offset 0). Pure. */
export function parseSearchState(params: URLSearchParams): CorpusSearchState {
  const s: CorpusSearchState = { ...EMPTY_SEARCH };
  for (const f of FIELDS) s[f] = (params.get(f) ?? '').slice(0, 1000);
  const offset = Number(params.get('offset') ?? '0');
  s.offset = Number.isInteger(offset) && offset > 0 ? offset : 0;
  return s;
}

/** The query string of a state ("?q=…"), empty values left out; "" for the empty search. Pure. */
export function serialiseSearchState(s: CorpusSearchState): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (s[f].trim() !== '') params.set(f, f === 'q' ? s[f].trim() : s[f]);
  if (s.offset > 0) params.set('offset', String(s.offset));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** True when the state asks for a search (query text or a filter), not the bare dashboard. */
export function hasSearch(s: CorpusSearchState): boolean {
  return FIELDS.some((f) => s[f].trim() !== '');
}

/** Most rows an export holds (fetched a page of 100 at a time). */
export const EXPORT_CAP = 1000;

const HITS_CSV_HEADER = ['case_number', 'file_name', 'letter_id', 'item_id', 'year', 'decision', 'request', 'category', 'citation', 'reviewer_specialty', 'matched_in', 'snippet'];

/**
 * Search hits as CSV, one row per item. Letter texts are not ours (a request or rationale can start
 * with "-" or "+"), so every text cell a spreadsheet could take for a formula is escaped.
 */
export function hitsCsv(hits: ReadonlyArray<Pick<SearchHit, 'caseNumber' | 'fileName' | 'letterId' | 'itemId' | 'year' | 'decision' | 'request' | 'category' | 'citation' | 'reviewerSpecialty' | 'matchedIn' | 'snippet'>>): string {
  const safe = (v: string | null) => spreadsheetSafe(v);
  return toCsv(
    HITS_CSV_HEADER,
    hits.map((h) => [
      safe(h.caseNumber), safe(h.fileName), h.letterId, h.itemId, h.year, h.decision, safe(h.request), safe(h.category),
      safe(h.citation.raw || h.citation.family), safe(h.reviewerSpecialty), h.matchedIn, safe(h.snippet),
    ]),
  );
}

/** The words the engine marked in a hit's snippet (its exact matched forms), distinct, for the letter view. Pure. */
export function matchedWords(hit: Pick<SearchHit, 'snippet' | 'highlights'>): string[] {
  const seen = new Map<string, string>();
  for (const [s, e] of hit.highlights) {
    const w = hit.snippet.slice(s, e).trim();
    if (w && !seen.has(w.toLowerCase())) seen.set(w.toLowerCase(), w);
  }
  return [...seen.values()];
}

/** The letter view's address for a hit: the letter, the item to show, and the words to mark. Pure. */
export function hitLetterPath(hit: Pick<SearchHit, 'letterId' | 'itemId' | 'snippet' | 'highlights'>): string {
  const params = new URLSearchParams({ item: String(hit.itemId) });
  for (const w of matchedWords(hit).slice(0, 20)) params.append('mark', w);
  return `/corpus/letters/${hit.letterId}?${params.toString()}`;
}

/**
 * Where the marked words occur in a text, whole words, case-insensitive, as sorted
 * non-overlapping [start, end) spans. Pure.
 */
export function markSpans(text: string, words: readonly string[]): Array<[number, number]> {
  const clean = words.map((w) => w.trim()).filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  if (clean.length === 0) return [];
  const escaped = clean.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(re)) if (m[0].length > 0) out.push([m.index!, m.index! + m[0].length]);
  return out;
}
