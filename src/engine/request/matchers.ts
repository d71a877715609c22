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
  const all: TermMatch[] = hits.map((h) => ({
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
  type Tok = Span & { kind: 'region'; region: BodyRegion; text: string } | Span & { kind: 'side'; laterality: Laterality; text: string };
  const regions: (Span & { kind: 'region'; region: BodyRegion; text: string })[] = [];
  const sides: (Span & { kind: 'side'; laterality: Laterality; text: string })[] = [];
  for (const h of hits) {
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