import type { CaseFacts, Evidence as FactEvidence, Finding } from '../facts/case-facts.js';
import type { EvidenceKind } from '../evidence-kind.js';
import { CLINICAL_KINDS } from '../evidence-kind.js';
import type { FindingResult } from './criteria/criterion.js';
import type { Evidence } from './types.js';
import { uniqueEvidence } from './evidence-list.js';
import { findingScan, kindAccepted, lookupFinding, type FindingDefinition, type FindingScan, type Sentence } from './record-search.js';
import type { BodyRegionMention } from '../request/normalised-request.js';
import { regionFilter, regionKey, type Named, type RegionScope } from './region-scope.js';

/**
 * Findings read from the fact extractor's output, by vocabulary key, as the evidence for their
 * presence and for their stated absence. Keys the extractor does not read fall back to the
 * vocabulary's patterns over the record's sentences; both are merged.
 */
interface FactReading {
  present: Evidence[];
  absent: Evidence[];
}
/** `categories`: the treatment categories of the topic being decided (improvement must come from that treatment). */
type FactReader = (facts: CaseFacts, categories: readonly string[]) => FactReading | null;

function fromFindings(list: Finding[], opts: { kinds?: readonly string[]; objectiveOnly?: boolean } = {}): FactReading | null {
  const hits = list.filter((f) => (!opts.kinds || opts.kinds.includes(f.kind)) && !(opts.objectiveOnly && f.subjective === true && !f.negated));
  if (hits.length === 0) return null;
  return { present: hits.filter((f) => !f.negated).map((f) => ev(f.evidence)), absent: hits.filter((f) => f.negated).map((f) => ev(f.evidence)) };
}

function neuroReading(f: CaseFacts, kinds: readonly string[] | null): FactReading | null {
  const present = f.neuroDeficits.filter((d) => !d.negated && d.subjective !== true && (!kinds || kinds.includes(d.kind))).map((d) => ev(d.evidence));
  // The same sign found abnormal and normal ("decreased sensation in C6" ... "sensation intact") conflicts.
  const presentKinds = new Set(f.neuroDeficits.filter((d) => !d.negated && d.subjective !== true).map((d) => d.kind));
  const sameSignNormal = f.neuroDeficits.filter((d) => d.negated && d.subjective !== true && presentKinds.has(d.kind) && (!kinds || kinds.includes(d.kind)));
  const absent = [...f.neuroExamOverall.filter((d) => d.negated), ...sameSignNormal].map((d) => ev(d.evidence));
  return present.length || absent.length ? { present, absent } : null;
}

function ev(e: FactEvidence): Evidence {
  const kind = (e as FactEvidence & { kind?: EvidenceKind }).kind;
  return { source: e.source, quote: e.quote, start: e.start, end: e.end, ...(kind ? { kind } : {}) };
}

/** Vocabulary keys the extractor answers, and how. */
const FACT_READERS: Record<string, FactReader> = {
  functional_improvement: (f, categories) => {
    // Improvement from another treatment (physical therapy) is not benefit from this one (an NSAID):
    // statements naming this topic's treatment count, and those that name no treatment.
    const all = f.functionalImprovement.statements;
    const s = all.filter((x) => x.category === null || categories.includes(x.category));
    if (s.length === 0) return all.length > 0 ? { present: [], absent: [] } : null;
    // 8 CCR 9792.20: improvement in function (ADLs, work restrictions), not pain relief alone.
    const present = s.filter((x) => x.polarity === 'improved' && x.aspect !== 'pain').map((x) => ev(x.evidence));
    const absent = s.filter((x) => x.polarity === 'not_improved').map((x) => ev(x.evidence));
    return present.length || absent.length ? { present, absent } : null;
  },
  // Symptoms improving with conservative care (ACOEM: special studies wait until care "fails to improve
  // symptoms"): any treatment's improvement counts, pain relief included; a stated lack of it is its absence.
  improving_with_conservative_care: (f) => {
    const s = f.functionalImprovement.statements.filter((x) => !x.documentationGap);
    const present = s.filter((x) => x.polarity === 'improved').map((x) => ev(x.evidence));
    const absent = s.filter((x) => x.polarity === 'not_improved').map((x) => ev(x.evidence));
    return present.length || absent.length ? { present, absent } : null;
  },
  spasm: (f) => fromFindings(f.spasm),
  // A complaint ("complains of numbness") is not an objective neurological deficit, and one sign
  // found normal ("denies numbness", "negative Spurling's") is not the absence of every deficit:
  // only a statement about the whole examination ("neurologically intact") is.
  // An objective deficit is a sign the examiner finds (sensation, reflexes, strength, provocative
  // tests, atrophy). Numbness and tingling are what the worker feels: symptoms, read as
  // `neuropathic_pain` where a guideline asks for symptoms. Tinel's and Phalen's signs test a
  // peripheral entrapment (ACOEM Ch. 11, Forearm, Wrist and Hand) and are `carpal_tunnel_signs`;
  // they are not the "physiologic evidence of neurologic dysfunction" of the spine and shoulder
  // chapters (Ch. 8 pp. 177-178, Ch. 12 p. 303).
  neuro_deficit: (f) => neuroReading(f, ['radiculopathy', 'sensory_deficit', 'reflex_change', 'straight_leg_raise', 'spurling', 'weakness', 'atrophy']),
  radiculopathy: (f) => neuroReading(f, ['radiculopathy', 'sensory_deficit', 'reflex_change', 'straight_leg_raise', 'spurling', 'weakness', 'atrophy']),
  red_flag: (f) => fromFindings(f.redFlags),
  flare_up: (f) => fromFindings(f.flareUps),
  // An NSAID and a PPI on one medication list is not a GI risk factor: the PPI is what is disputed.
  gi_risk: (f) => fromFindings(f.giRisks.filter((g) => g.kind !== 'nsaid_with_ppi')),
  failed_conservative_care: (f) => fromFindings(f.failedConservativeCare),
  home_exercise_program: (f) => fromFindings(f.homeExercise),
  carpal_tunnel_signs: (f) => fromFindings(f.neuroDeficits, { kinds: ['tinel', 'phalen'], objectiveOnly: true }),
  surgery_planned: (f) => {
    const s = f.surgeries.filter((x) => x.planned);
    return s.length ? { present: s.map((x) => ev(x.evidence)), absent: [] } : null;
  },
  prior_surgery: (f) => {
    const s = f.surgeries.filter((x) => !x.planned);
    return s.length ? { present: s.map((x) => ev(x.evidence)), absent: [] } : null;
  },
  // ODG Office visits: the need rests on the medications taken ("some medicines such as opiates ...
  // require close monitoring") and on clinical stability; a worker kept off work is not yet stable.
  ongoing_treatment: (f) => {
    const present = [
      ...f.medications.filter((m) => !m.negated).map((m) => ev(m.evidence)),
      ...f.workStatus.filter((w) => w.value === 'temporarily_totally_disabled').map((w) => ev(w.evidence)),
    ];
    return present.length ? { present, absent: [] } : null;
  },
  urine_drug_screen: (f) => (f.urineDrugScreens.length ? { present: f.urineDrugScreens.map((x) => ev(x.evidence)), absent: [] } : null),
};

/** Presence counts only in accepted kinds; a stated absence only in clinical statements. */
function resultOf(present: Evidence[], absent: Evidence[]): FindingResult {
  const p = uniqueEvidence(present).slice(0, 3);
  const a = uniqueEvidence(absent).slice(0, 3);
  if (p.length && a.length) return { status: 'conflicting', evidence: p, contrary: a };
  if (a.length) return { status: 'absent', evidence: a };
  if (p.length) return { status: 'present', evidence: p };
  return { status: 'unknown', evidence: [] };
}

/**
 * `regions`: the request's body regions; a region-bound finding (the vocabulary's `regionScope`) is read
 * only from sentences naming a region in their scope or none (region-scope.ts).
 */
export type FindingLookup = (key: string, accepts?: readonly EvidenceKind[] | null, categories?: readonly string[], regions?: readonly BodyRegionMention[]) => FindingResult;

/** A fact with a quoted evidence. */
function hasQuote(x: unknown): x is { evidence: FactEvidence } {
  const e = x && typeof x === 'object' ? (x as { evidence?: unknown }).evidence : undefined;
  return !!e && typeof e === 'object' && typeof (e as FactEvidence).quote === 'string';
}

/**
 * The facts with only the evidence a test keeps, in every list of facts that carry evidence (the
 * readers then weigh presence against absence among the kept ones only). A list is filtered when a
 * reader first reads it: a reader reads one or two of the case's lists, and the test reads the
 * regions each evidence's sentence names. Read as a CaseFacts, through getters on the class (one
 * per field name, made once, so that every instance has one shape).
 */
class FactsWhere {
  static readonly #fields = new Set<string>();
  readonly #facts: CaseFacts;
  readonly #keep: (e: FactEvidence) => boolean;
  readonly #lists = new Map<string, unknown>();

  private constructor(facts: CaseFacts, keep: (e: FactEvidence) => boolean) {
    this.#facts = facts;
    this.#keep = keep;
  }

  static of(facts: CaseFacts, keep: (e: FactEvidence) => boolean): CaseFacts {
    for (const k of Object.keys(facts)) {
      if (FactsWhere.#fields.has(k)) continue;
      FactsWhere.#fields.add(k);
      Object.defineProperty(FactsWhere.prototype, k, {
        get(this: FactsWhere) {
          return this.#read(k);
        },
      });
    }
    return new FactsWhere(facts, keep) as unknown as CaseFacts;
  }

  #read(k: string): unknown {
    if (this.#lists.has(k)) return this.#lists.get(k);
    const v = (this.#facts as unknown as Record<string, unknown>)[k];
    const kept = Array.isArray(v) && v.some(hasQuote) ? v.filter((x) => !hasQuote(x) || this.#keep(x.evidence)) : v;
    this.#lists.set(k, kept);
    return kept;
  }
}

/**
 * Makes the finding lookup for one case: extractor facts and vocabulary patterns, merged, each
 * filtered to the evidence kinds accepted (the criterion's, else the finding's own); memoised.
 */
export function makeFindingLookup(facts: CaseFacts | null, sentences: readonly Sentence[], vocabulary: Map<string, FindingDefinition>): FindingLookup {
  const admin = sentences.filter((s) => s.administrative);
  const inAdmin = (e: Evidence) => admin.some((s) => s.source === e.source && s.start <= e.start && e.end <= s.end);
  const memo = new Map<string, FindingResult>();
  // each finding's pattern answers per sentence, shared by its look-ups with other kinds or categories
  const scans = new Map<FindingDefinition, FindingScan>();
  // A fact's evidence is judged by the record sentence holding it (the fact extractor quotes a part of
  // one at times); a quote no sentence holds, by itself.
  const bySource = new Map<string, Sentence[]>();
  for (const s of sentences) {
    let list = bySource.get(s.source);
    if (!list) bySource.set(s.source, (list = []));
    list.push(s);
  }
  // the same evidence is judged for every scope and request: its sentences are found once
  const textOf = new Map<object, string>();
  const sentenceText = (e: { source: string; quote: string; start: number; end: number }): string => {
    let text = textOf.get(e);
    if (text === undefined) {
      const list = bySource.get(e.source) ?? [];
      const holding = list.filter((s) => s.start < e.end && e.start < s.end);
      textOf.set(e, (text = holding.length ? holding.map((s) => s.text).join(' ') : e.quote));
    }
    return text;
  };
  const boundFacts = new Map<string, CaseFacts>();
  const filters = new Map<string, ((sentence: string) => boolean) | null>();
  const named = new Map<string, Named[]>();
  const filterFor = (scope: RegionScope, regions: readonly BodyRegionMention[]) => {
    const k = `${scope}:${regionKey(regions)}`;
    let f = filters.get(k);
    if (f === undefined) filters.set(k, (f = regionFilter(scope, regions, named)));
    return f;
  };
  return (key, acceptsGiven, categories = [], regions = []) => {
    const def = vocabulary.get(key);
    const accepts = acceptsGiven ?? def?.accepts ?? CLINICAL_KINDS;
    // A region-bound finding reads only the sentences naming the request's region (or a limb its nerve roots serve) or none.
    const inRegion = def?.regionScope ? filterFor(def.regionScope, regions) : null;
    const memoKey = `${key}|${accepts.join(',')}|${categories.join(',')}${inRegion ? `|${def?.regionScope}:${regionKey(regions)}` : ''}`;
    const hit = memo.get(memoKey);
    if (hit) return hit;
    const keep = inRegion ? (e: { source: string; quote: string; start: number; end: number }) => inRegion(sentenceText(e)) : null;
    const present: Evidence[] = [];
    const absent: Evidence[] = [];
    const reader = FACT_READERS[key];
    let scoped = facts;
    if (facts && keep) {
      const k = `${def?.regionScope}:${regionKey(regions)}`;
      scoped = boundFacts.get(k) ?? null;
      if (!scoped) boundFacts.set(k, (scoped = FactsWhere.of(facts, keep)));
    }
    const fromFacts = scoped && reader ? reader(scoped, categories) : null;
    if (fromFacts) {
      present.push(...fromFacts.present.filter((e) => !inAdmin(e) && kindAccepted(e.kind, accepts)));
      absent.push(...fromFacts.absent.filter((e) => !inAdmin(e) && kindAccepted(e.kind, CLINICAL_KINDS)));
    }
    // Where the extractor read the finding, it is the authority on its presence; the vocabulary's
    // patterns fill in the findings it does not read, and a stated absence counts from either.
    if (def) {
      let scan = scans.get(def);
      if (!scan) scans.set(def, (scan = findingScan(sentences)));
      const byPattern = lookupFinding(sentences, def, accepts, scan, inRegion ? (x) => inRegion(x.text) : undefined);
      const patternPresent = byPattern.status === 'present' || byPattern.status === 'conflicting' ? byPattern.evidence : [];
      const patternAbsent = byPattern.status === 'absent' ? byPattern.evidence : byPattern.status === 'conflicting' ? byPattern.contrary ?? [] : [];
      if (!fromFacts) present.push(...patternPresent);
      absent.push(...patternAbsent);
    }
    // A stated gap ("there is no documentation of failed conservative care", "the records do not reveal
    // radiculopathy") documents the finding's absence from the record.
    if (facts && def) {
      for (const g of facts.statedGaps) {
        if (def.present.some((re) => re.test(g.about)) && kindAccepted(g.evidence.kind, CLINICAL_KINDS) && !inAdmin(ev(g.evidence)) && (!keep || keep(g.evidence))) absent.push(ev(g.evidence));
      }
    }
    const out = resultOf(present, absent);
    memo.set(memoKey, out);
    return out;
  };
}
