import { usDate, type IsoDate } from '../../shared/iso-date.js';
import type { ImrApplication } from './application.js';
import type { EligibilityReason } from './eligibility.js';

/**
 * The notice of ineligibility: after screening, the parties are told in writing that the dispute
 * is ineligible, with the reasons (8 CCR 9792.10.3 [C]; Maximus keeps a "Notice of Ineligibility"
 * queue [I]), imr-process.md §2.5. Each failed rule appears with its message and its source. An
 * ineligibility decision is itself an appealable determination before the WCAB (8 CCR 10575(a)),
 * filed within 30 days of service (10575(c)); §2.12. Pure: built from the case and the screening.
 */

const INELIGIBILITY_NOTICE_TITLE = 'Notice of Ineligibility for Independent Medical Review';

const INELIGIBILITY_APPEAL = {
  text:
    'An aggrieved party may appeal this determination of ineligibility to the Workers\' Compensation Appeals Board by verified petition filed no later than 30 days after service of this notice, stating the grounds in detail and the IMR case number.',
  source: '8 CCR 10575(a)-(c), formerly 10957.1; Labor Code 4610.6(h): https://www.dir.ca.gov/t8/10575.html',
} as const;

export interface IneligibilityNotice {
  kind: 'ineligibility';
  title: string;
  organization: string;
  caseNumber: string;
  issuedOn: IsoDate;
  /** Who receives it, by role (the worker, employer, claims administrator, requesting physician). */
  recipients: Array<{ role: string; name: string }>;
  claimNumber: string | null;
  applicationReceivedOn: IsoDate;
  urDecisionDate: IsoDate;
  urOrganization: string;
  disputedItems: string[];
  /** Every rule the application failed that makes it ineligible, with its source. */
  reasons: Array<{ rule: string; message: string; source: string }>;
  appeal: { text: string; source: string };
}

export function buildIneligibilityNotice(input: { caseNumber: string; application: ImrApplication; reasons: EligibilityReason[]; issuedOn: IsoDate; organization: string }): IneligibilityNotice {
  const app = input.application;
  return {
    kind: 'ineligibility',
    title: INELIGIBILITY_NOTICE_TITLE,
    organization: input.organization,
    caseNumber: input.caseNumber,
    issuedOn: input.issuedOn,
    recipients: [
      { role: 'Injured worker', name: app.injuredWorker.name },
      { role: 'Employer', name: app.employer.name },
      { role: 'Claims administrator', name: app.claimsAdministrator.name },
      { role: 'Requesting physician', name: app.requestingProvider.name },
    ],
    claimNumber: app.injuredWorker.claimNumber ?? null,
    applicationReceivedOn: app.applicationReceivedDate,
    urDecisionDate: app.urDecision.decisionDate,
    urOrganization: app.urDecision.urOrganizationName,
    disputedItems: app.disputedItems.map((i) => i.request),
    reasons: input.reasons.filter((r) => !r.passed && r.effect === 'ineligible').map((r) => ({ rule: r.rule, message: r.message, source: r.source })),
    appeal: { ...INELIGIBILITY_APPEAL },
  };
}

/** 2024-03-20 → 03/20/2024, as the letters write dates (kept here for the notice's importers). */
export { usDate };

/** The notice's opening paragraph (text, HTML and PDF say the same words). */
export function ineligibilityIntro(n: IneligibilityNotice): string {
  return `${n.organization} reviewed the application for Independent Medical Review received on ${usDate(n.applicationReceivedOn)}, which disputes the utilization review decision of ${usDate(n.urDecisionDate)} by ${n.urOrganization}. The application is not eligible for Independent Medical Review, for the reason${n.reasons.length === 1 ? '' : 's'} below. No review of medical necessity will take place.`;
}

export function renderIneligibilityNoticeText(n: IneligibilityNotice): string {
  const lines = [
    n.title.toUpperCase(),
    '',
    `${n.organization}`,
    `Case number: ${n.caseNumber}`,
    ...(n.claimNumber ? [`Claim number: ${n.claimNumber}`] : []),
    `Date of notice: ${usDate(n.issuedOn)}`,
    '',
    'To:',
    ...n.recipients.map((r) => `  ${r.role}: ${r.name}`),
    '',
    ineligibilityIntro(n),
    '',
    'Disputed treatment:',
    ...n.disputedItems.map((d, i) => `  ${i + 1}. ${d}`),
    '',
    'Why the application is ineligible:',
    ...n.reasons.flatMap((r, i) => [`  ${i + 1}. ${r.message}`, `     Source: ${r.source}`]),
    '',
    'Your right to appeal:',
    n.appeal.text,
    `Source: ${n.appeal.source}`,
    '',
  ];
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const NOTICE_STYLE = `body { margin: 0; background: #f3f3f1; color: #111; font: 12pt/1.45 "Times New Roman", Times, serif; }
main { box-sizing: border-box; max-width: 8.5in; margin: 1.5rem auto; padding: 0.9in 1in; background: #fff; }
h1 { font-size: 14pt; text-align: center; } h2 { font-size: 12pt; margin: 1.4em 0 0.5em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
.source { font-size: 10pt; color: #444; overflow-wrap: anywhere; }
`;

/** One self-contained HTML document (one inline stylesheet, no scripts); every text escaped. */
export function renderIneligibilityNoticeHtml(n: IneligibilityNotice): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(n.title)}: ${esc(n.caseNumber)}</title>`,
    `<style>${NOTICE_STYLE}</style>`,
    '</head><body><main>',
    `<h1>${esc(n.title)}</h1>`,
    '<dl>',
    `<dt>From</dt><dd>${esc(n.organization)}</dd>`,
    `<dt>Case number</dt><dd>${esc(n.caseNumber)}</dd>`,
    ...(n.claimNumber ? [`<dt>Claim number</dt><dd>${esc(n.claimNumber)}</dd>`] : []),
    `<dt>Date of notice</dt><dd>${esc(usDate(n.issuedOn))}</dd>`,
    ...n.recipients.map((r) => `<dt>${esc(r.role)}</dt><dd>${esc(r.name)}</dd>`),
    '</dl>',
    `<p>${esc(ineligibilityIntro(n))}</p>`,
    '<h2>Disputed treatment</h2>',
    `<ol>${n.disputedItems.map((d) => `<li>${esc(d)}</li>`).join('')}</ol>`,
    '<h2>Why the application is ineligible</h2>',
    `<ol>${n.reasons.map((r) => `<li><p>${esc(r.message)}</p><p class="source">Source: ${esc(r.source)}</p></li>`).join('')}</ol>`,
    '<h2>Your right to appeal</h2>',
    `<p>${esc(n.appeal.text)}</p>`,
    `<p class="source">Source: ${esc(n.appeal.source)}</p>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
