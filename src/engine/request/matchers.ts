/**
 * Vocabulary matchers compiled once at module load from the data tables in ./vocabulary/.
 * Shared by the request normaliser and the fact extractor.
 */
import type { BodyRegion, BodyRegionMention, ImagingModality, Laterality, TreatmentCategory } from './normalised-request.js';
import { DRUGS, type DrugEntry } from './vocabulary/drugs.js';
import { REGION_TERMS, LATERALITY_TERMS } from './vocabulary/regions.js';
import { DRUG_PRIORITY, TREATMENT_TERMS, SUBCATEGORY_TERMS, type TermEntry } from './vocabulary/treatments.js';

/** Wraps a pattern so it matches whole words only. */
export function wordRegex(source: string, flags = 'gi'): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, flags);
}

/** A regex source for a vocabulary name: spaces optional, "-" and "/" interchangeable. */
export function escapeRegex(s: string): string {
  return s
    .replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`)
    .replace(/\s*[/-]\s*/g, '\\s*[/-]?\\s*')
    .replace(/\s+/g, '\\s*');
}

export interface Span {
  start: number;
  end: number;
}

export interface MultiHit<T> extends Span {
  text: string;
  data: T;
  /** The pattern's own match (its capture groups; `index` is the start). */
  match: RegExpExecArray;
}

/**
 * Many patterns matched in one pass: at each position where a match may start, only the patterns
 * that can start with the text there are tried (sticky), and all that match are reported. The
 * patterns are indexed by the literal text their alternatives must start with (see
 * literalPrefixes) in a character trie: a position costs a walk of a few characters down the trie,
 * and most words try no pattern at all. Much faster than scanning the text once per pattern, or
 * with one combined regular expression. Patterns are regex sources, case-insensitive.
 */
export class MultiMatcher<T> {
  private readonly each: { re: RegExp; data: T }[];
  /** The trie, flat: the child of node n for key k (an ASCII code, see trieKey) is next[n * 128 + k], 0 for none (0 is the root). */
  private readonly next: Int32Array;
  /** For each node, the patterns to try where the text leads to it (its own and those of the nodes above), in entry order. */
  private readonly cum: number[][];
  private readonly startsWords: boolean;
  /**
   * `wholeWords`: every pattern is wrapped to match whole words only. `startsWords`: the patterns
   * (with their own boundaries) only ever match at the start of a word, so only those positions
   * are tried. (`_firstCharDispatch` is accepted for compatibility; the trie makes it moot.)
   */
  constructor(entries: readonly { source: string; data: T }[], wholeWords: boolean, startsWords = wholeWords, _firstCharDispatch = false) {
    const wrap = (src: string) => (wholeWords ? `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])` : `(?:${src})`);
    this.each = entries.map((e) => ({ re: new RegExp(wrap(e.source), 'iy'), data: e.data }));
    this.startsWords = startsWords;
    const nodes: TrieNode[] = [{ next: new Map(), own: [] }];
    entries.forEach((e, id) => {
      for (const prefix of entryPrefixes(nonCapturing(e.source))) {
        let node = nodes[0];
        for (let k = 0; k < prefix.length; k++) {
          const code = prefix.charCodeAt(k);
          let child = node.next.get(code);
          if (child === undefined) {
            child = nodes.length;
            node.next.set(code, child);
            nodes.push({ next: new Map(), own: [] });
          }
          node = nodes[child];
        }
        if (!node.own.includes(id)) node.own.push(id);
      }
    });
    this.next = new Int32Array(nodes.length * 128);
    this.cum = new Array<number[]>(nodes.length);
    const fill = (n: number, above: number[]) => {
      this.cum[n] = [...new Set([...above, ...nodes[n].own])].sort((a, b) => a - b);
      for (const [code, child] of nodes[n].next) {
        this.next[n * 128 + code] = child;
        fill(child, this.cum[n]);
      }
    };
    fill(0, []);
  }

  /** Every match of every pattern (several may start at one position), in order of position. */
  all(text: string): MultiHit<T>[] {
    const out: MultiHit<T>[] = [];
    const each = this.each;
    const cum = this.cum;
    const n = text.length;
    const startsWords = this.startsWords;
    let prevWord = false;
    for (let at = 0; at < n; at++) {
      const c = text.charCodeAt(at);
      const word = c < 128 && WORD_CHAR[c] === 1;
      if (startsWords && prevWord) {
        prevWord = word;
        continue;
      }
      prevWord = word;
      // the patterns whose literal start matches the text here
      const candidates = cum[this.trieNode(text, at)];
      for (let j = 0; j < candidates.length; j++) {
        const e = each[candidates[j]];
        e.re.lastIndex = at;
        const h = e.re.exec(text);
        if (h && h[0].length > 0) out.push({ start: at, end: at + h[0].length, text: h[0], data: e.data, match: h });
      }
    }
    return out;
  }

  /** Walks the trie of literal starts from `at` as far as the text goes (a run of white space is one space); the node reached. */
  private trieNode(text: string, at: number): number {
    const next = this.next;
    const n = text.length;
    let node = 0;
    for (let k = at; k < n; ) {
      const code = text.charCodeAt(k);
      const key = code < 128 ? ASCII_KEY[code] : trieKey(code);
      if (key >= 128) break;
      const child = next[node * 128 + key];
      if (child === 0) break;
      node = child;
      k++;
      if (key === 32) while (k < n && trieKey(text.charCodeAt(k)) === 32) k++;
    }
    return node;
  }

  /**
   * For each pattern (in entry order), the first position where it matches, or -1: what
   * `pattern.test(text)` (and the match's `index`) would tell, for all patterns in one pass
   * (with `startsWords`, for patterns that only match at the start of a word, as `all` assumes).
   * Empty matches count. `out` is filled and returned (a fresh array when not given).
   */
  firstStarts(text: string, out: Int32Array = new Int32Array(this.each.length)): Int32Array {
    out.fill(-1);
    const each = this.each;
    const cum = this.cum;
    const n = text.length;
    const startsWords = this.startsWords;
    let left = each.length;
    let prevWord = false;
    // up to the end itself: a pattern may match the empty string there
    for (let at = 0; at <= n && left > 0; at++) {
      const c = at < n ? text.charCodeAt(at) : 0;
      const word = c < 128 && WORD_CHAR[c] === 1;
      if (startsWords && prevWord) {
        prevWord = word;
        continue;
      }
      prevWord = word;
      const candidates = cum[this.trieNode(text, at)];
      for (let j = 0; j < candidates.length; j++) {
        const id = candidates[j];
        if (out[id] >= 0) continue;
        const re = each[id].re;
        re.lastIndex = at;
        if (re.test(text)) {
          out[id] = at;
          left--;
        }
      }
    }
    return out;
  }
}

interface TrieNode {
  next: Map<number, number>;
  /** Patterns with an alternative whose literal start ends here. */
  own: number[];
}

/** The literal starts (lower case) of all a pattern's alternatives; '' where one cannot be told. */
function entryPrefixes(source: string): string[] {
  const out = new Set<string>();
  // runs of spaces as one: the trie walk reads a run of white space as one space
  for (const branch of splitTop(source)) for (const p of literalPrefixes(branch)) out.add(p.replace(/ {2,}/g, ' '));
  return [...out];
}

/** The most strings literalPrefixes gives for one branch, and their longest. */
const MAX_PREFIXES = 256;
const MAX_PREFIX_LENGTH = 24;

/**
 * Strings (lower case ASCII) one of which every match of a regex branch (no capturing groups, no
 * top-level "|", matched case-insensitively) starts with: the literal characters it starts with,
 * up to the first construct that is not one (\w, \s, ".", a repeated group, ...). Groups and
 * character classes of letters and digits branch the strings (a few only); an optional atom or
 * group gives the strings with it and those without. A prefix of a match is never longer than
 * the match, so ending a string early is always safe: [''] says nothing is certain.
 */
export function literalPrefixes(branch: string, depth = 0): string[] {
  let b = branch;
  // assertions match no characters: what follows them starts the match
  for (;;) {
    if (b.startsWith('\\b')) b = b.slice(2);
    else if (b.startsWith('(?<=') || b.startsWith('(?<!') || b.startsWith('(?=') || b.startsWith('(?!')) {
      const end = groupEnd(b);
      if (end < 0) return [''];
      b = b.slice(end + 1);
    } else break;
  }
  if (b.length === 0 || depth > 12) return [''];
  const ch = b[0];
  if (b.startsWith('(?:')) {
    const end = groupEnd(b);
    if (end < 0) return [''];
    const alts = splitTop(b.slice(3, end));
    const q = b[end + 1];
    const out = new Set<string>();
    if (q === undefined || !'?*+{'.includes(q)) {
      const rest = b.slice(end + 1);
      for (const alt of alts) for (const p of literalPrefixes(alt + rest, depth + 1)) out.add(p);
    } else if (q === '?') {
      const rest = b.slice(end + (b[end + 2] === '?' ? 3 : 2));
      for (const alt of alts) for (const p of literalPrefixes(alt + rest, depth + 1)) out.add(p);
      for (const p of literalPrefixes(rest, depth + 1)) out.add(p);
    } else if (q === '+' || q === '{') {
      // repeated: the first repetition starts the match (or, for "{0,n}", what follows does)
      for (const alt of alts) for (const p of literalPrefixes(alt, depth + 1)) out.add(p);
      const rep = /^\{(\d+)(?:,\d*)?\}\??/.exec(b.slice(end + 1));
      if (q === '{' && !rep) return [''];
      if (rep && rep[1] === '0') for (const p of literalPrefixes(b.slice(end + 1 + rep[0].length), depth + 1)) out.add(p);
    } else return [''];
    return cap(out);
  }
  let chars: string[] | null = null;
  let len = 0;
  if (/^[A-Za-z0-9 ,'"&%:;=<>!@#~`/-]$/.test(ch)) {
    chars = [ch.toLowerCase()];
    len = 1;
  } else if (ch === '\\') {
    const e = b[1];
    if (e === 'd') chars = [...'0123456789'];
    else if (e === 's') chars = [' ']; // every white space is a space to the trie (see trieKey)
    else if (e !== undefined && /^[./\\\-()[\]{}?*+|^$&'",:;=<>!@#~`%]$/.test(e)) chars = [e];
    len = 2;
  } else if (ch === '[') {
    const close = b.indexOf(']', 1);
    if (close > 1 && b[1] !== '^') {
      const body = b.slice(1, close);
      const set = new Set<string>();
      let ok = true;
      for (let k = 0; k < body.length && ok; k++) {
        const c = body[k];
        if (body[k + 1] === '-' && k + 2 < body.length) {
          const lo = body.charCodeAt(k);
          const hi = body.charCodeAt(k + 2);
          if (!(/[A-Za-z0-9]/.test(c) && /[A-Za-z0-9]/.test(body[k + 2]) && hi >= lo && hi - lo < 26)) ok = false;
          else for (let x = lo; x <= hi; x++) set.add(String.fromCharCode(x).toLowerCase());
          k += 2;
        } else if (/^[ -~]$/.test(c) && c !== '\\') set.add(c.toLowerCase());
        else ok = false;
      }
      if (ok) chars = [...set];
    }
    len = close + 1;
  }
  if (chars === null || chars.length === 0) return [''];
  const q = b[len];
  const rest = b.slice(len);
  const rep = q === '{' ? /^\{(\d+)(?:(,)(\d*))?\}\??/.exec(rest) : null;
  if (rep && Number(rep[1]) >= 1 && Number(rep[1]) <= 4) {
    // X{n,m}: n times X, then X{0,m-n} (X* when unbounded)
    const atom = b.slice(0, len);
    const n = Number(rep[1]);
    const m = rep[2] === undefined ? n : rep[3] === '' ? Infinity : Number(rep[3]);
    const more = m === Infinity ? `${atom}*` : m > n ? `${atom}{0,${m - n}}` : '';
    return literalPrefixes(atom.repeat(n) + more + rest.slice(rep[0].length), depth + 1);
  }
  if (q === '?' || q === '*' || (q === '{' && /^\{0\b|^\{,/.test(rest))) {
    // without the atom, or with it (once, then anything may follow: "*" and "{0,n}" end the string)
    const close = q === '{' ? rest.indexOf('}') : 0;
    if (close < 0) return [''];
    const after = rest.slice(close + (rest[close + 1] === '?' ? 2 : 1));
    const tail = literalPrefixes(after, depth + 1);
    const out = new Set<string>(tail);
    for (const c of chars) {
      // white space, once or more, is one space to the trie walk
      if (q !== '?' && c !== ' ') out.add(c);
      else for (const t of tail) out.add((c + t).slice(0, MAX_PREFIX_LENGTH));
    }
    return cap(out);
  }
  // a repeated atom ("+", "{2,}"): its first occurrence only (white space: one space, then what follows)
  if (q === '+' && chars.length === 1 && chars[0] === ' ') {
    const tail = literalPrefixes(rest.slice(rest[1] === '?' ? 2 : 1), depth + 1);
    return cap(new Set(tail.map((t) => (' ' + t).slice(0, MAX_PREFIX_LENGTH))));
  }
  if (q === '+' || q === '{') return chars;
  const tail = literalPrefixes(rest, depth + 1);
  const out = new Set<string>();
  for (const c of chars) for (const t of tail) out.add((c + t).slice(0, MAX_PREFIX_LENGTH));
  return cap(out);
}

/** At most MAX_PREFIXES strings: the longest shortened (a shorter prefix of a match is still one) until they fit. */
function cap(set: Set<string>): string[] {
  let out = set;
  while (out.size > MAX_PREFIXES) {
    const longest = Math.max(...[...out].map((x) => x.length));
    if (longest === 0) break;
    out = new Set([...out].map((x) => x.slice(0, longest - 1)));
  }
  return [...out];
}

/**
 * The trie's key for a character: ASCII letters in lower case (the patterns are case-insensitive)
 * and every white space as a space (a pattern's \s and " " are both a space in the trie). Keys
 * stand for classes of characters, so a walk may reach more patterns than can match, never fewer.
 */
function trieKey(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code < 128) return code === 9 || code === 10 || code === 11 || code === 12 || code === 13 ? 32 : code;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff ? 32 : code;
}

/** trieKey of each ASCII code, looked up (the scanning loops' hot path). */
const ASCII_KEY = Uint8Array.from({ length: 128 }, (_, c) => trieKey(c));
/** 1 for the ASCII letters and digits ([A-Za-z0-9]): the characters of a word to the matchers. */
const WORD_CHAR = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0));

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/**
 * The alternatives of a regex source (without capturing groups), with a leading unquantified
 * group distributed over what follows it (`\b(?:a|b)c` → `\bac`, `\bbc`): the source matches at a
 * position exactly when one of them does. Used only to tell which patterns can start at a position.
 */
export function expandBranches(source: string, budget = 400): string[] {
  const out: string[] = [];
  for (const branch of splitTop(source)) {
    let lead = '';
    let b = branch;
    while (b.startsWith('\\b')) {
      lead += '\\b';
      b = b.slice(2);
    }
    const end = b.startsWith('(?:') ? groupEnd(b) : -1;
    const q = end >= 0 ? b[end + 1] : undefined;
    if (end < 0 || q === '?' || q === '*' || q === '+' || q === '{') {
      out.push(branch);
      continue;
    }
    const inner = splitTop(b.slice(3, end));
    const rest = b.slice(end + 1);
    if (out.length + inner.length > budget) {
      out.push(branch);
      continue;
    }
    for (const alt of inner) out.push(...expandBranches(lead + alt + rest, budget - out.length));
  }
  return out;
}

/** The index of the parenthesis closing the group that opens `b`, or -1. */
function groupEnd(b: string): number {
  let depth = 0;
  let cls = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The characters (lower case) the second character of a match of `branch` can be, or null when
 * that is not simple to tell: only for a branch that starts with a plain, not optional, character.
 */
export function secondChars(branch: string): Set<string> | null {
  let b = branch;
  while (b.startsWith('\\b')) b = b.slice(2);
  const plain = (ch: string | undefined) => ch !== undefined && /^[A-Za-z0-9 ,'"&%:;=<>!@#~`-]$/.test(ch);
  const escaped = (ch: string | undefined) => ch !== undefined && /^[./\\-]$/.test(ch);
  /** Whether the atom before `q` may be absent ("+" keeps at least one). */
  const optional = (q: string | undefined) => q === '?' || q === '*' || q === '{';
  let i: number;
  if (plain(b[0])) i = 1;
  else if (b[0] === '\\' && escaped(b[1])) i = 2;
  else return null;
  if (optional(b[i]) || b[i] === '+') return null;
  const ch = b[i];
  if (plain(ch)) return optional(b[i + 1]) ? null : new Set([ch.toLowerCase()]);
  if (ch === '\\' && escaped(b[i + 1])) return optional(b[i + 2]) ? null : new Set([b[i + 1]]);
  if (ch === '[') {
    const close = b.indexOf(']', i + 1);
    if (close < 0 || b[i + 1] === '^') return null;
    const body = b.slice(i + 1, close);
    if (!/^[A-Za-z0-9 ]+$/.test(body) || optional(b[close + 1])) return null;
    return new Set([...body.toLowerCase()]);
  }
  return null;
}

/** The same regex source with every capturing group made non-capturing. */
export function nonCapturing(src: string): string {
  let out = '';
  let cls = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (cls) {
      if (ch === ']') cls = false;
      out += ch;
      continue;
    }
    if (ch === '[') cls = true;
    out += ch === '(' && src[i + 1] !== '?' ? '(?:' : ch;
  }
  return out;
}

/**
 * The characters a regex source can start with (lower case), or null when that is not simple
 * to tell. Handles top-level alternation, groups, optional groups, escapes and character classes
 * well enough to skip patterns that cannot match at a position.
 */
export function firstChars(source: string): Set<string> | null {
  const out = new Set<string>();
  for (const branch of splitTop(source)) {
    if (!addFirst(branch, out)) return null;
  }
  return out;
}

function splitTop(src: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cls = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (ch === ']') cls = false;
      continue;
    }
    if (ch === '[') cls = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(src.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(src.slice(from));
  return parts;
}

/** Adds the possible first characters of a branch; false when unknown. */
function addFirst(branch: string, out: Set<string>): boolean {
  let b = branch;
  for (;;) {
    if (b.startsWith('\\b')) b = b.slice(2);
    else if (b.startsWith('(?<=') || b.startsWith('(?<!') || b.startsWith('(?=') || b.startsWith('(?!')) return false;
    else break;
  }
  if (b.length === 0) return false;
  const ch = b[0];
  if (ch === '(') {
    // a group: its first characters, and if the group is optional, what follows too
    const end = groupEnd(b);
    if (end < 0) return false;
    const inner = b.slice(b.startsWith('(?:') ? 3 : 1, end);
    for (const alt of splitTop(inner)) if (!addFirst(alt, out)) return false;
    const q = b[end + 1];
    if (q === '?' || q === '*') return addFirst(b.slice(end + 2), out);
    return true;
  }
  if (ch === '[') {
    const close = b.indexOf(']', 1);
    if (close < 0 || b[1] === '^') return false;
    const body = b.slice(1, close);
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '\\') return false;
      if (body[i + 1] === '-' && i + 2 < body.length) {
        for (let c = body.charCodeAt(i); c <= body.charCodeAt(i + 2); c++) out.add(String.fromCharCode(c).toLowerCase());
        i += 2;
      } else out.add(body[i].toLowerCase());
    }
    const q = b[close + 1];
    if (q === '?' || q === '*') return addFirst(b.slice(close + 2), out);
    return true;
  }
  if (ch === '\\') {
    const e = b[1];
    if (e === 'd') {
      for (let c = 0; c <= 9; c++) out.add(String(c));
      return true;
    }
    if (e === 's' || e === 'w' || e === 'S' || e === 'W' || e === 'D' || e === 'B') return false;
    out.add(e.toLowerCase());
    return b[2] !== '?' && b[2] !== '*';
  }
  if (ch === '.' || ch === '^' || ch === '$') return false;
  out.add(ch.toLowerCase());
  const q = b[1];
  if (q === '?' || q === '*') return addFirst(b.slice(2), out);
  return true;
}

/** Keeps, among overlapping spans, the longest (then by `tieBreak`, then the earliest, then the first listed). */
export function dropOverlaps<T extends Span>(spans: T[], tieBreak?: (a: T, b: T) => number): T[] {
  // the common case: already in order and apart, all kept
  let apart = true;
  for (let i = 0; i < spans.length && apart; i++) apart = spans[i].end > spans[i].start && (i === 0 || spans[i - 1].end <= spans[i].start);
  if (apart) return spans.slice();
  const sorted = spans
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.end - b.s.start - (a.s.end - a.s.start) || (tieBreak ? tieBreak(a.s, b.s) : 0) || a.s.start - b.s.start || a.i - b.i);
  const kept: T[] = [];
  for (const { s } of sorted) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// drugs

export interface DrugMatch extends Span {
  text: string;
  entry: DrugEntry;
  /** True where the matched name is a brand/product name rather than the generic. */
  isBrand: boolean;
}

const DRUG_BY_NAME = new Map<string, { entry: DrugEntry; isBrand: boolean }>();
for (const entry of DRUGS) {
  const generic = entry.generic.toLowerCase();
  if (!generic.includes('/') && !DRUG_BY_NAME.has(normKey(generic)) && entry.generic !== 'medical food') DRUG_BY_NAME.set(normKey(generic), { entry, isBrand: false });
  for (const name of entry.names ?? []) {
    const key = normKey(name);
    const isBrand = !/[/]/.test(name) && key !== normKey(generic) && /^[A-Z]/.test(name);
    if (!DRUG_BY_NAME.has(key) || DRUG_BY_NAME.get(key)!.entry.generic !== entry.generic) DRUG_BY_NAME.set(key, { entry, isBrand });
  }
}
function normKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9#]+/g, '');
}
/** The most words a drug name has ("methyl salicylate/menthol/capsaicin" = 4). */
const MAX_NAME_WORDS = Math.max(...[...DRUGS.flatMap((d) => [d.generic, ...(d.names ?? [])])].map((n) => n.split(/[^A-Za-z0-9#]+/).filter(Boolean).length));
/** The first words of all drug names: most words of a text are not, and are skipped at once. */
const FIRST_WORDS = new Set(
  DRUGS.flatMap((d) => [d.generic, ...(d.names ?? [])]).flatMap((n) => [n.toLowerCase().split(/[^a-z0-9#]+/).filter(Boolean)[0], normKey(n)]),
);
/**
 * FIRST_WORDS as a trie over character codes (flat, as in MultiMatcher): whether a word of the text
 * is one is told by walking its characters, without making a lower-case copy of every word.
 */
const FIRST_WORD_TRIE = (() => {
  const nodes: Map<number, number>[] = [new Map()];
  const terminal: boolean[] = [false];
  for (const w of FIRST_WORDS) {
    if (typeof w !== 'string') continue;
    let n = 0;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      let child = nodes[n].get(c);
      if (child === undefined) {
        child = nodes.length;
        nodes[n].set(c, child);
        nodes.push(new Map());
        terminal.push(false);
      }
      n = child;
    }
    terminal[n] = true;
  }
  const next = new Int32Array(nodes.length * 128);
  nodes.forEach((m, n) => m.forEach((child, c) => (c < 128 ? (next[n * 128 + c] = child) : undefined)));
  return { next, terminal: Uint8Array.from(terminal, (t) => (t ? 1 : 0)) };
})();

/** Whether text[start, end) (a word of [A-Za-z0-9#]), in lower case, is one of FIRST_WORDS. */
function isFirstWord(text: string, start: number, end: number): boolean {
  const next = FIRST_WORD_TRIE.next;
  let n = 0;
  for (let p = start; p < end; p++) {
    n = next[n * 128 + lowerAscii(text.charCodeAt(p))];
    if (n === 0) return false;
  }
  return FIRST_WORD_TRIE.terminal[n] === 1;
}

/** Between the words of one name: spaces, "/", "-", "." only. */
const NAME_GAP = /^[\s/.-]*$/;

/**
 * Drug names in `text` (brands, generics, combinations), longest first, as whole words. Looks up
 * runs of up to MAX_NAME_WORDS words in a hash map: linear in the text, whatever the vocabulary size.
 */
export function findDrugs(text: string): DrugMatch[] {
  // the words ([A-Za-z0-9#]+) of the text, scanned by character code (no regex, no objects per word);
  // each word's lower-case key only where it is needed
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  for (let p = 0; p < n; ) {
    if (!isTokenChar(text.charCodeAt(p))) {
      p++;
      continue;
    }
    const s = p;
    while (p < n && isTokenChar(text.charCodeAt(p))) p++;
    starts.push(s);
    ends.push(p);
  }
  const count = starts.length;
  const keys: string[] = new Array<string>(count);
  const out: DrugMatch[] = [];
  for (let i = 0; i < count; i++) {
    if (!isFirstWord(text, starts[i], ends[i])) {
      // "Norco10/325": a name run into its strength
      const last = text.charCodeAt(ends[i] - 1);
      if (!(last >= 48 && last <= 57)) continue;
      const first = (keys[i] ??= text.slice(starts[i], ends[i]).toLowerCase());
      const alpha = /^([a-z]+)\d/.exec(first);
      const found = alpha ? DRUG_BY_NAME.get(alpha[1]) : undefined;
      if (found && alpha) out.push({ start: starts[i], end: starts[i] + alpha[1].length, text: text.slice(starts[i], starts[i] + alpha[1].length), entry: found.entry, isBrand: found.isBrand });
      continue;
    }
    let matched = false;
    let key = '';
    let last = i;
    const candidates: { key: string; end: number }[] = [];
    for (let j = i; j < count && j < i + MAX_NAME_WORDS; j++) {
      if (j > i && !NAME_GAP.test(text.slice(ends[j - 1], starts[j]))) break;
      key += (keys[j] ??= text.slice(starts[j], ends[j]).toLowerCase());
      candidates.push({ key, end: j });
    }
    for (let c = candidates.length - 1; c >= 0; c--) {
      const found = DRUG_BY_NAME.get(candidates[c].key);
      if (!found) continue;
      last = candidates[c].end;
      const end = ends[last];
      out.push({ start: starts[i], end, text: text.slice(starts[i], end), entry: found.entry, isBrand: found.isBrand });
      matched = true;
      break;
    }
    if (matched) i = last;
  }
  return out;
}

/** [A-Za-z0-9#] */
function isTokenChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 35;
}

// ---------------------------------------------------------------------------------------------
// treatment terms

export interface TermMatch extends Span {
  text: string;
  category: TreatmentCategory;
  priority: number;
  modality?: ImagingModality;
  subcategory?: string;
}

const TERM_MATCHER = new MultiMatcher<TermEntry>(
  TREATMENT_TERMS.map((term) => ({ source: term.pattern, data: term })),
  true,
  true,
  true, // a large vocabulary: dispatch on the first character
);
const COMPILED_SUBCATEGORIES = SUBCATEGORY_TERMS.map((s) => ({ re: wordRegex(s.pattern, 'i'), ...s }));

/** Every treatment word in `text`, overlaps resolved (longest wins). */
export function findTerms(text: string): TermMatch[] {
  const all: TermMatch[] = TERM_MATCHER.all(text).map((h) => ({
    start: h.start,
    end: h.end,
    text: h.text.trim(),
    category: h.data.category,
    priority: h.data.priority,
    modality: h.data.modality,
    subcategory: h.data.subcategory,
  }));
  return dropOverlaps(all, (a, b) => b.priority - a.priority);
}

export function findSubcategory(text: string, category: TreatmentCategory): string | null {
  for (const s of COMPILED_SUBCATEGORIES) if (s.category === category && s.re.test(text)) return s.subcategory;
  return null;
}

export { DRUG_PRIORITY };

// ---------------------------------------------------------------------------------------------
// body regions

export interface RegionMatch extends Span, BodyRegionMention {}

type RegionData = { kind: 'region'; region: BodyRegion } | { kind: 'side'; laterality: Laterality };
const REGION_MATCHER = new MultiMatcher<RegionData>(
  [
    ...REGION_TERMS.map((r) => ({ source: r.pattern, data: { kind: 'region', region: r.region } as RegionData })),
    ...LATERALITY_TERMS.map((l) => ({ source: l.pattern, data: { kind: 'side', laterality: l.laterality } as RegionData })),
  ],
  true,
);
const SIDED = new Set<BodyRegion>(REGION_TERMS.filter((r) => r.sided).map((r) => r.region));
const LIST_GAP = /^(?:[\s,/&;]|\band\b|\bor\b|\bthe\b|\bof\b|\bspine\b)*$/i;
const DIRECT_GAP = /^(?:\s|\bthe\b|\bsided?\b|-)*$/i;

/**
 * Body regions mentioned in `text` (in order, one per mention), with laterality: a laterality word
 * directly before a region applies to it; for limb regions it carries over the rest of the list
 * ("right shoulder, elbow and wrist").
 */
export function findRegions(text: string): RegionMatch[] {
  type Tok = Span & { kind: 'region'; region: BodyRegion; text: string } | Span & { kind: 'side'; laterality: Laterality; text: string };
  const regions: (Span & { kind: 'region'; region: BodyRegion; text: string })[] = [];
  const sides: (Span & { kind: 'side'; laterality: Laterality; text: string })[] = [];
  for (const h of REGION_MATCHER.all(text)) {
    if (h.data.kind === 'region') regions.push({ start: h.start, end: h.end, kind: 'region', region: h.data.region, text: h.text });
    else sides.push({ start: h.start, end: h.end, kind: 'side', laterality: h.data.laterality, text: h.text });
  }
  const toks: Tok[] = [...dropOverlaps(regions), ...sides].sort((a, b) => a.start - b.start);
  const out: RegionMatch[] = [];
  let carried: Laterality | null = null;
  let pendingSide: (Span & { laterality: Laterality; text: string }) | null = null;
  let lastEnd = -1;
  for (const t of toks) {
    const gap = lastEnd < 0 ? '' : text.slice(lastEnd, t.start);
    if (t.kind === 'side') {
      pendingSide = t;
      lastEnd = t.end;
      continue;
    }
    let laterality: Laterality | null = null;
    let start = t.start;
    if (pendingSide && DIRECT_GAP.test(text.slice(pendingSide.end, t.start))) {
      laterality = pendingSide.laterality;
      start = pendingSide.start;
      carried = SIDED.has(t.region) ? laterality : carried;
    } else if (carried && lastEnd >= 0 && LIST_GAP.test(gap) && SIDED.has(t.region)) {
      laterality = carried;
    } else {
      carried = null;
    }
    pendingSide = null;
    const abbrev = /^([RLB])(UE|LE)$/i.exec(t.text);
    if (abbrev) laterality = abbrev[1].toUpperCase() === 'R' ? 'right' : abbrev[1].toUpperCase() === 'L' ? 'left' : 'bilateral';
    if (!SIDED.has(t.region) && laterality && !(start < t.start)) laterality = null;
    out.push({ start, end: t.end, region: t.region, laterality, text: text.slice(start, t.end) });
    lastEnd = t.end;
  }
  return out;
}

/** Unique regions (by region and laterality), in order of first mention. */
export function uniqueRegions(matches: RegionMatch[]): BodyRegionMention[] {
  const seen = new Set<string>();
  const out: BodyRegionMention[] = [];
  for (const m of matches) {
    const key = `${m.region}:${m.laterality ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ region: m.region, laterality: m.laterality, text: m.text });
  }
  // "spine" is redundant when a spinal level is named ("cervical, lumbar and thoracic spine"), and a
  // region without a side is redundant when the same region is named with one ("right shoulder ... rotator cuff")
  const hasLevel = out.some((r) => r.region === 'cervical' || r.region === 'thoracic' || r.region === 'lumbar');
  return out.filter((r) => !(hasLevel && r.region === 'spine') && !(r.laterality === null && out.some((o) => o.region === r.region && o.laterality !== null)));
}
