import type { CitationSource } from '../../letters/model.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { MtusEdition } from '../../guidelines/schema.js';
import type { ReviewCode } from './types.js';

/**
 * The flag for a draft made with a guideline text that a later MTUS edition, which the knowledge base
 * does not hold, replaced for services on the item's date (src/guidelines/mtus-editions.yaml). The
 * criteria stay the closest text available; the reviewer applies the edition in force.
 */
export function supersededFlags(editions: readonly MtusEdition[], source: CitationSource, asOf: IsoDate): { code: ReviewCode; message: string }[] {
  const edition = editions.filter((e) => e.from <= asOf && e.supersedes.includes(source)).sort((a, b) => b.from.localeCompare(a.from))[0];
  if (!edition) return [];
  return [
    {
      code: 'guideline_superseded',
      message: `For services on or after ${edition.from} the MTUS in force is ${edition.name.replace(/\s+/g, ' ')}, which this knowledge base does not hold; the criteria shown are from the earlier text. Apply the edition in force.`,
    },
  ];
}
