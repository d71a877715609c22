/**
 * The documentation gaps a rationale names ("there is no documentation of functional
 * improvement", "lack of objective findings", "no evidence of red flag conditions"), reduced to a
 * normalised phrase ("functional improvement", "objective findings", "red flag conditions") so the
 * corpus can count which gaps are named most often in upheld decisions. Pure.
 */

const TRIGGER = new RegExp(
  [
    String.raw`\bno (?:clear |objective |current |recent |specific |further |clinical |adequate |sufficient |documented )?(?:documentation|evidence|indication|record|report|mention|notation)s?(?: (?:of|that|regarding|to support|for|about|documenting|indicating|showing))?`,
    String.raw`\b(?:lack|lacks|lacking|absence|paucity) (?:of )?(?:(?:any|clear|objective|sufficient|adequate|the|documented) )?(?:(?:documentation|evidence|indication) (?:of|that|regarding|for) )?`,
    String.raw`\b(?:without|not) (?:any )?(?:clear |objective )?(?:documentation|evidence) (?:of|that|regarding|for)`,
    String.raw`\bfails? to (?:document|demonstrate|show|indicate)`,
    String.raw`\b(?:was|is|were|are|has|have) not (?:been )?(?:documented|demonstrated|established)(?: (?:that|the))?`,
  ].join('|'),
  'gi',
);

/** Words that end the gap phrase: the clause moves on to something else. */
const STOP = new Set([
  'to', 'for', 'with', 'that', 'which', 'who', 'and', 'or', 'but', 'since', 'as', 'from', 'on', 'at', 'by',
  'prior', 'before', 'after', 'during', 'including', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'be', 'been',
  'being', 'would', 'will', 'should', 'could', 'can', 'may', 'might', 'this', 'these', 'there', 'however', 'therefore',
  'thus', 'per', 'than', 'if', 'when', 'while', 'where', 'nor', 'not', 'so', 'because', 'until', 'beyond', 'such',
  'also', 'other', 'documented', 'noted', 'provided', 'submitted', 'presented', 'available', 'reported',
  'the', 'a', 'an', 'any', 'warranting', 'indicating', 'indicative', 'demonstrating', 'suggesting', 'supporting',
  'being', 'found', 'explaining', 'requiring', 'necessitating', 'using', 'via',
]);
/** Prepositions allowed inside a phrase ("decrease in pain") but never at its end. */
const INNER = new Set(['of', 'in']);
/** First words that make the phrase meaningless as a gap ("lack of such documentation"). */
const REJECT = new Set(['such', 'above', 'above-mentioned', 'rationale', 'what', 'why', 'how', 'whether', 'it', 'information', 'this', 'those']);
/** Leading words that carry no meaning in the phrase. */
const LEADING = new Set(['a', 'an', 'the', 'any', 'of', 'that', 'further', 'with', 'quantified', 'regarding', 'regard', 'for', 'recent', 'prior', 'previous', 'clear', 'objective', 'documentation', 'evidence', 'evidence-based', 'its', 'his', 'her', 'their', 'significant', 'specific', 'current', 'recent', 'documented', 'sufficient', 'adequate']);
const MAX_WORDS = 4;

/** The normalised gap phrases named in `text`, each once, in order of first appearance. */
export function extractDocumentationGaps(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ');
  const found: string[] = [];
  for (const m of flat.matchAll(TRIGGER)) {
    const rest = flat.slice((m.index ?? 0) + m[0].length);
    const clause = rest.split(/[.;:,()?!]/, 1)[0];
    const words = clause.toLowerCase().split(' ').filter(Boolean).map((w) => w.replace(/^['"]+|['"]+$/g, '').replace(/'s$/, ''));
    let i = 0;
    while (i < words.length && LEADING.has(words[i])) i++;
    // "the patient's objective response": the gap is the response, not the person.
    if (i < words.length && /^(?:patient|claimant|worker|employee|applicant)$/.test(words[i]) && /'s$/.test(clause.toLowerCase().split(' ').filter(Boolean)[i] ?? '')) {
      i++;
      while (i < words.length && LEADING.has(words[i])) i++;
    }
    const kept: string[] = [];
    for (; i < words.length && kept.length < MAX_WORDS; i++) {
      const w = words[i];
      if (STOP.has(w) || !/^[a-z][a-z0-9-/]*$/.test(w)) break;
      kept.push(w);
    }
    while (kept.length > 0 && INNER.has(kept[kept.length - 1])) kept.pop();
    if (kept.length === 0 || REJECT.has(kept[0])) continue;
    // "the injured worker", "the patient", "the claimant": the sentence is about the person, not the missing record.
    if (/^(?:injured|patient|claimant|worker|employee|applicant|he|she|it|they)\b/.test(kept[0])) continue;
    const phrase = kept.join(' ');
    if (phrase.length >= 3 && !found.includes(phrase)) found.push(phrase);
  }
  return found;
}
