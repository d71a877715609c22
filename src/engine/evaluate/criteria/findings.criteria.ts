import { z } from 'zod';
import { uniqueEvidence } from '../evidence-list.js';
import { afterNo, daysBetween, defineCriterion, type CriterionContext, type CriterionOutcome, type FindingResult } from './criterion.js';


/** Evidence without repeats (several findings may quote the same sentence). */
const unique = uniqueEvidence;

/** Where the record both documents a finding and states its absence: unknown, for the reviewer to weigh. */
function conflictOutcome(ctx: CriterionContext, rs: { key: string; r: FindingResult }[]): CriterionOutcome | null {
  const conflicting = rs.filter((x) => x.r.status === 'conflicting');
  if (conflicting.length === 0) return null;
  return {
    status: 'unknown',
    conflicting: true,
    unknownBecause: 'record',
    finding: `The record both documents ${orList(conflicting.map((x) => ctx.findingLabel(x.key)))} and states its absence.`,
    evidence: unique(conflicting.flatMap((x) => [...x.r.evidence, ...(x.r.contrary ?? [])])),
  };
}

function combine(ctx: CriterionContext, keys: string[]): { key: string; r: FindingResult }[] {
  return keys.map((key) => ({ key, r: ctx.finding(key) }));
}

/** The guideline does not recommend the treatment: never met. */
export const notRecommended = defineCriterion({
  name: 'notRecommended',
  params: z.object({ reason: z.string().optional() }).strict(),
  evaluate: (p) => ({ status: 'not_met', finding: p.reason ?? 'The guideline does not recommend this treatment.' }),
});

/** A list in prose: "a, b or c". */
function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * At least one of the findings must be documented by evidence of an accepted kind. A stated absence
 * fails; silence is unknown (a documentation gap); both at once is a conflict for the reviewer.
 */
export const requiresFinding = defineCriterion({
  name: 'requiresFinding',
  params: z.object({ anyOf: z.array(z.string()).min(1), absentIsUnknown: z.boolean().default(false) }).strict(),
  findingKeys: (p) => p.anyOf,
  evaluate: (p, ctx) => {
    const rs = combine(ctx, p.anyOf);
    const present = rs.filter((x) => x.r.status === 'present');
    if (present.length)
      return { status: 'met', finding: `The record documents ${orList(present.map((x) => ctx.findingLabel(x.key)))}.`, evidence: unique(present.flatMap((x) => x.r.evidence)) };
    const conflict = conflictOutcome(ctx, rs);
    if (conflict) return conflict;
    // Any one finding documents the criterion: it fails only when the record states the absence of
    // every one of them; where one is absent and another not mentioned, it is not documented.
    const absent = rs.filter((x) => x.r.status === 'absent');
    if (absent.length === rs.length && !p.absentIsUnknown)
      return { status: 'not_met', finding: `The record states that there is no ${orList(absent.map((x) => afterNo(ctx.findingLabel(x.key))))}.`, evidence: unique(absent.flatMap((x) => x.r.evidence)) };
    return { status: 'unknown', unknownBecause: 'record', finding: `The record does not document ${orList(p.anyOf.map((k) => ctx.findingLabel(k)))}.`, evidence: unique(absent.flatMap((x) => x.r.evidence)) };
  },
});

/** None of the findings may be documented (e.g. radiculopathy for trigger point injections). */
export const forbidsFinding = defineCriterion({
  name: 'forbidsFinding',
  params: z.object({ anyOf: z.array(z.string()).min(1) }).strict(),
  findingKeys: (p) => p.anyOf,
  evaluate: (p, ctx) => {
    const rs = combine(ctx, p.anyOf);
    const present = rs.filter((x) => x.r.status === 'present');
    if (present.length)
      return { status: 'not_met', finding: `The record documents ${orList(present.map((x) => ctx.findingLabel(x.key)))}, for which the treatment is not indicated.`, evidence: unique(present.flatMap((x) => x.r.evidence)) };
    const conflict = conflictOutcome(ctx, rs);
    if (conflict) return conflict;
    return { status: 'met', finding: `The record does not document ${orList(p.anyOf.map((k) => ctx.findingLabel(k)))}.` };
  },
});

/** A statement that care was tried without lasting benefit ("without improvement", "despite", "pain persists"). */
const FAILURE_CUE =
  /\b(?:fail(?:ed|ure|s)?|without (?:(?:significant|lasting|much|any) )?(?:relief|improvement|benefit)|no (?:(?:significant|lasting) )?(?:relief|improvement|benefit)|did not (?:help|improve|relieve|resolve)|has not (?:helped|improved|resolved)|despite|persist(?:s|ed|ent|ing)?|refractory|(?:minimal|temporary|little|short[- ]lived) (?:relief|improvement|benefit)|unresponsive|ineffective|not (?:effective|helpful))\b/i;

/** Treatment names that stand for conservative care in general. */
const GENERIC_CARE = /\b(?:conservative|non-?operative|non-?surgical|first[- ]line)\b/i;

/**
 * The record must show that these earlier treatments were tried and failed or were insufficient
 * (a mention of the treatment alone is not its failure; time since injury is not either).
 */
export const requiresPriorFailedCare = defineCriterion({
  name: 'requiresPriorFailedCare',
  params: z.object({ treatments: z.array(z.string()).min(1), minimum: z.number().int().positive().default(1) }).strict(),
  evaluate: (p, ctx) => {
    const tried = p.treatments.map((t) => ({ t, ev: ctx.mentions([t]) })).filter((x) => x.ev.length > 0);
    const failedHere = tried.map((x) => ({ t: x.t, ev: x.ev.filter((e) => FAILURE_CUE.test(e.quote)) })).filter((x) => x.ev.length > 0);
    const failed = ctx.finding('failed_conservative_care');
    const names = p.treatments.slice(0, 4).join(', ');
    // A general statement of failed conservative care speaks for the named treatments only where the
    // guideline asks for conservative care in general; "failed TENS" needs TENS tried and failed.
    const generic = p.treatments.some((t) => GENERIC_CARE.test(t));
    if (tried.length >= p.minimum && (failedHere.length > 0 || (generic && failed.status === 'present')))
      return {
        status: 'met',
        finding: `The record documents ${orList(tried.map((x) => x.t))} without lasting benefit.`,
        evidence: unique([...failedHere.map((x) => x.ev[0]), ...(failed.status === 'present' ? failed.evidence.slice(0, 1) : []), ...tried.map((x) => x.ev[0])]).slice(0, 3),
      };
    if (generic && failed.status === 'present' && p.minimum === 1)
      return { status: 'met', finding: 'The record documents failure of conservative care.', evidence: failed.evidence };
    if (tried.length > 0)
      return { status: 'unknown', unknownBecause: 'record', finding: `The record mentions ${orList(tried.map((x) => x.t))}, but not that it failed or was insufficient.`, evidence: tried.map((x) => x.ev[0]).slice(0, 2) };
    return { status: 'unknown', unknownBecause: 'record', finding: `The record does not document a failed course of conservative care (${names}).` };
  },
});

/** The worker's age must lie in a range. */
export const ageRange = defineCriterion({
  name: 'ageRange',
  params: z.object({ min: z.number().optional(), max: z.number().optional() }).strict(),
  evaluate: (p, ctx) => {
    const age = ctx.worker.age;
    if (age === null) return { status: 'unknown', finding: 'The age is not stated.' };
    const ok = (p.min === undefined || age >= p.min) && (p.max === undefined || age <= p.max);
    return { status: ok ? 'met' : 'not_met', finding: `The worker is ${age} years old.` };
  },
});

/** The request must fall within a number of days of the injury (acute or subacute phase). */
export const injuryWithin = defineCriterion({
  name: 'injuryWithin',
  params: z.object({ days: z.number().int().positive() }).strict(),
  evaluate: (p, ctx) => {
    const inj = ctx.worker.injuryDate;
    if (!inj) return { status: 'unknown', finding: 'The date of injury is not stated.' };
    const d = daysBetween(inj, ctx.asOf);
    return d <= p.days
      ? { status: 'met', finding: `The request is ${d} days after the injury (within ${p.days}).` }
      : { status: 'not_met', finding: `The injury was ${d} days before the request, beyond the ${p.days}-day window.` };
  },
});

/** The request must say what is asked for: dose, quantity, sessions... ("dosage ... unknown" fails). */
export const requestSpecified = defineCriterion({
  name: 'requestSpecified',
  params: z.object({ fields: z.array(z.enum(['dosage', 'strength', 'frequency', 'quantity', 'duration', 'sessions', 'body_region', 'treatment'])).min(1) }).strict(),
  evaluate: (p, ctx) => {
    const missing = p.fields.filter((f) => ctx.request.unknowns.includes(f));
    if (missing.length === 0) return { status: 'met', finding: 'The request states what is asked for.' };
    return {
      status: 'not_met',
      finding: ctx.request.statedUnknown
        ? `The request itself states that the ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} unknown.`
        : `The request does not state the ${missing.join(', ')}.`,
    };
  },
});

/** The guideline does not recommend the treatment for these body regions. */
export const regionExcluded = defineCriterion({
  name: 'regionExcluded',
  params: z.object({ regions: z.array(z.string()).min(1) }).strict(),
  evaluate: (p, ctx) => {
    const hit = ctx.request.bodyRegions.filter((r) => p.regions.includes(r.region));
    if (hit.length) return { status: 'not_met', finding: `Requested for ${hit.map((r) => r.text).join(', ')}, a region for which it is not recommended.` };
    return { status: 'met', finding: 'Requested for a region where the guideline allows it.' };
  },
});

/**
 * The primary procedure of the case must be certified for its associated services to be necessary.
 * Where no procedure is in dispute, the record must show it was performed or certified: a case with
 * no surgery in dispute is not a certified surgery.
 */
export const primaryProcedureCertified = defineCriterion({
  name: 'primaryProcedureCertified',
  params: z.object({ requirePrimary: z.boolean().default(false) }).strict(),
  findingKeys: () => ['recent_surgery', 'procedure_certified'],
  evaluate: (p, ctx) => {
    const primary = ctx.primaryProcedureDecision();
    if (!primary) {
      if (p.requirePrimary) return { status: 'unknown', unknownBecause: 'record', finding: 'No procedure is in dispute in this case.' };
      const done = ctx.finding('recent_surgery');
      if (done.status === 'present') return { status: 'met', finding: 'The record shows the procedure was performed.', evidence: done.evidence };
      const certified = ctx.finding('procedure_certified');
      return certified.status === 'present'
        ? { status: 'met', finding: 'The record shows the procedure was certified, scheduled or performed.', evidence: certified.evidence }
        : { status: 'unknown', unknownBecause: 'procedure', finding: 'No procedure is in dispute, and the record does not show that one was performed or certified.' };
    }
    return primary.decision === 'Overturned'
      ? { status: 'met', finding: `The primary procedure (${primary.request}) is medically necessary.` }
      : { status: 'not_met', finding: `The primary procedure (${primary.request}) is not medically necessary, so its associated services are not either.` };
  },
});

/**
 * A treatment that is only an adjunct to others (massage to exercise) needs those others: when the
 * case also disputes one of `categories`, that item must be certified; otherwise `orFinding` must
 * be documented (e.g. a home exercise program).
 */
export const companionItemsCertified = defineCriterion({
  name: 'companionItemsCertified',
  params: z.object({ categories: z.array(z.string()).min(1), orFinding: z.string().optional() }).strict(),
  findingKeys: (p) => (p.orFinding ? [p.orFinding] : []),
  evaluate: (p, ctx) => {
    const companions = ctx.otherItemDecisions(p.categories);
    if (companions.length) {
      const ok = companions.filter((c) => c.decision === 'Overturned');
      return ok.length
        ? { status: 'met', finding: `It accompanies ${ok[0].request}, which is medically necessary.` }
        : { status: 'not_met', finding: `The treatment it would accompany (${companions[0].request}) is not medically necessary.` };
    }
    if (!p.orFinding) return { status: 'unknown', finding: 'No accompanying active treatment is documented.' };
    const f = ctx.finding(p.orFinding);
    return f.status === 'present'
      ? { status: 'met', finding: 'It accompanies an active treatment program.', evidence: f.evidence }
      : { status: 'unknown', finding: `No accompanying active treatment (${ctx.findingLabel(p.orFinding)}) is documented.` };
  },
});

/** No other drug of the same class may be in current use (adding a second NSAID is not supported). */
export const noOtherInClass = defineCriterion({
  name: 'noOtherInClass',
  params: z.object({ drugClass: z.string(), /** The class as a reviewer writes it ("NSAID"). */ label: z.string().optional() }).strict(),
  evaluate: (p, ctx) => {
    const label = p.label ?? p.drugClass.replace(/_/g, ' ');
    const generic = ctx.request.drug?.generic ?? null;
    const others = ctx.medications().filter((m) => m.drugClass === p.drugClass && !m.negated && generic !== null && !generic.includes(m.generic) && !m.generic.includes(generic));
    if (others.length === 0) return { status: 'met', finding: `No other ${label} is in use.` };
    return { status: 'not_met', finding: `Another drug of the same class (${others[0].generic}) is already in use.`, evidence: unique(others.slice(0, 2).map((m) => m.evidence)) };
  },
});

/** At least `days` must have passed since the injury (a period of observation and conservative care). */
export const injuryBeyond = defineCriterion({
  name: 'injuryBeyond',
  params: z.object({ days: z.number().int().positive() }).strict(),
  evaluate: (p, ctx) => {
    const inj = ctx.worker.injuryDate;
    if (!inj) return { status: 'unknown', finding: 'The date of injury is not stated.' };
    const d = daysBetween(inj, ctx.asOf);
    return d >= p.days
      ? { status: 'met', finding: `The request is ${d} days after the injury, past the ${p.days}-day period of observation.` }
      : { status: 'not_met', finding: `The request is only ${d} days after the injury, within the ${p.days}-day period of observation and conservative care.` };
  },
});
