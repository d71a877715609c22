import type { CaseFacts, ExtractOptions, FactExtractor, FactSource } from './case-facts.js';
import { needMask, prepareSource } from './prepared-sentence.js';
import { FACT_RULES } from './rules/index.js';
import type { FactRule, RuleRun } from './fact-rule.js';

export { improvementFor } from './improvement-summary.js';

function emptyFacts(asOf: string | null): CaseFacts {
  return {
    age: null,
    sex: null,
    injuryDate: null,
    monthsSinceInjury: null,
    chronicity: null,
    asOf,
    diagnoses: [],
    bodyRegions: [],
    priorTreatments: [],
    functionalImprovement: { status: 'not_stated', statements: [] },
    medications: [],
    spasm: [],
    neuroDeficits: [],
    redFlags: [],
    imaging: [],
    flareUps: [],
    surgeries: [],
    workStatus: [],
    painScores: [],
    urineDrugScreens: [],
    giRisks: [],
    failedConservativeCare: [],
    examFindings: [],
    homeExercise: [],
    statedGaps: [],
    priorAuthorizations: [],
    neuroExamOverall: [],
    conflicts: [],
  };
}

/**
 * The default, rule-based extractor: each source is split into prepared sentences (kind of
 * statement, one-pass feature hits), every fact rule (rules/) reads every sentence it can use (its
 * needs), then each rule finishes its fact. Pure.
 */
export class RuleBasedFactExtractor implements FactExtractor {
  constructor(private readonly rules: readonly FactRule[] = FACT_RULES) {}

  extract(sources: FactSource[], opts: ExtractOptions = {}): CaseFacts {
    const facts = emptyFacts(opts.asOf ?? null);
    const runs = this.rules.map((r) => r.start(facts));
    // a rule is called only on the sentences it can use (FactRule.needs): most rules act only on
    // sentences with their own words, and calling them on the rest costs the calls and, in the first
    // passes, compiling code that mostly returns at once
    const visitors: RuleRun[] = [];
    const masks: number[] = [];
    runs.forEach((r, i) => {
      if (!r.sentence) return;
      visitors.push(r);
      masks.push(needMask(this.rules[i].needs));
    });
    let latest: string | null = null;
    for (const source of sources) {
      for (const s of prepareSource(source, opts.cues)) {
        for (const d of s.dates) if (d.precision === 'day' && (!latest || d.value > latest)) latest = d.value;
        const meets = s.meets;
        for (let i = 0; i < visitors.length; i++) if ((masks[i] & meets) !== 0) visitors[i].sentence!(s);
      }
    }
    facts.asOf = opts.asOf ?? latest;
    for (const r of runs) r.finish?.();
    return facts;
  }
}
