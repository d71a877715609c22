import { describe, expect, it } from 'vitest';
import { EVIDENCE_KINDS } from '../../../src/engine/evidence-kind.js';
import { documentEvidenceSource } from '../../../src/service/use-cases/case-view.js';
import { draftOutcome, EVIDENCE_KIND_LABELS, evidenceSourceLabel, isNonClinicalKind, outcomeLabel, overturnSentence } from './outcome.js';

describe('the outcome of a draft as the workbench says it', () => {
  it('is one of three: Upheld, Overturned, or Needs your judgement whatever the lean', () => {
    expect(outcomeLabel({ decision: 'Upheld', needsReviewer: false })).toBe('Upheld');
    expect(outcomeLabel({ decision: 'Overturned', needsReviewer: false })).toBe('Overturned');
    expect(outcomeLabel({ decision: 'Upheld', needsReviewer: true })).toBe('Needs your judgement');
    expect(outcomeLabel({ decision: 'Overturned', needsReviewer: true })).toBe('Needs your judgement');
    expect(draftOutcome({ decision: 'Overturned', needsReviewer: true })).toBe('NeedsReviewer');
  });

  it('says the probability of overturn as what published reviewers did, never as a confidence', () => {
    expect(overturnSentence(0.37)).toBe('Published reviewers overturned about 37% of comparable requests.');
    expect(overturnSentence(0.004)).toBe('Published reviewers overturned fewer than 1% of comparable requests.');
    expect(overturnSentence(0.999)).toBe('Published reviewers overturned more than 99% of comparable requests.');
    expect(overturnSentence(null)).toBeNull();
  });

  it('labels every kind of evidence the engine knows, and marks plans, UR reasoning and headers as not clinical', () => {
    expect(Object.keys(EVIDENCE_KIND_LABELS).sort()).toEqual([...EVIDENCE_KINDS].sort());
    expect(EVIDENCE_KINDS.filter((k) => isNonClinicalKind(k)).sort()).toEqual(['administrative', 'plan', 'review']);
  });

  it('never names a UR decision as the source of clinical evidence', () => {
    const docs = [
      { kind: 'medical_record', name: 'pr2.txt', evidenceSource: documentEvidenceSource('medical_record', 'pr2.txt') },
      { kind: 'ur_decision', name: 'ur.pdf', evidenceSource: documentEvidenceSource('ur_decision', 'ur.pdf') },
    ];
    expect(evidenceSourceLabel('clinicalSummary', docs)).toEqual({ label: 'clinical summary', claimsAdministrator: false });
    expect(evidenceSourceLabel('medical record: pr2.txt', docs)).toEqual({ label: 'medical record: pr2.txt', claimsAdministrator: false });
    const ur = evidenceSourceLabel('ur decision: ur.pdf', docs);
    expect(ur.claimsAdministrator).toBe(true);
    expect(ur.label).toMatch(/claims administrator's reasoning, not evidence/);
  });
});
