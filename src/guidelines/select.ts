import type { IsoDate } from '../shared/iso-date.js';
import type { NormalisedRequest } from '../engine/request/normalised-request.js';
import type { CompiledTopic, KnowledgeBase } from './knowledge-base.js';
import type { TopicVersion } from './schema.js';

export interface TopicSelection {
  topic: CompiledTopic;
  version: TopicVersion;
  /** The search step that found it: 1 = the MTUS, 2 = a guideline outside the MTUS (8 CCR 9792.21.1). */
  step: 1 | 2;
  score: number;
}

/** The version of the topic in force on `date`, or null. */
export function versionInForce(topic: CompiledTopic, date: IsoDate): TopicVersion | null {
  return topic.topic.versions.find((v) => v.from <= date && (v.to === null || date <= v.to)) ?? null;
}

/** How well a topic covers the request: 0 = not at all. */
export function coverageScore(t: CompiledTopic, req: NormalisedRequest): number {
  const text = req.cleaned || req.text;
  const c = t.topic.covers;
  const byCategory = c.categories.includes(req.category) || (req.drug !== null && c.categories.includes(req.drug.drugClass) && req.drug.route !== 'topical' && req.drug.route !== 'transdermal');
  let longest = 0;
  t.terms.lastIndex = 0;
  for (let m = t.terms.exec(text); m !== null; m = t.terms.exec(text)) {
    if (m[0].length > longest) longest = m[0].length;
    if (m[0].length === 0) t.terms.lastIndex++;
  }
  if (!byCategory && longest === 0) return 0;
  if (t.excludeTerms.some((re) => re.test(text))) return 0;
  if (c.requireAny.length) {
    const regionHit = req.bodyRegions.some((r) => c.requireAny.includes(r.region));
    if (!regionHit && !t.requireAny.some((re) => re.test(text))) return 0;
  }
  return (byCategory ? 10 : 0) + (longest ? 5 + Math.min(longest, 30) / 10 : 0) + t.topic.priority * 3;
}

/**
 * Chooses the guideline topic for a request on a date, in the medical evidence search sequence:
 * the MTUS topic in force first; a guideline outside the MTUS only where no MTUS topic addresses it.
 */
export function selectTopic(kb: KnowledgeBase, req: NormalisedRequest, date: IsoDate): TopicSelection | null {
  let best: TopicSelection | null = null;
  for (const t of kb.topics) {
    const score = coverageScore(t, req);
    if (score === 0) continue;
    const version = versionInForce(t, date);
    if (!version) continue;
    const step = version.citation.source === 'NON-MTUS' ? 2 : 1;
    if (!best || step < best.step || (step === best.step && score > best.score)) best = { topic: t, version, step, score };
  }
  return best;
}
