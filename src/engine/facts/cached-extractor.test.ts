import { describe, expect, it } from 'vitest';
import { cachedFactExtractor, RuleBasedFactExtractor, type CaseFacts, type FactExtractor, type FactSource } from './index.js';

describe('cachedFactExtractor', () => {
  function counting(): FactExtractor & { calls: number } {
    const inner = new RuleBasedFactExtractor();
    const c = {
      calls: 0,
      extract(sources: FactSource[], opts?: { asOf?: string }): CaseFacts {
        c.calls++;
        return inner.extract(sources, opts);
      },
    };
    return c;
  }
  it('extracts once per distinct sources and asOf, and gives the same facts', () => {
    const inner = counting();
    const x = cachedFactExtractor(inner, 2);
    const a = [{ name: 'n', text: 'She is a 40 year old female injured on 01/02/2015.' }];
    const f1 = x.extract(a, { asOf: '2016-01-02' });
    expect(x.extract([{ ...a[0] }], { asOf: '2016-01-02' })).toBe(f1);
    expect(inner.calls).toBe(1);
    expect(x.extract(a, { asOf: '2015-03-02' }).monthsSinceInjury).toBe(2);
    expect(inner.calls).toBe(2);
    expect(x.extract([{ name: 'other', text: a[0].text }], { asOf: '2016-01-02' })).not.toBe(f1);
    expect(inner.calls).toBe(3);
    // capacity 2: the first entry was evicted
    x.extract(a, { asOf: '2016-01-02' });
    expect(inner.calls).toBe(4);
  });
});
