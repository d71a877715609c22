/**
 * Stated documentation gaps: "no documentation of X", "insufficient documentation of X", "the
 * records do not reveal X", "X was not provided / documented". A gap is a finding about the record
 * (what it lacks), not the absence of X itself. Pure.
 */

export interface GapMatch {
  /** What is stated missing, as written. */
  about: string;
  /** Offsets of `about` in the sentence. */
  start: number;
  end: number;
}

/**
 * The words every stated gap holds (one of them is a sentence's need 'gapHint', see features.ts).
 * "mention" on its own: "there is no mention of X" / "the physician makes no mention of X" state the
 * record's silence as plainly as "the records make no mention of X", with or without a record word.
 */
export const GAP_HINT = /\b(?:document\w*|provided|submitted|reveal\w*|evidence|records?|included|specified|quantified|available|mention)\b/i;
/** "no / insufficient / lack of documentation of X" */
const GAP_BEFORE =
  /\b(?:no|insufficient|inadequate|limited|minimal|lack of|lacks|lacking|absence of|without|not (?:any|enough|sufficient)|little)\s+(?:(?:clear|objective|adequate|sufficient|any|further|recent|current|specific|clinical|medical|updated|documented|quantified|measurable|indication or)\s+){0,3}(?:documentation|documented evidence|evidence|record|indication|mention|report|description)\s+(?:of|that|regarding|concerning|about|to support|as to|for)\s+/gi;
/** "the records / documentation / notes do not reveal X" */
const GAP_SUBJECT =
  /\b(?:documentation|records?|notes?|reports?|file|chart|submissions?|review of (?:the )?records?)(?:\s+[\w/-]+){0,5}?\s+(?:does|did|do) not\s+(?:clearly\s+|specifically\s+|objectively\s+)?(?:reveal|document|show|demonstrate|indicate|establish|describe|include|provide|mention|support|contain|identify|quantify)\s+/gi;
/** "the physician does not mention X", "no mention is made of X": whoever is silent, the record is. */
const GAP_MENTION = /\b(?:(?:does|did|do) not (?:specifically |clearly )?mention|no mention (?:is|was|has been) made (?:of|regarding))\s+/gi;
/** "X was not provided / documented" (X before it) */
const GAP_AFTER = /\s+(?:was|were|is|are|has|have)\s+(?:not been|not)\s+(?:clearly\s+|objectively\s+|adequately\s+)?(?:provided|documented|submitted|included|specified|quantified|available|established|described|reported|demonstrated)\b/gi;
/** Where a forward X ends: a clause break or a word that starts a new phrase. */
const X_END = /[.;:,()]|\s+(?:with|from|after|following|since|despite|to support|in order|which|that|as|because|given|for the|in the (?:submitted|medical|available)|per|and (?:the|there|she|he|no)|nor)\b/i;
/** Where a backward X starts: the last clause break or clause word before it. */
const X_START = /(?:^|[.;:,()]|\b(?:and|that|as|because|however|but|although|while|whereas|noting|indicating)\b)\s*(?:the\s+|a\s+|an\s+)?/gi;

const trimX = (s: string) => s.replace(/^\s+|[\s.,;]+$/g, '');

/** The documentation gaps stated in one sentence. */
export function findStatedGaps(sentence: string): GapMatch[] {
  if (!GAP_HINT.test(sentence)) return [];
  const out: GapMatch[] = [];
  const forward = (re: RegExp) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence)) !== null) {
      const from = m.index + m[0].length;
      const rest = sentence.slice(from, from + 120);
      const cut = rest.search(X_END);
      let about = trimX(cut >= 0 ? rest.slice(0, cut) : rest);
      const words = about.split(/\s+/);
      if (words.length > 10) about = words.slice(0, 10).join(' ');
      // "the records do not mention X" is read by both the subject and the mention forms: once
      if (about.length >= 3 && !out.some((g) => g.start === from)) out.push({ about, start: from, end: from + about.length });
    }
  };
  forward(GAP_BEFORE);
  forward(GAP_SUBJECT);
  forward(GAP_MENTION);
  GAP_AFTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = GAP_AFTER.exec(sentence)) !== null) {
    const head = sentence.slice(Math.max(0, m.index - 100), m.index);
    const base = Math.max(0, m.index - 100);
    let from = 0;
    X_START.lastIndex = 0;
    let s: RegExpExecArray | null;
    while ((s = X_START.exec(head)) !== null) {
      if (s[0].length === 0) X_START.lastIndex++;
      from = s.index + s[0].length;
    }
    // "there was no X ... documented" is the forward form, already read
    let about = trimX(head.slice(from));
    const words = about.split(/\s+/);
    if (words.length > 10) about = words.slice(-10).join(' ');
    if (about.length < 3 || /^(?:it|this|that|they|there|which)$/i.test(about)) continue;
    const start = base + head.lastIndexOf(about);
    if (out.some((g) => g.start < start + about.length && g.end > start)) continue;
    out.push({ about, start, end: start + about.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True where a gap is about improvement (functional improvement, benefit, relief, efficacy). */
export function isImprovementGap(about: string): boolean {
  return /\b(?:improv\w*|functional (?:gains?|benefit|restoration|change)|benefit|relief|efficacy|effectiveness|response|reduc\w* (?:in|of) (?:pain|medication|work restrictions)|increase in function)\b/i.test(about);
}
