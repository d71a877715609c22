import { describe, expect, it } from 'vitest';
import { rankPrecedents } from './precedents.js';
import type { SimilarCandidate } from './search/port.js';
import { splitHighlights } from './search/common.js';

function candidate(itemId: number, request: string, over: Partial<SimilarCandidate> = {}): SimilarCandidate {
  return {
    itemId, letterId: itemId, caseNumber: null, fileName: 'f', position: 0, request, decision: 'Upheld', category: 'chiropractic',
    citation: { family: 'MTUS-CPMTG', name: null, topic: null, section: null, raw: '' }, reviewerSpecialty: null, year: 2016, month: 1,
    priority: null, snippet: '', highlights: [], matchedIn: null, score: 1, sameCategory: true, sameCitation: true, facts: '', ...over,
  };
}

describe('rankPrecedents', () => {
  it('puts same category and citation first, then same category, then same citation', () => {
    const ranked = rankPrecedents({ request: 'chiropractic lumbar spine' }, [
      candidate(1, 'chiropractic lumbar spine', { sameCategory: false, sameCitation: true }),
      candidate(2, 'chiropractic lumbar spine', { sameCategory: true, sameCitation: false }),
      candidate(3, 'massage', { sameCategory: true, sameCitation: true }),
      candidate(4, 'chiropractic lumbar spine', { sameCategory: false, sameCitation: false }),
    ], 10);
    expect(ranked.map((p) => p.itemId)).toEqual([3, 2, 1, 4]);
  });

  it('within a tier, prefers the closer request and then the closer facts', () => {
    const ranked = rankPrecedents({ request: '12 chiropractic visits lumbar spine', facts: 'lifting injury low back pain radiating to the leg' }, [
      candidate(1, 'chiropractic care cervical', { facts: 'neck pain after a fall' }),
      candidate(2, 'chiropractic visits for the lumbar spine', { facts: 'neck pain after a fall' }),
      candidate(3, 'chiropractic visits for the lumbar spine', { facts: 'lifting injury with low back pain radiating to the leg' }),
    ], 2);
    expect(ranked.map((p) => p.itemId)).toEqual([3, 2]);
    expect(ranked[0].similarity).toBeGreaterThan(ranked[1].similarity);
    expect(ranked[0].similarity).toBeLessThanOrEqual(1);
  });
});

describe('rankPrecedents with facts', () => {
  it('lists the candidate whose facts match over one whose request matches slightly better, even when asked for one', () => {
    const q = { request: 'chiropractic visits lumbar spine', facts: 'lifting injury low back pain radiating leg' };
    const candidates = [
      candidate(1, 'chiropractic visits lumbar spine', { facts: 'neck pain after a fall' }),
      candidate(2, 'chiropractic visits lumbar', { facts: 'lifting injury low back pain radiating leg' }),
      candidate(3, 'chiropractic', { facts: 'neck pain after a fall' }),
    ];
    expect(rankPrecedents(q, candidates, 1).map((p) => p.itemId)).toEqual([2]);
    expect(rankPrecedents(q, candidates, 3).map((p) => [p.itemId, p.similarity])).toEqual([[2, 0.933], [1, 0.797], [3, expect.any(Number)]]);
  });
});

describe('splitHighlights', () => {
  it('turns marked snippets into plain text and offsets, collapsing whitespace', () => {
    const r = splitHighlights('no  \u27e6functional\u27e7\n\u27e6improvement\u27e7 was shown');
    expect(r.snippet).toBe('no functional improvement was shown');
    expect(r.highlights.map(([s, e]) => r.snippet.slice(s, e))).toEqual(['functional', 'improvement']);
  });
});
