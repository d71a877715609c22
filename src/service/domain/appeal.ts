import { ImrError } from '../../errors/imr-error.js';
import { isValidIsoDate, type IsoDate } from '../../shared/iso-date.js';
import { addCalendarDays, nextBusinessDayOnOrAfter } from './calendar.js';
import { DATE_RULES } from './deadline-rules.js';

/**
 * An appeal of an issued determination to the Workers' Compensation Appeals Board, and the board's
 * outcome (../shared/research/imr-process.md §2.12). Pure: callers pass `today`.
 *
 * - Any aggrieved party may appeal, by verified petition filed no later than 30 days after service
 *   of the determination (8 CCR 10575(c); LC 4610.6(h)); served by mail, 5 days are added (CCP
 *   1013(a), Matute v. LAUSD [S]). The service mails its determinations, so the mail extension applies.
 * - A late petition is recorded with a warning, never refused: the WCAB, not the IMRO, decides
 *   whether a petition is timely (the actual date of service may differ from the issue date), and
 *   the record of what was filed must be complete. Impossible or future dates, and dates before the
 *   determination was issued, are refused (IMR_ERR_INVALID_DATE): they cannot be what happened.
 * - The determination is set aside only on clear and convincing proof of one of the five grounds of
 *   LC 4610.6(h); grounds not stated are waived (10575(b)), so at least one is required.
 * - Outcomes: the board affirms the determination (the petition is denied), dismisses the petition
 *   (e.g. untimely or defective), or remands the dispute for a new review by a different reviewer
 *   (LC 4610.6(i); Zuniga). An outcome is recorded once.
 */

export const APPEAL_GROUND_CODES = ['excess_of_powers', 'fraud', 'conflict_of_interest', 'bias', 'plainly_erroneous_fact'] as const;
export type AppealGround = (typeof APPEAL_GROUND_CODES)[number];

export interface AppealGroundInfo {
  code: AppealGround;
  /** The paragraph of LC 4610.6(h) that states it. */
  citation: string;
  /** The ground in the statute's words (the same words the mailed letter's appeal rights list). */
  text: string;
  /** Where the research read it. */
  source: string;
}

const GROUNDS_SOURCE = 'https://www.nwcdn.com/state-news/california/defendants-may-appeal-adverse-imr-determination ; https://bradfordbarthel.com/?p=395';

/** The five grounds of LC 4610.6(h), in the statute's order [C] (imr-process.md §2.12). */
export const APPEAL_GROUNDS_CATALOGUE: readonly AppealGroundInfo[] = [
  { code: 'excess_of_powers', citation: 'LC 4610.6(h)(1)', text: 'The Administrative Director acted without or in excess of the Administrative Director\'s powers.', source: GROUNDS_SOURCE },
  { code: 'fraud', citation: 'LC 4610.6(h)(2)', text: 'The determination was procured by fraud.', source: GROUNDS_SOURCE },
  { code: 'conflict_of_interest', citation: 'LC 4610.6(h)(3)', text: 'The independent medical reviewer had a material conflict of interest in violation of Labor Code section 139.5.', source: GROUNDS_SOURCE },
  {
    code: 'bias',
    citation: 'LC 4610.6(h)(4)',
    text: 'The determination was the result of bias on the basis of race, national origin, ethnic group identification, religion, age, sex, sexual orientation, color, or disability.',
    source: GROUNDS_SOURCE,
  },
  {
    code: 'plainly_erroneous_fact',
    citation: 'LC 4610.6(h)(5)',
    text: 'The determination was the result of a plainly erroneous express or implied finding of fact, where the mistake of fact is a matter of ordinary knowledge based on the information submitted for review and not a matter of expert opinion.',
    source: `${GROUNDS_SOURCE} ; https://www.boxerlaw.com/workerscompzone/appealing-imr/`,
  },
];

export const APPEAL_OUTCOMES = ['affirmed', 'dismissed', 'remanded'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];


/** The grounds as given, checked: at least one, each one of the five, none twice. */
export function checkGrounds(grounds: readonly string[]): AppealGround[] {
  const details: { path: string; message: string }[] = [];
  if (grounds.length === 0) details.push({ path: 'body.grounds', message: `state at least one ground of LC 4610.6(h): ${APPEAL_GROUND_CODES.join(', ')}` });
  const seen = new Set<string>();
  grounds.forEach((g, k) => {
    if (!(APPEAL_GROUND_CODES as readonly string[]).includes(g)) details.push({ path: `body.grounds.${k}`, message: `is not a ground of LC 4610.6(h); use one of ${APPEAL_GROUND_CODES.join(', ')}` });
    else if (seen.has(g)) details.push({ path: `body.grounds.${k}`, message: `repeats the ground "${g}"` });
    seen.add(g);
  });
  if (details.length) {
    throw new ImrError('IMR_ERR_VALIDATION', `The appeal's grounds are invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}. Grounds not stated are waived (8 CCR 10575(b)).`, { details });
  }
  return grounds as AppealGround[];
}

/** Last day to file the petition: 30 days after service, +5 when served by mail, rolled to a business day. */
export function appealDueDate(servedOn: IsoDate, servedBy: 'mail' | 'electronic' = 'mail'): IsoDate {
  let due = addCalendarDays(servedOn, DATE_RULES.APPEAL.days);
  if (servedBy === 'mail') due = addCalendarDays(due, DATE_RULES.APPEAL_MAIL_EXTENSION.days);
  return nextBusinessDayOnOrAfter(due);
}

export interface FilingCheck {
  dueOn: IsoDate;
  late: boolean;
  /** Said with the recorded appeal when it was filed after the due date (never a refusal). */
  warning: string | null;
}

function dateProblem(path: string, message: string, fix: string): ImrError {
  return new ImrError('IMR_ERR_INVALID_DATE', `The ${path.replace(/^body\./, '')} ${message}; ${fix}`, { details: [{ path, message }] });
}

/** Checks the filing date against the determination it appeals and today; a late filing is a warning. */
export function checkFiling(input: { filedOn: string; issuedOn: IsoDate; today: IsoDate; servedBy?: 'mail' | 'electronic' }): FilingCheck {
  const { filedOn, issuedOn, today } = input;
  if (!isValidIsoDate(filedOn)) throw dateProblem('body.filedOn', 'is not a real date in YYYY-MM-DD form', 'give the date the petition was filed with the WCAB.');
  if (filedOn < issuedOn) throw dateProblem('body.filedOn', `is before the determination was issued (${issuedOn})`, 'a petition appeals an issued determination; check the year and month.');
  if (filedOn > today) throw dateProblem('body.filedOn', `is in the future (today is ${today})`, 'record an appeal once it has been filed.');
  const dueOn = appealDueDate(issuedOn, input.servedBy ?? 'mail');
  const late = filedOn > dueOn;
  return {
    dueOn,
    late,
    warning: late
      ? `The petition was filed on ${filedOn}, after the appeal period ended on ${dueOn} (30 days after service, LC 4610.6(h) and 8 CCR 10575(c), plus 5 days for service by mail). It is recorded as late; the WCAB decides whether it is timely.`
      : null,
  };
}

/** Checks the board's outcome: recorded once, dated on or after the filing and not in the future. */
export function checkOutcome(appeal: { outcome: string | null; filedOn: IsoDate }, input: { outcome: string; decidedOn: string; today: IsoDate }): AppealOutcome {
  if (appeal.outcome !== null) {
    throw new ImrError('IMR_ERR_INVALID_TRANSITION', `The board's outcome of this appeal is already recorded ("${appeal.outcome}"); an outcome is recorded once.`);
  }
  if (!(APPEAL_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new ImrError('IMR_ERR_VALIDATION', `Unknown outcome "${input.outcome}"; use one of ${APPEAL_OUTCOMES.join(', ')}.`, { details: [{ path: 'body.outcome', message: `one of ${APPEAL_OUTCOMES.join(', ')}` }] });
  }
  if (!isValidIsoDate(input.decidedOn)) throw dateProblem('body.decidedOn', 'is not a real date in YYYY-MM-DD form', "give the date of the board's order.");
  if (input.decidedOn < appeal.filedOn) throw dateProblem('body.decidedOn', `is before the petition was filed (${appeal.filedOn})`, "give the date of the board's order.");
  if (input.decidedOn > input.today) throw dateProblem('body.decidedOn', `is in the future (today is ${input.today})`, "record the outcome once the board has ruled.");
  return input.outcome as AppealOutcome;
}

/**
 * The reviewers a remand's new review must not go to: every reviewer who had any case of the
 * chain it remands (the original and earlier remands). LC 4610.6(i) asks for a different reviewer;
 * one who recused or was replaced on the original is excluded too, so the new review starts clean.
 */
export function remandExclusions(chain: ReadonlyArray<{ reviewerIds: readonly string[] }>): string[] {
  return [...new Set(chain.flatMap((c) => c.reviewerIds))];
}
