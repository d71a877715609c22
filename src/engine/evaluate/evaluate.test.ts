import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { decideCase, evaluate } from './index.js';
import { ImrError } from '../../errors/imr-error.js';

const kb = loadKnowledgeBase();
const base = { worker: { age: 50, injuryDate: '2016-01-10' }, urDecisionDate: '2016-12-20' };

describe('evaluate', () => {
  it('a remaining portion beyond a trial the claims administrator authorized needs documented improvement first', () => {
    const c = parseCaseFile({
      ...base,
      clinicalSummary: 'Low back strain. Pain 6/10 with tenderness.',
      items: [{ request: 'Physical therapy 2 x 6 (12) was the original request. Physical therapy 6 sessions was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Physical therapy 6 sessions' }],
    });
    const d = evaluate(c, 0, kb);
    expect(d.decision).toBe('Upheld');
    expect(d.criteria.find((x) => x.id === 'continuation')?.status).toBe('not_met');
    const plain = evaluate(parseCaseFile({ ...c, items: [{ request: 'Physical therapy 6 sessions' }] }), 0, kb);
    expect(plain.ruleDecision).toBe('Overturned');
  });

  it('services associated with a surgery that is not necessary are not necessary, without a guideline citation', () => {
    const c = parseCaseFile({
      ...base,
      clinicalSummary: 'Shoulder pain; MRI shows tendinosis. No therapy yet.',
      items: [{ request: 'Right shoulder arthroscopy with subacromial decompression' }, { request: 'Post-op physical therapy 12 sessions' }, { request: 'Pre-op labs: CBC' }],
    });
    const [surgery, pt, labs] = decideCase(c, kb);
    expect(surgery.decision).toBe('Upheld');
    for (const d of [pt, labs]) {
      expect(d.decision).toBe('Upheld');
      expect(d.citation.source).toBe('NONE');
      expect(d.rationale).toMatch(/primary procedure is not medically necessary/);
    }
  });

  it('a request no topic covers leans Upheld outside the MTUS, is flagged for the reviewer and names the gap', () => {
    const d = evaluate(parseCaseFile({ ...base, clinicalSummary: 'Erectile dysfunction.', items: [{ request: 'Viagra 50mg #10' }] }), 0, kb);
    expect(d).toMatchObject({ decision: 'Upheld', topicId: null, needsReviewer: true, reviewCodes: ['no_topic'] });
    expect(d.citation.source).toBe('NON-MTUS');
    expect(d.documentationGaps[0]).toMatch(/9792\.21\.1/);
  });

  it('quotes its evidence with offsets into the source text', () => {
    const summary = 'The worker takes naproxen daily. She reports GI upset and heartburn with it.';
    const d = evaluate(parseCaseFile({ ...base, clinicalSummary: summary, items: [{ request: 'Omeprazole 20mg #30' }] }), 0, kb);
    expect(d.ruleDecision).toBe('Overturned');
    const ev = d.criteria.flatMap((c) => c.evidence);
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) expect(summary.slice(e.start, e.end).replace(/\s+/g, ' ').trim()).toContain(e.quote.slice(0, 20));
  });

  it('needs a date to choose the guideline version', () => {
    const c = parseCaseFile({ clinicalSummary: 'x', items: [{ request: 'Physical therapy 6 sessions' }] });
    expect(() => evaluate(c, 0, kb)).toThrow(ImrError);
  });
});
