import type { Citation, CitationRef, CitationSource, LetterReviewer } from '../model.js';

/**
 * Small pure formatters shared by the text, HTML and PDF renderers: dates as the letters write
 * them, page lists, citations composed from their structured fields, reviewer credentials.
 */

/** 2016-11-09 → 11/09/2016, the form of the published header block. */
export function formatLetterDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

/**
 * Writes page numbers as the letters do, folding runs of consecutive pages into ranges and
 * keeping the order written: [58, 59, 8] → "58-59, 8"; [63, 64, 65, 66] → "63-66".
 */
export function formatPages(pages: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < pages.length) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    parts.push(j > i ? `${pages[i]}-${pages[j]}` : String(pages[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Who wrote a guideline line: the claims administrator (UR) or the IMR expert reviewer. */
export type GuidelineAuthor = 'claimsAdministrator' | 'reviewer';

/** The guideline labels of a MAXIMUS letter; the reviewer's label follows the letter's organisation (`reviewerGuidelineLabel`). */
export const GUIDELINE_LABELS: Record<GuidelineAuthor, string> = {
  claimsAdministrator: 'Claims Administrator guideline:',
  reviewer: 'MAXIMUS guideline:',
};

const AUTHOR_NAMES: Record<GuidelineAuthor, string> = {
  claimsAdministrator: 'The Claims Administrator',
  reviewer: 'The Expert Reviewer',
};

/** The guideline family as the published letters name it after "MTUS". */
const MTUS_FAMILY_NAMES: Record<Exclude<CitationSource, 'NON-MTUS' | 'NONE'>, string> = {
  'MTUS-CPMTG': 'Chronic Pain Medical Treatment Guidelines',
  'MTUS-OPIOIDS': 'Opioids Treatment Guidelines',
  'MTUS-ACOEM': 'ACOEM Practice Guidelines',
  'MTUS-AMTG': 'Acupuncture Medical Treatment Guidelines',
  'MTUS-PSTG': 'Postsurgical Treatment Guidelines',
  'MTUS-FORMULARY': 'Drug Formulary',
};

/**
 * One citation without "Decision based on": "MTUS Knee Complaints 2004, Section(s): Special
 * Studies", "Non-MTUS Citation ODG Pain Chapter 2016", "MTUS Chronic Pain Medical Treatment
 * Guidelines Muscle relaxants (for pain) Page(s): 63-66".
 */
function composeCitationBody(c: CitationRef): string {
  let head: string;
  if (c.source === 'NON-MTUS') {
    head = ['Non-MTUS Citation', c.name, c.topic].filter(Boolean).join(' ');
  } else if (c.source === 'NONE') {
    head = 'no guideline';
  } else if (c.source === 'MTUS-ACOEM' && c.topic && /complaints|^acoem|chapter/i.test(c.topic)) {
    // ACOEM chapters are cited by their own name ("MTUS Shoulder Complaints 2004").
    head = `MTUS ${/^acoem|chapter/i.test(c.topic) ? 'ACOEM ' : ''}${c.topic}`;
  } else {
    head = `MTUS ${MTUS_FAMILY_NAMES[c.source]}${c.topic ? ` ${c.topic}` : ''}`;
  }
  if (c.edition !== null) head += ` ${c.edition}`;
  if (c.sections.length > 0) head += `, Section(s): ${c.sections.join(', ')}`;
  if (c.pages.length > 0) head += ` Page(s): ${formatPages(c.pages)}`;
  return head;
}

function endSentence(s: string): string {
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/**
 * The text after "<author> guideline:" for a citation composed from its structured fields, in the
 * wording of the 2016–2017 letters (used when the citation has no `raw` text).
 */
export function composeCitation(c: Citation, author: GuidelineAuthor): string {
  const who = AUTHOR_NAMES[author];
  if (c.source === 'NONE' && c.alsoCites.length === 0) return `${who} did not cite any medical evidence for its decision.`;
  const sentences: string[] = [];
  const all: CitationRef[] = [c, ...c.alsoCites].filter((x) => x.source !== 'NONE');
  if (all.length > 0 && all.every((x) => x.source === 'NON-MTUS')) {
    sentences.push(`${who} based their decision on recommendation(s) outside of the MTUS Guidelines.`);
  }
  for (const x of all) sentences.push(endSentence(`Decision based on ${composeCitationBody(x)}`));
  return sentences.join(' ');
}

/** The guideline line's text: the letter's own wording when the citation carries it. */
export function citationText(c: Citation, author: GuidelineAuthor): string {
  const raw = c.raw.replace(/\s+/g, ' ').trim();
  return raw.length > 0 ? raw : composeCitation(c, author);
}

/**
 * "State(s) of Licensure: …", "Certification(s)/Specialty: …" as the 2016–2017 letters list them.
 * The subspecialty follows the specialty after a comma, as in "Physical Medicine & Rehabilitation,
 * Pain Management"; with no specialty it gets a "Subspecialty:" line of its own.
 */
export function credentialLines(r: LetterReviewer): Array<{ label: string; value: string }> {
  const lines: Array<{ label: string; value: string }> = [];
  if (r.licensure.length > 0) lines.push({ label: 'State(s) of Licensure:', value: r.licensure.join(', ') });
  if (r.specialty !== null) {
    lines.push({ label: 'Certification(s)/Specialty:', value: [r.specialty, r.subspecialty].filter((x) => x !== null).join(', ') });
  } else if (r.subspecialty !== null) lines.push({ label: 'Subspecialty:', value: r.subspecialty });
  return lines;
}
