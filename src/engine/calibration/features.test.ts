import { describe, expect, it } from 'vitest';
import { calibrationFeatures, type CalibrationInput } from './features.js';

const draft = (statuses: CalibrationInput['criteria'][number]['status'][]): CalibrationInput => ({
  category: 'imaging',
  topicId: 'imaging-lumbar',
  recommendation: 'conditional',
  family: 'MTUS-ACOEM',
  ruleDecision: statuses.includes('not_met') || statuses.includes('unknown') ? 'Upheld' : 'Overturned',
  criteria: statuses.map((status) => ({ type: 'requiresFinding', status, evidenceKinds: status === 'met' ? ['exam'] : [] })),
  dependent: false,
  ruleFlags: [],
});

describe('calibration features', () => {
  it('leave out a criterion that does not apply: a rule for another study neither raises nor lowers the share met', () => {
    const withoutRule = calibrationFeatures(draft(['met', 'unknown']));
    const withRuleForAnotherStudy = calibrationFeatures(draft(['met', 'unknown', 'not_applicable']));
    expect(withRuleForAnotherStudy['criteria.metShare']).toBe(withoutRule['criteria.metShare']);
    expect(withoutRule['criteria.metShare']).toBe(0.5);
  });

  it('count a draft whose only criteria do not apply as having none met and none failed', () => {
    const f = calibrationFeatures(draft(['not_applicable']));
    expect(f['criteria.metShare']).toBe(0);
    expect(f['criteria.noneNotMet']).toBe(0);
  });

  it('read objective evidence only from criteria met by it', () => {
    expect(calibrationFeatures(draft(['met']))['evidence.objective']).toBe(1);
    expect(calibrationFeatures(draft(['not_applicable', 'unknown']))['evidence.objective']).toBe(0);
  });
});
