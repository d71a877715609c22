import type { Decision } from '../model.js';
import { ADDRESSEE_LABELS, type MailedLetter } from '../mailed-model.js';
import { type Block, correctionBlocks, layoutLetter, letterOrganization } from './layout.js';

/**
 * The mailed determination as blocks: the cover (letterhead, correction head, date, addressees,
 * claim and case numbers, each item's determination in plain words, final and binding, appeal
 * rights) and then the determination letter itself, which the reader reads as it reads a
 * published letter. Drawn by the same text, HTML and PDF renderers as the published letter.
 * Sources: ../shared/research/imr-process.md §2.11 (contents, recipients), §2.12 (implementation,
 * appeal), §3.3 (the reviewer stays anonymous).
 */

const MAILED_HEADINGS = {
  title: 'INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION',
  appeal: 'YOUR RIGHT TO APPEAL',
} as const;

/** What each outcome means for the worker and the claims administrator (8 CCR 9792.10.7 for "Overturned"). */
const DECISION_MEANINGS: Record<Decision, string> = {
  Upheld:
    'The requested treatment was found not medically necessary. The utilization review decision stands, and the claims administrator is not required to authorize this treatment.',
  Overturned:
    'The requested treatment was found medically necessary. The utilization review decision is reversed: the claims administrator must authorize the treatment promptly (within 5 working days if it has not been provided yet) or, if it was already provided, pay for it within 20 days of receiving this determination.',
};

const FINAL_AND_BINDING =
  'This determination is the final determination of the Administrative Director of the Division of Workers\' Compensation (Labor Code section 4610.6). It is final and binding on all parties unless it is appealed to the Workers\' Compensation Appeals Board as described below.';

/** The five grounds of LC 4610.6(h) (imr-process.md §2.12), numbered as the statute lists them. */
export const APPEAL_GROUNDS = [
  'The Administrative Director acted without or in excess of the Administrative Director\'s powers.',
  'The determination was procured by fraud.',
  'The independent medical reviewer had a material conflict of interest in violation of Labor Code section 139.5.',
  'The determination was the result of bias on the basis of race, national origin, ethnic group identification, religion, age, sex, sexual orientation, color, or disability.',
  'The determination was the result of a plainly erroneous express or implied finding of fact, where the mistake of fact is a matter of ordinary knowledge based on the information submitted for review and not a matter of expert opinion.',
] as const;

function appealParagraph(caseNumber: string | null): string {
  return (
    'Any party aggrieved by this determination may appeal it by filing a verified petition with the Workers\' Compensation Appeals Board (WCAB) ' +
    'no later than 30 days after the date this determination was served (Labor Code section 4610.6(h); California Code of Regulations, title 8, section 10575). ' +
    'The petition must be captioned "Petition Appealing Administrative Director\'s Independent Medical Review Determination", state its grounds in detail ' +
    `(grounds not stated are waived), give the ADJ number of the claim and the IMR case number${caseNumber ? ` ${caseNumber}` : ''}, and be served on the DWC IMR Unit. ` +
    'The determination is presumed correct and may be set aside only on clear and convincing evidence of one or more of these grounds:'
  );
}

const REVIEWER_CONFIDENTIAL =
  'The expert reviewer\'s name is kept confidential (Labor Code section 4610.6(f)); the reviewer\'s qualifications are stated in the determination below.';

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2024-03-21 → "March 21, 2024", the date line of a letter. */
function formatLongDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${LONG_MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}` : iso;
}

/** The cover's line for item `n`: "1. <request>: Overturned. The requested treatment was found …" */
function coverItemText(n: number, request: string, decision: Decision): string {
  return `${n}. ${request.replace(/\s+/g, ' ').trim()}: ${decision}. ${DECISION_MEANINGS[decision]}`;
}

export function layoutMailedLetter(m: MailedLetter): Block[] {
  const { mailing, determination } = m;
  const caseNumber = determination.header?.caseNumber ?? null;
  const blocks: Block[] = [{ kind: 'heading', text: mailing.letterhead.name }];
  const head = [...mailing.letterhead.lines, ...(mailing.letterhead.phone ? [`Telephone: ${mailing.letterhead.phone}`] : [])];
  if (head.length) blocks.push({ kind: 'lines', align: 'center', lines: head.map((text) => ({ label: null, text })) });
  blocks.push(...correctionBlocks(determination));
  blocks.push({ kind: 'paragraph', text: formatLongDate(mailing.date) });
  for (const a of mailing.addressees) {
    blocks.push({ kind: 'lines', lines: [{ label: ADDRESSEE_LABELS[a.role], text: a.name }, ...a.lines.map((text) => ({ label: null, text }))] });
  }
  const refs = [
    { label: 'Claim Number:', text: mailing.claimNumber ?? 'not given' },
    ...(caseNumber ? [{ label: 'IMR Case Number:', text: caseNumber }] : []),
    ...(mailing.employer ? [{ label: 'Employer:', text: mailing.employer }] : []),
  ];
  blocks.push({ kind: 'lines', lines: refs });
  blocks.push({ kind: 'heading', text: MAILED_HEADINGS.title });
  blocks.push({
    kind: 'paragraph',
    text: `${letterOrganization(determination)} has completed the Independent Medical Review of the treatment disputed in this claim. The final determination for each disputed item is stated below; the reasons for each decision follow in the determination attached to this letter.`,
  });
  determination.items.forEach((item, k) => blocks.push({ kind: 'paragraph', text: coverItemText(k + 1, item.request, item.decision) }));
  blocks.push({ kind: 'paragraph', text: FINAL_AND_BINDING });
  blocks.push({ kind: 'heading', text: MAILED_HEADINGS.appeal });
  blocks.push({ kind: 'paragraph', text: appealParagraph(caseNumber) });
  APPEAL_GROUNDS.forEach((g, k) => blocks.push({ kind: 'entry', text: `${k + 1}. ${g}` }));
  blocks.push({ kind: 'paragraph', text: REVIEWER_CONFIDENTIAL });
  // The determination itself: its correction head (if any) already stands at the top of the cover.
  blocks.push(...layoutLetter({ ...determination, correction: undefined }));
  return blocks;
}

/** The PDF title and HTML <title>: the case number, no personal names. */
export function mailedTitle(m: MailedLetter): string {
  const cn = m.determination.header?.caseNumber;
  return `IMR Final Determination${cn ? ` ${cn}` : ''}${m.determination.correction ? ' (corrected)' : ''} as mailed`;
}
