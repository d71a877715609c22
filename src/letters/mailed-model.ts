import { z } from 'zod';
import { isoDateSchema } from '../shared/iso-date.js';
import { organizationNameSchema, type Letter } from './model.js';

/**
 * The determination as mailed to the parties (LC 4610.6; ../shared/research/imr-process.md §2.11):
 * the determination letter itself, under a cover with the IMRO's letterhead, the date, the
 * addressees (the injured worker or representative, the claims administrator, the requesting
 * provider), the claim and case numbers, each item's determination in plain words, and the appeal
 * rights of LC 4610.6(h). The published letter is the determination alone, without the cover.
 */

const ADDRESSEE_ROLES = ['injured worker', 'representative', 'claims administrator', 'requesting provider'] as const;
export type AddresseeRole = (typeof ADDRESSEE_ROLES)[number];

/** One line of a letter: no line breaks or control characters. */
const lineSchema = z
  .string()
  .min(1)
  .max(500)
  .regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]+$/u, 'one line of text');

const addresseeSchema = z.object({
  role: z.enum(ADDRESSEE_ROLES),
  name: lineSchema,
  /** The address as lines, as known (none when intake recorded none). */
  lines: z.array(lineSchema).max(6),
});
export type Addressee = z.infer<typeof addresseeSchema>;

const letterheadSchema = z.object({
  name: organizationNameSchema,
  /** Address lines under the name (configured: IMR_ORGANIZATION_ADDRESS). */
  lines: z.array(lineSchema).max(4),
  phone: lineSchema.nullable(),
});

export const mailingSchema = z.object({
  letterhead: letterheadSchema,
  /** The date the letter is issued and mailed. */
  date: isoDateSchema,
  claimNumber: lineSchema.nullable(),
  employer: lineSchema.nullable(),
  addressees: z.array(addresseeSchema).min(1),
});
export type Mailing = z.infer<typeof mailingSchema>;

export interface MailedLetter {
  mailing: Mailing;
  determination: Letter;
}

/** How the cover labels each addressee ("Injured Worker: Pat Example"). */
export const ADDRESSEE_LABELS: Record<AddresseeRole, string> = {
  'injured worker': 'Injured Worker:',
  representative: 'Representative:',
  'claims administrator': 'Claims Administrator:',
  'requesting provider': 'Requesting Provider:',
};
