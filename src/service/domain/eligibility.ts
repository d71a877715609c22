import { ImrError } from '../../errors/imr-error.js';
import { usDate, type IsoDate } from '../../shared/iso-date.js';
import { isExpedited, normaliseRequest, workerKey, type ImrApplication } from './application.js';
import { calendarDaysBetween } from './calendar.js';
import { applicationFilingDeadline, DATE_RULES } from './deadline-rules.js';
import { blocksDuplicate, isCaseStatus, type CaseStatus } from './state-machine.js';

/**
 * Eligibility screening of an IMR application (8 CCR 9792.10.3; DWC's published ineligibility
 * reasons, http://dir.ca.gov/dwc/IMR/IMR_Updates/IMR_Updates.htm). Pure: the caller supplies today
 * and the worker's other cases. See ../shared/research/imr-process.md §1, §2.4, §2.5.
 */

export const ELIGIBILITY_RULES = {
  JURISDICTION: {
    id: 'jurisdiction-date',
    source:
      '8 CCR 9792.10.1(a) (injury on/after 2013-01-01, or UR decision on/after 2013-07-01): https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-1',
  },
  TIMELY: {
    id: 'timely-filing',
    source: `${DATE_RULES.APPLICATION_FILING.regulation} (${DATE_RULES.APPLICATION_FILING.source}); mail extension: ${DATE_RULES.APPLICATION_MAIL_EXTENSION.regulation}`,
  },
  UR_ATTACHED: {
    id: 'ur-decision-attached',
    source: 'DWC Form IMR (revised 2014-03-01) and DWC newsline: missing UR decision is ineligible from 2014-04-01; https://www.workcompacademy.com/2014/02/dwc-will-end-imr-reminder-letters-on-april-1/',
  },
  SIGNED: {
    id: 'signed-by-worker',
    source: 'DWC ineligibility reasons (no signature of the injured worker or representative): http://dir.ca.gov/dwc/IMR/IMR_Updates/IMR_Updates.htm',
  },
  NOT_DUPLICATE: {
    id: 'not-duplicate',
    source: '8 CCR 9792.10.3(a)(2) (previous application for IMR of the same disputed treatment): https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-3',
  },
  NOT_CNC: {
    id: 'not-conditionally-non-certified',
    source: 'DWC ineligibility reasons (UR invalid because conditionally non-certified): http://dir.ca.gov/dwc/IMR/IMR_Updates/IMR_Updates.htm',
  },
  LIABILITY: {
    id: 'liability-not-disputed',
    source: '8 CCR 9792.10.3 (a liability dispute defers IMR until resolved): https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-3',
  },
  EXPEDITED_CERTIFIED: {
    id: 'expedited-certified',
    source: '8 CCR 9792.10.4 (expedited review needs the treating physician\'s certification of an imminent and serious threat): https://www.dir.ca.gov/t8/9792_10_4.html',
  },
} as const;

type EligibilityRuleId = (typeof ELIGIBILITY_RULES)[keyof typeof ELIGIBILITY_RULES]['id'];

export interface EligibilityReason {
  rule: EligibilityRuleId;
  passed: boolean;
  /** What failing this rule does: makes the case ineligible, defers it, or only informs. */
  effect: 'ineligible' | 'defer' | 'info';
  message: string;
  source: string;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Not decided yet: a liability dispute must be resolved first (all other rules passed). */
  deferred: boolean;
  /** Standard unless expedited was requested with the physician's certification. */
  priority: 'Standard' | 'Expedited';
  /** Last day the application could be filed. */
  filingDueDate: IsoDate;
  reasons: EligibilityReason[];
}

export interface OtherCase {
  id: string;
  status: CaseStatus | string;
  /** workerKey() of that case's worker. */
  workerKey: string;
  /** Request text of its disputed items. */
  items: string[];
  /** Date of the UR decision it disputes; when both are known and differ, it is a different dispute. */
  urDecisionDate?: IsoDate | null;
}

export interface EligibilityContext {
  today: IsoDate;
  otherCases: OtherCase[];
  /** The case being screened, so re-screening does not find itself as a duplicate. */
  selfId?: string;
}

const IMR_INJURY_START = '2013-01-01';
const IMR_ALL_INJURIES_START = '2013-07-01';

export function checkEligibility(app: ImrApplication, context: EligibilityContext): EligibilityResult {
  if (calendarDaysBetween(context.today, app.applicationReceivedDate) > 0) {
    throw new ImrError('IMR_ERR_VALIDATION', 'The application received date is after today; correct the received date.', {
      details: [{ path: 'applicationReceivedDate', message: 'must not be in the future' }],
    });
  }
  if (calendarDaysBetween(app.urDecision.decisionDate, app.urDecision.dateServed) < 0) {
    throw new ImrError('IMR_ERR_VALIDATION', 'The UR decision was served before it was made; correct the UR decision dates.', {
      details: [{ path: 'urDecision.dateServed', message: 'must be on or after urDecision.decisionDate' }],
    });
  }
  if (calendarDaysBetween(app.urDecision.decisionDate, app.applicationReceivedDate) < 0) {
    throw new ImrError('IMR_ERR_VALIDATION', 'The application was received before the UR decision was made; correct the received date or the UR decision date.', {
      details: [{ path: 'applicationReceivedDate', message: 'must be on or after urDecision.decisionDate' }],
    });
  }

  const reasons: EligibilityReason[] = [];
  const R = ELIGIBILITY_RULES;

  // Jurisdiction (IMR exists for injuries from 2013-01-01, and for all injuries from 2013-07-01).
  const injury = app.injuredWorker.dateOfInjury;
  const byInjury = injury !== null && injury >= IMR_INJURY_START;
  const byUrDate = app.urDecision.decisionDate >= IMR_ALL_INJURIES_START;
  reasons.push({
    rule: R.JURISDICTION.id,
    passed: byInjury || byUrDate,
    effect: 'ineligible',
    message: byInjury
      ? `The injury is on or after ${usDate(IMR_INJURY_START)}: IMR applies.`
      : byUrDate
        ? `The UR decision is on or after ${usDate(IMR_ALL_INJURIES_START)}: IMR applies whatever the injury date.`
        : `IMR applies only to injuries on or after ${usDate(IMR_INJURY_START)} or UR decisions on or after ${usDate(IMR_ALL_INJURIES_START)}; this dispute goes to the WCAB instead.`,
    source: R.JURISDICTION.source,
  });

  // Timeliness.
  const filing = applicationFilingDeadline(app.urDecision.dateServed, app.urDecision.howServed);
  const late = calendarDaysBetween(filing.dueDate, app.applicationReceivedDate);
  const mailed = app.urDecision.howServed === 'mail';
  reasons.push({
    rule: R.TIMELY.id,
    passed: late <= 0,
    effect: 'ineligible',
    message:
      late <= 0
        ? `Filed by ${usDate(filing.dueDate)}, the last day (30 days after service${mailed ? ' + 5 for mail' : ''}).`
        : `Filed ${late} day${late === 1 ? '' : 's'} after ${usDate(filing.dueDate)}, the last day (30 days after service of the UR decision${mailed ? ' + 5 for mail' : ''}).`,
    source: R.TIMELY.source,
  });

  reasons.push({
    rule: R.UR_ATTACHED.id,
    passed: app.attachments.urDecisionCopy,
    effect: 'ineligible',
    message: app.attachments.urDecisionCopy
      ? 'A copy of the UR decision is attached.'
      : 'No copy of the UR decision is attached; the application must enclose it.',
    source: R.UR_ATTACHED.source,
  });

  reasons.push({
    rule: R.SIGNED.id,
    passed: app.signedByWorker,
    effect: 'ineligible',
    message: app.signedByWorker
      ? 'Signed by the injured worker or representative.'
      : 'The application is not signed by the injured worker or a representative.',
    source: R.SIGNED.source,
  });

  // Duplicates: same worker, an open or decided case, overlapping normalised items, same UR decision when known.
  const key = workerKey(app.injuredWorker);
  const mine = app.disputedItems.map((i) => normaliseRequest(i.request));
  const dupes: Array<{ caseId: string; itemNumbers: number[] }> = [];
  for (const other of context.otherCases) {
    if (other.id === context.selfId || other.workerKey !== key) continue;
    if (!isCaseStatus(other.status) || !blocksDuplicate(other.status)) continue;
    if (other.urDecisionDate && other.urDecisionDate !== app.urDecision.decisionDate) continue;
    const theirs = new Set(other.items.map(normaliseRequest));
    const itemNumbers = mine.flatMap((m, i) => (theirs.has(m) ? [i + 1] : []));
    if (itemNumbers.length) dupes.push({ caseId: other.id, itemNumbers });
  }
  reasons.push({
    rule: R.NOT_DUPLICATE.id,
    passed: dupes.length === 0,
    effect: 'ineligible',
    message: dupes.length
      ? `Duplicates an open or decided IMR: ${dupes.map((d) => `item${d.itemNumbers.length > 1 ? 's' : ''} ${d.itemNumbers.join(', ')} in case ${d.caseId}`).join('; ')}.`
      : 'No open or decided IMR of the same worker disputes the same items.',
    source: R.NOT_DUPLICATE.source,
  });

  const cnc = app.urDecision.conditionallyNonCertified;
  reasons.push({
    rule: R.NOT_CNC.id,
    passed: !cnc,
    effect: 'ineligible',
    message: cnc
      ? 'The UR decision is conditionally non-certified (requested information was not received); it is not an IMR-eligible decision.'
      : 'The UR decision is a decision on medical necessity (not conditionally non-certified).',
    source: R.NOT_CNC.source,
  });

  reasons.push({
    rule: R.LIABILITY.id,
    passed: !app.liabilityDisputed,
    effect: 'defer',
    message: app.liabilityDisputed
      ? 'The claims administrator disputes liability; IMR is deferred until the liability dispute is resolved.'
      : 'Liability is not disputed.',
    source: R.LIABILITY.source,
  });

  const expedited = isExpedited(app);
  if (app.expedited.requested) {
    reasons.push({
      rule: R.EXPEDITED_CERTIFIED.id,
      passed: expedited,
      effect: 'info',
      message: expedited
        ? 'Expedited review: the treating physician certified an imminent and serious threat to health.'
        : 'Expedited review was requested without the physician\'s certification; the review runs as standard.',
      source: R.EXPEDITED_CERTIFIED.source,
    });
  }

  const blocking = reasons.filter((r) => !r.passed && r.effect === 'ineligible');
  const deferring = reasons.filter((r) => !r.passed && r.effect === 'defer');
  return {
    eligible: blocking.length === 0 && deferring.length === 0,
    deferred: blocking.length === 0 && deferring.length > 0,
    priority: expedited ? 'Expedited' : 'Standard',
    filingDueDate: filing.dueDate,
    reasons,
  };
}
