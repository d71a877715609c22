import type { IsoDate } from '../../shared/iso-date.js';
import type { NormalisedRequest } from '../request/normalised-request.js';
import type { CompiledTopic, KnowledgeBase } from './knowledge-base.js';
import type { TopicVersion } from '../../guidelines/schema.js';
import { MultiMatcher } from '../text/multi-matcher.js';

/** The phase of care of a case, as the facts measure it from the onset (8 CCR 9792.20: chronic = 3 months or more). */
export type CarePhase = 'acute' | 'subacute' | 'chronic';

/** What the selection knows about the case beyond the request. */
export interface SelectionContext {
  /** The case's phase of care; null where unknown (the selection then ignores the topics' phases). */
  chronicity: CarePhase | null;
}

/**
 * How the topic's scope fits the case's phase of care: `in_scope` = its phases name the case's phase;
 * `every_phase` = the topic names no phase; `out_of_scope` = its phases exclude the case's phase (the topic
 * was chosen because no MTUS topic in scope addresses the request); `unknown` = the case's phase is unknown.
 */
export type PhaseFit = 'in_scope' | 'every_phase' | 'out_of_scope' | 'unknown';

export interface TopicSelection {
  topic: CompiledTopic;
  version: TopicVersion;
  /** The search step that found it: 1 = the MTUS, 2 = a guideline outside the MTUS (8 CCR 9792.21.1). */
  step: 1 | 2;
  score: number;
  phaseFit: PhaseFit;
  /** True where the topic covers the request's category (not only a word of it). */
  byCategory: boolean;
}

/** The version of the topic in force on `date`, or null. */
export function versionInForce(topic: CompiledTopic, date: IsoDate): TopicVersion | null {
  return topic.topic.versions.find((v) => v.from <= date && (v.to === null || date <= v.to)) ?? null;
}

/** How well a topic covers the request: 0 = not at all. */
export function coverageScore(t: CompiledTopic, req: NormalisedRequest): number {
  return coverage(t, req).score;
}

/**
 * The topics' term matchers in one pass (MultiMatcher): for a text, whether each topic's `terms`
 * can match it at all, so that only those are scanned for their longest match. Built once per list
 * of topics (a compiled form of the knowledge base, like the regexes themselves; no case data).
 */
interface TermIndex {
  topics: readonly CompiledTopic[];
  matcher: MultiMatcher<number>;
  /** firstStarts' answer for the request being selected (read at once, never kept: selectTopic does not call itself). */
  scratch: Int32Array;
  /** For each category named by a topic's covers.categories, 1 at the topics naming it (as `categories.includes`). */
  byCategory: Map<string, Uint8Array>;
}
const termIndexes = new WeakMap<readonly CompiledTopic[], TermIndex>();

function termIndexOf(topics: readonly CompiledTopic[]): TermIndex {
  const known = termIndexes.get(topics);
  // the same topics, in the same order (the list is not expected to change; if it did, rebuild)
  if (known && known.topics.length === topics.length && known.topics.every((t, i) => t === topics[i])) return known;
  const index: TermIndex = {
    topics: [...topics],
    // each `terms` starts with (?<![A-Za-z0-9]): a match never starts right after a letter or digit
    matcher: new MultiMatcher(topics.map((t, i) => ({ source: t.terms.source, data: i })), false, true),
    scratch: new Int32Array(topics.length),
    byCategory: new Map(),
  };
  topics.forEach((t, i) => {
    for (const c of t.topic.covers.categories) {
      let at = index.byCategory.get(c);
      if (!at) index.byCategory.set(c, (at = new Uint8Array(topics.length)));
      at[i] = 1;
    }
  });
  termIndexes.set(topics, index);
  return index;
}

/** What `coverage` gives a topic that does not cover the request: one object, read and never kept (most topics cover none of a request). */
const NO_COVERAGE: Readonly<{ score: number; byCategory: boolean }> = Object.freeze({ score: 0, byCategory: false });

/**
 * The coverage score and whether it comes from the request's category. `mayMatch`: false where the
 * topic's terms are known not to match the text (the term index), so they are not scanned.
 */
function coverage(t: CompiledTopic, req: NormalisedRequest, mayMatch = true, byCategory = coversCategory(t.topic.covers.categories, req)): { score: number; byCategory: boolean } {
  const text = req.cleaned || req.text;
  const c = t.topic.covers;
  let longest = 0;
  if (mayMatch) {
    t.terms.lastIndex = 0;
    for (let m = t.terms.exec(text); m !== null; m = t.terms.exec(text)) {
      if (m[0].length > longest) longest = m[0].length;
      if (m[0].length === 0) t.terms.lastIndex++;
    }
  }
  if (!byCategory && longest === 0) return NO_COVERAGE;
  // a portion written as a part of the original request's procedure is done within that procedure:
  // what the topic excludes there (a fracture fixation around a release) excludes the portion too
  if (t.excludeTerms.some((re) => re.test(text) || (req.partOf != null && re.test(req.partOf)))) return NO_COVERAGE;
  if (c.requireAny.length) {
    const regionHit = req.bodyRegions.some((r) => c.requireAny.includes(r.region));
    if (!regionHit && !t.requireAny.some((re) => re.test(text))) return NO_COVERAGE;
  }
  return { score: (byCategory ? 20 : 0) + (longest ? 5 + Math.min(longest, 30) / 10 : 0) + t.topic.priority * 3, byCategory };
}

/** Whether the topic covers the request's category (or, taken by mouth or injected, its drug's class). */
function coversCategory(categories: readonly string[], req: NormalisedRequest): boolean {
  return categories.includes(req.category) || (req.drug !== null && categories.includes(req.drug.drugClass) && req.drug.route !== 'topical' && req.drug.route !== 'transdermal');
}

/** How the topic's phases (covers.phases; empty = every phase) fit the case's phase. */
export function phaseFit(t: CompiledTopic, chronicity: CarePhase | null | undefined): PhaseFit {
  if (!chronicity) return 'unknown';
  const phases = t.topic.covers.phases;
  if (phases.length === 0) return 'every_phase';
  return phases.includes(chronicity) ? 'in_scope' : 'out_of_scope';
}

/**
 * Chooses the guideline topic for a request on a date, in the medical evidence search sequence
 * (8 CCR 9792.21.1): the MTUS topic in force first; a guideline outside the MTUS only where no MTUS
 * topic addresses it; within a step, the best coverage.
 *
 * Phase of care: the Chronic Pain guideline governs pain beyond the anticipated time of healing, the
 * ACOEM body-part chapters acute and subacute complaints (covers.phases). Where the best topic's phases
 * exclude the case's phase, the best topic of the same step whose phases include it (or name none) is
 * chosen instead, provided it covers the request as fully: by the request's category where the first
 * does (a word shared by chance - "ultrasound" in therapeutic ultrasound and in imaging - is not the same
 * treatment). The request's category (the service requested) outweighs any shared phrase and any priority:
 * a home nursing order that mentions "medication management" is home health care, not an office visit.
 * A topic outside the case's phase is still chosen when it is the only MTUS topic for the
 * request, for then the MTUS is not silent. With unknown chronicity the phases are ignored.
 */
export function selectTopic(kb: KnowledgeBase, req: NormalisedRequest, date: IsoDate, context?: SelectionContext): TopicSelection | null {
  const chronicity = context?.chronicity ?? null;
  const candidates: TopicSelection[] = [];
  const index = termIndexOf(kb.topics);
  const first = index.matcher.firstStarts(req.cleaned || req.text, index.scratch);
  // coversCategory for every topic at once
  const ofCategory = index.byCategory.get(req.category);
  const ofDrugClass = req.drug !== null && req.drug.route !== 'topical' && req.drug.route !== 'transdermal' ? index.byCategory.get(req.drug.drugClass) : undefined;
  for (let i = 0; i < kb.topics.length; i++) {
    const t = kb.topics[i];
    const { score, byCategory } = coverage(t, req, first[i] >= 0, ofCategory?.[i] === 1 || ofDrugClass?.[i] === 1);
    if (score === 0) continue;
    const version = versionInForce(t, date);
    if (!version) continue;
    const step = version.citation.source === 'NON-MTUS' ? 2 : 1;
    candidates.push({ topic: t, version, step, score, byCategory, phaseFit: phaseFit(t, chronicity) });
  }
  const best = bestOf(candidates);
  if (!best || best.phaseFit !== 'out_of_scope') return best;
  const inPhase = bestOf(candidates.filter((c) => c.step === best.step && c.phaseFit !== 'out_of_scope' && (c.byCategory || !best.byCategory)));
  return inPhase ?? best;
}

/** The candidate of the earliest search step with the best score (the first listed on a tie). */
function bestOf(candidates: TopicSelection[]): TopicSelection | null {
  let best: TopicSelection | null = null;
  for (const c of candidates) if (!best || c.step < best.step || (c.step === best.step && c.score > best.score)) best = c;
  return best;
}
