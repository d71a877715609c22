/**
 * What kind of statement a sentence is (EvidenceKind), from the section heading it sits under
 * (SOAP and report headings: "Subjective:", "PHYSICAL EXAMINATION", "Diagnoses:", "Plan:") and,
 * in prose without headings, from its own cues ("on exam", "MRI showed", "complains of",
 * "utilization review non-certified", "MTUS states"). Pure; no state.
 *
 * Precedence: a utilization-review or administrative cue (UR reasoning, quoted guideline text,
 * signature, phone/fax, address) always wins, since neither is clinical evidence however it is
 * placed; then the section heading (refined only where the section allows two kinds: a complaint
 * section also holds history, an examination section also holds test results); then the cues.
 */
import type { EvidenceKind } from '../evidence-kind.js';
import { MultiMatcher } from '../text/multi-matcher.js';

/** A heading found in a text: the span of the heading words and the kind of what follows. */
export interface Heading {
  start: number;
  end: number;
  kind: EvidenceKind;
  /** 'section': the kind holds until the next heading (or `until`); 'line': a form label, for its own line only. */
  scope: 'section' | 'line';
  /**
   * For a section: where its scope ends before the next heading, if it does (the text length where it
   * runs to the next heading or the end): at a blank line after its content, or, for a list section
   * (diagnoses, plan), where the text returns to narrative (see sectionEnd).
   */
  until?: number;
}

/** Heading words by kind (regex sources, matched at the start of a line, whole words). */
const SECTION_HEADINGS: readonly [string, EvidenceKind][] = [
  ['subjective(?: complaints?)?|chief complaints?|presenting complaints?|current complaints?|complaints?|hpi|history of (?:the )?present(?:ing)? illness|interval history', 'complaint'],
  [
    'past (?:medical|surgical|psychiatric) history|pmh|psh|medical history|surgical history|social history|family history|history|treatment to date|prior treatments?|previous treatments?|treatment history|past treatments?|current medications?|medications?|meds|allergies|review of records|records reviewed|work (?:history|status)',
    'history',
  ],
  ['objective(?: findings)?|physical exam(?:ination)?(?: findings)?|exam(?:ination)?(?: findings)?|pe|musculoskeletal exam(?:ination)?|neurologic(?:al)? exam(?:ination)?|vital signs|vitals', 'exam'],
  ['diagnos[ie]s|(?:working|discharge|final|current) diagnos[ie]s|dx|assessment|impressions?|clinical impression', 'diagnosis'],
  [
    'plan|treatment plan|plan of care|assessment and plan|assessment/plan|a/p|recommendations?|requests?|requested (?:treatment|services?)|request for authori[sz]ation|rfa|orders|disposition',
    'plan',
  ],
  ['imaging(?: studies)?|diagnostic (?:studies|testing|tests|imaging)|diagnostics|radiology|x-?rays?|mri(?: findings)?|electrodiagnostic (?:studies|testing)|emg/ncv|lab(?:oratory)?(?: results| studies)?|test results', 'test'],
  [
    'utilization review(?: determination| decision)?|ur (?:determination|decision)|notice of (?:decision|utilization review)|determination|rationale(?: for (?:the )?(?:decision|non-?certification|denial|modification))?|reasons? for (?:the )?(?:decision|denial|non-?certification|modification)|peer review',
    'review',
  ],
  ['electronically signed(?: by)?|signed by|signature|sincerely|attestation|provider signature', 'administrative'],
];

/** Form labels: administrative for their own line only. */
const LINE_LABELS =
  'patient(?: name)?|name|dob|date of birth|claim(?: number| no\\.?| #)?|claim#|case(?: number| no\\.?| #)|employer|insurer|carrier|claims administrator|adjuster|date of (?:service|visit|exam(?:ination)?|report)|dos|provider|physician|re|cc|attn|attention|address|phone|tel(?:ephone)?|fax|npi|ssn|wcab(?: no\\.?| #)?|adj(?: no\\.?| #)?';

/** Optional indentation and a bullet before a heading at a line start. */
const LEAD = '[ \\t]*(?:[-*\\u2022#>]+[ \\t]*)?';
/** A heading is followed by a colon (or " -"), or stands alone on its line. Single letters (SOAP "S:") need the colon. */
const AFTER = '(?:[ \\t]*(?::|\\s-\\s)|[ \\t]*(?=\\r?\\n|$))';

/** Heading patterns, tried (sticky) at each line start only. */
const HEADING_RES: readonly { re: RegExp; kind: EvidenceKind; scope: Heading['scope'] }[] = [
  ...SECTION_HEADINGS.map(([src, kind]) => ({ re: new RegExp(`${LEAD}(?:${src})(?![A-Za-z0-9/])${AFTER}`, 'iy'), kind, scope: 'section' as const })),
  ...(
    [
      ['S', 'complaint'],
      ['O', 'exam'],
      ['A', 'diagnosis'],
      ['P', 'plan'],
    ] as const
  ).map(([letter, kind]) => ({ re: new RegExp(`${LEAD}${letter}[ \\t]*:`, 'y'), kind, scope: 'section' as const })),
  { re: new RegExp(`${LEAD}(?:${LINE_LABELS})(?![A-Za-z0-9])[ \\t]*:`, 'iy'), kind: 'administrative', scope: 'line' },
];

/** The longest heading at `at` (a line start) of `text`, or null. */
function headingAtOffset(text: string, at: number): { kind: EvidenceKind; scope: Heading['scope']; end: number } | null {
  let best: { kind: EvidenceKind; scope: Heading['scope']; end: number } | null = null;
  for (const h of HEADING_RES) {
    h.re.lastIndex = at;
    const m = h.re.exec(text);
    if (m && m[0].length > 0 && (!best || at + m[0].length > best.end)) best = { kind: h.kind, scope: h.scope, end: at + m[0].length };
  }
  return best;
}

function headingAt(line: string): { kind: EvidenceKind; scope: Heading['scope']; length: number } | null {
  const h = headingAtOffset(line, 0);
  return h ? { kind: h.kind, scope: h.scope, length: h.end } : null;
}

/**
 * The kind of section a heading at the start of `line` opens ("Objective:" → 'exam',
 * "TREATMENT PLAN" → 'plan', "DOB:" → 'administrative'), or null where the line does not start with
 * a heading. Pure.
 */
export function sectionOf(line: string): EvidenceKind | null {
  return headingAt(line)?.kind ?? null;
}

const LINE_FIRST = /[ \t\-*\u2022#>]*[A-Za-z]/y;

/** Every heading of a text (at line starts), in order; each section's scope ends as sectionEnd says. */
export function headingsOf(text: string): Heading[] {
  const out: Heading[] = [];
  for (let at = 0; at < text.length; ) {
    LINE_FIRST.lastIndex = at;
    if (LINE_FIRST.test(text)) {
      const h = headingAtOffset(text, at);
      if (h) {
        const lead = /^[\s\-*\u2022#>]*/.exec(text.slice(at, h.end))![0].length;
        out.push({ start: at + lead, end: h.end, kind: h.kind, scope: h.scope });
      }
    }
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  for (let i = 0; i < out.length; i++) {
    const h = out[i];
    if (h.scope !== 'section') continue;
    let next = text.length;
    for (let j = i + 1; j < out.length; j++)
      if (out[j].scope === 'section') {
        next = out[j].start;
        break;
      }
    const until = sectionEnd(text, h, next);
    if (until < next) h.until = until;
  }
  return out;
}

/**
 * Section kinds whose content is a list (SOAP's Assessment and Plan: diagnoses, orders), not narrative:
 * a narrative sentence after them is no longer theirs.
 */
const LIST_SECTIONS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['diagnosis', 'plan']);
/**
 * A sentence that plainly returns to narrative: the examiner's act ("On examination", "Exam revealed")
 * or the worker as the subject of a verb of report or history ("She reports", "He has completed", "The
 * patient underwent"), at the sentence's start. A diagnosis or an order is not written so.
 */
const NARRATIVE_START =
  /^(?:on (?:physical |today'?s |further )?exam(?:ination)?|(?:physical )?exam(?:ination)? (?:today |on \S+ )?(?:revealed|reveals|showed|shows|demonstrated|demonstrates|noted|notes|documented|found|was|is)|(?:the )?(?:injured worker|worker|patient|applicant|claimant|employee|he|she)(?: (?:also|further|still|again|currently|now|previously|subsequently|then|continues to|continued to))? (?:reports?|reported|states?|stated|complains?|complained|describes?|described|denies|denied|endorses?|endorsed|notes?|noted|presents?|presented|returns?|returned|rates?|rated|feels?|felt|has (?:completed|had|undergone|been|tried|attended|received|participated|failed)|had|underwent|attended|completed|received|tried|participated|was (?:seen|evaluated|examined|treated|prescribed|given)|is (?:taking|working|using|currently)|takes|uses))\b/i;
const SENTENCE_START = /(?:[.!?;]\s+|\n[ \t]*(?:[-*\u2022]+[ \t]*|\d{1,2}[.)][ \t]*)?)(?=\S)/g;
const BLANK_LINE = /\n[ \t]*\r?\n/g;

/**
 * Where a section's scope ends, at or before `next` (the next section heading): at a blank line after
 * the section's content has begun (SOAP sections are paragraphs), or, for a list section, at the first
 * sentence after its first that returns to narrative ("Assessment: lumbar strain. On examination,
 * ..." or "Diagnoses: ... She reports ...": the examination and the report are not diagnoses). Pure.
 */
function sectionEnd(text: string, h: Heading, next: number): number {
  let end = next;
  // the content starts at the first non-blank character after the heading words
  let from = h.end;
  while (from < next && /\s/.test(text[from])) from++;
  if (from >= next) return next;
  BLANK_LINE.lastIndex = from;
  const blank = BLANK_LINE.exec(text);
  if (blank && blank.index < end) end = blank.index;
  if (LIST_SECTIONS.has(h.kind)) {
    SENTENCE_START.lastIndex = from;
    for (let m = SENTENCE_START.exec(text); m !== null && m.index < end; m = SENTENCE_START.exec(text)) {
      const at = m.index + m[0].length;
      if (at >= end) break;
      if (NARRATIVE_START.test(text.slice(at, Math.min(end, at + 120)))) {
        end = at;
        break;
      }
    }
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// cues, in order of precedence

/** The claims administrator's or utilization reviewer's statement. */
const REVIEW_CUE =
  /\b(?:utilization review(?:er)?|UR (?:physician|reviewer|decision|determination|denial|doctor|provider|letter)|the UR\b|(?:per|by|in) UR\b|claims? administrator|non-?certif\w*|not (?:been )?certified|peer review(?:er)?|(?:reviewer|IMR)\b|(?:was|were|been|is|are) (?:denied|modified|non-?certified)|denied (?:(?:the|this|these) (?:request|treatment|authori[sz]ation|RFA|medication|prescription|service)|due|because|as|based on)|(?:the )?denial of|modified (?:the|to|due|because|as)|(?:upheld|overturned) the)\b/i;
/** Guideline text quoted, and other administrative text. */
const ADMIN_CUE =
  /\b(?:MTUS|ODG|ACOEM|CA MTUS|Official Disability Guidelines|guidelines? (?:state|states|stated|recommends?|indicates?|supports?|allows?|do not|does not|note|notes|specify|specifies|require|requires)|(?:per|according to|under) (?:the )?(?:guidelines?|MTUS|ODG|ACOEM)|is defined as|(?:are|is) defined|electronically signed|signed by|I declare under penalty)\b/i;
/** Contact details: phone and fax numbers, street addresses (case-sensitive: names are capitalised). */
const CONTACT_CUE =
  /\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b|\b(?:[Pp]hone|PHONE|[Tt]el|TEL|[Ff]ax|FAX)\s*[:#]|\b[A-Z][a-z]+,? (?:CA|California) \d{5}\b|\b\d{2,6} [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Street|St\.|Avenue|Ave\.?|Boulevard|Blvd\.?|Road|Rd\.|Drive|Suite|Way)\b/;
const CONTACT_HINT = /\d{3}-\d{4}|\d{5}|[Pp]hone|PHONE|[Tt]el\b|TEL|[Ff]ax|FAX|Street|St\.|Avenue|Ave|Boulevard|Blvd|Road|Rd\.|Drive|Suite|Way/;
/** The history-list words, anywhere (SentenceCues finds them with the other cues). */
const HISTORY_WORDS = /\b(?:treatment to date|prior treatments?|previous treatments?|past treatments?|treatment history|(?:medical|surgical) history|current medications?|has (?:previously )?(?:been treated|tried|undergone)|prior care)\b/i;
/** A history list ("Treatment to date has included ...", "Prior treatment: ..."): its words within the first 40 characters, before any "." or ";"; before plan cues. */
const HISTORY_LIST = new RegExp(`^[^.;]{0,40}${HISTORY_WORDS.source}`, 'i');
/**
 * A plan, a recommendation, a request. The worker's request for an early refill is not one: it is
 * behaviour the record reports (CPMTG, Opioids, indicators for addiction: "requests for early
 * prescription refills").
 */
const PLAN_CUE =
  /\b(?:plan(?:s|ned)?(?: of care)?|treatment plan|recommend(?:ed|s|ation|ations)?|(?<!early (?:prescription )?refill )request(?:ed|s|ing)?(?! (?:an? |for (?:an? )?|several |multiple |repeated |two |three )?early (?:prescription )?refills?)|sought|authori[sz](?:ed|ation)|certif(?:y|ied|ication)|approv(?:ed|al)|prescribed for|to (?:start|begin|continue|undergo|receive|try)|will|would|pending|scheduled|candidate for|consider(?:ed|ing)?|referr(?:al|ed)(?! pain)|RFA|application|(?:was|were|been) ordered|ordered|appeal|propos(?:e|es|ed|al)|asks? for|asking for|would like)\b/i;
/** A plan, a request, or its review: what the sentence describes has not been given (yet). */
const PLAN_OR_REVIEW_CUE =
  /\b(?:plan(?:s|ned)?(?: of care)?|treatment plan|recommend(?:ed|s|ation|ations)?|(?<!early (?:prescription )?refill )request(?:ed|s|ing)?(?! (?:an? |for (?:an? )?|several |multiple |repeated |two |three )?early (?:prescription )?refills?)|sought|authori[sz](?:ed|ation)|certif(?:y|ied|ication)|non-?certif\w*|approv(?:ed|al)|prescribed for|to (?:start|begin|continue|undergo|receive|try)|will|would|pending|scheduled|candidate for|consider(?:ed|ing)?|referr(?:al|ed)(?! pain)|RFA|utilization review|\bUR\b|IMR|independent medical review|application|(?:was|were|been) (?:denied|modified|ordered)|ordered|deemed|denied by|modified by|appeal|propos(?:e|es|ed|al)|asks? for|asking for|would like)\b/i;
/** Care received or under way (with a plan cue, the sentence reports care, not only a plan). */
const COMPLETION_CUE =
  /\b(?:completed|has had|have had|had|attended|underwent|undergone|participated|received(?! (?:for|on|by))|tried|failed|history|to date|status post|s\/p|since|(?:has|have|had) been (?:treated|taking|using|on|receiving|attending|prescribed)|(?:was|were) treated|treated with|taking|takes|currently (?:on|taking|using|receiving)|uses|using|utiliz(?:ed|es|ing)|medications? (?:include|included|are|were|list)|current medications)\b/i;
/** DIAGNOSIS_CUE's first branch (at the start), and its other branches (anywhere: matched with the other cues). */
const DIAGNOSIS_AT_START = /^\s*(?:diagnos[ie]s|dx|assessment|impressions?)\b/i;
const DIAGNOSIS_IN_TEXT = /\bdiagnos(?:ed|es|is)\b\s*(?:include[sd]?|are|were|is|was|of|with|as|:)|\bwas diagnosed\b|\b(?:undergoing|under|receiving) (?:treatment|care) for\b|\bbeing treated for\b/i;
const DIAGNOSIS_CUE = new RegExp(`${DIAGNOSIS_AT_START.source}|${DIAGNOSIS_IN_TEXT.source}`, 'i');
const TEST_CUE =
  /\b(?:MRI|MR arthrogram|CT scan|CT of|computed tomography|x-?rays?|radiographs?|EMG|NCV|NCS|nerve conduction|electrodiagnostic|electromyograph\w*|ultrasound|bone scan|urine (?:drug|tox)\w*|UDS|drug screen|lab(?:oratory)? (?:results|tests?|studies)|(?:imaging|study|studies|scan) (?:showed|revealed|demonstrated|dated))\b/i;
/**
 * An examination statement: the examiner's act or a measured sign ("on exam", "4/5", "positive
 * Spurling", "reflexes", "sensation is decreased"). A finding must be observed by the examiner to be
 * objective (MTUS 9792.20(e): functional improvement is documented "as part of the evaluation and
 * management visit"; ACOEM separates the history of symptoms from the physical examination).
 */
const EXAM_CUE =
  /\b(?:on (?:physical )?exam(?:ination)?|exam(?:ination)? (?:revealed|reveals|showed|shows|noted|notes|demonstrated|demonstrates|finds|found|documents|documented|disclosed|discloses|of|findings|was|is)|physical exam\w*|objective(?:ly| findings)?|palpation|positive (?:straight|SLR|Spurling|Tinel|Phalen|Hawkins|Neer|McMurray|Finkelstein|FABER|Patrick|impingement)|negative (?:straight|SLR|Spurling|Tinel|Phalen)|reflexes|[0-5][+-]?\/5|motor strength|sensation (?:is|was|to|in|decreased|diminished|intact)|(?:decreased|diminished|reduced) sensation|inspection|spasm (?:was|is) (?:noted|present))\b/i;
/** Words of the examination that a worker's own report uses too ("reported limited range of motion", "tenderness"). */
const EXAM_WORD = /\b(?:tender(?:ness)?|range of motion|dermatom\w*|gait)\b/i;
/**
 * The worker's own report: a complaint verb, or a reporting verb whose subject is the worker
 * ("the injured worker reported", "she states"). What a worker reports is a subjective complaint,
 * even in the examination's words, unless the sentence also states an examination (EXAM_CUE).
 */
const WORKER_REPORT =
  /\b(?:complain\w*|c\/o|endorse[sd]?|(?:was|is|were|are) concerned (?:about|with)|rates? (?:her |his |the )?pain|pain (?:is|was) rated|(?:injured worker|worker|patient|applicant|claimant|employee|he|she)\s+(?:(?:also|further|still|again|subjectively|continues to|continued to)\s+)?(?:reports?|reported|states?|stated|describes?|described|feels?|felt|presents? with|presented with|notes?|noted))\b/i;
const COMPLAINT_CUE =
  /\b(?:complain\w*|c\/o|reports?|reported|reporting|endorses?|endorsed|describes?|described|states? (?:that )?(?:she|he|her|his|the|it|pain)|stated|rates? (?:her |his |the )?pain|pain (?:is|was) rated|presents? with|presented with|feels?|felt|denies|denied)\b/i;

export interface SentenceKind {
  kind: EvidenceKind;
  /** Why: a strong cue (review, administrative), the section heading, a cue, or the default (history). */
  by: 'strong' | 'section' | 'cue' | 'default';
}

/** Guideline language quoted in a summary ("functional improvement is defined as ..."). */
const GUIDELINE_TEXT = /\b(?:defined as|definition|guidelines? (?:state|recommend|indicate|support|allow)|MTUS|ODG|ACOEM|is recommended|are recommended|as evidenced by|clinically significant improvement in)\b/i;
/** A statement about the review itself (the record search's test: a UR's reasons, a request for authorisation). */
const ADMINISTRATIVE_TEXT = /\b(?:utilization review|UR\b|non-?certif\w*|(?:previously|was|were|been) (?:denied|modified|certified)|denied (?:the|due|because|as)|request for authori[sz]ation|RFA\b|IMR\b|independent medical review|peer review)/i;


/**
 * The case-insensitive cue patterns, matched in one pass over a sentence (MultiMatcher): each
 * tells exactly what its regex's `test` tells (every one starts at a word).
 */
const CUE_LIST = [REVIEW_CUE, ADMIN_CUE, HISTORY_WORDS, PLAN_CUE, PLAN_OR_REVIEW_CUE, COMPLETION_CUE, DIAGNOSIS_IN_TEXT, TEST_CUE, EXAM_CUE, COMPLAINT_CUE, GUIDELINE_TEXT, ADMINISTRATIVE_TEXT, EXAM_WORD, WORKER_REPORT] as const;
const [C_REVIEW, C_ADMIN, C_HISTORY_WORDS, C_PLAN, C_PLAN_OR_REVIEW, C_COMPLETION, C_DIAGNOSIS, C_TEST, C_EXAM, C_COMPLAINT, C_GUIDELINE, C_ADMINISTRATIVE, C_EXAM_WORD, C_WORKER_REPORT] = CUE_LIST.map((_, i) => i);
const CUES = new MultiMatcher<number>(
  CUE_LIST.map((re, i) => ({ source: re.source, data: i })),
  false,
  true, // every cue starts at a word boundary
);

/** Scratch for SentenceCues (read at once, never kept). */
const CUE_SCRATCH = new Int32Array(CUE_LIST.length);

/**
 * The cue patterns as matcher entries (every one starts at a word, none matches the empty string),
 * for a matcher that finds them in the same pass as other patterns: SentenceCues reads where each
 * first matches, in this order.
 */
export const CUE_PATTERNS: readonly { source: string; wholeWords: false }[] = CUE_LIST.map((re) => ({ source: re.source, wholeWords: false }));

/**
 * Which cues a sentence has, found in one pass: `has.review` = REVIEW_CUE.test(text), and so on
 * (`historyList` = HISTORY_LIST.test(text), `diagnosis` = DIAGNOSIS_CUE.test(text)).
 */
export class SentenceCues {
  /** Bit i: cue i of CUE_LIST matches somewhere. */
  private readonly mask: number;
  /** Where HISTORY_WORDS first matches, or -1. */
  private readonly historyAt: number;
  /** `first`: where each cue of CUE_PATTERNS first matches in `text` (-1: nowhere), where already found (read at once, not kept). */
  constructor(
    readonly text: string,
    first: Int32Array = CUES.firstStarts(text, CUE_SCRATCH),
  ) {
    let mask = 0;
    for (let i = 0; i < first.length; i++) if (first[i] >= 0) mask |= 1 << i;
    this.mask = mask;
    this.historyAt = first[C_HISTORY_WORDS];
  }
  private has(id: number): boolean {
    return (this.mask & (1 << id)) !== 0;
  }
  get review(): boolean {
    return this.has(C_REVIEW);
  }
  get admin(): boolean {
    return this.has(C_ADMIN);
  }
  get historyList(): boolean {
    // HISTORY_LIST: /^[^.;]{0,40}\b(?:words)\b/: the first match of the words, if any can, within 40 characters and before any "." or ";"
    const at = this.historyAt;
    if (at < 0 || at > 40) return false;
    for (let k = 0; k < at; k++) {
      const c = this.text.charCodeAt(k);
      if (c === 46 || c === 59) return false;
    }
    return true;
  }
  get plan(): boolean {
    return this.has(C_PLAN);
  }
  get planOrReview(): boolean {
    return this.has(C_PLAN_OR_REVIEW);
  }
  get completion(): boolean {
    return this.has(C_COMPLETION);
  }
  get diagnosis(): boolean {
    return this.has(C_DIAGNOSIS) || DIAGNOSIS_AT_START.test(this.text);
  }
  get test(): boolean {
    return this.has(C_TEST);
  }
  /** An examination statement or an examination word (EXAM_CUE or EXAM_WORD). */
  get exam(): boolean {
    return this.has(C_EXAM) || this.has(C_EXAM_WORD);
  }
  /** An examination statement (EXAM_CUE). */
  get examStatement(): boolean {
    return this.has(C_EXAM);
  }
  get examWord(): boolean {
    return this.has(C_EXAM_WORD);
  }
  /** The worker's own report (WORKER_REPORT). */
  get workerReport(): boolean {
    return this.has(C_WORKER_REPORT);
  }
  get complaint(): boolean {
    return this.has(C_COMPLAINT);
  }
  get guidelineText(): boolean {
    return this.has(C_GUIDELINE);
  }
  get administrativeText(): boolean {
    return this.has(C_ADMINISTRATIVE);
  }
  private contactCache: boolean | undefined;
  /** The contact-details cue (case-sensitive, so matched on its own; once, as the memo shares these cues between readers). */
  get contact(): boolean {
    return (this.contactCache ??= CONTACT_HINT.test(this.text) && CONTACT_CUE.test(this.text));
  }
}

/**
 * The cues already found for one case's sentences, by sentence text. The fact extractor and the
 * record search split the same sources into sentences (by different rules, yet nearly all of the
 * same text) and need the same cues of each: one case's memo lets the second reader reuse them.
 * Keyed by the text itself (the cues are a pure function of it) and dropped with the case.
 */
export type CueMemo = Map<string, SentenceCues>;

/** The cues of `text`: from `memo` where found there, else found now (and kept in `memo`). */
export function cuesOf(text: string, memo?: CueMemo): SentenceCues {
  if (!memo) return new SentenceCues(text);
  let cues = memo.get(text);
  if (cues === undefined) {
    cues = new SentenceCues(text);
    memo.set(text, cues);
  }
  return cues;
}

function cueKind(c: SentenceCues): EvidenceKind | null {
  if (c.historyList) return 'history';
  if (c.plan && !c.completion) return 'plan';
  if (c.diagnosis) return 'diagnosis';
  if (c.test) return 'test';
  // What the worker reports is a complaint, in whatever words, unless the examiner's act is stated too.
  if (c.workerReport && !c.examStatement) return 'complaint';
  if (c.exam) return 'exam';
  if (c.complaint) return 'complaint';
  if (c.completion) return 'history';
  return null;
}

/** The kind of a sentence and what decided it (see classifySentence). `cues`: the sentence's cues, where already found. */
export function sentenceKind(text: string, section: EvidenceKind | null = null, cues: SentenceCues = new SentenceCues(text)): SentenceKind {
  const c = cues;
  if (c.review) return { kind: 'review', by: 'strong' };
  if (c.admin || c.contact) return { kind: 'administrative', by: 'strong' };
  if (section) {
    if (section === 'complaint' && (c.historyList || (c.completion && !c.complaint))) return { kind: 'history', by: 'section' };
    if (section === 'exam' && c.test) return { kind: 'test', by: 'section' };
    return { kind: section, by: 'section' };
  }
  const cue = cueKind(c);
  return cue ? { kind: cue, by: 'cue' } : { kind: 'history', by: 'default' };
}

/**
 * The kind of one sentence: `section` is the kind of the heading it sits under (sectionOf), or
 * null in prose without headings. Review and administrative cues win over the section; otherwise
 * the section decides; otherwise the sentence's own cues; 'history' where nothing says more. Pure.
 */
export function classifySentence(text: string, section: EvidenceKind | null = null, cues?: SentenceCues): EvidenceKind {
  return sentenceKind(text, section, cues).kind;
}

/** The section kind in force at `offset` of a text whose headings are `headings` (headingsOf), or null. */
export function sectionAt(headings: readonly Heading[], offset: number): EvidenceKind | null {
  let kind: EvidenceKind | null = null;
  let until = Infinity;
  for (const h of headings) {
    if (h.start > offset) break;
    if (h.scope === 'section') {
      kind = h.kind;
      until = h.until ?? Infinity;
    }
  }
  // past the end of its scope (a blank line, a return to narrative), the sentence's own cues decide
  return offset < until ? kind : null;
}

/** True where the text is a plan, a request or its review and reports no care received ("will start PT", "request for 8 sessions"). */
export function isPlanOnly(text: string, cues: SentenceCues = new SentenceCues(text)): boolean {
  return cues.planOrReview && !cues.completion;
}

/** The cue regexes themselves (SentenceCues tells what each one's `test` tells; the tests compare them). */
export const CUE_REGEXES = { REVIEW_CUE, ADMIN_CUE, HISTORY_LIST, PLAN_CUE, PLAN_OR_REVIEW_CUE, COMPLETION_CUE, DIAGNOSIS_CUE, TEST_CUE, EXAM_CUE, EXAM_WORD, WORKER_REPORT, COMPLAINT_CUE, GUIDELINE_TEXT, ADMINISTRATIVE_TEXT };
