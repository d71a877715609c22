import { describe, expect, it } from 'vitest';
import { locateQuotes, splitBySpans } from './highlight.js';

const TEXT = 'Pain rated 8/10.\nThe   patient reports no functional\nimprovement after 6 sessions.';

describe('evidence highlighting', () => {
  it('uses the engine offsets when they match and finds quotes that moved', () => {
    const spans = locateQuotes(TEXT, [
      { key: 'a', quote: 'Pain rated 8/10', start: 0, end: 15 },
      { key: 'b', quote: 'no functional improvement', start: 3, end: 9 }, // stale offsets
    ]);
    expect(spans.map((s) => [s.key, TEXT.slice(s.start, s.end)])).toEqual([
      ['a', 'Pain rated 8/10'],
      ['b', 'no functional\nimprovement'],
    ]);
  });

  it('ignores quotes that are not in the text and drops overlaps', () => {
    const spans = locateQuotes(TEXT, [
      { key: 'x', quote: 'not present anywhere' },
      { key: 'a', quote: 'patient reports no functional' },
      { key: 'b', quote: 'reports' },
    ]);
    expect(spans.map((s) => s.key)).toEqual(['a']);
  });

  it('splits text into plain and marked parts that join back to the original', () => {
    const spans = locateQuotes(TEXT, [{ key: 'a', quote: '6 sessions' }]);
    const parts = splitBySpans(TEXT, spans);
    expect(parts.map((p) => p.text).join('')).toBe(TEXT);
    expect(parts.filter((p) => p.span).map((p) => p.text)).toEqual(['6 sessions']);
  });
});
