import type { CaseFacts, ExtractOptions, FactExtractor, FactSource } from './case-facts.js';

/**
 * Wraps an extractor with a small least-recently-used cache keyed by the sources (names and
 * texts) and asOf: the items of one case share one extraction. The cached CaseFacts object is
 * returned as is, so callers must not mutate it.
 */
export function cachedFactExtractor(inner: FactExtractor, capacity = 64): FactExtractor {
  const cache = new Map<string, CaseFacts>();
  return {
    extract(sources: FactSource[], opts: ExtractOptions = {}): CaseFacts {
      let key = opts.asOf ?? '';
      for (const s of sources) key += `\u0000${s.name}\u0001${s.text}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const facts = inner.extract(sources, opts);
      cache.set(key, facts);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return facts;
    },
  };
}
