import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { evaluate } from '../evaluate/index.js';
import { parseCaseFile } from '../parse-case-file.js';

const kb = loadKnowledgeBase();

describe('guideline knowledge base', () => {
  it('loads at least 40 valid topics', () => {
    expect(kb.topics.length).toBeGreaterThanOrEqual(40);
  });

  for (const t of kb.topics) {
    describe(`${t.topic.id}`, () => {
      for (const c of t.topic.cases) {
        it(`${c.expect}: ${c.name}`, () => {
          const caseFile = parseCaseFile({
            worker: { age: c.age, injuryDate: c.injuryDate },
            urDecisionDate: c.date,
            clinicalSummary: c.summary,
            items: [{ request: c.request }, ...c.otherItems.map((request) => ({ request }))],
          });
          const d = evaluate(caseFile, 0, kb);
          const why = `${d.topicId}: ${d.criteria.map((x) => `${x.id}=${x.status} (${x.finding})`).join('; ')}; review: ${d.reviewCodes.join(',') || 'none'}`;
          // Rule-based review codes come from the record and the request; 'probability' comes from the fitted model.
          const ruleCodes = d.reviewCodes.filter((code) => code !== 'probability');
          if (c.expect === 'NeedsReviewer') expect(ruleCodes.length, why).toBeGreaterThan(0);
          else {
            // The guideline's reading (the criteria), not the calibrated lean, which depends on the fitted model.
            expect(d.ruleDecision, why).toBe(c.expect);
            expect(ruleCodes, why).toEqual([]);
          }
          // The case must be decided by this topic, unless a primary procedure decides it first.
          if (d.topicId !== null) expect(d.topicId, why).toBe(t.topic.id);
          else expect(d.criteria.map((x) => x.type)).toContain('primaryProcedureCertified');
        });
      }
    });
  }
});
