import type { QueryTerm } from '../fts-query.js';
import { MARK_CLOSE, MARK_OPEN } from './common.js';
import { porterStem } from './porter.js';

/**
 * Snippets of a page's hits, made here from the texts the page's one query read, the way both
 * engines match words (Porter stems of the words between non-letters, see porter.ts and migration
 * 0209), instead of asking the full-text index once per hit (FTS5 `snippet` ran the query again for
 * each id; most of the time of a phrase search). Like FTS5's `snippet`: the passage of SNIPPET_WORDS
 * words of the text (request, rationale or the letter's clinical summary) that holds the most of the
 * query's words and phrases, each occurrence marked as one span, "…" where it is cut. Pure.
 */
export const SNIPPET_WORDS = 28;

interface Token {
  start: number;
  end: number;
}

/** Words as FTS5's unicode61 splits them: runs of letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

function fold(word: string): string {
  // remove_diacritics: "é" is "e".
  return /[^\p{ASCII}]/u.test(word) ? word.normalize('NFD').replace(/\p{M}/gu, '') : word;
}

/** Porter stems of words already seen: a corpus's requests repeat a small vocabulary. Bounded. */
const stemmed = new Map<string, string>();

/** The words of a text as both engines index them: lower-cased, diacritics removed, Porter-stemmed. */
export function wordStems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) {
    let stem = stemmed.get(m[0]);
    if (stem === undefined) {
      if (stemmed.size >= 50_000) stemmed.clear();
      stemmed.set(m[0], (stem = porterStem(fold(m[0]))));
    }
    out.push(stem);
  }
  return out;
}

export interface SnippetQuery {
  /** Each positive term's words, stemmed. */
  phrases: string[][];
  /** The first two letters of every stem: a word can only stem to one of them if it starts the same way. */
  prefixes: Set<string>;
}

/** The positive terms of a query (excluded words never appear in a hit), stemmed once per search. */
export function snippetQuery(terms: QueryTerm[]): SnippetQuery {
  const phrases = terms.filter((t) => !t.negated).map((t) => t.words.map((w) => porterStem(fold(w.toLowerCase()))));
  return { phrases, prefixes: new Set(phrases.flat().map((s) => s.slice(0, 2))) };
}

interface Found {
  tokens: Token[];
  /** [first token, last token] of each occurrence, by phrase. */
  spans: Array<{ phrase: number; from: number; to: number }>;
}

/** Words of a text of ASCII only: the same runs as WORD there, found faster. */
const ASCII_WORD = /[A-Za-z0-9]+/g;
const NON_ASCII = /[^\p{ASCII}]/u;

function findIn(text: string, q: SnippetQuery): Found {
  const tokens: Token[] = [];
  const stems: Array<string | null> = [];
  // Most letters are ASCII: lower-cased once (same offsets), each word's first letters checked before it is cut out.
  const lower = NON_ASCII.test(text) ? null : text.toLowerCase();
  const words = lower === null ? WORD : ASCII_WORD;
  words.lastIndex = 0;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    tokens.push({ start, end });
    // Stem only the words that can match (most cannot).
    if (lower !== null) {
      stems.push(q.prefixes.has(lower.slice(start, Math.min(end, start + 2))) ? porterStem(lower.slice(start, end)) : null);
    } else {
      const word = fold(m[0].toLowerCase());
      stems.push(q.prefixes.has(word.slice(0, 2)) ? porterStem(word) : null);
    }
  }
  const spans: Found['spans'] = [];
  q.phrases.forEach((p, phrase) => {
    if (p.length === 0) return;
    for (let i = 0; i + p.length <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < p.length && ok; j++) ok = stems[i + j] === p[j];
      if (ok) spans.push({ phrase, from: i, to: i + p.length - 1 });
    }
  });
  return { tokens, spans };
}

/** The best window of a text: [first token, end token) and how many distinct phrases it holds. */
function bestWindow(found: Found): { from: number; to: number; score: number } {
  let best = { from: 0, to: Math.min(found.tokens.length, SNIPPET_WORDS), score: 0 };
  // A common word may occur hundreds of times in a long summary: the windows at its first occurrences suffice.
  const spans = [...found.spans].sort((a, b) => a.from - b.from).slice(0, 200);
  for (const s of spans.slice(0, 64)) {
    // A few words of context before the first match, as FTS5 does.
    const from = Math.max(0, Math.min(s.from - 3, found.tokens.length - SNIPPET_WORDS));
    const to = Math.min(found.tokens.length, from + SNIPPET_WORDS);
    const score = new Set(spans.filter((o) => o.from >= from && o.to < to).map((o) => o.phrase)).size;
    if (score > best.score) best = { from, to, score };
  }
  return best;
}

/**
 * The marked snippet (matched words between MARK_OPEN and MARK_CLOSE) of the first of `texts` whose
 * best window holds the most of the query's phrases; null when none holds any. A text may be given
 * as a function that returns it, called only if the texts before it leave the snippet incomplete
 * (SQLite stores the long texts compressed).
 */
export function markedSnippet(texts: Array<string | (() => string)>, q: SnippetQuery): string | null {
  let chosen: { text: string; found: Found; window: ReturnType<typeof bestWindow> } | null = null;
  // A later text wins only with more phrases in its window: once a window holds them all, the
  // rest (often the letter's long clinical summary) need not be read.
  const most = q.phrases.filter((p) => p.length > 0).length;
  for (const given of texts) {
    if (chosen && chosen.window.score >= most) break;
    const text = typeof given === 'string' ? given : given();
    const found = findIn(text, q);
    if (found.spans.length === 0) continue;
    const window = bestWindow(found);
    if (!chosen || window.score > chosen.window.score) chosen = { text, found, window };
  }
  if (!chosen) return null;
  const { text, found, window } = chosen;
  const { tokens } = found;
  const spans = found.spans.filter((s) => s.from >= window.from && s.to < window.to).sort((a, b) => a.from - b.from);
  let out = window.from > 0 ? '…' : '';
  // The whole text's start and end when the window reaches them (punctuation included).
  let at = window.from > 0 ? tokens[window.from].start : 0;
  let lastTo = -1;
  for (const s of spans) {
    if (s.from <= lastTo) continue; // overlapping occurrences: the first is marked
    out += text.slice(at, tokens[s.from].start) + MARK_OPEN + text.slice(tokens[s.from].start, tokens[s.to].end) + MARK_CLOSE;
    at = tokens[s.to].end;
    lastTo = s.to;
  }
  if (window.to < tokens.length) return `${out}${text.slice(at, tokens[window.to - 1].end)}…`;
  return (out + text.slice(at)).trimEnd();
}
