/**
 * A NegEx-style scope scanner (Chapman et al. 2001): is a mention inside a sentence negated? A
 * pre-negation trigger ("no", "denies", "without", "no documentation of") shortly before the
 * mention, not part of a pseudo-negation ("not only", "no increase") and with no termination term
 * ("but", "however", "and she ...", ";") in between, negates it; so does a post-negation phrase
 * shortly after it ("was negative", "was not documented", "intact"), unless that normal word is
 * itself negated ("is not intact": the abnormal finding is present). The trigger lists are data
 * (negex-triggers.ts).
 */
import { LONG_WINDOW, POST_NEGATION_NORMAL, POST_NEGATION_NOT, PRE_NEGATION, PRE_NEGATION_LONG, PSEUDO_NEGATION, TERMINATION } from './negex-triggers.js';

const words = (list: readonly string[]) => list.join('|');
const PRE_NEG = new RegExp(`(?<![A-Za-z])(?:${words(PRE_NEGATION)})(?![A-Za-z])`, 'gi');
const LONG_HINT = /mention|documentation|evidence/i;
const PRE_NEG_LONG = new RegExp(`(?<![A-Za-z])(?:${words(PRE_NEGATION_LONG)})(?![A-Za-z])`, 'gi');
const PSEUDO = new RegExp(`(?<![A-Za-z])(?:${words(PSEUDO_NEGATION)})(?![A-Za-z])`, 'gi');
/** Termination: a listed term, or punctuation that ends a clause. */
const TERMINATE = new RegExp(`(?<![A-Za-z])(?:${words(TERMINATION)})(?![A-Za-z])|[;:()]|\\.\\s`, 'i');
/** A normal word negated ("not intact", "not within normal limits"): an abnormal finding. */
const NEGATED_NORMAL = new RegExp(`\\b(?:not|no longer|non|never)\\s+(?:(?:fully|entirely|completely|grossly|quite)\\s+)?(?:${words(POST_NEGATION_NORMAL)})\\b`, 'i');
const POST_NEG = new RegExp(
  `^[\\s,]*(?:[a-z]+\\s+){0,5}?(?:(?:was|were|is|are|has been|have been|had been)\\s+)?(?:(?<!\\bnot\\s{1,3})(?:${words(POST_NEGATION_NORMAL)})|not\\s+(?:${words(POST_NEGATION_NOT)}))\\b`,
  'i',
);

export interface NegationOptions {
  /** Extra weak cues for this kind of mention ("minimal", "little" for improvement); a global (g) regex. */
  extraPre?: RegExp;
  /** Max words between the cue and the mention (default 6). */
  window?: number;
  /** Whether post-cues apply (default true). */
  post?: boolean;
}

function pseudoSpans(text: string): [number, number][] {
  const out: [number, number][] = [];
  PSEUDO.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PSEUDO.exec(text)) !== null) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The end of the last pre-negation trigger in `before` that is not inside a pseudo-negation, or -1. */
function lastTrigger(before: string, extra?: RegExp): number {
  let last = -1;
  let pseudo: [number, number][] | null = null;
  // PRE_NEG, then `extra` (a loop, not a closure per call: the transpiler names each closure made)
  for (let k = 0; k < 2; k++) {
    const re = k === 0 ? PRE_NEG : extra;
    if (!re) break;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(before)) !== null) {
      const a = m.index;
      const b = a + m[0].length;
      pseudo ??= pseudoSpans(before);
      if (overlapsAny(pseudo, a, b)) continue;
      if (b > last) last = b;
    }
  }
  return last;
}

/** Whether [a, b) overlaps any of the spans. */
function overlapsAny(spans: readonly [number, number][], a: number, b: number): boolean {
  for (const [x, y] of spans) if (a < y && b > x) return true;
  return false;
}

/** The end of the last documentation-gap trigger in `before`, or -1. */
function lastLongTrigger(before: string): number {
  // every long trigger names what is missing in one of these words: most sentences have none
  if (!LONG_HINT.test(before)) return -1;
  let last = -1;
  PRE_NEG_LONG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PRE_NEG_LONG.exec(before)) !== null) last = m.index + m[0].length;
  return last;
}

/**
 * True when the mention at [start, end) of `sentence` (offsets relative to the sentence) is negated.
 */
export function isNegated(sentence: string, start: number, end: number, opts: NegationOptions = {}): boolean {
  const window = opts.window ?? 6;
  const before = sentence.slice(Math.max(0, start - 90), start);
  const last = lastTrigger(before, opts.extraPre);
  if (last >= 0) {
    const between = before.slice(last);
    const trimmed = between.trim();
    const n = trimmed === '' ? 0 : trimmed.split(/\s+/).length;
    if (n <= window && !TERMINATE.test(between)) return true;
    // A statement that the record lacks something reaches over the words describing what is missing.
    const long = lastLongTrigger(before);
    if (long >= 0) {
      const span = before.slice(long);
      const k = span.trim() === '' ? 0 : span.trim().split(/\s+/).length;
      if (k <= LONG_WINDOW && !TERMINATE.test(span)) return true;
    }
  }
  if (opts.post !== false) {
    const after = sentence.slice(end, end + 80);
    const cut = after.search(TERMINATE);
    const scope = cut >= 0 ? after.slice(0, cut) : after;
    if (POST_NEG.test(scope)) return true;
  }
  return false;
}

/**
 * True when a normal-finding word near the mention is itself negated ("sensation is not intact",
 * "reflexes are not symmetric"): the abnormal finding is present. `text` is the local context.
 */
export function negatedNormal(text: string): boolean {
  return NEGATED_NORMAL.test(text);
}
