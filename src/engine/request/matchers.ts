/**
 * Vocabulary matchers compiled once at module load from the data tables in ./vocabulary/.
 * Shared by the request normaliser and the fact extractor.
 */
import type { BodyRegion, BodyRegionMention, ImagingModality, Laterality, TreatmentCategory } from './normalised-request.js';
import { DRUGS, type DrugEntry } from './vocabulary/drugs.js';
import { REGION_TERMS, LATERALITY_TERMS } from './vocabulary/regions.js';
import { DRUG_PRIORITY, TREATMENT_TERMS, SUBCATEGORY_TERMS, type TermEntry } from './vocabulary/treatments.js';
import { MultiMatcher, type MultiHit } from '../text/multi-matcher.js';
import { dropOverlaps, type Span } from '../text/spans.js';

/** Wraps a pattern so it matches whole words only. */
export function wordRegex(source: string, flags = 'gi'): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, flags);
}

function lowerAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
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
 * is one is told by walking its characters, without making a lower-case copy of every word. The
 * nodes are numbered breadth first; the root and its children have table rows (the child of node n
 * for code c is next[n * 128 + c], 0 for none), the deeper nodes list their children
 * (edgeCode/edgeChild[edgeStart[n] .. edgeStart[n + 1])): a table of every node would be over a
 * megabyte, out of the cache by the time the next sentence is read.
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
  // breadth first: numberOf[n] is node n's row (the words are ASCII: codes of 128 and more are never walked)
  const numberOf = new Int32Array(nodes.length);
  const order = [0];
  for (let i = 0; i < order.length; i++) for (const [c, child] of nodes[order[i]]) if (c < 128) numberOf[child] = order.push(child) - 1;
  const denseRows = 1 + [...nodes[0].keys()].filter((c) => c < 128).length;
  const next = new Int32Array(denseRows * 128);
  const edgeStart = new Int32Array(order.length + 1);
  const edgeCode = new Uint8Array(order.length);
  const edgeChild = new Int32Array(order.length);
  const isTerminal = new Uint8Array(order.length);
  let e = 0;
  order.forEach((n, row) => {
    isTerminal[row] = terminal[n] ? 1 : 0;
    edgeStart[row] = e;
    for (const [c, child] of nodes[n]) {
      if (c >= 128) continue;
      if (row < denseRows) next[row * 128 + c] = numberOf[child];
      else {
        edgeCode[e] = c;
        edgeChild[e++] = numberOf[child];
      }
    }
  });
  edgeStart[order.length] = e;
  return { next, denseRows, edgeStart, edgeCode, edgeChild, terminal: isTerminal };
})();

/** Whether text[start, end) (a word of [A-Za-z0-9#]), in lower case, is one of FIRST_WORDS. */
function isFirstWord(text: string, start: number, end: number): boolean {
  const { next, denseRows, edgeStart, edgeCode, edgeChild } = FIRST_WORD_TRIE;
  let n = 0;
  for (let p = start; p < end; p++) {
    const c = lowerAscii(text.charCodeAt(p));
    if (n < denseRows) n = next[n * 128 + c];
    else {
      let child = 0;
      for (let k = edgeStart[n], last = edgeStart[n + 1]; k < last; k++) {
        if (edgeCode[k] === c) {
          child = edgeChild[k];
          break;
        }
      }
      n = child;
    }
    if (n === 0) return false;
  }
  return FIRST_WORD_TRIE.terminal[n] === 1;
}

/**
 * Between the words of one name: spaces, "/", "-", "." only (the characters of /^[\s/.-]*$/: white
 * space as \s reads it).
 */
function isNameGapChar(c: number): boolean {
  if (c === 32 || c === 47 || c === 46 || c === 45 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The end of the word ([A-Za-z0-9#]+) starting at `p`. */
function wordEnd(text: string, p: number): number {
  const n = text.length;
  while (p < n && isTokenChar(text.charCodeAt(p))) p++;
  return p;
}

/**
 * Drug names in `text` (brands, generics, combinations), longest first, as whole words. Looks up
 * runs of up to MAX_NAME_WORDS words in a hash map: linear in the text, whatever the vocabulary size.
 * The words ([A-Za-z0-9#]+) are scanned by character code; a word is copied (in lower case) only
 * where it may start a name (a first word, or a name run into its strength).
 */
export function findDrugs(text: string): DrugMatch[] {
  const out: DrugMatch[] = [];
  const n = text.length;
  for (let p = 0; p < n; ) {
    if (!isTokenChar(text.charCodeAt(p))) {
      p++;
      continue;
    }
    const start = p;
    const end = wordEnd(text, p);
    p = end;
    if (!isFirstWord(text, start, end)) {
      // "Norco10/325": a name run into its strength (letters, then a digit, ending in a digit)
      const last = text.charCodeAt(end - 1);
      if (!(last >= 48 && last <= 57) || !isLetter(text.charCodeAt(start))) continue;
      let k = start + 1;
      while (isLetter(text.charCodeAt(k))) k++;
      const d = text.charCodeAt(k);
      if (!(d >= 48 && d <= 57)) continue;
      const found = DRUG_BY_NAME.get(text.slice(start, k).toLowerCase());
      if (found) out.push({ start, end: k, text: text.slice(start, k), entry: found.entry, isBrand: found.isBrand });
      continue;
    }
    // the run of words from here that may form one name, longest first
    const ends: number[] = [end];
    const keys: string[] = [text.slice(start, end).toLowerCase()];
    let q = end;
    while (ends.length < MAX_NAME_WORDS) {
      let r = q;
      while (r < n && !isTokenChar(text.charCodeAt(r))) {
        if (!isNameGapChar(text.charCodeAt(r))) break;
        r++;
      }
      if (r >= n || !isTokenChar(text.charCodeAt(r))) break;
      q = wordEnd(text, r);
      ends.push(q);
      keys.push(keys[keys.length - 1] + text.slice(r, q).toLowerCase());
    }
    for (let c = keys.length - 1; c >= 0; c--) {
      const found = DRUG_BY_NAME.get(keys[c]);
      if (!found) continue;
      out.push({ start, end: ends[c], text: text.slice(start, ends[c]), entry: found.entry, isBrand: found.isBrand });
      p = ends[c];
      break;
    }
  }
  return out;
}

/** [A-Za-z] */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
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

/** The treatment vocabulary as matcher entries (whole words); also matched with the fact extractor's sentence patterns. */
export const TERM_PATTERNS: readonly { source: string; data: TermEntry; wholeWords: true }[] = TREATMENT_TERMS.map((term) => ({ source: term.pattern, data: term, wholeWords: true }));
const TERM_MATCHER = new MultiMatcher<TermEntry>(TERM_PATTERNS, true);
const COMPILED_SUBCATEGORIES = SUBCATEGORY_TERMS.map((s) => ({ re: wordRegex(s.pattern, 'i'), ...s }));

/** Every treatment word in `text`, overlaps resolved (longest wins). */
export function findTerms(text: string): TermMatch[] {
  return termsFromHits(TERM_MATCHER.all(text));
}

/** findTerms from the vocabulary's hits in the text (TERM_PATTERNS, matched with other patterns in one pass). */
export function termsFromHits(hits: readonly MultiHit<TermEntry>[]): TermMatch[] {
  const all: TermMatch[] = [];
  // most texts name no term: nothing to build
  if (hits.length === 0) return all;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const d = h.data;
    all.push({ start: h.start, end: h.end, text: h.text.trim(), category: d.category, priority: d.priority, modality: d.modality, subcategory: d.subcategory });
  }
  // most texts name one term: no overlaps to drop
  if (all.length < 2) return all;
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

export type RegionData = { kind: 'region'; region: BodyRegion } | { kind: 'side'; laterality: Laterality };
/** The region and laterality vocabulary as matcher entries (whole words); also matched with the fact extractor's sentence patterns. */
export const REGION_PATTERNS: readonly { source: string; data: RegionData; wholeWords: true }[] = [
  ...REGION_TERMS.map((r) => ({ source: r.pattern, data: { kind: 'region', region: r.region } as RegionData, wholeWords: true as const })),
  ...LATERALITY_TERMS.map((l) => ({ source: l.pattern, data: { kind: 'side', laterality: l.laterality } as RegionData, wholeWords: true as const })),
];
const REGION_MATCHER = new MultiMatcher<RegionData>(REGION_PATTERNS, true);
const SIDED = new Set<BodyRegion>(REGION_TERMS.filter((r) => r.sided).map((r) => r.region));
const LIST_GAP = /^(?:[\s,/&;]|\band\b|\bor\b|\bthe\b|\bof\b|\bspine\b)*$/i;
const DIRECT_GAP = /^(?:\s|\bthe\b|\bsided?\b|-)*$/i;

/**
 * Body regions mentioned in `text` (in order, one per mention), with laterality: a laterality word
 * directly before a region applies to it; for limb regions it carries over the rest of the list
 * ("right shoulder, elbow and wrist").
 */
export function findRegions(text: string): RegionMatch[] {
  return regionsFromHits(text, REGION_MATCHER.all(text));
}

/** findRegions from the vocabulary's hits in `text` (REGION_PATTERNS, matched with other patterns in one pass). */
export function regionsFromHits(text: string, hits: readonly MultiHit<RegionData>[]): RegionMatch[] {
  const out: RegionMatch[] = [];
  // most sentences name no region: nothing to build
  if (hits.length === 0) return out;
  type Tok = Span & { kind: 'region'; region: BodyRegion; text: string } | Span & { kind: 'side'; laterality: Laterality; text: string };
  const found: (Span & { kind: 'region'; region: BodyRegion; text: string })[] = [];
  const sides: (Span & { kind: 'side'; laterality: Laterality; text: string })[] = [];
  for (const h of hits) {
    if (h.data.kind === 'region') found.push({ start: h.start, end: h.end, kind: 'region', region: h.data.region, text: h.text });
    else sides.push({ start: h.start, end: h.end, kind: 'side', laterality: h.data.laterality, text: h.text });
  }
  // the regions (overlaps dropped) and the side words, each in order of start, merged in order of
  // start (a region before a side word at the same start, as a stable sort of the two lists would)
  const regions = found.length > 1 ? dropOverlaps(found) : found;
  const toks: Tok[] = sides.length === 0 ? regions : regions.length === 0 ? sides : mergeByStart<Tok>(regions, sides);
  let carried: Laterality | null = null;
  let pendingSide: (Span & { laterality: Laterality; text: string }) | null = null;
  let lastEnd = -1;
  for (const t of toks) {
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
    } else if (carried && lastEnd >= 0 && LIST_GAP.test(text.slice(lastEnd, t.start)) && SIDED.has(t.region)) {
      laterality = carried;
    } else {
      carried = null;
    }
    pendingSide = null;
    const abbrev = t.text.length === 3 ? /^([RLB])(UE|LE)$/i.exec(t.text) : null;
    if (abbrev) laterality = abbrev[1].toUpperCase() === 'R' ? 'right' : abbrev[1].toUpperCase() === 'L' ? 'left' : 'bilateral';
    if (!SIDED.has(t.region) && laterality && !(start < t.start)) laterality = null;
    out.push({ start, end: t.end, region: t.region, laterality, text: text.slice(start, t.end) });
    lastEnd = t.end;
  }
  return out;
}

/** Two lists, each in order of start, merged in order of start (at the same start, `a`'s first). */
function mergeByStart<T extends Span>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j].start < a[i].start ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** The treatment and region vocabularies in one matcher (a request is read for both): entries TERM_PATTERNS, then REGION_PATTERNS. */
const TERM_REGION_MATCHER = new MultiMatcher<TermEntry | RegionData>([...TERM_PATTERNS, ...REGION_PATTERNS], true);
const TERM_REGION_PART = Uint8Array.from([...TERM_PATTERNS.map(() => 0), ...REGION_PATTERNS.map(() => 1)]);

/**
 * findTerms and findRegions of `text` from one pass over it: each vocabulary's hits are those its
 * own matcher finds (a position tries every pattern of both that can start there; hits in order of
 * position, then of entry).
 */
export function findTermsAndRegions(text: string): { terms: TermMatch[]; regions: RegionMatch[] } {
  const terms: MultiHit<TermEntry>[] = [];
  const regions: MultiHit<RegionData>[] = [];
  // each list holds only its vocabulary's hits (TERM_REGION_PART)
  TERM_REGION_MATCHER.allInto(text, TERM_REGION_PART, [terms, regions] as MultiHit<TermEntry | RegionData>[][]);
  return { terms: termsFromHits(terms), regions: regionsFromHits(text, regions) };
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