import { z } from 'zod';
import { citationSourceSchema } from '../letters/model.js';
import { isoDateSchema } from '../shared/iso-date.js';
import { EVIDENCE_KINDS } from '../shared/evidence-kind.js';
import { TREATMENT_CATEGORIES } from '../shared/treatment-category.js';

/**
 * The schema of one guideline topic data file (src/guidelines/topics/<family>/<id>.yaml).
 * A topic is one recommendation of one guideline (e.g. CPMTG "Manual therapy & manipulation"),
 * with the versions of the guideline in which it is in force, what it covers, its limits and
 * its criteria. Criteria are data: `type` names a criterion class in src/engine/evaluate/criteria,
 * which the engine checks when it compiles the topics (src/engine/knowledge-base).
 */

const RECOMMENDATIONS = ['recommended', 'not_recommended', 'conditional'] as const;

const topicCitationSchema = z.object({
  source: citationSourceSchema,
  /** For NON-MTUS: the guideline's name (ODG); null for MTUS families. */
  name: z.string().nullable().default(null),
  edition: z.number().int().nullable().default(null),
  /** Topic or chapter as a reviewer writes it. */
  topic: z.string().nullable().default(null),
  sections: z.array(z.string()).default([]),
  pages: z.array(z.number().int().nonnegative()).default([]),
});

const topicVersionSchema = z.object({
  /** Stable id of this topic version, e.g. "cpmtg-2009". */
  id: z.string().min(1),
  /** First day in force (inclusive). */
  from: isoDateSchema,
  /** Last day in force (inclusive); null = still in force. */
  to: isoDateSchema.nullable().default(null),
  citation: topicCitationSchema,
});
export type TopicVersion = z.infer<typeof topicVersionSchema>;

const coversSchema = z.object({
  /** Request categories (as the request normaliser assigns them) this topic answers; a misspelt one is refused. */
  categories: z.array(z.enum(TREATMENT_CATEGORIES, { error: (iss) => `"${String(iss.input)}" is not a request category (src/shared/treatment-category.ts)` })).default([]),
  /** Words and phrases of a request that name the treatment: names, synonyms, brands, procedure words. */
  terms: z.array(z.string()).default([]),
  /** When non-empty, the request must also contain one of these (a body region, a form such as "cream"). */
  requireAny: z.array(z.string()).default([]),
  /** The topic does not apply when the request contains any of these. */
  excludeTerms: z.array(z.string()).default([]),
  /** Body regions this topic is specific to (informational and used by region-aware criteria). */
  regions: z.array(z.string()).default([]),
  /**
   * The phases of care the topic governs, by the MTUS's own scope: the Chronic Pain guideline governs
   * pain persisting beyond 3 months; the ACOEM body-part chapters the acute and subacute phases.
   * Empty = every phase.
   */
  phases: z.array(z.enum(['acute', 'subacute', 'chronic'])).default([]),
});

const criterionSpecSchema = z.object({
  id: z.string().min(1),
  /** The criterion type: a key of the criterion registry (sessionLimit, requiresFinding, ...). */
  type: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  /** A short statement of the guideline's rule, in the reviewer's words. */
  statement: z.string().min(1),
  /** The documentation that would change the outcome when this criterion is not met or unknown. */
  gap: z.string().optional(),
  /** False where the research could not confirm the rule against the guideline text ([U]). */
  verified: z.boolean(),
  /** The guideline sentence the criterion follows, quoted or closely paraphrased, with its page or section. */
  guideline: z.string().min(1).optional(),
  /**
   * The kinds of evidence that can satisfy the criterion (src/engine/evidence-kind.ts). Where absent,
   * the criterion type's default applies; plan, review and administrative text never satisfy one.
   */
  accepts: z.array(z.enum(EVIDENCE_KINDS)).min(1).optional(),
});
export type CriterionSpec = z.infer<typeof criterionSpecSchema>;

const topicCaseSchema = z.object({
  name: z.string().min(1),
  request: z.string().min(1),
  summary: z.string(),
  date: isoDateSchema,
  injuryDate: isoDateSchema.nullable().default(null),
  age: z.number().int().positive().nullable().default(null),
  /** Other items of the same case (for criteria that look at a primary procedure). */
  otherItems: z.array(z.string()).default([]),
  /**
   * Overturned: every criterion met; Upheld: a criterion not met (or not documented);
   * NeedsReviewer: a rule-based review code is raised (request unclear, evidence conflicting or thin).
   */
  expect: z.enum(['Upheld', 'Overturned', 'NeedsReviewer']),
  /** The guideline sentence the case tests (quoted or closely paraphrased, with its page or section). */
  guideline: z.string().min(1).optional(),
});

export const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id'),
    title: z.string().min(1),
    recommendation: z.enum(RECOMMENDATIONS),
    /** Higher wins when several topics of the same search step match a request. */
    priority: z.number().int().default(0),
    covers: coversSchema,
    versions: z.array(topicVersionSchema).min(1),
    /** Quantitative limits as the guideline states them (visits, weeks, days, doses). */
    limits: z.record(z.string(), z.number()).default({}),
    criteria: z.array(criterionSpecSchema).min(1),
    /** The guideline's rule in one or two sentences, as the rationale quotes it ("...states that ..."). */
    rule: z.string().min(1),
    cases: z.array(topicCaseSchema).min(2),
  })
  .superRefine((t, ctx) => {
    const families = new Set(t.versions.map((v) => v.citation.source));
    if (families.size > 1) ctx.addIssue({ code: 'custom', message: 'all versions of a topic must share one citation family', path: ['versions'] });
    if (!t.cases.some((c) => c.expect === 'Upheld') || !t.cases.some((c) => c.expect === 'Overturned'))
      if (t.recommendation !== 'not_recommended')
        ctx.addIssue({ code: 'custom', message: 'a topic needs at least one positive and one negative case', path: ['cases'] });
  });
export type Topic = z.infer<typeof topicSchema>;

/**
 * One finding of the findings vocabulary: what a guideline criterion's finding means in a record. Each key
 * has a label, regular expressions (case-insensitive) for its documented presence, and for its stated
 * absence. Where the fact extractor (src/engine/facts) reads the finding, its facts come first and these
 * patterns only fill in what it does not say.
 */
const findingSchema = z
  .object({
    label: z.string().min(1),
    present: z.array(z.string()).default([]),
    absent: z.array(z.string()).default([]),
    /** The evidence kinds that document the finding where a criterion names none (default: exam, test, complaint, history). */
    accepts: z.array(z.enum(EVIDENCE_KINDS)).min(1).optional(),
    /**
     * Where the finding is about the region under review, how it is bound to the request's region:
     * 'nerve_root' reads the spinal region and the limb its roots serve (ACOEM Ch. 8 p. 177, Ch. 12
     * p. 303); 'joint' the joint's own region (the joint chapters' red flags and signs). A sentence that
     * names only other regions is not read, as presence or absence; one naming no region is
     * (the tables are src/guidelines/anatomy.yaml).
     */
    regionScope: z.enum(['nerve_root', 'joint']).optional(),
    /**
     * Other findings whose documented presence also documents this one (a named NSAID is conservative
     * care): their presence patterns are read as this finding's too, so a word list lives in one place.
     */
    includes: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1).optional(),
  })
  .strict();
export type Finding = z.infer<typeof findingSchema>;

/**
 * One file of the findings vocabulary, src/guidelines/findings/<clinical area>.yaml: findings by key. The
 * loader merges the folder's *.yaml files in name order; a key defined in two files is refused.
 */
export const findingsFileSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), findingSchema);
export type FindingsFile = z.infer<typeof findingsFileSchema>;

/**
 * An edition of the MTUS the knowledge base does not hold (src/guidelines/mtus-editions.yaml): from its
 * date, topic versions of the families it supersedes are no longer the guideline in force.
 */
const mtusEditionSchema = z
  .object({
    id: z.string().min(1),
    /** First day in force for services rendered (inclusive). */
    from: isoDateSchema,
    /** How a reviewer names the edition. */
    name: z.string().min(1),
    supersedes: z.array(citationSourceSchema).min(1),
    /** Where the date and the scope come from. */
    source: z.string().min(1),
  })
  .strict();
export type MtusEdition = z.infer<typeof mtusEditionSchema>;
export const mtusEditionsFileSchema = z.array(mtusEditionSchema);
