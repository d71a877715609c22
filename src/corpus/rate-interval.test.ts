import { describe, expect, it } from 'vitest';
import { formatRateWithInterval, isSmallSample, wilsonInterval } from './rate-interval.js';

describe('wilsonInterval', () => {
  it('matches published Wilson intervals', () => {
    // Newcombe (1998), Statistics in Medicine 17:857, table I: 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605.
    expect(wilsonInterval(81, 263)).toEqual({ low: 0.255, high: 0.366 });
    expect(wilsonInterval(15, 148)).toEqual({ low: 0.062, high: 0.16 });
    // 0/10 → 0–0.2775; 1/29 → 0.0061–0.1718 (same table).
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: 0.278 });
    expect(wilsonInterval(1, 29)).toEqual({ low: 0.006, high: 0.172 });
  });

  it('stays inside 0..1 at the extremes and is symmetric in successes and failures', () => {
    expect(wilsonInterval(5, 5)).toEqual({ low: 0.566, high: 1 });
    const a = wilsonInterval(3, 20)!;
    const b = wilsonInterval(17, 20)!;
    expect(a.low).toBeCloseTo(1 - b.high, 3);
    expect(a.high).toBeCloseTo(1 - b.low, 3);
  });

  it('narrows as the sample grows', () => {
    const small = wilsonInterval(5, 10)!;
    const large = wilsonInterval(500, 1000)!;
    expect(small.high - small.low).toBeGreaterThan(0.5);
    expect(large.high - large.low).toBeLessThan(0.07);
  });

  it('has no interval without items and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(6, 5)).toThrow(RangeError);
  });
});

describe('small samples and formatting', () => {
  it('marks fewer than 30 items as a small sample', () => {
    expect(isSmallSample(29)).toBe(true);
    expect(isSmallSample(30)).toBe(false);
  });

  it('writes the rate with its interval', () => {
    expect(formatRateWithInterval(0.308, wilsonInterval(81, 263))).toBe('30.8% (95% CI 25.5–36.6%)');
    expect(formatRateWithInterval(null, null)).toBe('—');
  });
});
