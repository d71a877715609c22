import type { FactRule } from '../fact-rule.js';

/** Body regions mentioned, each region and laterality once, at its first mention. */
export const bodyRegionsRule: FactRule = {
  fact: 'bodyRegions',
  needs: ['region'],
  start(facts) {
    const seen = new Set<string>();
    return {
      sentence(s) {
        for (const r of s.regions) {
          const key = `${r.region}:${r.laterality ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          facts.bodyRegions.push({ value: { region: r.region, laterality: r.laterality, text: r.text }, evidence: s.span(r.start, r.end) });
        }
      },
    };
  },
};
