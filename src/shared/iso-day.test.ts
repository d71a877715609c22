import { describe, expect, it } from 'vitest';
import { isoDateFromParts } from './iso-date.js';
import { isoDay } from './iso-day.js';

describe('isoDay', () => {
  it('gives the same day as isoDateFromParts for every month and day of leap, century and ordinary years', () => {
    for (const year of [100, 999, 1900, 1999, 2000, 2016, 2017, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) expect(isoDay(year, month, day), `${year}-${month}-${day}`).toBe(isoDateFromParts(year, month, day));
      }
    }
  });

  it('refuses impossible days and two-digit years', () => {
    expect(isoDay(2017, 2, 29)).toBeNull();
    expect(isoDay(2016, 2, 29)).toBe('2016-02-29');
    expect(isoDay(2017, 4, 31)).toBeNull();
    expect(isoDay(17, 1, 5)).toBeNull();
  });
});
