/**
 * A small NegEx-style scope scanner: is a mention inside a sentence negated? A negation cue
 * ("no", "denies", "without", "no documentation of", "negative for") shortly before the mention,
 * with no scope breaker ("but", "however", ";") in between, or a post-cue shortly after it
 * ("was negative", "was not documented", "resolved"), negates it.
 */

const PRE_CUES = [
  'no documentation of',
  'no documented',
  'no evidence of',
  'no objective',
  'no significant',
  'no further',
  'no longer',
  'no reports? of',
  'no signs? of',
  'no history of',
  'no complaints? of',
  'not documented',
  'not demonstrated',
  'negative for',
  'absence of',
  'free of',
  'lack of',
  'lacks',
  'lacking',
  'fail(?:ed|s)? to',
  'unable to (?:document|demonstrate|show)',
  'did not',
  'does not',
  'do not',
  'has not',
  'have not',
  'had not',
  'has never',
  'is not',
  'was not',
  'were not',
  'are not',
  'cannot',
  'could not',
  'without',
  'denie[sd]',
  'deny',
  'denying',
  'negative',
  'absent',
  'never',
  'none',
  'neither',
  'nor',
  'not',
  'no',
  'ruled? out',
  'resolution of',
];
const PRE_NEG = new RegExp(`(?<![A-Za-z])(?:${PRE_CUES.join('|')})(?![A-Za-z])`, 'gi');
const POST_NEG =
  /^[\s,]*(?:[a-z]+\s+){0,5}?(?:(?:was|were|is|are|has been|have been|had been)\s+)?(?:negative|absent|denied|ruled out|resolved|unremarkable|normal|intact|not\s+(?:present|noted|documented|reported|seen|appreciated|elicited|found|demonstrated|evident|observed|indicated|provided|identified|established|objectively documented|quantified|shown))\b/i;
const SCOPE_BREAK = /\b(?:but|however|although|though|except|yet|whereas|while|aside from|apart from|now|currently|although)\b|[;:()]|\.\s/i;

export interface NegationOptions {
  /** Extra weak cues for this kind of mention ("minimal", "little" for improvement); a global (g) regex. */
  extraPre?: RegExp;
  /** Max words between the cue and the mention (default 6). */
  window?: number;
  /** Whether post-cues apply (default true). */
  post?: boolean;
}

/**
 * True when the mention at [start, end) of `sentence` (offsets relative to the sentence) is negated.
 */
export function isNegated(sentence: string, start: number, end: number, opts: NegationOptions = {}): boolean {
  const window = opts.window ?? 6;
  const before = sentence.slice(Math.max(0, start - 90), start);
  let last: { end: number } | null = null;
  PRE_NEG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PRE_NEG.exec(before)) !== null) last = { end: m.index + m[0].length };
  if (opts.extraPre) {
    const re = opts.extraPre;
    re.lastIndex = 0;
    while ((m = re.exec(before)) !== null) if (!last || m.index + m[0].length > last.end) last = { end: m.index + m[0].length };
  }
  if (last) {
    const between = before.slice(last.end);
    const words = between.trim() === '' ? 0 : between.trim().split(/\s+/).length;
    if (words <= window && !SCOPE_BREAK.test(between)) return true;
  }
  if (opts.post !== false) {
    const after = sentence.slice(end, end + 80);
    const cut = after.search(SCOPE_BREAK);
    const scope = cut >= 0 ? after.slice(0, cut) : after;
    if (POST_NEG.test(scope)) return true;
  }
  return false;
}
