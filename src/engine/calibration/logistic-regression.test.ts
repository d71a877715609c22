import { describe, expect, it } from 'vitest';
import { coefficientCovariance, fitPenalisedLogistic, solveLinear, type SparseRow } from './logistic-regression.js';
import { logistic, logit } from './model.js';
import { seededRandom } from '../../shared/rng.js';

/** Data drawn from a known logistic model: 3 binary features and one count feature. */
function generate(n: number, intercept: number, weights: number[], seed: number): { rows: SparseRow[]; y: number[] } {
  const rand = seededRandom(seed);
  const rows: SparseRow[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rand() < 0.5 ? 1 : 0, rand() < 0.3 ? 1 : 0, rand() < 0.6 ? 1 : 0, Math.floor(rand() * 4)];
    const z = intercept + x.reduce((s, v, j) => s + v * weights[j], 0);
    y.push(rand() < logistic(z) ? 1 : 0);
    rows.push(x.flatMap((v, j) => (v === 0 ? [] : [[j, v] as [number, number]])));
  }
  return { rows, y };
}

describe('penalised logistic regression', () => {
  it('solves a linear system', () => {
    expect(solveLinear([[4, 1], [1, 3]], [1, 2]).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([1 / 11, 7 / 11].map((v) => Math.round(v * 1e9) / 1e9));
  });

  it('recovers known weights from generated data when the penalty is small', () => {
    const truth = { intercept: -1.2, weights: [1.5, -2, 0.8, 0.4] };
    const { rows, y } = generate(40000, truth.intercept, truth.weights, 7);
    const fit = fitPenalisedLogistic(rows, y, 4, 0.01);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(truth.intercept, 1);
    fit.weights.forEach((w, j) => expect(Math.abs(w - truth.weights[j]), `weight ${j}`).toBeLessThan(0.1));
  });

  it('shrinks the weights toward zero and the intercept toward logit(base rate) as the penalty grows', () => {
    const { rows, y } = generate(2000, -1, [2, -1, 1, 0.5], 11);
    const rate = y.reduce((a, b) => a + b, 0) / y.length;
    const small = fitPenalisedLogistic(rows, y, 4, 0.1);
    const large = fitPenalisedLogistic(rows, y, 4, 1e7);
    const norm = (w: number[]) => Math.hypot(...w);
    expect(norm(large.weights)).toBeLessThan(0.01 * norm(small.weights));
    expect(large.intercept).toBeCloseTo(logit(rate), 2);
  });

  it('is deterministic: the same data give the same fit', () => {
    const { rows, y } = generate(500, -0.5, [1, 1, -1, 0], 3);
    expect(fitPenalisedLogistic(rows, y, 4, 1)).toEqual(fitPenalisedLogistic(rows, y, 4, 1));
  });

  it('leaves the intercept unpenalised: with no features it equals logit(share of positives)', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    const fit = fitPenalisedLogistic(y.map(() => []), y, 0, 1000);
    expect(fit.intercept).toBeCloseTo(logit(0.2), 6);
  });

  it('gives the intercept-only fit its textbook variance, 1 / (n · rate · (1 − rate))', () => {
    const y = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const fit = fitPenalisedLogistic(y.map(() => []), y, 0, 1);
    const [[v]] = coefficientCovariance(y.map(() => []), fit, 1);
    expect(v).toBeCloseTo(1 / (200 * 0.2 * 0.8), 6);
  });

  it('is less sure of the weights with fewer letters: ten times the data, about a tenth of the variance', () => {
    const small = generate(1000, -1, [1, -1, 0.5, 0.2], 5);
    const large = generate(10000, -1, [1, -1, 0.5, 0.2], 5);
    const varOf = (d: { rows: SparseRow[]; y: number[] }) => coefficientCovariance(d.rows, fitPenalisedLogistic(d.rows, d.y, 4, 0.01), 0.01);
    const [a, b] = [varOf(small), varOf(large)];
    for (let j = 0; j < 5; j++) {
      expect(b[j][j] / a[j][j], `coefficient ${j}`).toBeGreaterThan(0.06);
      expect(b[j][j] / a[j][j], `coefficient ${j}`).toBeLessThan(0.15);
    }
    // symmetric, as a covariance is
    expect(a[1][3]).toBeCloseTo(a[3][1], 10);
  });

  it("caps a weight's variance at the prior's, 1 / penalty, when the data say nothing about it", () => {
    const y = [1, 0, 0, 1, 0, 0, 0, 1];
    const rows: SparseRow[] = y.map(() => []); // feature 0 never occurs
    const fit = fitPenalisedLogistic(rows, y, 1, 4);
    expect(coefficientCovariance(rows, fit, 4)[1][1]).toBeCloseTo(1 / 4, 6);
  });
});
