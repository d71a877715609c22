import type { Block } from '../../letters/render/layout.js';
import { renderBlocksPdf } from '../../letters/render/pdf.js';
import { ineligibilityIntro, usDate, type IneligibilityNotice } from '../domain/ineligibility-notice.js';

/**
 * The notice of ineligibility as a PDF, drawn by the letters' PDF writer (the mailed letter's
 * renderer), so the parties receive it the way they receive a determination: the same words as the
 * notice's text and HTML, in the same order. Pure apart from the PDF library.
 */
function layoutIneligibilityNotice(n: IneligibilityNotice): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', text: n.title.toUpperCase() },
    {
      kind: 'lines',
      lines: [
        { label: 'From:', text: n.organization },
        { label: 'Case number:', text: n.caseNumber },
        ...(n.claimNumber ? [{ label: 'Claim number:', text: n.claimNumber }] : []),
        { label: 'Date of notice:', text: usDate(n.issuedOn) },
      ],
    },
    { kind: 'lines', lines: [{ label: 'To:', text: '' }, ...n.recipients.map((r) => ({ label: `${r.role}:`, text: r.name }))] },
    { kind: 'paragraph', text: ineligibilityIntro(n) },
    { kind: 'heading', text: 'DISPUTED TREATMENT' },
    ...n.disputedItems.map((d, i): Block => ({ kind: 'entry', text: `${i + 1}. ${d}` })),
    { kind: 'heading', text: 'WHY THE APPLICATION IS INELIGIBLE' },
    ...n.reasons.flatMap((r, i): Block[] => [
      { kind: 'paragraph', text: `${i + 1}. ${r.message}` },
      { kind: 'labelled', label: 'Source:', text: r.source },
    ]),
    { kind: 'heading', text: 'YOUR RIGHT TO APPEAL' },
    { kind: 'paragraph', text: n.appeal.text },
    { kind: 'labelled', label: 'Source:', text: n.appeal.source },
  ];
  return blocks;
}

/**
 * The PDF; `issuedAt` fixes its creation date, so the same notice always yields the same bytes.
 * Its title names the case number only, never a person.
 */
export function renderIneligibilityNoticePdf(n: IneligibilityNotice, issuedAt: Date): Promise<Uint8Array> {
  return renderBlocksPdf(layoutIneligibilityNotice(n), { title: `${n.title}: ${n.caseNumber}`, subject: 'Independent Medical Review: notice of ineligibility' }, { creationDate: issuedAt });
}
