import type { Evidence } from './types.js';
import type { FindingResult, SourceText } from './criteria/criterion.js';
import { CLINICAL_KINDS, type EvidenceKind } from '../evidence-kind.js';
import { classifySentence, cuesOf, headingsOf, sectionAt, type CueMemo } from '../facts/evidence-kinds.js';
import { isNegated as negex } from '../facts/negation.js';
import { collapseWhitespace } from '../text/whitespace.js';
import type { RegionScope } from './region-scope.js';

/** A sentence of a source text with its offsets. */
export interface Sentence {
  source: string;
  text: string;
  start: number;
  end: number;
  /**
   * A statement about the review itself (a utilization review's reasons, a request for
   * authorisation), not a clinical finding: findings are not read from it.
   */
  administrative: boolean;
  /** What kind of statement the sentence is, where known. */
  kind?: EvidenceKind;
}

/** True when evidence of this kind may satisfy a criterion accepting `accepts` (an unclassified quote may). */
export function kindAccepted(kind: EvidenceKind | undefined, accepts: readonly EvidenceKind[]): boolean {
  return kind === undefined || accepts.includes(kind);
}

const ABBREVIATION_END = /\b(?:Dr|Mr|Mrs|Ms|vs|e\.g|i\.e|No|approx)\.$/i;
const BLANK = /^\s*$/;

/**
 * Splits each source into sentences (on . ! ? ; followed by a space and a capital or digit, and on
 * blank lines). `cueMemo`: the case's cues the fact extractor already found, by sentence text.
 */
export function splitSentences(sources: readonly SourceText[], cueMemo?: CueMemo): Sentence[] {
  const out: Sentence[] = [];
  for (const s of sources) {
    // The same section-aware classification the fact extractor gives its facts.
    const headings = headingsOf(s.text);
    // A sentence runs on past a full stop inside a number ("4.5 mm", "7.5/325") and past a single line
    // break; before, the regex gave up at either and lost the text before it.
    const re = /(?:[^.!?\n]|[.!?](?=\d)|\n(?![ \t]*\n))*(?:[.!?](?!\d)|\n\s*\n|$)/g;
    let m: RegExpExecArray | null;
    let buf = '';
    let bufStart = 0;
    while ((m = re.exec(s.text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        if (re.lastIndex > s.text.length) break;
        continue;
      }
      if (!buf) bufStart = m.index;
      buf += m[0];
      const next = s.text.slice(re.lastIndex, re.lastIndex + 2);
      // Do not split after abbreviations like "Dr." or "i.e." or inside "10-13-16."
      // (ABBREVIATION_END ends with a full stop: only a fragment ending with one is tested)
      const ended = buf.trimEnd();
      if (ended.charCodeAt(ended.length - 1) === 46 && ABBREVIATION_END.test(ended) && !BLANK.test(next)) continue;
      const trimmed = collapseWhitespace(buf).trim();
      if (trimmed) {
        // the cue patterns in one pass: the sentence's kind and the administrative test (ADMINISTRATIVE_TEXT)
        const cues = cuesOf(trimmed, cueMemo);
        const kind = classifySentence(trimmed, sectionAt(headings, bufStart), cues);
        const reviewText = cues.administrativeText;
        const administrative = reviewText || kind === 'review' || kind === 'administrative';
        out.push({ source: s.source, text: trimmed, start: bufStart, end: bufStart + buf.length, administrative, kind: reviewText && kind !== 'administrative' ? 'review' : kind });
      }
      buf = '';
    }
  }
  return out;
}

/**
 * Stopping words the NegEx lists do not hold, for mentions of a drug or a treatment ("discontinued
 * naproxen", "no longer taking tramadol"): the mention is not current use. "Rule out X" is a
 * suspicion of X and stays a mention; "ruled out" excludes it (in the NegEx lists).
 */
const STOPPED = /(?<![A-Za-z])(?:stopped|discontinued|quit|unremarkable for|no longer (?:takes|taking|uses|using|on))(?![A-Za-z])/gi;

/**
 * True when the match at [start, end) of the sentence is negated, by the same NegEx scanner as the
 * fact rules (pre-, post- and pseudo-negation and termination lists in facts/negex-triggers.ts):
 * "radiculopathy ... were not seen" and "sensation is intact" state an absence too.
 */
function isNegated(sentence: string, start: number, end: number): boolean {
  return negex(sentence, start, end, { extraPre: STOPPED });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const phraseCache = new Map<string, RegExp>();
/** A whole-word, case-insensitive matcher for a plain phrase (spaces match any whitespace or hyphen). */
export function phraseRegex(phrase: string): RegExp {
  let re = phraseCache.get(phrase);
  if (!re) {
    const body = escape(phrase.trim()).replace(/\s+/g, '[\\s-]+');
    re = new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, 'i');
    phraseCache.set(phrase, re);
  }
  return re;
}

/** One global matcher for any of the phrases, longest alternatives first. */
export function anyPhraseRegex(phrases: readonly string[]): RegExp {
  const bodies = phrases
    .filter((p) => p.trim().length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => escape(p.trim()).replace(/\s+/g, '[\\s-]+'));
  return new RegExp(bodies.length ? `(?<![A-Za-z0-9])(?:${bodies.join('|')})(?![A-Za-z0-9])` : '(?!)', 'gi');
}

function toEvidence(s: Sentence): Evidence {
  return { source: s.source, quote: s.text, start: s.start, end: s.end, ...(s.kind ? { kind: s.kind } : {}) };
}

const combinedCache = new WeakMap<readonly string[], RegExp>();

/** Sentences mentioning any of the phrases, not negated, in clinical statements (no plan, review or administrative text). */
export function findMentions(sentences: readonly Sentence[], phrases: readonly string[]): Evidence[] {
  let re = combinedCache.get(phrases);
  if (!re) combinedCache.set(phrases, (re = anyPhraseRegex(phrases.filter((p) => p.trim().length > 1))));
  const res: Evidence[] = [];
  for (const s of sentences) {
    if (s.administrative || !kindAccepted(s.kind, CLINICAL_KINDS)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m !== null; m = re.exec(s.text)) {
      if (!isNegated(s.text, m.index, m.index + m[0].length)) {
        res.push(toEvidence(s));
        break;
      }
    }
  }
  return res;
}

/** A finding of the findings vocabulary: regexes for its documented presence and its stated absence. */
export interface FindingDefinition {
  label: string;
  present: RegExp[];
  absent: RegExp[];
  /** The kinds of evidence that document it where a criterion names none (e.g. exam and test for a neurological deficit). */
  accepts: readonly EvidenceKind[];
  /**
   * Where the finding is about the region under review (a neurological deficit, a joint's red flags and
   * signs): read only from sentences naming a region in scope of the request's, or none (region-scope.ts).
   */
  regionScope?: RegionScope;
}

/** Whether any of the regexes matches the text (as `res.some((re) => re.test(text))`, without a closure per sentence). */
function anyTest(res: readonly RegExp[], text: string): boolean {
  for (let i = 0; i < res.length; i++) if (res[i].test(text)) return true;
  return false;
}

/** Whether one of the finding's presence patterns matches the sentence, its first match not negated. */
function presentIn(def: FindingDefinition, text: string): boolean {
  for (const re of def.present) {
    const m = re.exec(text);
    if (m && !isNegated(text, m.index, m.index + m[0].length)) return true;
  }
  return false;
}

/**
 * One finding's patterns' answers for each sentence of one case (-1 not asked yet, 0 no, 1 yes):
 * the same finding is looked up for several criteria, items and topics (other accepted kinds,
 * other categories), and its patterns' answer for a sentence is the same each time. Found on
 * first need; the knowledge base's patterns are plain case-insensitive regexes (no lastIndex).
 */
export interface FindingScan {
  absent: Int8Array;
  present: Int8Array;
}

export function findingScan(sentences: readonly Sentence[]): FindingScan {
  return { absent: new Int8Array(sentences.length).fill(-1), present: new Int8Array(sentences.length).fill(-1) };
}

/**
 * Looks a finding up in the record, counting presence only in sentences of the accepted kinds and
 * absence only in clinical statements. Both at once: the record contradicts itself. `scan`: the
 * answers of earlier look-ups of the same finding in the same sentences (findingScan), kept there.
 * `include`: where given, only the sentences it accepts are read (a region-bound finding: those naming
 * the request's region or none).
 */
export function lookupFinding(
  sentences: readonly Sentence[],
  def: FindingDefinition,
  accepts: readonly EvidenceKind[] = def.accepts,
  scan?: FindingScan,
  include?: (s: Sentence) => boolean,
): FindingResult {
  const absent: Evidence[] = [];
  const present: Evidence[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    const clinical = !s.administrative && kindAccepted(s.kind, CLINICAL_KINDS);
    if (clinical) {
      let a = scan ? scan.absent[i] : -1;
      if (a < 0) {
        a = anyTest(def.absent, s.text) ? 1 : 0;
        if (scan) scan.absent[i] = a;
      }
      if (a === 1) {
        if (!include || include(s)) absent.push(toEvidence(s));
        continue;
      }
    }
    // Only a finding that accepts the reviewer's statements (a procedure's certification) reads them,
    // and only one that accepts the plan (a surgery planned, a referral) reads the plan's sentences.
    if (!(clinical || (accepts.includes('review') && kindAccepted(s.kind, accepts)) || (s.kind === 'plan' && !s.administrative && accepts.includes('plan')))) continue;
    if (!kindAccepted(s.kind, accepts)) continue;
    let pr = scan ? scan.present[i] : -1;
    if (pr < 0) {
      pr = presentIn(def, s.text) ? 1 : 0;
      if (scan) scan.present[i] = pr;
    }
    if (pr === 1 && (!include || include(s))) present.push(toEvidence(s));
  }
  if (absent.length && present.length) return { status: 'conflicting', evidence: present.slice(0, 3), contrary: absent.slice(0, 3) };
  if (absent.length) return { status: 'absent', evidence: absent.slice(0, 3) };
  if (present.length) return { status: 'present', evidence: present.slice(0, 3) };
  return { status: 'unknown', evidence: [] };
}
