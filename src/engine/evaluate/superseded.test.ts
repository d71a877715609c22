import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';
import { supersededFlags } from './superseded.js';

/**
 * For services rendered on or after 2017-12-01 the MTUS incorporates ACOEM's current guidelines in
 * place of ACOEM 2004, the Chronic Pain Medical Treatment Guidelines and the 2016 Opioids Treatment
 * Guidelines (AD order under SB 1160; research: imr-process.md 4.4). The knowledge base holds only the
 * earlier texts, so such a draft is flagged for the reviewer; the Acupuncture guidelines are not named
 * as replaced. Synthetic records.
 */
const kb = loadKnowledgeBase();
const SUMMARY = 'Low back pain since a lifting injury. Exam: lumbar paraspinal tenderness, straight leg raise negative. Treatment to date: physical therapy.';
const draft = (request: string, urDecisionDate: string) =>
  evaluate(parseCaseFile({ worker: { age: 46, injuryDate: '2015-02-11' }, urDecisionDate, clinicalSummary: SUMMARY, items: [{ request }] }), 0, kb);

describe('a guideline text replaced by a later MTUS edition', () => {
  it('flags a draft under the Chronic Pain guideline for a service after 2017-12-01, naming the edition in force', () => {
    const d = draft('Physical therapy 2 times a week for 4 weeks, lumbar spine', '2018-03-01');
    expect(d.citation.source).toBe('MTUS-CPMTG');
    expect(d.reviewCodes).toContain('guideline_superseded');
    expect(d.needsReviewer).toBe(true);
    expect(d.reviewReason).toMatch(/2017-12-01.*ACOEM-based MTUS/);
  });

  it('does not flag the same request a day before the new edition took effect', () => {
    expect(draft('Physical therapy 2 times a week for 4 weeks, lumbar spine', '2017-11-30').reviewCodes).not.toContain('guideline_superseded');
  });

  it('flags an ACOEM 2004 imaging draft, not an acupuncture one (the Acupuncture guidelines stay in the MTUS)', () => {
    expect(draft('MRI of the lumbar spine without contrast', '2018-03-01').reviewCodes).toContain('guideline_superseded');
    const acupuncture = draft('Acupuncture 6 sessions for the lumbar spine', '2018-03-01');
    expect(acupuncture.citation.source).toBe('MTUS-AMTG');
    expect(acupuncture.reviewCodes).not.toContain('guideline_superseded');
  });

  it('takes the latest edition in force when several supersede the same family', () => {
    const editions = [
      { id: 'a', from: '2017-12-01', name: 'edition A', supersedes: ['MTUS-ACOEM' as const], source: 's' },
      { id: 'b', from: '2019-08-11', name: 'edition B', supersedes: ['MTUS-ACOEM' as const], source: 's' },
    ];
    expect(supersededFlags(editions, 'MTUS-ACOEM', '2020-01-01')[0].message).toMatch(/edition B/);
    expect(supersededFlags(editions, 'MTUS-ACOEM', '2018-01-01')[0].message).toMatch(/edition A/);
    expect(supersededFlags(editions, 'NON-MTUS', '2020-01-01')).toEqual([]);
  });
});
