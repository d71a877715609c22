import type { Citation, Decision } from '../../letters/model.js';
import { ImrError } from '../../errors/imr-error.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { CompiledTopic, KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import { selectTopic, type TopicSelection } from '../knowledge-base/select-topic.js';
import type { CaseFile, CaseItem } from '../case-file.js';
import type { NormalisedRequest } from '../request/normalised-request.js';
import type { CaseFacts, ExtractOptions, FactSource } from '../facts/case-facts.js';
import type { CueMemo } from '../facts/evidence-kinds.js';
import type { CriterionContext, SourceText } from './criteria/criterion.js';
import { dependencyFlags, dependentProbability, followingProcedure, followingReview, followsProcedure, isDependent, primaryIndex, procedureFlags, procedureOutcome } from './dependency.js';
import type { Evidence } from './types.js';
import { makeFindingLookup, type FindingLookup } from './fact-lookup.js';
import { CLINICAL_KINDS, OBJECTIVE_KINDS, type EvidenceKind } from '../evidence-kind.js';
import { findMentions, splitSentences, type Sentence } from './record-search.js';
import { writeRationale } from './rationale.js';
import { isSatisfied, type CriterionResult, type ItemDecision, type ReviewCode } from './types.js';
import { calibrationFeatures, type CalibrationInput } from '../calibration/features.js';
import { overturnLowerBound, predictOverturn } from '../calibration/model.js';
import { reviewOutcome } from './review-flags.js';
import { supersededFlags } from './superseded.js';

/** The readers the engine builds on: the request normaliser and the fact extractor. */
export interface EngineReaders {
  normaliseRequest(text: string): NormalisedRequest;
  extractFacts(sources: FactSource[], opts: ExtractOptions): CaseFacts;
}

/** A case read once: its sources, sentences, facts and normalised requests. Decisions are memoised. */
export interface PreparedCase {
  caseFile: CaseFile;
  sources: SourceText[];
  sentences: Sentence[];
  facts: CaseFacts;
  requests: NormalisedRequest[];
  authorized: ({ sessions: number | null; quantity: number | null } | null)[];
  decisions: Map<number, ItemDecision>;
  /** Memoised record look-ups, shared by every item of the case. */
  memo: { finding?: FindingLookup; mentions: Map<readonly string[], Evidence[]> };
}

const AUTHORIZED = /(?:^|\.\s+)([^.]*?)\s+(?:was|were) (?:authorized|certified|approved) by the claims administrator/i;

/** The part of a request that utilization review already authorized, read from the request text. */
const AUTHORIZED_BY = /the claims administrator (?:authorized|certified|approved)\s+([^.,;]+)/i;

function authorizedPart(text: string, readers: EngineReaders): { sessions: number | null; quantity: number | null } | null {
  const m = AUTHORIZED.exec(text) ?? AUTHORIZED_BY.exec(text);
  if (!m) return null;
  const r = readers.normaliseRequest(m[1]);
  return { sessions: r.sessions, quantity: r.quantity };
}

/** The date an item is decided as of: its own date, else the UR decision date, else the case's as-of date. */
function itemDate(caseFile: CaseFile, item: CaseItem): IsoDate {
  const d = item.date ?? caseFile.urDecisionDate ?? caseFile.asOf;
  if (!d) throw new ImrError('IMR_ERR_CASE_INVALID', 'The case file has no date to select the guideline version: give urDecisionDate or asOf.');
  return d;
}

export function prepareCase(caseFile: CaseFile, readers: EngineReaders): PreparedCase {
  // A UR decision is the claims administrator's reasoning, not a clinical record: never a source of facts.
  // (built by pushes: one kind of array whatever the case holds, so the optimised code stays valid)
  const sources: SourceText[] = [];
  if (caseFile.clinicalSummary.trim()) sources.push({ source: 'clinicalSummary', text: caseFile.clinicalSummary });
  for (const d of caseFile.documents) if (d.kind !== 'ur_decision') sources.push({ source: d.name, text: d.text });
  const asOf = caseFile.urDecisionDate ?? caseFile.asOf ?? undefined;
  // The facts first: the record search's sentences are nearly all the extractor's, and reuse their cues.
  const cues: CueMemo = new Map();
  const facts = readers.extractFacts(sources.map((s) => ({ name: s.source, text: s.text })), asOf ? { asOf, cues } : { cues });
  return {
    caseFile,
    sources,
    sentences: splitSentences(sources, cues),
    facts,
    requests: caseFile.items.map((i) => readers.normaliseRequest(i.request)),
    authorized: caseFile.items.map((i) => authorizedPart(i.request, readers)),
    decisions: new Map(),
    memo: { mentions: new Map() },
  };
}

const PLAN = /\b(?:request(?:ed|s)?|treatment plan|plan (?:is|was|included|includes)|recommend(?:ed|s)?|will\b|would\b|pending)/i;

/**
 * True when the evidence is not a clinical statement: a sentence about the review itself, or a fact
 * the extractor classed as a plan, a UR reviewer's reasoning or administrative text.
 */
function isAdministrative(p: PreparedCase, e: { source: string; start: number; end: number; kind?: EvidenceKind }): boolean {
  if (e.kind !== undefined && !CLINICAL_KINDS.includes(e.kind)) return true;
  // the same answer as testing every sentence: only administrative ones can say yes
  const administrative = sentenceCounts(p.sentences).administrative;
  for (let i = 0; i < administrative.length; i++) {
    const s = administrative[i];
    if (s.source === e.source && s.start <= e.start && e.end <= s.end) return true;
  }
  return false;
}


const NO_CITATION: Citation = { source: 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'No medical evidence cited', alsoCites: [] };
/** Where no topic covers a request the MTUS is silent: the evidence must come from outside it (step 2). */
const OUTSIDE_MTUS: Citation = { source: 'NON-MTUS', name: null, edition: null, topic: null, sections: [], pages: [], raw: 'Not addressed by the MTUS; other evidence-based guidelines or studies (8 CCR 9792.21.1(a)(2))', alsoCites: [] };

function citationOf(sel: TopicSelection): Citation {
  const c = sel.version.citation;
  const parts = [c.source === 'NON-MTUS' ? `Non-MTUS: ${c.name ?? 'guideline'}` : c.source.replace('MTUS-', 'MTUS '), c.edition ? String(c.edition) : null, c.topic, c.sections.length ? `Section(s): ${c.sections.join(', ')}` : null, c.pages.length ? `Page(s): ${c.pages.join(', ')}` : null];
  return { source: c.source, name: c.name, edition: c.edition, topic: c.topic, sections: [...c.sections], pages: [...c.pages], raw: parts.filter(Boolean).join(', '), alsoCites: [] };
}

/**
 * What is read of a case's sentences for every item: its administrative sentences (the only ones
 * isAdministrative can find) and how many sentences are clinical statements (ruleReviewFlags). Kept
 * by the sentences' list (not on the case's memo: a memo whose fields come in different orders has
 * several shapes, and slows every look-up through it).
 */
const SENTENCE_COUNTS = new WeakMap<readonly Sentence[], { administrative: Sentence[]; clinical: number }>();
function sentenceCounts(sentences: readonly Sentence[]): { administrative: Sentence[]; clinical: number } {
  let c = SENTENCE_COUNTS.get(sentences);
  if (c === undefined) {
    c = {
      administrative: sentences.filter((s) => s.administrative),
      clinical: sentences.filter((s) => !s.administrative && (s.kind === undefined || CLINICAL_KINDS.includes(s.kind))).length,
    };
    SENTENCE_COUNTS.set(sentences, c);
  }
  return c;
}

const TOPIC_BY_ID = new WeakMap<readonly CompiledTopic[], { topics: CompiledTopic[]; byId: Map<string, CompiledTopic> }>();
/**
 * The knowledge base's topics by id (the first of an id, as `topics.find` gives), built once per
 * list of topics (again if the list changed, as select-topic's term index is).
 */
function topicById(kb: KnowledgeBase): Map<string, CompiledTopic> {
  const topics = kb.topics;
  let index = TOPIC_BY_ID.get(topics);
  if (index === undefined || index.topics.length !== topics.length || !index.topics.every((t, i) => t === topics[i])) {
    const byId = new Map<string, CompiledTopic>();
    for (const t of topics) if (!byId.has(t.topic.id)) byId.set(t.topic.id, t);
    TOPIC_BY_ID.set(topics, (index = { topics: [...topics], byId }));
  }
  return index.byId;
}

/**
 * What the calibration model sees of a finished draft (for refitting the model from audited letters):
 * the same input `finish` gave it. Pure.
 */
export function calibrationInputOf(d: ItemDecision, kb: KnowledgeBase): CalibrationInput {
  return calibrationInput(d, d.ruleDecision, d.reviewCodes, kb);
}

/** calibrationInputOf for a draft's parts (`finish` has no whole decision yet, and need not copy one). */
function calibrationInput(d: DraftBase, ruleDecision: Decision, codes: readonly ReviewCode[], kb: KnowledgeBase): CalibrationInput {
  const topic = d.topicId === null ? null : topicById(kb).get(d.topicId) ?? null;
  return {
    category: d.category,
    topicId: d.topicId,
    recommendation: topic ? topic.topic.recommendation : null,
    family: d.citation.source,
    ruleDecision,
    criteria: d.criteria.map((c) => ({ type: c.type, status: c.status, evidenceKinds: [...new Set(c.evidence.flatMap((e) => (e.kind ? [e.kind] : [])))] })),
    dependent: d.dependsOn !== null,
    ruleFlags: codes.filter((c) => c !== 'probability'),
    request: d.request,
    // its probability is its procedure's (dependentProbability), not the model's: a refit fits without it
    ...(followsProcedure(d) && d.dependsOn !== null ? { inheritsFrom: d.dependsOn } : {}),
  };
}

/** A draft before its probability, lean and review flags are known. */
type DraftBase = Omit<ItemDecision, 'ruleDecision' | 'pOverturn' | 'needsReviewer' | 'reviewReason' | 'reviewCodes'>;

/**
 * The lean, the probability of overturn and the review flags. `base.decision` is what the criteria
 * decide; `rewrite` gives the rationale again where the lean differs from it. `primary`: the draft of
 * the procedure a dependent service exists for, where it is in dispute in the case (its probability
 * bounds the service's: dependentProbability).
 */
function finish(
  kb: KnowledgeBase,
  base: DraftBase,
  ruleFlags: { code: ReviewCode; message: string }[],
  rewrite?: (lean: Decision, pOverturn: number) => string,
  primary: ItemDecision | null = null,
): ItemDecision {
  // what calibrationInputOf reads of the draft as it stands (the criteria's decision, the rule flags)
  const features = calibrationFeatures(calibrationInput(base, base.decision, ruleFlags.map((f) => f.code), kb));
  const own = predictOverturn(kb.calibration, features);
  const pOverturn = dependentProbability(own, primary, false);
  // A service for a procedure leans Overturned only with its procedure (whose bound was already applied).
  const pLow = Math.min(overturnLowerBound(kb.calibration, features), primary && primary.decision !== 'Overturned' ? 0 : 1);
  const review = reviewOutcome(kb.calibration, base.decision, pOverturn, ruleFlags, pLow);
  const rationale = review.decision !== base.decision && rewrite ? rewrite(review.decision, pOverturn) : base.rationale;
  // `{ ...base, ruleDecision: base.decision, rationale, pOverturn, ...review }`, its fields written out in
  // that order (every DraftBase is built with the same fields in the same order): a spread of drafts
  // of several shapes is a slow, generic copy
  return {
    request: base.request,
    category: base.category,
    dependsOn: base.dependsOn,
    decision: review.decision,
    topicId: base.topicId,
    guidelineVersion: base.guidelineVersion,
    asOf: base.asOf,
    citation: base.citation,
    criteria: base.criteria,
    documentationGaps: base.documentationGaps,
    rationale,
    ruleDecision: base.decision,
    pOverturn: Math.round(pOverturn * 1000) / 1000,
    needsReviewer: review.needsReviewer,
    reviewReason: review.reviewReason,
    reviewCodes: review.reviewCodes,
  };
}

/** An Upheld decision that rests on no guideline topic (a dependent service, or nothing in the knowledge base). */
function upheldWithoutTopic(
  request: string,
  category: string,
  asOf: ItemDecision['asOf'],
  rest: Pick<ItemDecision, 'citation' | 'criteria' | 'documentationGaps' | 'rationale'>,
): DraftBase {
  return { request, category, dependsOn: null, decision: 'Upheld', topicId: null, guidelineVersion: null, asOf, ...rest };
}

/** Decides item `index` of a prepared case. Pure; memoised on the prepared case. */
export function evaluatePrepared(p: PreparedCase, index: number, kb: KnowledgeBase, stack: number[] = []): ItemDecision {
  const memo = p.decisions.get(index);
  if (memo) return memo;
  const item = p.caseFile.items[index];
  if (!item) throw new ImrError('IMR_ERR_CASE_INVALID', `The case has no item ${index + 1}; check the item number.`);
  const req = p.requests[index];
  const asOf = itemDate(p.caseFile, item);
  const worker = {
    age: p.caseFile.worker.age ?? p.facts.age?.value ?? null,
    sex: p.caseFile.worker.sex ?? p.facts.sex?.value ?? null,
    injuryDate: p.caseFile.worker.injuryDate ?? p.facts.injuryDate?.value ?? null,
  };

  const primaryDraft = (): ItemDecision | null => {
    const pi = primaryIndex(p, index);
    if (pi < 0 || stack.includes(pi)) return null;
    return evaluatePrepared(p, pi, kb, [...stack, index]);
  };
  // Associated services follow what the procedure's criteria decide; a flagged procedure flags them.
  const primaryDecision = (): { request: string; decision: Decision } | null => {
    const d = primaryDraft();
    return d ? { request: d.request, decision: d.ruleDecision } : null;
  };
  /** What a criterion sees, for a topic (null: the dependency rule alone, which reads no topic's words). */
  const contextFor = (topic: CompiledTopic | null): CriterionContext => ({
    asOf,
    request: req,
    authorized: p.authorized[index] ?? null,
    worker,
    sources: p.sources,
    topicTerms: topic?.topic.covers.terms ?? [],
    topicCategories: topic?.topic.covers.categories ?? [],
    findingLabel: (key) => kb.findings.get(key)?.label ?? key.replace(/_/g, ' '),
    finding: (key) => (p.memo.finding ??= makeFindingLookup(p.facts, p.sentences, kb.findings))(key, null, topic?.topic.covers.categories ?? [], req.bodyRegions),
    mentions: (phrases) => {
      let hit = p.memo.mentions.get(phrases);
      if (!hit) p.memo.mentions.set(phrases, (hit = findMentions(p.sentences, phrases)));
      return hit;
    },
    primaryProcedureDecision: primaryDecision,
    medications: () => p.facts.medications.filter((m) => !isAdministrative(p, m.evidence)),
    priorTreatments: (categories) =>
      p.facts.priorTreatments
        .filter((t) => !t.negated && categories.includes(t.category) && !isAdministrative(p, t.evidence) && !PLAN.test(t.evidence.quote))
        .map((t) => ({ sessions: t.sessions, evidence: t.evidence })),
    otherItemDecisions: (categories) =>
      p.requests
        .map((r, i) => ({ r, i }))
        .filter(({ r, i }) => i !== index && !stack.includes(i) && categories.includes(r.category))
        .map(({ i }) => {
          const d = evaluatePrepared(p, i, kb, [...stack, index]);
          return { request: d.request, decision: d.ruleDecision };
        }),
  });
  const dependent = isDependent(req, primaryIndex(p, index) >= 0);

  // A service that only exists for a procedure (pre-op clearance, post-op therapy, an assistant
  // surgeon) is not medically necessary when the procedure is not: no guideline need be cited.
  if (dependent) {
    const primary = primaryDraft();
    if (primary && primary.ruleDecision === 'Upheld') {
      const { criterion, rationale } = followingProcedure(item.request, primary);
      const base = upheldWithoutTopic(item.request, req.category, asOf, { citation: NO_CITATION, criteria: [criterion], documentationGaps: [], rationale });
      // It stands or falls with the procedure: the procedure's probability, flagged where the procedure's draft is.
      const d: ItemDecision = { ...base, dependsOn: primary.request, ruleDecision: 'Upheld', pOverturn: dependentProbability(0, primary, true), ...followingReview(primary) };
      p.decisions.set(index, d);
      return d;
    }
  }

  // Not following an unnecessary procedure: is the procedure it exists for certified at all?
  const procedure = dependent ? procedureOutcome(contextFor(null)) : null;

  const sel = selectTopic(kb, req, asOf, { chronicity: phaseOfCare(worker.injuryDate, asOf) ?? p.facts.chronicity });
  if (!sel) {
    const base = upheldWithoutTopic(item.request, req.category, asOf, {
      citation: OUTSIDE_MTUS,
      criteria: [],
      documentationGaps: ['No guideline topic in the knowledge base addresses this request; the reviewer must search the medical evidence (8 CCR 9792.21.1).'],
      rationale: `No topic of the MTUS or of the other guidelines in the knowledge base addresses ${item.request}, and the record does not establish its medical necessity. Therefore, the request for ${item.request} is not medically necessary on the documentation provided.`,
    });
    const primary = dependent ? primaryDraft() : null;
    const flags = [
      { code: 'no_topic' as const, message: 'No guideline topic in the knowledge base addresses this request; the reviewer must search the medical evidence.' },
      ...procedureFlags(procedure),
      ...(primary ? dependencyFlags(primary) : []),
    ];
    const d = finish(kb, { ...base, dependsOn: primary?.request ?? null }, flags, undefined, primary);
    p.decisions.set(index, d);
    return d;
  }

  const ctx = contextFor(sel.topic);

  const lookup = (p.memo.finding ??= makeFindingLookup(p.facts, p.sentences, kb.findings));
  const criteria: CriterionResult[] = sel.topic.criteria.map((c) => {
    // Each criterion reads the record through the evidence kinds it accepts.
    const accepts = c.spec.accepts ?? null;
    const out = c.type.evaluate(c.params, accepts ? { ...ctx, finding: (key) => lookup(key, narrowAccepts(accepts, kb.findings.get(key)?.accepts), sel.topic.topic.covers.categories, req.bodyRegions) } : ctx);
    return {
      id: c.spec.id,
      type: c.spec.type,
      statement: c.spec.statement,
      status: out.status,
      finding: out.finding,
      evidence: out.evidence ?? [],
      verified: c.spec.verified,
      ...(out.status === 'unknown' && out.unknownBecause ? { unknownBecause: out.unknownBecause } : {}),
      ...(out.conflicting ? { conflicting: true } : {}),
    };
  });
  const allMet = criteria.every((c) => isSatisfied(c.status));
  const decision: Decision = allMet ? 'Overturned' : 'Upheld';
  const documentationGaps = sel.topic.criteria
    .map((c, i) => (!isSatisfied(criteria[i].status) && c.spec.gap ? c.spec.gap : null))
    .filter((g): g is string => g !== null);
  const citation = citationOf(sel);
  const base = {
    request: item.request,
    category: req.category,
    dependsOn: dependent ? primaryDecision()?.request ?? null : null,
    decision,
    topicId: sel.topic.topic.id,
    guidelineVersion: sel.version.id,
    asOf,
    citation,
    criteria,
    documentationGaps,
    // the same shape of argument as the rewrite's below (lean and pOverturn unset)
    rationale: writeRationale({ request: item.request, topic: sel.topic.topic, citation, criteria, decision, lean: undefined, pOverturn: undefined }),
  };
  const primary = dependent ? primaryDraft() : null;
  const flags = [...ruleReviewFlags(p, criteria), ...procedureFlags(procedure), ...(primary ? dependencyFlags(primary) : []), ...supersededFlags(kb.editions, citation.source, asOf)];
  const d = finish(
    kb,
    base,
    flags,
    (lean, pOverturn) => writeRationale({ request: item.request, topic: sel.topic.topic, citation, criteria, decision, lean, pOverturn }),
    primary,
  );
  p.decisions.set(index, d);
  return d;
}

/**
 * The kinds that may document one finding for one criterion. A finding that is by definition an
 * examination sign or a test result (an objective neurological deficit, spasm, positive shoulder
 * signs: its own `accepts` holds only exam and test) is never documented by a history or a complaint,
 * whatever else the criterion accepts for its other findings ("physiologic evidence of tissue insult
 * or neurovascular dysfunction", ACOEM Ch. 9 p. 207, is found on examination or testing).
 */
export function narrowAccepts(criterion: readonly EvidenceKind[], finding: readonly EvidenceKind[] | undefined): readonly EvidenceKind[] {
  if (!finding || !finding.every((k) => OBJECTIVE_KINDS.includes(k))) return criterion;
  const both = criterion.filter((k) => finding.includes(k));
  return both.length > 0 ? both : finding;
}


/**
 * The phase of care on the item's date, measured from the injury (8 CCR 9792.20 as amended in 2016:
 * chronic pain lasts three months or more from onset): under 1 month acute, 1 to 3 months subacute.
 */
function phaseOfCare(injuryDate: IsoDate | null, asOf: IsoDate): 'acute' | 'subacute' | 'chronic' | null {
  if (!injuryDate || injuryDate > asOf) return null;
  const days = (Date.parse(asOf + 'T00:00:00Z') - Date.parse(injuryDate + 'T00:00:00Z')) / 86_400_000;
  return days < 30 ? 'acute' : days < 90 ? 'subacute' : 'chronic';
}

/** Fewer clinical sentences than this (none at all) and the record is too thin to draft from. */
const MIN_CLINICAL_SENTENCES = 1;

/** Rule-based reasons for the reviewer to decide: what the criteria could not read from the request or the record. */
function ruleReviewFlags(p: PreparedCase, criteria: CriterionResult[]): { code: ReviewCode; message: string }[] {
  const flags: { code: ReviewCode; message: string }[] = [];
  // A record with no clinical statement cannot be reviewed, whatever the criteria read: a draft with
  // no medical record is never a decision (even a request over the guideline's limit needs the record).
  const clinicalSentences = sentenceCounts(p.sentences).clinical;
  if (clinicalSentences < MIN_CLINICAL_SENTENCES)
    flags.push({ code: 'evidence_thin', message: 'The record holds no clinical statement (history, examination, test results); the draft cannot rest on it.' });
  // Otherwise a criterion that is not met decides the item whatever else is unclear.
  if (criteria.some((c) => c.status === 'not_met')) return flags;
  if (criteria.some((c) => c.conflicting))
    flags.push({ code: 'evidence_conflicting', message: 'The record states both a finding the guideline requires and its absence; weigh the statements.' });
  // (A procedure not shown certified is the dependency rule's flag: procedureFlags.)
  // Only when the request's silence alone stands between the draft and an overturn.
  const requestUnknown = criteria.filter((c) => c.status === 'unknown' && c.unknownBecause === 'request');
  if (requestUnknown.length > 0 && criteria.every((c) => isSatisfied(c.status) || requestUnknown.includes(c)))
    flags.push({ code: 'request_unclear', message: 'The request does not state what the guideline limits (quantity, sessions or duration).' });
  return flags;
}

/** Decides one item of a case (by index or by the item itself) against one knowledge base. */
export function evaluateWith(readers: EngineReaders, caseFile: CaseFile, item: CaseItem | number, kb: KnowledgeBase): ItemDecision {
  const index = typeof item === 'number' ? item : caseFile.items.indexOf(item);
  if (index < 0) throw new ImrError('IMR_ERR_CASE_INVALID', 'The item is not one of the case file’s items; pass the item object or its index.');
  return evaluatePrepared(prepareCase(caseFile, readers), index, kb);
}

/** Decides every item of a case. */
export function decideCaseWith(readers: EngineReaders, caseFile: CaseFile, kb: KnowledgeBase): ItemDecision[] {
  const p = prepareCase(caseFile, readers);
  return caseFile.items.map((_, i) => evaluatePrepared(p, i, kb));
}
