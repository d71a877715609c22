import type { ElectrodiagnosticTest, NormalisedRequest } from './normalised-request.js';
import type { TermMatch } from './matchers.js';

const CONTRAST_WITH_WITHOUT = /\bwith\s*(?:and|\/|&)\s*without\b|\bw\/\s*(?:and\s*)?w\/o\b|\bw\/wo\b/i;
const CONTRAST_WITHOUT = /\bwithout\s+(?:intravenous\s+|IV\s+|gadolinium\s+)?contrast\b|\bw\/o\s+contrast\b|\bnon-?contrast\b|\bno contrast\b/i;
const CONTRAST_WITH = /\bwith\s+(?:intravenous\s+|IV\s+|gadolinium\s+)?contrast\b|\bw\/\s*contrast\b|\barthrogra\w*|\bgadolinium\b/i;
const OPEN_MRI = /\b(open|upright|stand-?up|positional|weight-?bearing)\b/i;
const EMG = /\bEMGs?\b|electromyogra/i;
const NCV = /\bNC[VS]s?\b|nerve conduction/i;
const SSEP = /\bSSEPs?\b|somatosensory/i;

/** An imaging request's modality, contrast and whether the MRI is open (an open MRI names the subcategory when none is known). */
export function imagingOf(s: string, matched: TermMatch[], subcategory: string | null): { imaging: NonNullable<NormalisedRequest['imaging']>; subcategory: string | null } {
  const modality = matched.find((t) => t.modality)?.modality ?? 'unknown';
  const contrast = CONTRAST_WITH_WITHOUT.test(s) ? 'with_and_without' : CONTRAST_WITHOUT.test(s) ? 'without' : CONTRAST_WITH.test(s) ? 'with' : null;
  const openM = modality === 'mri' ? OPEN_MRI.exec(s) : null;
  const imaging: NonNullable<NormalisedRequest['imaging']> = { modality, contrast, open: !!openM };
  if (openM && !subcategory) subcategory = `${openM[1].toLowerCase().replace(/[^a-z]/g, '')}_mri`;
  return { imaging, subcategory };
}

/** The electrodiagnostic tests a request names (EMG, NCV, SSEP). */
export function electrodiagnosticOf(s: string): NonNullable<NormalisedRequest['electrodiagnostic']> {
  const tests: ElectrodiagnosticTest[] = [];
  if (EMG.test(s)) tests.push('emg');
  if (NCV.test(s)) tests.push('ncv');
  if (SSEP.test(s)) tests.push('ssep');
  return { tests };
}
