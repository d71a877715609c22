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
 * Many patterns matched in one pass: a combined regular expression finds every position where
 * some pattern matches, then each pattern is tried there (sticky) to report all that match. Much
 * faster than scanning the text once per pattern. Patterns are regex sources, case-insensitive.
 */
export class MultiMatcher<T> {
  private readonly any: RegExp;
  private readonly each: { re: RegExp; data: T; first: Set<string> | null }[];
  /** For each first character, the entries that can start with it (plus those that can start with anything), in order. */
  private readonly byChar = new Map<string, number[]>();
  private readonly anyChar: number[] = [];
  /**
   * `wholeWords`: every pattern is wrapped to match whole words only. `startsWords`: the patterns
   * (with their own boundaries) only ever match at the start of a word, which lets the combined
   * scan skip the other positions at once.
   */
  constructor(entries: readonly { source: string; data: T }[], wholeWords: boolean, startsWords = wholeWords, firstCharDispatch = false) {
    const wrap = (src: string) => (wholeWords ? `(?<![A-Za-z0-9])(?:${src})(?![A-Za-z0-9])` : `(?:${src})`);
    const expanded = entries.map((e) => expandBranches(nonCapturing(e.source)));
    // The combined scan only finds the positions where some pattern matches (the patterns are then
    // tried there one by one), so it has no capturing groups. With `firstCharDispatch`, its
    // alternatives are grouped by the character they start with, each group behind a one-character
    // look-ahead: faster for large vocabularies.
    const alternatives = firstCharDispatch ? dispatchSource(expanded) : entries.map((e) => nonCapturing(e.source)).join('|');
    // boundaries outside the alternation: many times faster than one per alternative
    const prefix = startsWords ? '(?<![A-Za-z0-9])' : '';
    this.any = new RegExp(wholeWords ? `${prefix}(?:${alternatives})(?![A-Za-z0-9])` : `${prefix}(?:${alternatives})`, 'gi');
    this.each = entries.map((e) => ({ re: new RegExp(wrap(e.source), 'iy'), data: e.data, first: firstChars(e.source) }));
    this.branches = expanded.map((bs) => bs.map((b) => ({ first: firstChars(b), second: secondChars(b) })));
    const chars = new Set<string>();
    this.each.forEach((e, i) => {
      if (e.first === null) this.anyChar.push(i);
      else for (const c of e.first) chars.add(c);
    });
    for (const c of chars) {
      const list = this.each.map((e, i) => (e.first === null || e.first.has(c) ? i : -1)).filter((i) => i >= 0);
      this.byChar.set(c, list);
    }
  }
  /** Alternatives of each entry, with the characters they can start with (first, second). */
  private readonly branches: { first: Set<string> | null; second: Set<string> | null }[][];
  /** For each pair of first two (ASCII, lower-case) characters, the entries that can start with them, in order; built when first met. */
  private readonly byPair = new Map<number, number[]>();

  private candidatesAt(text: string, at: number): number[] {
    const c1 = text.charCodeAt(at);
    const c2 = at + 1 < text.length ? text.charCodeAt(at + 1) : 128;
    if (c1 >= 128 || c2 >= 128) return this.byChar.get(text[at].toLowerCase()) ?? this.anyChar;
    const key = (lowerAscii(c1) << 7) | lowerAscii(c2);
    let list = this.byPair.get(key);
    if (list === undefined) {
      const a = String.fromCharCode(lowerAscii(c1));
      const b = String.fromCharCode(lowerAscii(c2));
      list = [];
      for (let i = 0; i < this.branches.length; i++) {
        if (this.branches[i].some((br) => (br.first === null || br.first.has(a)) && (br.second === null || br.second.has(b)))) list.push(i);
      }
      this.byPair.set(key, list);
    }
    return list;
  }

  /** Every match of every pattern (several may start at one position), in order of position. */
  all(text: string): MultiHit<T>[] {
    const out: MultiHit<T>[] = [];
    const any = this.any;
    const each = this.each;
    any.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = any.exec(text)) !== null) {
      const at = m.index;
      // some pattern matches here: try each that can start with these characters
      const candidates = this.candidatesAt(text, at);
      for (let j = 0; j < candidates.length; j++) {
        const e = each[candidates[j]];
        e.re.lastIndex = at;
        const h = e.re.exec(text);
        if (h && h[0].length > 0) out.push({ start: at, end: at + h[0].length, text: h[0], data: e.data, match: h });
      }
      any.lastIndex = at + 1;
    }
    return out;
  }
}

/**
 * One alternation of all the branches (see expandBranches), grouped by the characters they can
 * start with (firstChars): `(?=a)(?:branches starting with a)|(?=b)(?:...)|...|other branches`.
 * It matches at a position exactly when one of the branches, so one of the patterns, does.
 */
function dispatchSource(expanded: string[][]): string {
  const byFirst = new Map<string, string[]>();
  const rest: string[] = [];
  for (const branches of expanded) {
    for (const b of branches) {
      const first = firstChars(b);
      if (first === null || first.size === 0 || first.size > 3) {
        rest.push(b);
        continue;
      }
      for (const c of first) {
        const list = byFirst.get(c);
        if (list) list.push(b);
        else byFirst.set(c, [b]);
      }
    }
  }
  const parts = [...byFirst].map(([c, bs]) => `(?=${/^[a-z0-9]$/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`})(?:${bs.join('|')})`);
  if (rest.length > 0) parts.push(`(?:${rest.join('|')})`);
  return parts.join('|');
}

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
  const keyAt = (j: number): string => (keys[j] ??= text.slice(starts[j], ends[j]).toLowerCase());
  const out: DrugMatch[] = [];
  for (let i = 0; i < count; i++) {
    const first = keyAt(i);
    if (!FIRST_WORDS.has(first)) {
      // "Norco10/325": a name run into its strength
      const last = first.charCodeAt(first.length - 1);
      if (!(last >= 48 && last <= 57)) continue;
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
      key += keyAt(j);
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
