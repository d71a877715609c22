import type { Letter, LetterItem, LetterLayout } from '../letters/model.js';
import { extractDocumentationGaps } from './gaps.js';
import type { PackedTexts } from './stored-text.js';

/** Assigns a request its treatment category (the request normaliser), or null when unknown. */
export type Categorise = (request: string) => string | null;

/** A parsed letter ready to store: what the reader found plus the file's identity. */
export interface ParsedLetter {
  letter: Letter;
  layout: LetterLayout;
  warnings: string[];
  /** The letter's text as read (the PDF's text layer, or the text file). */
  text: string;
  /** sha256 of the file's bytes, hex. */
  contentHash: string;
  /** The file's base name (never the full path). */
  fileName: string;
}

export interface CorpusItemRecord {
  position: number;
  request: string;
  decision: LetterItem['decision'];
  category: string | null;
  caSource: string;
  caName: string | null;
  caTopic: string | null;
  caRaw: string;
  caCitedEvidence: boolean;
  citationFamily: string;
  citationName: string | null;
  citationTopic: string | null;
  citationSection: string | null;
  citationSections: string[];
  citationRaw: string;
  rationale: string;
  gaps: string[];
}

export interface CorpusLetterRecord {
  contentHash: string;
  fileName: string;
  layout: LetterLayout;
  caseNumber: string | null;
  decisionDate: string | null;
  year: number | null;
  month: number | null;
  priority: string | null;
  reviewerSpecialty: string | null;
  reviewerSubspecialty: string | null;
  reviewerLicensure: string[];
  workerAge: number | null;
  workerSex: string | null;
  injuryDate: string | null;
  /** The date the IMR application was received, as the letter states it. */
  receivedDate: string | null;
  clinicalSummary: string;
  upheld: number;
  overturned: number;
  warnings: string[];
  rawText: string;
  items: CorpusItemRecord[];
  /**
   * The summary, text and rationales already packed for SQLite (stored-text.ts), when a parse worker
   * packed them; otherwise the store packs them as it writes. The texts above stay (the search
   * indexes and PostgreSQL take them as text).
   */
  packed?: PackedTexts;
}

/**
 * The date a letter is filed under for the year and month breakdowns: the decision date, else
 * the date assigned, else the IMR application or UR decision date the case summary states.
 */
function letterDate(letter: Letter): string | null {
  return (
    letter.header?.decisionDate ??
    letter.header?.dateAssigned ??
    letter.imrApplicationDate ??
    letter.header?.applicationReceived ??
    letter.urDecisionDate ??
    letter.header?.urDenialDate ??
    null
  );
}

function tidy(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

/** Maps a parsed letter to the rows the corpus stores. Pure. */
export function toCorpusRecord(parsed: ParsedLetter, categorise: Categorise): CorpusLetterRecord {
  const { letter } = parsed;
  const date = letterDate(letter);
  const items = letter.items.map((item, position): CorpusItemRecord => {
    const rv = item.reviewerGuideline;
    const ca = item.claimsAdministratorGuideline;
    return {
      position,
      request: item.request,
      decision: item.decision,
      category: categorise(item.request),
      caSource: ca.source,
      caName: ca.name,
      caTopic: tidy(ca.topic),
      caRaw: ca.raw,
      caCitedEvidence: ca.source !== 'NONE',
      citationFamily: rv.source,
      citationName: rv.name,
      citationTopic: tidy(rv.topic),
      citationSection: tidy(rv.sections[0]) ?? tidy(rv.topic),
      citationSections: rv.sections,
      citationRaw: rv.raw,
      rationale: item.rationale,
      gaps: extractDocumentationGaps(item.rationale),
    };
  });
  return {
    contentHash: parsed.contentHash,
    fileName: parsed.fileName,
    layout: parsed.layout,
    caseNumber: letter.header?.caseNumber ?? null,
    decisionDate: letter.header?.decisionDate ?? null,
    year: date ? Number(date.slice(0, 4)) : null,
    month: date ? Number(date.slice(5, 7)) : null,
    priority: letter.header?.priority ?? null,
    reviewerSpecialty: tidy(letter.reviewer.specialty),
    reviewerSubspecialty: tidy(letter.reviewer.subspecialty),
    reviewerLicensure: letter.reviewer.licensure,
    workerAge: letter.worker.age,
    workerSex: letter.worker.sex,
    injuryDate: letter.worker.injuryDate ?? letter.header?.injuryDate ?? null,
    // Older layouts have no header; their case summary's "IMR application" date stands in for it.
    receivedDate: letter.header?.applicationReceived ?? letter.imrApplicationDate ?? null,
    clinicalSummary: letter.clinicalSummary,
    upheld: letter.items.filter((i) => i.decision === 'Upheld').length,
    overturned: letter.items.filter((i) => i.decision === 'Overturned').length,
    warnings: parsed.warnings,
    rawText: parsed.text,
    items,
  };
}
