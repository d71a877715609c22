/**
 * A clinical case summary to start from, assembled from the case's records: the reviewer edits it
 * before signing. Pure: no I/O.
 *
 * Every sentence is a sentence of a record, quoted as written and linked to where it stands, so the
 * summary never states what no record says. Sentences are sorted into the order of a Final
 * Determination's CLINICAL CASE SUMMARY (the injury, the diagnoses, treatment to date, current
 * complaints, examination and test findings, the request, the utilization review's reasons) by what
 * kind of statement each is (classifySentence). A UR decision supplies only the last paragraph,
 * labelled as the claims administrator's reasoning; plans, signatures, headers and quoted guideline
 * text are left out.
 */
import type { CaseDocumentKind } from '../case-file.js';
import type { EvidenceKind } from '../evidence-kind.js';
import { classifySentence, headingsOf, sectionAt, type Heading } from '../facts/evidence-kinds.js';
import { splitSentences, type Sentence } from '../facts/sentences.js';

export interface SummaryDocument {
  /** The evidence source of the document ("medical record: pr2.txt"), as the drafts quote it. */
  source: string;
  kind: CaseDocumentKind;
  text: string;
}

export const SUMMARY_SECTIONS = ['injury', 'diagnoses', 'treatment', 'complaints', 'findings', 'request', 'utilizationReview'] as const;
type SummarySectionId = (typeof SUMMARY_SECTIONS)[number];

interface SummarySentence {
  text: string;
  /** The document it was quoted from, or 'application' for the request paragraph. */
  source: string;
  /** Offsets into that document's text (null for the request paragraph, which is composed). */
  start: number | null;
  end: number | null;
  kind: EvidenceKind;
}

interface SummarySection {
  id: SummarySectionId;
  label: string;
  sentences: SummarySentence[];
}

export interface AssembledSummary {
  sections: SummarySection[];
  /** The sections as prose, one paragraph each, ready to edit. */
  text: string;
  /** Documents that gave no sentence (a record of headers only, a scan without text). */
  unused: string[];
}

const LABELS: Record<SummarySectionId, string> = {
  injury: 'Injury',
  diagnoses: 'Diagnoses',
  treatment: 'Treatment to date',
  complaints: 'Current complaints',
  findings: 'Examination and test findings',
  request: 'Request',
  utilizationReview: "Utilization review (the claims administrator's reasoning, not clinical evidence)",
};

/** At most this many sentences per section: a summary, not a transcript. */
const PER_SECTION: Record<SummarySectionId, number> = { injury: 2, diagnoses: 3, treatment: 5, complaints: 4, findings: 6, request: 1, utilizationReview: 3 };

/** How the injury is told ("sustained an industrial injury on", "date of injury", "injured her back while lifting"). */
const INJURY = /\b(?:date of injury|DOI\b|industrial(?:ly)? injur\w*|injur(?:y|ed) (?:on|at work|while|when|in)|sustained (?:an? )?(?:\w+ )?injur\w*|mechanism of injury)/i;

/** A sentence worth quoting: words, not a table row, a label or a page number (a diagnosis may be two words). */
function quotable(text: string, kind: EvidenceKind): boolean {
  if (text.length < 8 || text.length > 600) return false;
  const words = text.match(/[A-Za-z]{2,}/g)?.length ?? 0;
  return kind === 'diagnosis' ? words >= 2 : words >= 4 && text.length >= 20;
}

/** A report's own title as a sentence ("PR-2 progress report dated 02/10/2024."): where the text comes from, not what it says. */
const TITLE_SENTENCE = /^[^.]{0,60}\b(?:report|note|evaluation|consultation|visit)\b[^.]{0,20}\bdated\b[^.]{0,30}\.?$/i;

/** A title line: capitals only ("PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)"). */
const TITLE_LINE = /^[^a-z\n]*\n/;

/** The piece without the title lines it starts with. */
function withoutTitles(text: string, s: Sentence): Sentence {
  let start = s.start;
  for (;;) {
    const m = TITLE_LINE.exec(text.slice(start, s.end));
    if (!m || m[0].length === 0) break;
    start += m[0].length;
  }
  return { start, end: s.end, text: text.slice(start, s.end) };
}

/** The section a record's sentence belongs to, or null when it is left out. */
function sectionOfSentence(text: string, kind: EvidenceKind): SummarySectionId | null {
  if (kind === 'review' || kind === 'administrative' || kind === 'plan') return null;
  if ((kind === 'history' || kind === 'complaint') && INJURY.test(text)) return 'injury';
  switch (kind) {
    case 'diagnosis':
      return 'diagnoses';
    case 'history':
      return 'treatment';
    case 'complaint':
      return 'complaints';
    case 'exam':
    case 'test':
      return 'findings';
  }
}

/**
 * The parts of a sentence between headings: a sentence of extracted text may run on from a header
 * block or a heading ("Subjective: The patient ..."); the heading words and a form label's line
 * ("DOB: 01/02/1975") are dropped, the rest kept with its offsets.
 */
function pieces(text: string, s: Sentence, headings: readonly Heading[]): Sentence[] {
  const out: Sentence[] = [];
  let at = s.start;
  for (const h of headings) {
    if (h.end <= at || h.start >= s.end) continue;
    if (h.start > at) out.push({ start: at, end: h.start, text: text.slice(at, h.start) });
    const lineEnd = text.indexOf('\n', h.end);
    at = h.scope === 'line' ? (lineEnd < 0 ? s.end : Math.min(s.end, lineEnd + 1)) : h.end;
  }
  if (at < s.end) out.push({ start: at, end: s.end, text: text.slice(at, s.end) });
  return out;
}

/** One-line whitespace, the way a letter prints it. */
function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The summary of a case from its documents and its disputed items (the requests, as the application
 * states them). Documents are read in the order given (the caller passes them oldest first, so the
 * latest findings close their paragraph).
 */
export function assembleSummary(documents: readonly SummaryDocument[], requests: readonly string[]): AssembledSummary {
  const bySection = new Map<SummarySectionId, SummarySentence[]>(SUMMARY_SECTIONS.map((id) => [id, []]));
  const seen = new Set<string>();
  const unused: string[] = [];
  for (const doc of documents) {
    let used = 0;
    const headings = headingsOf(doc.text);
    for (const piece of splitSentences(doc.text).flatMap((x) => pieces(doc.text, x, headings))) {
      const s = withoutTitles(doc.text, piece);
      const text = tidy(s.text);
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      const kind = classifySentence(text, sectionAt(headings, s.start));
      if (!quotable(text, kind) || TITLE_SENTENCE.test(text)) continue;
      let section: SummarySectionId | null;
      if (doc.kind === 'ur_decision') {
        // A UR decision speaks only for the claims administrator: its reasons, never a clinical fact.
        section = kind === 'review' || kind === 'plan' ? 'utilizationReview' : null;
      } else section = sectionOfSentence(text, kind);
      if (!section) continue;
      const list = bySection.get(section)!;
      if (list.length >= PER_SECTION[section]) continue;
      seen.add(key);
      list.push({ text, source: doc.source, start: s.start, end: s.end, kind: doc.kind === 'ur_decision' ? 'review' : kind });
      used++;
    }
    if (used === 0) unused.push(doc.source);
  }
  const wanted = requests.map(tidy).filter((r) => r.length > 0);
  if (wanted.length > 0) {
    const text = wanted.length === 1 ? `The request is for ${wanted[0]}.` : `The requests are for ${wanted.slice(0, -1).join('; ')} and ${wanted[wanted.length - 1]}.`;
    bySection.get('request')!.push({ text: text.replace(/\.\.$/, '.'), source: 'application', start: null, end: null, kind: 'plan' });
  }
  const sections = SUMMARY_SECTIONS.map((id) => ({ id, label: LABELS[id], sentences: bySection.get(id)! })).filter((s) => s.sentences.length > 0);
  const text = sections
    .map((s) => {
      const body = s.sentences.map((x) => (/[.!?]["')]?$/.test(x.text) ? x.text : `${x.text}.`)).join(' ');
      return s.id === 'utilizationReview' ? `Utilization review: ${body}` : body;
    })
    .join('\n\n');
  return { sections, text, unused };
}
