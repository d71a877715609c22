import { ImrError } from '../errors/imr-error.js';

/**
 * A search query as the user writes it, in the web-search style both engines understand:
 * words (all must match), "quoted phrases", -excluded words and OR between alternatives.
 * Everything else (quotes inside words, brackets, stars, colons, SQL) is punctuation.
 */
export interface QueryTerm {
  /** The words of the term (one word, or a phrase's words in order), lower-cased. */
  words: string[];
  negated: boolean;
  /** True when this term is an alternative to the previous one (joined by OR). */
  orWithPrevious: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(s: string, limit = 50): string[] {
  return (s.toLowerCase().match(WORD) ?? []).slice(0, limit);
}

/** Parses a user query into terms. Never throws; an empty list means "no words". */
export function parseQuery(input: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  let pendingOr = false;
  for (const m of input.slice(0, 1000).matchAll(re)) {
    if (m[3] !== undefined && /^or$/i.test(m[3]) && m[3] === m[3].toUpperCase()) {
      pendingOr = terms.length > 0;
      continue;
    }
    const negated = m[1] === '-' || (m[3] !== undefined && m[3].startsWith('-'));
    const words = wordsOf(m[2] ?? m[3] ?? '');
    if (words.length === 0) continue;
    if (m[2] !== undefined) terms.push({ words, negated, orWithPrevious: pendingOr && !negated });
    else {
      // A bare token with punctuation inside ("x-ray", "L4-5") is a phrase of its words.
      terms.push({ words, negated, orWithPrevious: pendingOr && !negated });
    }
    pendingOr = false;
    if (terms.length >= 30) break;
  }
  return terms;
}

function ftsPhrase(words: string[]): string {
  // Words hold only letters and digits, so the quoted phrase cannot carry FTS5 syntax.
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

/**
 * The FTS5 MATCH expression for the terms: every word or phrase in double quotes, so no input
 * can reach FTS5 syntax (columns, NEAR, prefix stars). Throws IMR_ERR_SEARCH_QUERY when the
 * query has only excluded words (FTS5 cannot search for "everything except").
 */
export function toFts5(terms: QueryTerm[]): string {
  const { positive, negative } = fts5Parts(terms);
  return negative ? `(${positive}) NOT (${negative})` : positive;
}

/**
 * How both engines read the terms: runs joined by OR are one group of alternatives, groups are all
 * required ((a OR b) AND c), and excluded terms exclude wherever any of them occurs. Throws
 * IMR_ERR_SEARCH_QUERY when nothing but exclusions is left.
 */
export function termGroups(terms: QueryTerm[]): { groups: QueryTerm[][]; excluded: QueryTerm[] } {
  const groups: QueryTerm[][] = [];
  for (const t of terms) {
    if (t.negated) continue;
    if (t.orWithPrevious && groups.length > 0) groups[groups.length - 1].push(t);
    else groups.push([t]);
  }
  if (groups.length === 0) {
    throw new ImrError('IMR_ERR_SEARCH_QUERY', 'The query has no words to search for (only excluded words); add at least one word or phrase.');
  }
  return { groups, excluded: terms.filter((t) => t.negated) };
}

/** The positive part (groups joined by AND, alternatives by OR) and the excluded part (any of them), as FTS5 text. */
function fts5Parts(terms: QueryTerm[]): { positive: string; negative: string | null } {
  const { groups, excluded } = termGroups(terms);
  const phrase = (g: QueryTerm[]) => g.map((t) => ftsPhrase(t.words));
  return {
    positive: groups.map((g) => (g.length > 1 ? `(${phrase(g).join(' OR ')})` : phrase(g)[0])).join(' AND '),
    negative: excluded.length > 0 ? excluded.map((t) => ftsPhrase(t.words)).join(' OR ') : null,
  };
}

/**
 * The query as FTS5 expressions over the searchable columns of the items index (request,
 * rationale, facts; never the filter tags), one per relevance tier: `request` matches with the
 * request alone; `item` with the item's own text (request and rationale) but not the request
 * alone; `summary` only with the letter's clinical summary. `all` is every match (the three tiers
 * together). Excluded words exclude an item wherever they occur. Throws like `toFts5`.
 */
export function toFts5Tiers(terms: QueryTerm[]): { all: string; request: string; requestOnly: string | null; item: string; summary: string } {
  const { positive, negative } = fts5Parts(terms);
  const within = (cols: string) => `{${cols}} : (${positive})`;
  const ALL = 'request rationale facts';
  const excluding = (expr: string) => (negative ? `(${expr}) NOT ({${ALL}} : (${negative}))` : expr);
  return {
    all: excluding(within(ALL)),
    request: excluding(within('request')),
    // The request tier on an index of the requests alone: exact only without excluded words (they exclude wherever they occur).
    requestOnly: negative ? null : within('request'),
    item: `(${excluding(within('request rationale'))}) NOT (${within('request')})`,
    summary: `(${excluding(within(ALL))}) NOT (${within('request rationale')})`,
  };
}

/** Any of the words, for similarity search (precedents): "a" OR "b" OR … */
export function toFts5Any(words: string[]): string {
  return words.map((w) => ftsPhrase([w])).join(' OR ');
}

/** One term in PostgreSQL websearch_to_tsquery syntax (a word, or a quoted phrase): never a syntax error. */
export function websearchTerm(t: QueryTerm): string {
  return t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0];
}

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or the to was were with x per mg each times week weeks day days month months bilateral left right one two three four five six eight ten twelve'.split(' '),
);

/** The distinctive words of a text (lower-cased, stopwords and numbers dropped, each once). */
export function significantWords(text: string, max = 12): string[] {
  const out: string[] = [];
  for (const w of wordsOf(text, 5000)) {
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w) || out.includes(w)) continue;
    out.push(w);
    if (out.length >= max) break;
  }
  return out;
}
