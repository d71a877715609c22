import type { CaseFacts, Evidence } from '../index.js';

/** Every evidence of a CaseFacts value, wherever it sits. */
export function allEvidence(f: CaseFacts): Evidence[] {
  const out: Evidence[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.quote === 'string' && typeof o.start === 'number' && typeof o.source === 'string') out.push(o as unknown as Evidence);
      else Object.values(o).forEach(walk);
    }
  };
  walk(f);
  return out;
}
