import type { Kysely } from 'kysely';
import { ImrError } from '../errors/imr-error.js';
import type { HitCitation } from './search/port.js';
import type { CorpusTables } from './schema.js';
import { unpackText } from './stored-text.js';

/** One disputed item of a published letter, as the letter view shows it. */
interface CorpusLetterItemView {
  id: number;
  /** The item's place in its letter (0-based). */
  position: number;
  request: string;
  decision: 'Upheld' | 'Overturned';
  category: string | null;
  citation: HitCitation;
  rationale: string;
}

/**
 * A published letter of the corpus as stored: what DWC publishes (no names), read by anyone who can
 * search the corpus. The raw text stays in the database (large, and the items carry what it says).
 */
export interface CorpusLetterView {
  id: number;
  caseNumber: string | null;
  fileName: string;
  decisionDate: string | null;
  year: number | null;
  priority: string | null;
  reviewerSpecialty: string | null;
  reviewerSubspecialty: string | null;
  injuryDate: string | null;
  clinicalSummary: string;
  upheld: number;
  overturned: number;
  items: CorpusLetterItemView[];
}

/** Reads one corpus letter with its items in letter order; IMR_ERR_NOT_FOUND when no letter has this id. */
export async function readCorpusLetter(db: Kysely<CorpusTables>, id: number): Promise<CorpusLetterView> {
  const l = await db.selectFrom('corpus_letters')
    .select(['id', 'case_number', 'file_name', 'decision_date', 'year', 'priority', 'reviewer_specialty', 'reviewer_subspecialty', 'injury_date', 'clinical_summary', 'upheld', 'overturned'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!l) throw new ImrError('IMR_ERR_NOT_FOUND', 'No published letter has this id; find letters with the corpus search.', { subject: String(id) });
  const items = await db.selectFrom('corpus_items')
    .select(['id', 'position', 'request', 'decision', 'category', 'citation_family', 'citation_name', 'citation_topic', 'citation_section', 'citation_raw', 'rationale'])
    .where('letter_id', '=', id)
    .orderBy('position')
    .execute();
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    id: Number(l.id),
    caseNumber: l.case_number,
    fileName: l.file_name,
    decisionDate: l.decision_date,
    year: num(l.year),
    priority: l.priority,
    reviewerSpecialty: l.reviewer_specialty,
    reviewerSubspecialty: l.reviewer_subspecialty,
    injuryDate: l.injury_date,
    clinicalSummary: unpackText(l.clinical_summary),
    upheld: Number(l.upheld),
    overturned: Number(l.overturned),
    items: items.map((i) => ({
      id: Number(i.id),
      position: Number(i.position),
      request: i.request,
      decision: i.decision as CorpusLetterItemView['decision'],
      category: i.category,
      citation: { family: i.citation_family, name: i.citation_name, topic: i.citation_topic, section: i.citation_section, raw: i.citation_raw },
      rationale: unpackText(i.rationale),
    })),
  };
}

/** The whole text of one corpus letter, as it was read on import; IMR_ERR_NOT_FOUND when no letter has this id. */
export async function readCorpusLetterText(db: Kysely<CorpusTables>, id: number): Promise<string> {
  const l = await db.selectFrom('corpus_letters').select(['raw_text', 'clinical_summary']).where('id', '=', id).executeTakeFirst();
  if (!l) throw new ImrError('IMR_ERR_NOT_FOUND', 'No published letter has this id; find letters with the corpus search.', { subject: String(id) });
  return unpackText(l.raw_text, l.clinical_summary);
}
