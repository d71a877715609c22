/**
 * A sentence prepared once for every rule: its text and offsets, its dates, its kind of statement
 * (section heading or cues), whether it is only a plan, its feature hits (one pass), and its
 * treatment and drug mentions (on first use).
 */
import type { EvidenceKind } from '../evidence-kind.js';
import type { Evidence, FactSource } from './case-facts.js';
import { findDrugs, regionsFromHits, termsFromHits, type DrugMatch, type RegionMatch, type TermMatch } from '../request/matchers.js';
import { splitSentences, type Sentence } from './sentences.js';
import { findDates, type DateMention } from './dates.js';
import { featureGroupMask, featureHitsFrom, GROUP_INDEX, NO_HITS, type FeatureGroup, type FeatureHit } from './features.js';
import { TREATMENT_KINDS } from './treatment-kinds.js';
import { CUE_FIRSTS, sentenceHits, type SentenceHits } from './sentence-patterns.js';
import { headingsOf, isPlanOnly, sectionAt, SentenceCues, sentenceKind, type CueMemo, type Heading, type SentenceKind } from './evidence-kinds.js';
import { findStatedGaps, type GapMatch } from './stated-gaps.js';

/**
 * What a fact rule can need in a sentence (FactRule.needs): a feature group's hits; a term, of
 * priority 60 or more, of a treatment received other than surgery ('treatment') or of surgery
 * ('surgery') — the terms `terms` can hold; a body region or side word ('region'); a date ('date');
 * a sentence of kind 'diagnosis' under a diagnosis heading ('diagnosisSection').
 */
export type SentenceNeed = FeatureGroup | 'treatment' | 'surgery' | 'region' | 'date' | 'diagnosisSection';

const GROUP_COUNT = GROUP_INDEX.size;
const TREATMENT_BIT = 1 << GROUP_COUNT;
const SURGERY_BIT = 1 << (GROUP_COUNT + 1);
const REGION_BIT = 1 << (GROUP_COUNT + 2);
const DATE_BIT = 1 << (GROUP_COUNT + 3);
/** Set in every sentence's mask, so that a rule without needs (mask -1) reads every sentence. */
const ALWAYS_BIT = 1 << (GROUP_COUNT + 4);
const DIAGNOSIS_SECTION_BIT = 1 << (GROUP_COUNT + 5);
const NEED_BIT = new Map<SentenceNeed, number>([
  ...[...GROUP_INDEX].map(([g, i]): [SentenceNeed, number] => [g, 1 << i]),
  ['treatment', TREATMENT_BIT],
  ['surgery', SURGERY_BIT],
  ['region', REGION_BIT],
  ['date', DATE_BIT],
  ['diagnosisSection', DIAGNOSIS_SECTION_BIT],
]);

/** The bit mask of a rule's needs, to test against PreparedSentence.meets; -1 (every sentence) without needs. */
export function needMask(needs: readonly SentenceNeed[] | undefined): number {
  if (!needs) return -1;
  let mask = 0;
  for (const n of needs) mask |= NEED_BIT.get(n)!;
  return mask;
}

export class PreparedSentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly dates: DateMention[];
  /** The kind of statement and what decided it. */
  readonly kindOf: SentenceKind;
  /** The section heading's kind in force, or null. */
  readonly section: EvidenceKind | null;
  /** A plan, request or review of one that reports no care received ("will start PT"). */
  readonly planOnly: boolean;
  /** Guideline text quoted ("MTUS states", "is defined as"). */
  readonly guidelineText: boolean;
  /** The SentenceNeeds the sentence meets, as bits (see needMask). */
  readonly meets: number;
  /** The feature hits by group, built on the first call of `hits` for a group that has any. */
  private featureHitsByGroup: FeatureHit[][] | null = null;
  /** The feature, treatment and region patterns' hits, found in one pass (see sentenceHits). */
  private readonly patternHits: SentenceHits;
  private termsCache: TermMatch[] | null = null;
  private regionsCache: RegionMatch[] | null = null;
  private drugsCache: DrugMatch[] | null = null;
  private gapsCache: GapMatch[] | null = null;

  constructor(
    readonly source: FactSource,
    sentence: Sentence,
    section: EvidenceKind | null,
    /** The last full date in the earlier sentences of the same source, or null. */
    readonly previousDate: string | null,
    /** The case's cue memo, where the record search will want the same cues (see CueMemo). */
    cueMemo?: CueMemo,
  ) {
    this.text = sentence.text;
    this.start = sentence.start;
    this.end = sentence.end;
    this.section = section;
    this.dates = findDates(this.text);
    // the feature, treatment and region patterns and the cues in one pass (the cues shared by the
    // kind, the plan test and the guideline-text test, and by the record search through the memo)
    this.patternHits = sentenceHits(this.text);
    const cues = cuesFound(this.text, cueMemo);
    this.kindOf = source.kind === 'ur_decision' ? { kind: 'review', by: 'strong' } : sentenceKind(this.text, section, cues);
    this.planOnly = isPlanOnly(this.text, cues) || (section === 'plan' && !cues.completion);
    this.guidelineText = cues.guidelineText;
    this.meets = needsMet(this.patternHits, this.dates.length > 0) | (section === 'diagnosis' && this.kind === 'diagnosis' ? DIAGNOSIS_SECTION_BIT : 0);
  }

  get kind(): EvidenceKind {
    return this.kindOf.kind;
  }

  /** The kind for a fact of this sentence: the sentence's, unless nothing decided it (then `fallback`). */
  kindFor(fallback: EvidenceKind): EvidenceKind {
    return this.kindOf.by === 'default' ? fallback : this.kindOf.kind;
  }

  /** The feature hits of one group. */
  hits(group: FeatureGroup): FeatureHit[] {
    const g = GROUP_INDEX.get(group)!;
    // most sentences have none of most groups: no hit lists are built for them
    if ((this.meets & (1 << g)) === 0) return NO_HITS;
    return (this.featureHitsByGroup ??= featureHitsFrom(this.patternHits.features))[g];
  }

  /** Treatment vocabulary mentions (priority >= 60). */
  get terms(): TermMatch[] {
    return (this.termsCache ??= termsFromHits(this.patternHits.terms).filter((t) => t.priority >= 60));
  }

  /** Body regions mentioned (findRegions of the text). */
  get regions(): RegionMatch[] {
    return (this.regionsCache ??= regionsFromHits(this.text, this.patternHits.regions));
  }

  get drugs(): DrugMatch[] {
    return (this.drugsCache ??= findDrugs(this.text));
  }

  /** Documentation gaps stated in the sentence. */
  get gaps(): GapMatch[] {
    return (this.gapsCache ??= findStatedGaps(this.text));
  }

  /** Evidence: the whole sentence, of the sentence's kind (or `kind`). */
  ev(kind: EvidenceKind = this.kind): Evidence {
    return { source: this.source.name, quote: this.text, start: this.start, end: this.end, kind };
  }

  /** Evidence: a span of the sentence (offsets relative to the sentence). */
  span(relStart: number, relEnd: number, kind: EvidenceKind = this.kind): Evidence {
    const start = this.start + relStart;
    const end = this.start + relEnd;
    return { source: this.source.name, quote: this.source.text.slice(start, end), start, end, kind };
  }
}

/** The cues of `text` from the memo where found there, else from CUE_FIRSTS (sentenceHits of `text` just called), kept in the memo. */
function cuesFound(text: string, memo: CueMemo | undefined): SentenceCues {
  let cues = memo?.get(text);
  if (cues === undefined) {
    cues = new SentenceCues(text, CUE_FIRSTS);
    memo?.set(text, cues);
  }
  return cues;
}

function needsMet(hits: SentenceHits, dated: boolean): number {
  let mask = ALWAYS_BIT | featureGroupMask(hits.features);
  // every term of `terms` is one of these hits (its category and priority unchanged)
  for (const h of hits.terms) {
    const t = h.data;
    if (t.priority < 60) continue;
    if (t.category === 'surgery') mask |= SURGERY_BIT;
    else if (TREATMENT_KINDS.has(t.category)) mask |= TREATMENT_BIT;
  }
  if (hits.regions.length > 0) mask |= REGION_BIT;
  if (dated) mask |= DATE_BIT;
  return mask;
}

/**
 * Splits a sentence at the headings that start inside it ("OBJECTIVE: tender\nPLAN: PT"), and a
 * form label's line from what follows it, so that each piece has one kind.
 */
function splitAtHeadings(text: string, s: Sentence, headings: readonly Heading[]): Sentence[] {
  const cuts: number[] = [];
  for (const h of headings) {
    if (h.start > s.start && h.start < s.end) cuts.push(h.start);
    // A section heading is not part of the statement under it: "OBJECTIVE:" is never quoted as evidence.
    if (h.scope === 'section' && h.start >= s.start && h.end < s.end) cuts.push(h.end);
    if (h.scope === 'line' && h.start >= s.start && h.start < s.end) {
      const nl = text.indexOf('\n', h.end);
      if (nl > 0 && nl < s.end) cuts.push(nl);
    }
  }
  if (cuts.length === 0) return [s];
  cuts.sort((a, b) => a - b);
  const out: Sentence[] = [];
  let from = s.start;
  for (const c of [...cuts, s.end]) {
    let a = from;
    let b = c;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b) });
    from = c;
  }
  return out;
}

/** The prepared sentences of one source, in order. */
export function prepareSource(source: FactSource, cueMemo?: CueMemo): PreparedSentence[] {
  const text = source.text;
  const headings = headingsOf(text);
  const out: PreparedSentence[] = [];
  let previousDate: string | null = null;
  for (const raw of splitSentences(text)) {
    for (const s of headings.length ? splitAtHeadings(text, raw, headings) : [raw]) {
      const line = headings.find((h) => h.scope === 'line' && h.start === s.start);
      const section = line ? line.kind : sectionAt(headings, s.start);
      const p: PreparedSentence = new PreparedSentence(source, s, section, previousDate, cueMemo);
      out.push(p);
      for (const d of p.dates) if (d.precision === 'day') previousDate = d.value;
    }
  }
  return out;
}
