/**
 * A fact rule: reads the prepared sentences and contributes one fact (or a few tightly linked ones)
 * to the CaseFacts being built. The extractor starts every rule once per extraction (so a rule may
 * keep state for that extraction in its closure), feeds it every sentence of every source in order,
 * then calls its finish step (after facts.asOf is set), in rule order.
 */
import type { CaseFacts, Conflict, Evidence, Finding } from './case-facts.js';
import type { PreparedSentence, SentenceNeed } from './prepared-sentence.js';

export interface RuleRun {
  sentence?(s: PreparedSentence): void;
  finish?(): void;
}

export interface FactRule {
  /** The CaseFacts field(s) the rule fills. */
  readonly fact: string;
  /** The guideline or definition sentence the rule follows, where one applies. */
  readonly follows?: string;
  /**
   * The sentences the rule can use: only those with at least one of these (see SentenceNeed); the
   * extractor does not call `sentence` on the others. Declared only where the rule's `sentence`
   * returns without effect on every other sentence, so that the facts are the same with it as
   * without it; a rule without it reads every sentence.
   */
  readonly needs?: readonly SentenceNeed[];
  start(facts: CaseFacts): RuleRun;
}

/** Calls fn for every non-empty match of a global regex. */
export function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    fn(m);
  }
}

/** Both polarities of one finding kind in the record: a conflict with one quote of each. */
export function conflictsOf<K extends string>(findings: Finding<K>[], topicOf: (k: K) => string): Conflict[] {
  const by = new Map<string, { pos: Evidence[]; neg: Evidence[] }>();
  for (const f of findings) {
    const k = topicOf(f.kind);
    const g = by.get(k) ?? { pos: [], neg: [] };
    (f.negated ? g.neg : g.pos).push(f.evidence);
    by.set(k, g);
  }
  const out: Conflict[] = [];
  for (const [topic, g] of by) if (g.pos.length > 0 && g.neg.length > 0) out.push({ topic, evidence: [g.pos[0], g.neg[0]] });
  return out;
}
