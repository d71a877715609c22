import { z } from 'zod';
import { assignmentSchema } from './case-schemas.js';

/** The assigned reviewer as staff see them (never parties; identity is confidential, LC 4610.6(f)). */
const assignedReviewerSchema = z.object({
  id: z.string(),
  name: z.string(),
  specialty: z.string(),
  subspecialty: z.string().nullable(),
  licensureStates: z.array(z.string()),
});

export const assignmentDetailSchema = assignmentSchema.extend({
  reviewer: assignedReviewerSchema.nullable(),
  chosenBy: z.enum(['automatic', 'override']),
  reasons: z.array(z.string()).describe('Why this reviewer: specialty fit, qualification, conflicts checked, load'),
  warnings: z.array(z.string()).describe('Not refusals: the specialty does not fit every disputed item, or the reviewer is at capacity'),
});

export const reviewerCandidateSchema = assignedReviewerSchema.extend({
  current: z.boolean(),
  load: z.number().int(),
  capacity: z.number().int(),
  fitted: z.array(z.string()),
  unfitted: z.array(z.string()),
  refusals: z.array(z.string()).describe('Why this reviewer may not take the case (not qualified, a conflict, recused); empty when they may'),
  warnings: z.array(z.string()),
});
