import { logistic, logit } from './model.js';

/**
 * Penalised logistic regression by Newton's method (iteratively reweighted least squares), pure and
 * deterministic. It minimises
 *   −log-likelihood + (penalty / 2) · Σ weight²
 * with the intercept unpenalised, starting from intercept = logit(share of positives) and all
 * weights 0, so the larger the penalty, the closer the fit stays to the base rate.
 * Rows are sparse (feature index → value): the features of a draft are mostly zero.
 */

export type SparseRow = readonly (readonly [index: number, value: number])[];

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /**
   * Feature indices whose weight may not be negative (a monotone prior: the guideline says which way
   * the feature points; the data only says how far). Enforced by projecting each Newton step.
   */
  nonNegative?: readonly number[];
  /** Newton iterations at most (each with step halving until the objective does not rise). */
  maxIterations?: number;
  /** Stop when no coefficient moves by more than this. */
  tolerance?: number;
}

function objective(rows: readonly SparseRow[], y: readonly number[], b0: number, w: readonly number[], penalty: number): number {
  let s = 0;
  for (let i = 0; i < rows.length; i++) {
    let z = b0;
    for (const [j, v] of rows[i]) z += w[j] * v;
    // log(1 + e^z) − y·z, computed without overflow
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
  }
  let r = 0;
  for (const x of w) r += x * x;
  return s + (penalty / 2) * r;
}

/** Solves A x = b (A symmetric positive definite, n × n, row-major) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (Math.abs(m[piv][c]) < 1e-300) throw new Error('singular system');
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}

/** Fits the model to rows with `features` columns and outcomes y (0 or 1). */
export function fitPenalisedLogistic(rows: readonly SparseRow[], y: readonly number[], features: number, penalty: number, opts: LogisticOptions = {}): LogisticFit {
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-9;
  const n = rows.length;
  const rate = n ? y.reduce((s, v) => s + v, 0) / n : 0.5;
  let b0 = logit(rate);
  let w = new Array<number>(features).fill(0);
  let current = objective(rows, y, b0, w, penalty);
  const d = features + 1; // coordinate 0 is the intercept
  for (let it = 1; it <= maxIterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      let z = b0;
      for (const [j, v] of rows[i]) z += w[j] * v;
      const p = logistic(z);
      const r = p - y[i];
      const s = Math.max(p * (1 - p), 1e-12);
      g[0] += r;
      h[0][0] += s;
      for (const [j, v] of rows[i]) {
        g[j + 1] += r * v;
        h[0][j + 1] += s * v;
        for (const [k, u] of rows[i]) if (k >= j) h[j + 1][k + 1] += s * v * u;
      }
    }
    for (let j = 0; j < features; j++) {
      g[j + 1] += penalty * w[j];
      h[j + 1][j + 1] += penalty;
    }
    // the loops above fill the upper triangle only; mirror it, and keep the system positive definite
    for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) h[b][a] = h[a][b];
    for (let a = 0; a < d; a++) h[a][a] += 1e-10;
    const step = solveLinear(h, g);
    let t = 1;
    let next = current;
    let nb0 = b0;
    let nw = w;
    const clamp = new Set(opts.nonNegative ?? []);
    for (let halvings = 0; halvings < 30; halvings++) {
      nb0 = b0 - t * step[0];
      nw = w.map((x, j) => {
        const v = x - t * step[j + 1];
        return clamp.has(j) && v < 0 ? 0 : v;
      });
      next = objective(rows, y, nb0, nw, penalty);
      if (next <= current + 1e-12) break;
      t /= 2;
    }
    const moved = Math.max(Math.abs(nb0 - b0), ...nw.map((x, j) => Math.abs(x - w[j])));
    b0 = nb0;
    w = nw;
    current = next;
    if (moved < tolerance) return { intercept: b0, weights: w, iterations: it, converged: true };
  }
  return { intercept: b0, weights: w, iterations: maxIterations, converged: false };
}

/**
 * The covariance of the fitted coefficients (intercept first, then the weights): the inverse of the
 * penalised objective's Hessian at the fit. With the penalty read as a Gaussian prior on the weights
 * (variance 1 / penalty; the intercept flat), this is the Laplace approximation of their posterior,
 * so a draft's log-odds z = x·β has variance xᵀ Σ x. Weights held at 0 by `nonNegative` are treated
 * like the others (their uncertainty is not reduced by the bound).
 */
export function coefficientCovariance(rows: readonly SparseRow[], fit: Pick<LogisticFit, 'intercept' | 'weights'>, penalty: number): number[][] {
  const features = fit.weights.length;
  const d = features + 1;
  const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of rows) {
    let z = fit.intercept;
    for (const [j, v] of row) z += fit.weights[j] * v;
    const p = logistic(z);
    const s = Math.max(p * (1 - p), 1e-12);
    h[0][0] += s;
    for (const [j, v] of row) {
      h[0][j + 1] += s * v;
      h[j + 1][0] += s * v;
      for (const [k, u] of row) h[j + 1][k + 1] += s * v * u;
    }
  }
  for (let j = 1; j < d; j++) h[j][j] += penalty;
  for (let a = 0; a < d; a++) h[a][a] += 1e-10;
  // column by column: Σ e_c = H⁻¹ e_c
  const columns = Array.from({ length: d }, (_, c) => solveLinear(h, Array.from({ length: d }, (_, r) => (r === c ? 1 : 0))));
  return Array.from({ length: d }, (_, r) => columns.map((col) => col[r]));
}
