import type { IsoDate } from '../../shared/iso-date.js';
import { isExpedited, isFormularyDispute, type ImrApplication, type UrServiceMethod } from './application.js';
import { addBusinessDays, addCalendarDays, businessDaysBetween, calendarDaysBetween, nextBusinessDayOnOrAfter } from './calendar.js';

/**
 * Every date rule of the review service, in one place, with its source and how sure we are of it.
 * Confidence tags follow ../shared/research/imr-process.md §0:
 *   C = read in the statute/regulation or a DWC page; S = secondary source; U = not in the research
 *   (general California law applied by us; verify before relying on it).
 * Day counting: the start day is not counted (CCP 12); "business" days skip weekends and the state
 * holidays in calendar.ts.
 */

type DayBasis = 'business' | 'calendar';
type Confidence = 'C' | 'S' | 'U';

export interface DateRule {
  id: string;
  /** What the rule sets, in a sentence. */
  summary: string;
  days: number;
  basis: DayBasis;
  /** Regulation or statute, by number and content. */
  regulation: string;
  /** Where we read it (address), for the audit trail. */
  source: string;
  confidence: Confidence;
}

const REG_9792_10_1 =
  'https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-1';
const AVILA =
  'https://www.lexisnexis.com/LegalNewsRoom/workers-compensation/b/recent-cases-news-trends-developments/posts/california-ur-imr-process-form-over-substance';
const REG_9792_10_3 =
  'https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-3';
const REG_9792_10_4 = 'https://www.dir.ca.gov/t8/9792_10_4.html';
const REG_9792_10_5 =
  'https://regulations.justia.com/states/california/title-8/division-1/chapter-4-5/subchapter-1/article-5-5-1/section-9792-10-5';
const LC_4610_6 = 'https://law.onecle.com/california/labor/4610.6.html';
const EXPEDITED_SECONDARY = 'http://www.lawjoelee.com/news/2016/11/25/independent-medical-review-disputes-re-utilization-review-determinations';
const REG_10575 = 'https://www.dir.ca.gov/t8/10575.html';
const MATUTE = 'https://www.workcompacademy.com/?page_id=2646';

export const DATE_RULES = {
  APPLICATION_FILING: {
    id: 'application-filing-30-days',
    summary: 'The IMR application must be filed (received) within 30 days of service of the written UR decision.',
    days: 30,
    basis: 'calendar',
    regulation: '8 CCR 9792.10.1(b)(1); LC 4610.5(h)(1)',
    source: REG_9792_10_1,
    confidence: 'C',
  },
  APPLICATION_MAIL_EXTENSION: {
    id: 'application-mail-extension-5-days',
    summary: 'When the UR decision was served by mail the filing period is extended by 5 calendar days.',
    days: 5,
    basis: 'calendar',
    regulation: 'CCP 1013(a), applied by the WCAB in Avila (2015)',
    source: AVILA,
    confidence: 'S',
  },
  LAST_DAY_HOLIDAY: {
    id: 'last-day-holiday-roll-forward',
    summary: 'A filing period whose last day falls on a weekend or state holiday ends on the next business day.',
    days: 0,
    basis: 'business',
    regulation: 'CCP 12, 12a (general California rule for computing time)',
    source: 'https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?sectionNum=12a.&lawCode=CCP',
    confidence: 'U',
  },
  ELIGIBILITY_INFORMATION: {
    id: 'eligibility-information-5-business-days',
    summary: 'A party asked by the AD for information needed to decide eligibility answers within 5 business days.',
    days: 5,
    basis: 'business',
    regulation: '8 CCR 9792.10.3 (current text; 15 days in the older text)',
    source: REG_9792_10_3,
    confidence: 'C',
  },
  NOTICE_OF_ASSIGNMENT: {
    id: 'notice-of-assignment-1-business-day',
    summary: 'The IMRO sends the Notice of Assignment and Request for Information within one business day after the dispute is found eligible.',
    days: 1,
    basis: 'business',
    regulation: '8 CCR 9792.10.4',
    source: REG_9792_10_4,
    confidence: 'C',
  },
  RECORDS_MAILED: {
    id: 'records-15-days-mailed-notice',
    summary: 'The IMRO must receive the medical records within 15 days after the notice of assignment was mailed.',
    days: 15,
    basis: 'calendar',
    regulation: '8 CCR 9792.10.5(a)(1)',
    source: REG_9792_10_5,
    confidence: 'C',
  },
  RECORDS_ELECTRONIC: {
    id: 'records-12-days-electronic-notice',
    summary: 'The IMRO must receive the medical records within 12 days after the notice of assignment was sent electronically.',
    days: 12,
    basis: 'calendar',
    regulation: '8 CCR 9792.10.5(a)(1)',
    source: REG_9792_10_5,
    confidence: 'C',
  },
  RECORDS_EXPEDITED: {
    id: 'records-24-hours-expedited',
    summary: 'For expedited review the records are due within 24 hours of the notice (counted as 1 day).',
    days: 1,
    basis: 'calendar',
    regulation: '8 CCR 9792.10.5(a)(1)',
    source: REG_9792_10_5,
    confidence: 'C',
  },
  DETERMINATION_STANDARD: {
    id: 'determination-30-days-standard',
    summary: 'The determination issues within 30 days of receipt of the request and supporting documentation.',
    days: 30,
    basis: 'calendar',
    regulation: 'LC 4610.6(d)(1)(B)',
    source: LC_4610_6,
    confidence: 'C',
  },
  DETERMINATION_FORMULARY: {
    id: 'determination-5-working-days-formulary',
    summary: 'A drug-formulary medication dispute is decided within 5 working days of receipt of the request and documentation.',
    days: 5,
    basis: 'business',
    regulation: 'LC 4610.6(d)(1)(A)',
    source: LC_4610_6,
    confidence: 'C',
  },
  DETERMINATION_EXPEDITED: {
    id: 'determination-3-days-expedited',
    summary: 'An expedited review is decided within 3 days of receipt of the documentation.',
    days: 3,
    basis: 'calendar',
    regulation: 'LC 4610.6(d)(2) (wording not read; reported by a secondary source)',
    source: EXPEDITED_SECONDARY,
    confidence: 'S',
  },
  APPEAL: {
    id: 'appeal-30-days-after-service',
    summary: 'A petition appealing the determination is filed with the WCAB within 30 days after service of the determination.',
    days: 30,
    basis: 'calendar',
    regulation: '8 CCR 10575(c); LC 4610.6(h)',
    source: REG_10575,
    confidence: 'C',
  },
  APPEAL_MAIL_EXTENSION: {
    id: 'appeal-mail-extension-5-days',
    summary: 'When the determination is served by mail the appeal period is extended by 5 days.',
    days: 5,
    basis: 'calendar',
    regulation: 'CCP 1013(a), applied by the WCAB in Matute v. LAUSD',
    source: MATUTE,
    confidence: 'S',
  },
} as const satisfies Record<string, DateRule>;


export const DEADLINE_KINDS = [
  'application_filing',
  'eligibility_information',
  'notice_of_assignment',
  'records_due',
  'determination_due',
  'appeal_due',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Deadline {
  kind: DeadlineKind;
  dueDate: IsoDate;
  /** The main rule (DATE_RULES[...].id). */
  ruleId: string;
  /** Further rules that moved the date (mail extension, holiday roll-forward), by id. */
  adjustments: string[];
  basis: DayBasis;
  /** Regulation or statute of the main rule. */
  regulation: string;
  source: string;
  confidence: Confidence;
  /** The date the count started from. */
  fromDate: IsoDate;
  /**
   * True when the start date is itself only a due date (the event has not happened yet), e.g. the
   * determination counted from the day records are due because they have not arrived.
   */
  provisional: boolean;
}

/** What the deadlines depend on: the application plus the case's progress so far. */
export interface CaseFacts {
  urDecisionServedDate: IsoDate;
  urServiceMethod: UrServiceMethod;
  applicationReceivedDate: IsoDate;
  expedited: boolean;
  formularyDispute: boolean;
  /** The AD asked a party for information needed to decide eligibility. */
  informationRequestedDate?: IsoDate | null;
  /** The dispute was found eligible (starts the notice-of-assignment day). */
  eligibleDate?: IsoDate | null;
  /** The notice of assignment (NOARFI) went out, and how. */
  noticeDate?: IsoDate | null;
  noticeMethod?: 'mail' | 'electronic' | null;
  /** The IMRO received the medical records (the request's supporting documentation). */
  recordsReceivedDate?: IsoDate | null;
  /** The final determination letter was served, and how (mail by default). */
  letterServedDate?: IsoDate | null;
  letterServiceMethod?: 'mail' | 'electronic' | null;
}

/** Facts from an application, with the progress dates the store keeps. */
export function caseFactsFromApplication(app: ImrApplication, progress: Partial<CaseFacts> = {}): CaseFacts {
  return {
    urDecisionServedDate: app.urDecision.dateServed,
    urServiceMethod: app.urDecision.howServed,
    applicationReceivedDate: app.applicationReceivedDate,
    expedited: isExpedited(app),
    formularyDispute: isFormularyDispute(app),
    ...progress,
  };
}

function make(
  kind: DeadlineKind,
  rule: DateRule,
  fromDate: IsoDate,
  dueDate: IsoDate,
  provisional: boolean,
  adjustments: string[] = [],
): Deadline {
  return {
    kind,
    dueDate,
    ruleId: rule.id,
    adjustments,
    basis: rule.basis,
    regulation: rule.regulation,
    source: rule.source,
    confidence: rule.confidence,
    fromDate,
    provisional,
  };
}

function count(rule: DateRule, from: IsoDate): IsoDate {
  return rule.basis === 'business' ? addBusinessDays(from, rule.days) : addCalendarDays(from, rule.days);
}

/** Last day to file the IMR application (30 days, +5 when the UR decision was mailed, rolled to a business day). */
export function applicationFilingDeadline(servedDate: IsoDate, howServed: UrServiceMethod): Deadline {
  const adjustments: string[] = [];
  let due = count(DATE_RULES.APPLICATION_FILING, servedDate);
  if (howServed === 'mail') {
    due = addCalendarDays(due, DATE_RULES.APPLICATION_MAIL_EXTENSION.days);
    adjustments.push(DATE_RULES.APPLICATION_MAIL_EXTENSION.id);
  }
  const rolled = nextBusinessDayOnOrAfter(due);
  if (rolled !== due) adjustments.push(DATE_RULES.LAST_DAY_HOLIDAY.id);
  return make('application_filing', DATE_RULES.APPLICATION_FILING, servedDate, rolled, false, adjustments);
}

/**
 * Every deadline that can be computed from the facts so far. Later deadlines whose start event has
 * not happened yet are computed from the earlier deadline and marked provisional; nothing is
 * computed past an event that cannot be predicted (eligibility not yet found).
 */
export function computeDeadlines(facts: CaseFacts): Deadline[] {
  const out: Deadline[] = [applicationFilingDeadline(facts.urDecisionServedDate, facts.urServiceMethod)];

  if (facts.informationRequestedDate) {
    const r = DATE_RULES.ELIGIBILITY_INFORMATION;
    out.push(make('eligibility_information', r, facts.informationRequestedDate, count(r, facts.informationRequestedDate), false));
  }

  if (!facts.eligibleDate) return out;

  const noticeRule = DATE_RULES.NOTICE_OF_ASSIGNMENT;
  const noticeDue = make('notice_of_assignment', noticeRule, facts.eligibleDate, count(noticeRule, facts.eligibleDate), false);
  out.push(noticeDue);

  const noticeDate = facts.noticeDate ?? noticeDue.dueDate;
  const noticeProvisional = !facts.noticeDate;
  const recordsRule = facts.expedited
    ? DATE_RULES.RECORDS_EXPEDITED
    : facts.noticeMethod === 'electronic'
      ? DATE_RULES.RECORDS_ELECTRONIC
      : DATE_RULES.RECORDS_MAILED;
  const recordsDue = make('records_due', recordsRule, noticeDate, count(recordsRule, noticeDate), noticeProvisional);
  out.push(recordsDue);

  const detFrom = facts.recordsReceivedDate ?? recordsDue.dueDate;
  const detProvisional = !facts.recordsReceivedDate;
  const detRule = facts.expedited
    ? DATE_RULES.DETERMINATION_EXPEDITED
    : facts.formularyDispute
      ? DATE_RULES.DETERMINATION_FORMULARY
      : DATE_RULES.DETERMINATION_STANDARD;
  out.push(make('determination_due', detRule, detFrom, count(detRule, detFrom), detProvisional));

  if (facts.letterServedDate) {
    const adjustments: string[] = [];
    let due = count(DATE_RULES.APPEAL, facts.letterServedDate);
    if ((facts.letterServiceMethod ?? 'mail') === 'mail') {
      due = addCalendarDays(due, DATE_RULES.APPEAL_MAIL_EXTENSION.days);
      adjustments.push(DATE_RULES.APPEAL_MAIL_EXTENSION.id);
    }
    const rolled = nextBusinessDayOnOrAfter(due);
    if (rolled !== due) adjustments.push(DATE_RULES.LAST_DAY_HOLIDAY.id);
    out.push(make('appeal_due', DATE_RULES.APPEAL, facts.letterServedDate, rolled, false, adjustments));
  }
  return out;
}

export interface DeadlineStatus {
  /** Calendar days from today to the due date (0 = due today, negative = overdue). */
  daysLeft: number;
  /** Business days from today to the due date (negative when overdue). */
  businessDaysLeft: number;
  /** Past due without being met (or met after the due date when `completedOn` is given). */
  late: boolean;
  /** Met (completedOn given). */
  met: boolean;
}

/**
 * Where a deadline stands on `today`. Pass `completedOn` when the act happened, to tell whether it
 * was met in time.
 */
export function deadlineStatus(deadline: Pick<Deadline, 'dueDate'>, today: IsoDate, completedOn?: IsoDate | null): DeadlineStatus {
  const daysLeft = calendarDaysBetween(today, deadline.dueDate);
  const businessDaysLeft = businessDaysBetween(today, deadline.dueDate);
  if (completedOn) return { daysLeft, businessDaysLeft, late: calendarDaysBetween(deadline.dueDate, completedOn) > 0, met: true };
  return { daysLeft, businessDaysLeft, late: today > deadline.dueDate, met: false };
}
