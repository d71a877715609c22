import type { Decision, LetterCorrection } from '../model.js';
import { ADDRESSEE_LABELS, type AddresseeRole } from '../mailed-model.js';
import { BREAK, letterLines, paragraphs } from './clean-text.js';
import { correctionIn } from './correction-banner.js';
import { parseLetterText, type ParsedLetter, type ParseOptions } from './parse-letter.js';

/**
 * Reads the determination as mailed to the parties: the cover (addressees, claim number, each
 * item's determination, final and binding, appeal rights) and, through the letter reader, the
 * determination that follows it (read as a published letter is). Pure.
 */

interface MailedCover {
  claimNumber: string | null;
  addressees: Array<{ role: AddresseeRole; name: string }>;
  /** The cover's list of determinations, in order. */
  decisions: Array<{ request: string; decision: Decision }>;
  finalAndBinding: boolean;
  /** The numbered grounds of appeal the cover lists (LC 4610.6(h) has five). */
  appealGrounds: number;
  /** The appeal period in days the cover states, or null. */
  appealDays: number | null;
  correction: LetterCorrection | null;
}

export interface ParsedMailedLetter extends ParsedLetter {
  cover: MailedCover;
}

const HOW = /^HOW THE IMR FINAL DETERMINATION WAS MADE:?$/i;
const ROLES = Object.entries(ADDRESSEE_LABELS) as Array<[AddresseeRole, string]>;
const COVER_ITEM = /^(\d+)\.\s+(.+?):\s+(Upheld|Overturned)\.\s+The requested treatment was found/;

/** The cover of a mailed letter: its lines before the determination's first section. */
function readMailedCover(text: string): MailedCover {
  const lines = letterLines(text);
  const end = lines.findIndex((l) => HOW.test(l));
  const cover = end < 0 ? lines : lines.slice(0, end);
  const addressees: MailedCover['addressees'] = [];
  let claimNumber: string | null = null;
  for (const l of cover) {
    if (l === BREAK) continue;
    const role = ROLES.find(([, label]) => l.startsWith(`${label} `));
    if (role) addressees.push({ role: role[0], name: l.slice(role[1].length + 1).trim() });
    const claim = /^Claim Number:\s*(.+)$/.exec(l);
    if (claim && claimNumber === null) claimNumber = claim[1].trim() === 'not given' ? null : claim[1].trim();
  }
  const paras = paragraphs(cover);
  const decisions = paras.flatMap((p) => {
    const m = COVER_ITEM.exec(p);
    return m ? [{ request: m[2], decision: m[3] as Decision }] : [];
  });
  const appealAt = cover.findIndex((l) => l === 'YOUR RIGHT TO APPEAL');
  const appeal = appealAt < 0 ? [] : paragraphs(cover.slice(appealAt + 1));
  const days = /no later than (\d+) days after the date this determination was served/.exec(appeal.join(' '));
  return {
    claimNumber,
    addressees,
    decisions,
    finalAndBinding: paras.some((p) => p.includes('It is final and binding on all parties unless it is appealed')),
    appealGrounds: appeal.filter((p) => /^[1-9]\.\s/.test(p)).length,
    appealDays: days ? Number(days[1]) : null,
    correction: correctionIn(cover),
  };
}

/**
 * A mailed letter read whole: the determination as the letter reader reads it, with a warning
 * when the cover's list of determinations does not match the determination's items (a cover and a
 * determination from different versions or cases).
 */
export function parseMailedLetterText(text: string, opts: ParseOptions = {}): ParsedMailedLetter {
  const parsed = parseLetterText(text, opts);
  const cover = readMailedCover(text);
  const warnings = [...parsed.warnings];
  const same =
    cover.decisions.length === parsed.letter.items.length &&
    cover.decisions.every((d, k) => d.decision === parsed.letter.items[k].decision && d.request === parsed.letter.items[k].request);
  if (!same) warnings.push('the cover\'s list of determinations does not match the determination\'s items: check that the cover belongs to this determination');
  return { ...parsed, warnings, cover };
}
