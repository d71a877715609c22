import { describe, expect, it } from 'vitest';
import type { Citation, Letter } from '../../letters/model.js';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { defaultReaders } from '../evaluate/index.js';
import { auditLetter, caseFromLetter, latestDate, scoredItems, summariseAudit } from './audit.js';

const cite = (source: Citation['source'], pages: number[] = []): Citation => ({ source, name: null, edition: null, topic: null, sections: [], pages, raw: '', alsoCites: [] });

const letter: Letter = {
  header: null,
  reviewer: { licensure: ['California'], specialty: null, subspecialty: null },
  worker: { age: 40, sex: 'male', injuryDate: '2014-01-05' },
  urDecisionDate: null,
  imrApplicationDate: null,
  clinicalSummary: 'Low back pain since 01/05/2014. Treatment to date has included physical therapy with no functional improvement. Seen on 03/02/2015 and on 02/10/2015.',
  documentsReviewed: null,
  items: [
    { request: 'Physical therapy 2 times a week for 6 weeks', decision: 'Upheld', claimsAdministratorGuideline: cite('NONE'), reviewerGuideline: cite('MTUS-CPMTG', [98, 99]), rationale: 'SECRET RATIONALE TEXT' },
    { request: 'Follow up visit', decision: 'Overturned', claimsAdministratorGuideline: cite('NONE'), reviewerGuideline: cite('MTUS-ACOEM', [127]), rationale: 'SECRET' },
  ],
};

describe('audit', () => {
  it('builds the case from the summary, requests and dates only, deciding as of the latest date stated', () => {
    const c = caseFromLetter(letter);
    expect(c.asOf).toBe('2015-03-02');
    expect(JSON.stringify(c)).not.toMatch(/SECRET|Upheld|Overturned/);
    expect(latestDate('on 1/2/2015 and 12/30/2014', null)).toBe('2015-01-02');
    expect(latestDate('on 1/2/2015 and 12/30/2014', '2014-12-31')).toBe('2014-12-30');
  });

  it('compares decisions, citation families and cited pages per item, and summarises', () => {
    const r = auditLetter('x.txt', letter, loadKnowledgeBase(), defaultReaders);
    expect(r.items.map((i) => i.request)).toEqual(letter.items.map((i) => i.request));
    const [pt, visit] = r.items;
    expect(pt.engine.decision).toBe('Upheld');
    expect(pt.agree).toEqual({ decision: true, citationFamily: true, pages: true });
    expect(visit.agree.citationFamily).toBe(false);
    const s = summariseAudit([r]);
    expect(s.items).toBe(2);
    expect(s.citationFamilyAgreement).toBe(0.5);
    expect(s.pageAgreement).toBe(visit.agree.pages ? 1 : 0.5);
    expect(s.counts.overturnedInLetters).toBe(1);
    expect(s.overturnedRecall).toBe(visit.engine.decision === 'Overturned' ? 1 : 0);
    expect(s.familyConfusion['MTUS-ACOEM']).toBeDefined();
  });

  it('scores each item for the quality figures: letter, category, published decision, lean, probability, flag', () => {
    const r = auditLetter('x.txt', letter, loadKnowledgeBase(), defaultReaders);
    const scored = scoredItems([r]);
    expect(scored).toEqual(r.items.map((i) => ({ letter: 'x.txt', category: i.engine.category, actual: i.letter.decision, lean: i.engine.decision, pOverturn: i.engine.pOverturn, needsReviewer: i.engine.needsReviewer })));
    const q = summariseAudit([r]).quality;
    expect(q.items).toBe(2);
    expect(q.alwaysUpheld).toEqual({ estimate: 0.5, low: 0.5, high: 0.5 }); // one letter: nothing to resample
    expect(q.agreement!.estimate).toBe(summariseAudit([r]).decisionAgreement);
    expect(q.overturnedCaught).toBe(r.items[1].engine.decision === 'Overturned' || r.items[1].engine.needsReviewer ? 1 : 0);
    expect(Object.values(q.byCategory).reduce((n, c) => n + c.items, 0)).toBe(2);
  });
});
