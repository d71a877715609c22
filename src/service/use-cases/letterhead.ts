import { ImrError } from '../../errors/imr-error.js';

/**
 * The IMRO's address and telephone printed under its name at the head of the mailed letter. The
 * edge reads them from IMR_ORGANIZATION_ADDRESS (lines separated by ";") and IMR_ORGANIZATION_PHONE;
 * by default the letterhead carries the organisation's name only (no address is invented).
 */
export interface LetterheadSettings {
  lines: string[];
  phone: string | null;
}

export const NAME_ONLY_LETTERHEAD: LetterheadSettings = { lines: [], phone: null };

const LINE = /^[\p{L}\p{N}][\p{L}\p{N} &'.,()#/-]*$/u;
const PHONE = /^[0-9A-Za-z+().,\- ]{3,40}$/;

/** The address as lines ("P.O. Box 1000; Sacramento, CA 95800") and the phone, checked; a usage error says what may stand there. */
export function checkLetterhead(address: string | readonly string[] | undefined, phone: string | undefined): LetterheadSettings {
  const raw = address === undefined ? [] : typeof address === 'string' ? address.split(/[;\n]/) : [...address];
  const lines = raw.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0);
  if (lines.length > 4 || lines.some((l) => l.length > 100 || !LINE.test(l))) {
    throw new ImrError(
      'IMR_ERR_USAGE',
      'The organisation address must be at most 4 lines separated by ";", each 1–100 characters of letters, digits, spaces and & \' . , ( ) # / -; set IMR_ORGANIZATION_ADDRESS accordingly.',
    );
  }
  const p = phone?.replace(/\s+/g, ' ').trim() ?? '';
  if (p !== '' && !PHONE.test(p)) {
    throw new ImrError('IMR_ERR_USAGE', 'The organisation telephone must be 3–40 characters of digits, letters, spaces and + ( ) . , -; set IMR_ORGANIZATION_PHONE accordingly.');
  }
  return { lines, phone: p === '' ? null : p };
}
