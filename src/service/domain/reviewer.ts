import { z } from 'zod';

/**
 * An expert reviewer in the registry. Identity (id, name) is confidential outside the IMRO
 * (LC 4610.6(f)); letters show only licensure states and specialty.
 */

export const AFFILIATION_KINDS = ['employer', 'insurer', 'claims_administrator', 'provider_group', 'ur_organization', 'provider'] as const;
const affiliationKindSchema = z.enum(AFFILIATION_KINDS);
export type AffiliationKind = z.infer<typeof affiliationKindSchema>;

const affiliationSchema = z.object({
  kind: affiliationKindSchema,
  name: z.string().trim().min(1).max(200),
});
export type Affiliation = z.infer<typeof affiliationSchema>;

export const reviewerSchema = z.object({
  id: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  /** States of licensure, as names or two-letter codes ("California" or "CA"). */
  licensureStates: z.array(z.string().trim().min(2).max(50)).min(1, 'a reviewer holds at least one licence'),
  /** Board or profession, e.g. "Physical Medicine & Rehabilitation", "Chiropractor". */
  specialty: z.string().trim().min(1).max(200),
  subspecialty: z.string().trim().min(1).max(200).nullable().optional(),
  boardCertified: z.boolean(),
  yearsInActivePractice: z.number().min(0).max(80),
  /** Hours a week currently spent in active practice. */
  weeklyHours: z.number().min(0).max(168),
  affiliations: z.array(affiliationSchema).default([]),
  /** Most open cases the reviewer takes at once. */
  capacity: z.number().int().min(0).max(1000),
  active: z.boolean(),
});
export type Reviewer = z.infer<typeof reviewerSchema>;
export type ReviewerInput = z.input<typeof reviewerSchema>;

const STATE_CODES: Record<string, string> = {
  california: 'CA',
  ca: 'CA',
  'calif.': 'CA',
  calif: 'CA',
};

/** "California", "CA", "ca" → "CA"; other states are upper-cased as given. */
function normaliseState(s: string): string {
  const k = s.trim().toLowerCase();
  return STATE_CODES[k] ?? s.trim().toUpperCase();
}

export function isLicensedIn(reviewer: Pick<Reviewer, 'licensureStates'>, stateCode: string): boolean {
  return reviewer.licensureStates.some((s) => normaliseState(s) === stateCode);
}
