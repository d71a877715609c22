import type { Evidence } from './types.js';

/** Evidence without repeats (several findings, or the extractor and the vocabulary, may quote the same sentence). */
export function uniqueEvidence(evs: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evs.filter((e) => {
    const k = `${e.source}:${e.start}:${e.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
