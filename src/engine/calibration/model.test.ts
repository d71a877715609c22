import { describe, expect, it } from 'vitest';
import { baseRateModel, calibrationModelSchema, INTERCEPT, logistic, overturnLowerBound, predictOverturn, type CalibrationModel } from './model.js';

function model(covariance: number[][] | null): CalibrationModel {
  return {
    ...baseRateModel(0.1, '2026-01-01'),
    intercept: -1,
    weights: { 'rule.allMet': 1.5 },
    ...(covariance ? { uncertainty: { features: [INTERCEPT, 'rule.allMet'], covariance } } : {}),
  };
}

describe('the lower bound of the probability of overturn', () => {
  const features = { 'rule.allMet': 1 };

  it('is the probability itself for a model fitted without uncertainty', () => {
    expect(overturnLowerBound(model(null), features)).toBeCloseTo(predictOverturn(model(null), features), 12);
  });

  it('lies below the probability, by 1.645 standard deviations of the log-odds', () => {
    // var(z) = var(b0) + var(w) + 2 cov = 0.09 + 0.16 − 0.04 = 0.21
    const m = model([[0.09, -0.02], [-0.02, 0.16]]);
    expect(predictOverturn(m, features)).toBeCloseTo(logistic(0.5), 12);
    expect(overturnLowerBound(m, features)).toBeCloseTo(logistic(0.5 - 1.645 * Math.sqrt(0.21)), 12);
  });

  it('falls further the less sure the fit is', () => {
    const sure = overturnLowerBound(model([[0.01, 0], [0, 0.01]]), features);
    const unsure = overturnLowerBound(model([[0.5, 0], [0, 0.5]]), features);
    expect(sure).toBeGreaterThan(0.5);
    expect(unsure).toBeLessThan(0.5);
  });

  it('is refused in calibration.json unless the covariance is square over features that start with the intercept', () => {
    const bad = { ...model(null), uncertainty: { features: ['rule.allMet'], covariance: [[1]] } };
    expect(() => calibrationModelSchema.parse(bad)).toThrow(/features must start with/);
    const ragged = { ...model(null), uncertainty: { features: [INTERCEPT, 'rule.allMet'], covariance: [[1, 0], [0]] } };
    expect(() => calibrationModelSchema.parse(ragged)).toThrow(/square matrix/);
  });
});
