import { z } from 'zod';
import { afterNo, defineCriterion, type CriterionType, type CriterionOutcome } from './criterion.js';
import * as findings from './findings.criteria.js';
import * as course from './course.criteria.js';

const BASIC: CriterionType<unknown>[] = [
  findings.notRecommended,
  findings.requiresFinding,
  findings.forbidsFinding,
  findings.requiresPriorFailedCare,
  findings.ageRange,
  findings.injuryWithin,
  findings.injuryBeyond,
  findings.requestSpecified,
  findings.regionExcluded,
  findings.primaryProcedureCertified,
  findings.companionItemsCertified,
  findings.noOtherInClass,
  course.sessionLimit,
  course.frequencyLimit,
  course.continuationRequiresImprovement,
  course.maxUseDuration,
  course.morphineEquivalentLimit,
  course.ingredientsRecommended,
  course.rentalLimit,
] as CriterionType<unknown>[];

const byName = new Map<string, CriterionType<unknown>>(BASIC.map((t) => [t.name, t]));

const optionSchema = z.object({ type: z.string(), params: z.record(z.string(), z.unknown()).default({}) }).transform((o, ctx) => {
  const t = byName.get(o.type);
  if (!t) {
    ctx.addIssue({ code: 'custom', message: `unknown criterion type "${o.type}"` });
    return z.NEVER;
  }
  const p = t.params.safeParse(o.params);
  if (!p.success) {
    ctx.addIssue({ code: 'custom', message: `invalid params for ${o.type}: ${p.error.issues.map((i) => i.message).join('; ')}` });
    return z.NEVER;
  }
  return { type: t, params: p.data };
});

function sharedReason(unknown: readonly CriterionOutcome[]): 'request' | 'record' | 'procedure' {
  const first = unknown[0].unknownBecause ?? 'record';
  return unknown.every((o) => (o.unknownBecause ?? 'record') === first) ? first : 'record';
}

/** Met when any of its options is met (e.g. "acute phase, or documented benefit from continued use"). */
const anyOf = defineCriterion({
  name: 'anyOf',
  params: z.object({ options: z.array(optionSchema).min(2) }).strict(),
  findingKeys: (p) => p.options.flatMap((o) => o.type.findingKeys?.(o.params) ?? []),
  evaluate: (p, ctx): CriterionOutcome => {
    const outs = p.options.map((o) => o.type.evaluate(o.params, ctx));
    const met = outs.find((o) => o.status === 'met');
    if (met) return met;
    const unknown = outs.filter((o) => o.status === 'unknown');
    const status = unknown.length ? 'unknown' : 'not_met';
    return {
      status,
      finding: outs.map((o) => o.finding).join(' '),
      evidence: outs.flatMap((o) => o.evidence ?? []),
      // An option the record contradicts, or that only the request leaves open, carries through.
      ...(unknown.some((o) => o.conflicting) ? { conflicting: true } : {}),
      // One reason shared by every unknown option carries through; mixed reasons are the record's.
      ...(unknown.length ? { unknownBecause: sharedReason(unknown) } : {}),
    };
  },
});

/** Applies its nested criterion only when a finding is documented (e.g. the flare-up allowance); otherwise met. */
const whenFinding = defineCriterion({
  name: 'whenFinding',
  params: z.object({ finding: z.string(), then: optionSchema }).strict(),
  findingKeys: (p) => [p.finding, ...(p.then.type.findingKeys?.(p.then.params) ?? [])],
  evaluate: (p, ctx): CriterionOutcome => {
    const f = ctx.finding(p.finding);
    if (f.status !== 'present') return { status: 'met', finding: `Not applicable: no ${afterNo(ctx.findingLabel(p.finding))} is documented.` };
    const out = p.then.type.evaluate(p.then.params, ctx);
    return { ...out, evidence: [...f.evidence.slice(0, 1), ...(out.evidence ?? [])] };
  },
});

/** Every criterion type by name. Topic data files refer to these names in `criteria[].type`. */
export const CRITERION_TYPES: Record<string, CriterionType<unknown>> = Object.fromEntries(
  [...BASIC, anyOf as CriterionType<unknown>, whenFinding as CriterionType<unknown>].map((t) => [t.name, t]),
);
