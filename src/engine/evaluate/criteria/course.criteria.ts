import { z } from 'zod';
import { afterNo, daysBetween, defineCriterion, type CriterionContext } from './criterion.js';
import type { Evidence } from '../types.js';
import { findDates } from '../../facts/dates.js';
import { MEDICATION_CATEGORY_LIST, SESSION_THERAPY_CATEGORIES } from '../../request/normalised-request.js';

/** "8 visits", "1 visit". */
function visits(n: number, unit = 'visit'): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * What the guideline supports, in the letters' words: "a course of 10 visits", "a trial of 6 visits",
 * "a single visit", else the number with the limit's name ("4 visits (the 3-4 visit trial)").
 */
function supported(max: number, label: string): string {
  const m = /^the (\d+)-(visit|session|treatment) (course|trial|total|limit)$/.exec(label);
  if (m && Number(m[1]) === max) return m[3] === 'limit' ? visits(max, m[2]) : `a ${m[3]} of ${visits(max, m[2])}`;
  if (label === 'the guideline limit') return visits(max);
  if (/^a single\b/.test(label)) return label;
  return `${visits(max)} (${label})`;
}

/**
 * The sessions a request asks for, as a range where its frequency is a range ("1-2 times a week for
 * 6 weeks" = 6 to 12): the guideline limit is judged at both ends, never at the upper bound alone.
 */
function requestedSessions(ctx: CriterionContext, assumeWhenUnstated: number | null): { min: number; max: number } | null {
  const r = ctx.request;
  const n = r.sessions ?? assumeWhenUnstated;
  if (n === null) return null;
  const f = r.frequency;
  if (r.sessions !== null && r.sessionsBasis === 'frequency_x_duration' && f && f.timesPerWeekMax !== null && f.weeks)
    return { min: Math.min(n, f.timesPerWeek * f.weeks), max: n };
  return { min: n, max: n };
}

/** Requested sessions (and, with `includePrior`, sessions already completed) must not exceed `max`. */
export const sessionLimit = defineCriterion({
  name: 'sessionLimit',
  params: z
    .object({
      max: z.number().int().positive(),
      /** Where prior sessions are documented, add them to the request. */
      includePrior: z.boolean().default(false),
      /** What the limit is, for the explanation ("the 6-visit trial"). */
      label: z.string().default('the guideline limit'),
      /** Only applies to initial requests (no prior course): the trial size. */
      initialOnly: z.boolean().default(false),
      /** The count to assume where the request states none (1 for a visit or an evaluation). */
      assumeWhenUnstated: z.number().int().positive().optional(),
    })
    .strict(),
  evaluate: (p, ctx) => {
    const prior = priorCourse(ctx);
    if (p.initialOnly && prior.prior) return { status: 'not_applicable', finding: 'This is not an initial course, so the limit on a trial does not apply.' };
    const asked = requestedSessions(ctx, p.assumeWhenUnstated ?? null);
    if (asked === null) return { status: 'unknown', unknownBecause: 'request', finding: `The request does not state the number of visits; the guideline supports ${supported(p.max, p.label)}.` };
    const completed = p.includePrior ? prior.completed ?? 0 : 0;
    const range = asked.min === asked.max ? visits(asked.max) : `${asked.min} to ${asked.max} visits`;
    const requested = `${range} ${asked.max === 1 && asked.min === 1 ? 'is' : 'are'} requested`;
    const withPrior = completed ? ` after ${visits(completed)} already completed (${asked.min === asked.max ? asked.max + completed : `${asked.min + completed} to ${asked.max + completed}`} in all)` : '';
    const limit = `the guideline supports ${supported(p.max, p.label)}`;
    if (asked.max + completed <= p.max) return { status: 'met', finding: `${requested}${withPrior}; ${limit}, so the request is within it.`, evidence: prior.evidence };
    if (asked.min + completed > p.max) return { status: 'not_met', finding: `${requested}${withPrior}; ${limit}, so the request exceeds it.`, evidence: prior.evidence };
    return { status: 'unknown', unknownBecause: 'request', finding: `${requested}${withPrior}; ${limit}, which the lower end of the range meets and the upper end exceeds.`, evidence: prior.evidence };
  },
});

/** The number requested per week must not exceed `max` (a range is judged at both ends). */
export const frequencyLimit = defineCriterion({
  name: 'frequencyLimit',
  params: z.object({ maxPerWeek: z.number().positive() }).strict(),
  evaluate: (p, ctx) => {
    const f = ctx.request.frequency;
    if (!f) return { status: 'met', finding: 'No weekly frequency beyond the guideline is requested.' };
    const lo = f.timesPerWeek;
    const hi = f.timesPerWeekMax ?? f.timesPerWeek;
    const asked = lo === hi ? `${hi} visits a week are requested` : `${lo} to ${hi} visits a week are requested`;
    if (hi <= p.maxPerWeek) return { status: 'met', finding: `${asked}, within the ${p.maxPerWeek} a week the guideline supports.` };
    if (lo > p.maxPerWeek) return { status: 'not_met', finding: `${asked}, more than the ${p.maxPerWeek} a week the guideline supports.` };
    return { status: 'unknown', unknownBecause: 'request', finding: `${asked}; the guideline supports ${p.maxPerWeek} a week, which the lower end meets and the upper end exceeds.` };
  },
});

/**
 * Continuing a treatment already given (an "additional" request, sessions completed, a drug in use)
 * requires documented objective functional improvement (8 CCR 9792.20). An initial trial meets it.
 */
export const continuationRequiresImprovement = defineCriterion({
  name: 'continuationRequiresImprovement',
  params: z
    .object({
      finding: z.string().default('functional_improvement'),
      /** Only requests that say they are additional count as continuing (e.g. after surgery, earlier therapy does not count). */
      onlyWhenAdditional: z.boolean().default(false),
    })
    .strict(),
  findingKeys: (p) => [p.finding],
  evaluate: (p, ctx) => {
    const course = priorCourse(ctx);
    if (retrospectiveFirst(ctx, course))
      return {
        status: 'not_applicable',
        finding: `Not applicable: the request is retrospective, for the service already given${ctx.request.serviceDate ? ` on ${usDate(ctx.request.serviceDate)}` : ''}, and the record does not show it given before; what followed it is no evidence of its necessity when it was given.`,
      };
    const prior = p.onlyWhenAdditional ? { ...course, prior: ctx.request.additional } : course;
    if (!prior.prior) return { status: 'not_applicable', finding: 'No prior course of this treatment is documented, so this is an initial trial.' };
    const what = ctx.authorized
      ? 'Part of the request was already authorized as a trial, and its outcome is not yet known'
      : prior.completed
        ? `${visits(prior.completed, 'prior session')} of this treatment are documented`
        : 'The treatment has already been given';
    if (ctx.authorized) return { status: 'not_met', finding: `${what}; functional improvement from the authorized sessions must be documented before more are supported.`, evidence: prior.evidence };
    const fi = ctx.finding(p.finding);
    if (fi.status === 'present') return { status: 'met', finding: `${what}, and the record documents ${ctx.findingLabel(p.finding)} from it.`, evidence: [...prior.evidence, ...fi.evidence] };
    if (fi.status === 'conflicting')
      return { status: 'unknown', unknownBecause: 'record', conflicting: true, finding: `${what}; the record both documents ${ctx.findingLabel(p.finding)} and states there was none.`, evidence: [...prior.evidence, ...fi.evidence, ...(fi.contrary ?? [])] };
    if (fi.status === 'absent') return { status: 'not_met', finding: `${what}, and the record states there was no ${afterNo(ctx.findingLabel(p.finding))}.`, evidence: [...prior.evidence, ...fi.evidence] };
    return { status: 'not_met', finding: `${what}, but the record does not document ${ctx.findingLabel(p.finding)} from ${prior.completed ? 'them' : 'it'}.`, evidence: prior.evidence };
  },
});

/** "a, b and c". */
function orAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An ISO date as the letters write it (MM/DD/YYYY). */
function usDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/** A span of days in words: "18 days", "about 5 weeks", "about 4 months". */
function elapsed(days: number): string {
  if (days < 28) return `${days} days`;
  if (days < 60) return `about ${Math.round(days / 7)} weeks`;
  return `about ${Math.round(days / 30.4)} months`;
}

/** A medication's use (documented prior use, or the supply requested) must not exceed `days`. */
export const maxUseDuration = defineCriterion({
  name: 'maxUseDuration',
  params: z.object({ days: z.number().int().positive(), assumedDosesPerDay: z.number().positive().default(2) }).strict(),
  evaluate: (p, ctx) => {
    const prior = priorCourse(ctx);
    if (prior.prior) {
      const since = prior.since;
      const span = since ? daysBetween(since, ctx.asOf) : null;
      if (span !== null && span > p.days)
        return { status: 'not_met', finding: `The record shows the medication in use since at least ${usDate(since!)} (${elapsed(span)}); the guideline supports a short course of no more than ${p.days} days, so the request continues it beyond that course.`, evidence: prior.evidence };
      return { status: 'not_met', finding: `The record shows the medication already in use; the guideline supports a short course of no more than ${p.days} days, so the request continues it beyond that course.`, evidence: prior.evidence };
    }
    const d = ctx.request.drug;
    const supply = d?.daysSupply ?? (ctx.request.quantity !== null ? Math.ceil(ctx.request.quantity / (d?.dosesPerDayMax ?? p.assumedDosesPerDay)) : null);
    if (supply === null) return { status: 'unknown', finding: 'The quantity requested is not stated.', unknownBecause: 'request' };
    return supply <= p.days
      ? { status: 'met', finding: `The quantity requested is about ${supply} days' supply, within the ${p.days} days the guideline supports.` }
      : { status: 'not_met', finding: `The quantity requested is about ${supply} days' supply; the guideline supports ${p.days} days, so the request exceeds it.` };
  },
});

/** The daily morphine-equivalent dose of the requested opioid must not exceed `max` mg. */
export const morphineEquivalentLimit = defineCriterion({
  name: 'morphineEquivalentLimit',
  params: z.object({ max: z.number().positive(), factors: z.record(z.string(), z.number().positive()) }).strict(),
  evaluate: (p, ctx) => {
    const d = ctx.request.drug;
    const factor = d ? Object.entries(p.factors).find(([g]) => d.generic.startsWith(g))?.[1] : undefined;
    // The total daily dose prescribed (CPMTG p. 86): units a day at most as written ("1-2 tablets every
    // 6 hours" = 8), else the quantity over the days' supply ("#60, 30 days").
    const perDay = d?.unitsPerDayMax ?? (d && d.daysSupply && ctx.request.quantity !== null ? ctx.request.quantity / d.daysSupply : null);
    if (!d || d.strengthMg === null || perDay === null || factor === undefined)
      return { status: 'unknown', finding: 'The daily dose cannot be computed from the request.', unknownBecause: 'request' };
    const med = Math.round(d.strengthMg * perDay * factor);
    return med <= p.max
      ? { status: 'met', finding: `The dose requested is ${med} mg morphine equivalents a day, within the ${p.max} mg the guideline supports.` }
      : { status: 'not_met', finding: `The dose requested is ${med} mg morphine equivalents a day, above the ${p.max} mg the guideline supports.` };
  },
});

const wordRegexes = new Map<string, RegExp>();
/** `new RegExp(\`\\b${word}\\b\`, 'i')`, made once per word (the guideline's ingredient names). */
function wordRegex(word: string): RegExp {
  let re = wordRegexes.get(word);
  if (!re) wordRegexes.set(word, (re = new RegExp(`\\b${word}\\b`, 'i')));
  return re;
}

/** Every active ingredient must be recommended: any not-recommended one makes the product not recommended. */
export const ingredientsRecommended = defineCriterion({
  name: 'ingredientsRecommended',
  params: z.object({ notRecommended: z.array(z.string()).min(1), notRecommendedClasses: z.array(z.string()).default([]) }).strict(),
  evaluate: (p, ctx) => {
    const d = ctx.request.drug;
    const text = ctx.request.cleaned.toLowerCase();
    const bad = new Set<string>();
    for (const ing of d?.ingredients ?? []) {
      if (p.notRecommended.includes(ing.generic) || p.notRecommendedClasses.includes(ing.drugClass)) bad.add(ing.generic);
    }
    for (const n of p.notRecommended) if (wordRegex(n).test(text)) bad.add(n);
    if (d?.compounded && (d.ingredients.length > 1 || /compound/i.test(text)) && bad.size === 0 && p.notRecommended.includes('compound')) bad.add('compounded product');
    if (bad.size) return { status: 'not_met', finding: `The product contains ${orAnd([...bad])}, which the guideline does not recommend in this form; a product with one ingredient that is not recommended is not recommended.` };
    if (!d || d.ingredients.length === 0) return { status: 'unknown', finding: 'The ingredients of the product are not stated.' };
    return { status: 'met', finding: `The product's ingredients (${orAnd(d.ingredients.map((i) => i.generic))}) are each recommended in this form.` };
  },
});

export interface PriorCourse {
  prior: boolean;
  completed: number | null;
  since: string | null;
  evidence: Evidence[];
  /** Every mention of the treatment found (evidence holds the first three). */
  mentions: Evidence[];
}

/**
 * A retrospective request for one service asks whether that service was medically necessary when it
 * was given, on its date of service. A continuation rule is written for a repeat: CPMTG p. 46 (ESIs),
 * criterion 7, "In the therapeutic phase, repeat blocks should be based on continued objective
 * documented pain and functional improvement, including at least 50% pain relief with associated
 * reduction of medication use for six to eight weeks" (the same for trigger point, joint and
 * sacroiliac injections and every course continued on documented functional improvement, 8 CCR
 * 9792.20): the improvement judged is the earlier treatment's, documented before the next is given.
 * The outcome of the very service under review, recorded after its date of service, says nothing of
 * whether it was necessary when given; so the rule applies only where the record shows the same
 * service given before that date (or the request itself calls it a repeat). True where it does not.
 *
 * One service: not a medication (a retrospective dispensing continues a drug's use, judged as such),
 * and not a course of several therapy sessions. Without a date of service in the request, the service
 * under review is taken to be the latest the record dates (a retrospective request follows the
 * service it asks about): an earlier dated mention shows a repeat.
 */
function retrospectiveFirst(ctx: CriterionContext, prior: PriorCourse): boolean {
  const r = ctx.request;
  if (!r.retrospective || r.additional) return false;
  if ((MEDICATION_CATEGORY_LIST as readonly string[]).includes(r.category)) return false;
  if ((SESSION_THERAPY_CATEGORIES as readonly string[]).includes(r.category) && r.sessions !== null && r.sessions > 1) return false;
  return !givenBefore(prior.mentions, r.serviceDate, ctx.asOf);
}

/** YYYY-MM-DD from a document's name ("PR-2 2016-11-30", "Progress note 11/30/2016"), or null. */
function nameDate(source: string): string | null {
  const d = findDates(source).find((x) => x.precision === 'day');
  return d ? d.value : null;
}

/**
 * Whether the mentions date an administration of the treatment before `serviceDate`: a sentence
 * dated before it (a date to the day or the month), not one that also gives the date of service
 * itself (that sentence is about the service under review), else the sentence's document dated
 * before it. Without a date of service, two distinct such dates up to `asOf` (the later is the one
 * under review).
 */
function givenBefore(mentions: readonly Evidence[], serviceDate: string | null, asOf: string): boolean {
  const dates = new Set<string>();
  for (const e of mentions) {
    const found = findDates(e.quote).filter((d) => d.precision !== 'year');
    if (serviceDate && found.some((d) => d.value === serviceDate)) continue;
    const own = found.map((d) => d.value);
    const ds = own.length ? own : [nameDate(e.source)].filter((d): d is string => d !== null);
    for (const d of ds) if (d <= asOf) dates.add(d);
  }
  // a month alone is the same date as a day of that month
  if (serviceDate === null) return [...dates].filter((d) => d.length > 7 || ![...dates].some((x) => x.length > 7 && x.startsWith(d))).length >= 2;
  return [...dates].some((d) => (d.length === 7 ? d < serviceDate.slice(0, 7) : d < serviceDate));
}

/** Whether this treatment was given before: an "additional" request or mentions of it in the record. */
function priorCourse(ctx: CriterionContext): PriorCourse {
  const ev = ctx.mentions(ctx.topicTerms).filter((e) => !PLAN_WORDS.test(e.quote));
  let completed: number | null = null;
  for (const t of ctx.priorTreatments(ctx.topicCategories)) {
    if (t.sessions !== null) completed = Math.max(completed ?? 0, t.sessions);
    if (!ev.some((e) => e.start <= t.evidence.start && t.evidence.end <= e.end)) ev.push(t.evidence);
  }
  let since: string | null = null;
  for (const m of ctx.medications()) {
    if (m.negated || !ctx.topicCategories.includes(m.drugClass) || PLAN_WORDS.test(m.evidence.quote)) continue;
    if (!ev.some((e) => e.start <= m.evidence.start && m.evidence.end <= e.end)) ev.push(m.evidence);
    const iso = m.since && /^\d{4}-\d{2}-\d{2}$/.test(m.since) ? m.since : m.since && /^\d{4}-\d{2}$/.test(m.since) ? `${m.since}-01` : null;
    if (iso && iso <= ctx.asOf && (since === null || iso < since)) since = iso;
  }
  for (const e of ev) {
    const m = /\b(\d{1,2})\s+(?:prior\s+|previous\s+|completed\s+)?(?:sessions?|visits?|treatments?)\b/i.exec(e.quote);
    if (m) completed = Math.max(completed ?? 0, Number(m[1]));
    for (const d of e.quote.matchAll(DATE_RE)) {
      const iso = toIso(d[1], d[2], d[3]);
      if (iso && iso <= ctx.asOf && (since === null || iso < since)) since = iso;
    }
  }
  const auth = ctx.authorized;
  const authorizedUnits = auth ? auth.sessions ?? auth.quantity ?? 0 : 0;
  if (authorizedUnits > 0) completed = (completed ?? 0) + authorizedUnits;
  return { prior: ctx.request.additional || ev.length > 0 || auth !== null, completed, since, evidence: ev.slice(0, 3), mentions: ev };
}

/** A plan, a request or its review: the treatment it names has not been given. */
const PLAN_WORDS = /\b(request(?:ed|s)?|utilization review|UR\b|non-?certif|denied|modified|treatment plan|plan (?:is|was|included|includes)|recommend(?:ed|s)?|will\b|would\b|pending|authori[sz]|propos(?:e|es|ed|ing|al)|asks? for|asking for|would like|wishes to|to (?:start|begin|try|undergo))/i;
const DATE_RE = /\b(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})\b/g;

function toIso(m: string, d: string, y: string): string | null {
  let year = Number(y);
  if (y.length === 2) year += year > 50 ? 1900 : 2000;
  const mo = Number(m);
  const da = Number(d);
  if (mo < 1 || mo > 12 || da < 1 || da > 31) return null;
  return `${year}-${String(mo).padStart(2, '0')}-${String(da).padStart(2, '0')}`;
}

/** A rental or service period (e.g. "30 day rental") must not exceed `maxDays`. */
export const rentalLimit = defineCriterion({
  name: 'rentalLimit',
  params: z.object({ maxDays: z.number().int().positive() }).strict(),
  evaluate: (p, ctx) => {
    const d = ctx.request.durationDays;
    if (d === null) return { status: 'unknown', unknownBecause: 'request', finding: `The request does not state the rental period; the guideline supports ${p.maxDays} days.` };
    return d <= p.maxDays
      ? { status: 'met', finding: `A ${d}-day period is requested, within the ${p.maxDays} days the guideline supports.` }
      : { status: 'not_met', finding: `A ${d}-day period is requested; the guideline supports ${p.maxDays} days, so the request exceeds it.` };
  },
});
