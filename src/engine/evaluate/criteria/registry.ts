import { z } from 'zod';
import { uniqueEvidence } from '../evidence-list.js';
import type { BodyRegion, ElectrodiagnosticTest, ImagingModality } from '../../request/normalised-request.js';
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

/**
 * Every type by name, the composites included, so that a composite's option may itself be a composite
 * (an `allOf` among the options of an `anyOf`). Filled at the end of this module; options are only
 * parsed when topics are compiled, after that.
 */
const byName = new Map<string, CriterionType<unknown>>();

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

/** An `allOf` part's finding with its status: "X (met)." (see allOf). */
const PART = /[^.]*?\((?:met|not met|unknown|not applicable)\)\./g;

/**
 * An option's finding as the criterion shows it when no option is met: of an `allOf` option, only the
 * parts that fail (with their status), not those that hold; a finding without parts as it is.
 */
function failingParts(finding: string): string {
  const parts = finding.match(PART);
  const failing = parts?.filter((x) => /\((?:not met|unknown)\)\.$/.test(x)) ?? [];
  return failing.length ? failing.map((x) => x.trim()).join(' ') : finding;
}

/**
 * How much an option that failed tells the reviewer: one the record contradicts most, then one the
 * record states against (not met, with the statement quoted), then one with part of its evidence in
 * the record (closest to met), then one only the request leaves open; the rest (nothing documented)
 * least, the first of them being the guideline's primary criterion.
 */
function relevance(o: CriterionOutcome): number {
  const quoted = (o.evidence?.length ?? 0) > 0;
  return o.conflicting ? 4 : quoted && o.status === 'not_met' ? 3 : quoted ? 2 : o.unknownBecause === 'request' ? 1 : 0;
}

/**
 * Met when any of its options is met (e.g. "acute phase, or documented benefit from continued use").
 * Not met or unknown: the finding is the one most relevant option's, not every option's (the topic's
 * `gap` states what the record lacks across the options; the rationale says it); the evidence is all.
 */
const anyOf = defineCriterion({
  name: 'anyOf',
  params: z.object({ options: z.array(optionSchema).min(2) }).strict(),
  findingKeys: (p) => p.options.flatMap((o) => o.type.findingKeys?.(o.params) ?? []),
  evaluate: (p, ctx): CriterionOutcome => {
    const outs = p.options.map((o) => o.type.evaluate(o.params, ctx));
    // An option met by evidence is preferred to one that does not apply.
    const met = outs.find((o) => o.status === 'met') ?? outs.find((o) => o.status === 'not_applicable');
    if (met) return met;
    const unknown = outs.filter((o) => o.status === 'unknown');
    const status = unknown.length ? 'unknown' : 'not_met';
    let lead = outs[0];
    for (const o of outs) if (relevance(o) > relevance(lead)) lead = o;
    return {
      status,
      finding: failingParts(lead.finding),
      evidence: outs.flatMap((o) => o.evidence ?? []),
      // An option the record contradicts, or that only the request leaves open, carries through.
      ...(unknown.some((o) => o.conflicting) ? { conflicting: true } : {}),
      // One reason shared by every unknown option carries through; mixed reasons are the record's.
      ...(unknown.length ? { unknownBecause: sharedReason(unknown) } : {}),
    };
  },
});

const STATUS_WORDS: Record<CriterionOutcome['status'], string> = { met: 'met', not_met: 'not met', unknown: 'unknown', not_applicable: 'not applicable' };

/**
 * Met when every one of its parts is met: an indication the guideline states as several conditions
 * together ("A, over age 40, with B"). Not met when any part is not met; otherwise unknown. Each part's
 * finding is kept with its status, so the draft shows which condition held and which did not.
 */
const allOf = defineCriterion({
  name: 'allOf',
  params: z.object({ parts: z.array(optionSchema).min(2) }).strict(),
  findingKeys: (p) => p.parts.flatMap((o) => o.type.findingKeys?.(o.params) ?? []),
  evaluate: (p, ctx): CriterionOutcome => {
    const outs = p.parts.map((o) => o.type.evaluate(o.params, ctx));
    const unknown = outs.filter((o) => o.status === 'unknown');
    const status = outs.some((o) => o.status === 'not_met') ? 'not_met' : unknown.length ? 'unknown' : outs.every((o) => o.status === 'not_applicable') ? 'not_applicable' : 'met';
    return {
      status,
      finding: outs.map((o) => `${o.finding.replace(/[.\s]+$/, '')} (${STATUS_WORDS[o.status]}).`).join(' '),
      evidence: uniqueEvidence(outs.flatMap((o) => o.evidence ?? [])),
      // Only an unknown outcome carries why it is unknown; a part that fails settles the whole.
      ...(status === 'unknown' && unknown.some((o) => o.conflicting) ? { conflicting: true } : {}),
      ...(status === 'unknown' ? { unknownBecause: sharedReason(unknown) } : {}),
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
    if (f.status !== 'present') return { status: 'not_applicable', finding: `Not applicable: no ${afterNo(ctx.findingLabel(p.finding))} is documented.` };
    const out = p.then.type.evaluate(p.then.params, ctx);
    return { ...out, evidence: [...f.evidence.slice(0, 1), ...(out.evidence ?? [])] };
  },
});

// The request normaliser's vocabularies (src/engine/request/normalised-request.ts), so that a misspelt
// name in a topic is refused at load instead of never matching.
const MODALITIES = ['mri', 'ct', 'xray', 'bone_scan', 'ultrasound', 'pet', 'myelogram', 'discogram'] as const satisfies readonly ImagingModality[];
const TESTS = ['emg', 'ncv', 'ssep'] as const satisfies readonly ElectrodiagnosticTest[];
const REGIONS = [
  'head', 'cervical', 'thoracic', 'lumbar', 'sacroiliac', 'spine', 'shoulder', 'upper_arm', 'elbow', 'forearm', 'wrist', 'hand',
  'upper_extremity', 'hip', 'pelvis', 'thigh', 'knee', 'leg', 'ankle', 'foot', 'lower_extremity', 'chest', 'abdomen', 'jaw',
] as const satisfies readonly BodyRegion[];

/**
 * Applies its nested criterion only to a request of the kind it names (a guideline sentence about one
 * study of several a topic covers: "repeat MRI", "nerve conduction studies"); otherwise met. Each given
 * list must match: the imaging modality, an electrodiagnostic test the request names, a body region
 * the request names. A request whose modality or tests the normaliser could not read does not match.
 */
const whenRequest = defineCriterion({
  name: 'whenRequest',
  params: z
    .object({
      modalities: z.array(z.enum(MODALITIES)).min(1).optional(),
      tests: z.array(z.enum(TESTS)).min(1).optional(),
      regions: z.array(z.enum(REGIONS)).min(1).optional(),
      /** How the request is named in the finding ("an MRI", "a nerve conduction study"). */
      label: z.string().min(1),
      /**
       * What a request of another kind gives: `met` where the rule restricts this kind only (the default),
       * `not_met` where it is an indication for this kind only (an option of an `anyOf` that must not
       * hold for the other studies).
       */
      otherwise: z.enum(['met', 'not_met']).default('met'),
      /**
       * Applies only to a request for what is not yet done: the record of a retrospective request holds the
       * report of the requested study itself, which a rule about an earlier study must not read as one.
       */
      prospectiveOnly: z.boolean().default(false),
      then: optionSchema,
    })
    .strict()
    .refine((p) => p.modalities || p.tests || p.regions, { message: 'whenRequest needs modalities, tests or regions' }),
  findingKeys: (p) => p.then.type.findingKeys?.(p.then.params) ?? [],
  evaluate: (p, ctx): CriterionOutcome => {
    const r = ctx.request;
    const modality = r.imaging?.modality ?? null;
    const tests = r.electrodiagnostic?.tests ?? [];
    const applies =
      (!p.modalities || (modality !== null && (p.modalities as readonly string[]).includes(modality))) &&
      (!p.tests || tests.some((t) => (p.tests as readonly string[]).includes(t))) &&
      (!p.regions || r.bodyRegions.some((b) => (p.regions as readonly string[]).includes(b.region)));
    if (applies && p.prospectiveOnly && r.retrospective)
      return { status: 'not_applicable', finding: `Not applicable: the request is for ${p.label} already done (retrospective), whose own report the record may hold.` };
    if (!applies)
      return p.otherwise === 'met'
        ? { status: 'not_applicable', finding: `Not applicable: the request is not for ${p.label}.` }
        : { status: 'not_met', finding: `The request is not for ${p.label}, the study this indication is for.` };
    return p.then.type.evaluate(p.then.params, ctx);
  },
});

/** Every criterion type by name. Topic data files refer to these names in `criteria[].type`. */
export const CRITERION_TYPES: Record<string, CriterionType<unknown>> = Object.fromEntries(
  [...BASIC, anyOf as CriterionType<unknown>, allOf as CriterionType<unknown>, whenFinding as CriterionType<unknown>, whenRequest as CriterionType<unknown>].map((t) => [t.name, t]),
);
for (const [name, t] of Object.entries(CRITERION_TYPES)) byName.set(name, t);
