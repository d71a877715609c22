import type { CaseFacts, Evidence as FactEvidence, Finding } from '../facts/case-facts.js';
import type { FindingResult } from './criteria/criterion.js';
import { lookupFinding, type FindingDefinition, type Sentence } from './record-search.js';

/**
 * Findings read from the fact extractor's output, by vocabulary key. Keys the extractor does not
 * provide fall back to the vocabulary's patterns over the record's sentences.
 */
type FactReader = (facts: CaseFacts) => FindingResult | null;

function fromFindings(list: Finding[], kinds?: readonly string[]): FindingResult | null {
  const hits = kinds ? list.filter((f) => kinds.includes(f.kind)) : list;
  if (hits.length === 0) return null;
  const present = hits.filter((f) => !f.negated);
  if (present.length) return { status: 'present', evidence: present.slice(0, 3).map((f) => ev(f.evidence)) };
  return { status: 'absent', evidence: hits.slice(0, 3).map((f) => ev(f.evidence)) };
}

function ev(e: FactEvidence) {
  return { source: e.source, quote: e.quote, start: e.start, end: e.end };
}

/** Vocabulary keys the extractor answers, and how. */
const FACT_READERS: Record<string, FactReader> = {
  functional_improvement: (f) => {
    const s = f.functionalImprovement;
    const evs = s.statements.slice(0, 3).map((x) => ev(x.evidence));
    if (s.status === 'documented') {
      const fn = s.statements.filter((x) => x.polarity === 'improved' && x.aspect !== 'pain');
      return fn.length ? { status: 'present', evidence: fn.slice(0, 3).map((x) => ev(x.evidence)) } : null;
    }
    if (s.status === 'absent' || s.status === 'conflicting') return { status: 'absent', evidence: evs };
    return null;
  },
  spasm: (f) => fromFindings(f.spasm),
  neuro_deficit: (f) => fromFindings(f.neuroDeficits),
  radiculopathy: (f) => fromFindings(f.neuroDeficits, ['radiculopathy', 'sensory_deficit', 'reflex_change', 'straight_leg_raise', 'spurling', 'weakness', 'atrophy']),
  red_flag: (f) => fromFindings(f.redFlags),
  flare_up: (f) => fromFindings(f.flareUps),
  gi_risk: (f) => fromFindings(f.giRisks),
  failed_conservative_care: (f) => fromFindings(f.failedConservativeCare),
  home_exercise_program: (f) => fromFindings(f.homeExercise),
  carpal_tunnel_signs: (f) => fromFindings(f.neuroDeficits, ['tinel', 'phalen']),
  surgery_planned: (f) => {
    const s = f.surgeries.filter((x) => x.planned);
    return s.length ? { status: 'present', evidence: s.slice(0, 3).map((x) => ev(x.evidence)) } : null;
  },
  prior_surgery: (f) => {
    const s = f.surgeries.filter((x) => !x.planned);
    return s.length ? { status: 'present', evidence: s.slice(0, 3).map((x) => ev(x.evidence)) } : null;
  },
  urine_drug_screen: (f) => (f.urineDrugScreens.length ? { status: 'present', evidence: f.urineDrugScreens.slice(0, 3).map((x) => ev(x.evidence)) } : null),
};

/** Makes the finding lookup for one case: extractor facts first, vocabulary patterns second; memoised. */
export function makeFindingLookup(facts: CaseFacts | null, sentences: readonly Sentence[], vocabulary: Map<string, FindingDefinition>) {
  const admin = sentences.filter((s) => s.administrative);
  const clinical = (r: FindingResult | null): FindingResult | null => {
    if (!r || admin.length === 0) return r;
    const evidence = r.evidence.filter((e) => !admin.some((s) => s.source === e.source && s.start <= e.start && e.end <= s.end));
    return evidence.length ? { status: r.status, evidence } : null;
  };
  const memo = new Map<string, FindingResult>();
  return (key: string): FindingResult => {
    const hit = memo.get(key);
    if (hit) return hit;
    let r: FindingResult | null = null;
    const reader = FACT_READERS[key];
    if (facts && reader) r = clinical(reader(facts));
    const def = vocabulary.get(key);
    const byPattern = def ? lookupFinding(sentences, def) : null;
    // The vocabulary fills in what the extractor does not say, and a stated absence (or a change
    // too small to be clinically significant) outweighs a mention: the record contradicts itself.
    if (byPattern && byPattern.status !== 'unknown' && (!r || r.status === 'unknown' || byPattern.status === 'absent')) r = byPattern;
    const out = r ?? { status: 'unknown', evidence: [] };
    memo.set(key, out);
    return out;
  };
}
