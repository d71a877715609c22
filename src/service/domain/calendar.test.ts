import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  holidayOn,
  holidayTable,
  holidaysOf,
  isBusinessDay,
  nextBusinessDayOnOrAfter,
} from './calendar.js';

const dates = (year: number) => holidaysOf(year).map((h) => h.date);

describe('California state holiday table', () => {
  // Published CalHR lists: http://www.calhr.ca.gov/employees/Pages/state-holidays.aspx (2013, 2014)
  // and the 2024 CalHR list as reproduced at indybay.org (2024-06-20).
  it('matches CalHR 2013 (Cesar Chavez Day on a Sunday observed Monday April 1)', () => {
    expect(dates(2013)).toEqual([
      '2013-01-01', '2013-01-21', '2013-02-18', '2013-04-01', '2013-05-27', '2013-07-04',
      '2013-09-02', '2013-11-11', '2013-11-28', '2013-11-29', '2013-12-25',
    ]);
  });

  it('matches CalHR 2014', () => {
    expect(dates(2014)).toEqual([
      '2014-01-01', '2014-01-20', '2014-02-17', '2014-03-31', '2014-05-26', '2014-07-04',
      '2014-09-01', '2014-11-11', '2014-11-27', '2014-11-28', '2014-12-25',
    ]);
  });

  it('matches CalHR 2024', () => {
    expect(dates(2024)).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-04-01', '2024-05-27', '2024-07-04',
      '2024-09-02', '2024-11-11', '2024-11-28', '2024-11-29', '2024-12-25',
    ]);
  });

  it('moves a Sunday holiday to Monday and names what it observes', () => {
    expect(holidayOn('2023-01-02')).toEqual({ date: '2023-01-02', name: "New Year's Day", observedFor: '2023-01-01' });
    expect(holidayOn('2022-12-26')?.name).toBe('Christmas Day');
    expect(holidayOn('2021-07-05')?.name).toBe('Independence Day');
  });

  it('does not move a Saturday holiday to Friday, except Veterans Day', () => {
    // 2022-01-01 and 2021-12-25 were Saturdays: state offices were open the Friday before.
    expect(isBusinessDay('2021-12-31')).toBe(true);
    expect(isBusinessDay('2021-12-24')).toBe(true);
    // Veterans Day 2023 and 2017 fell on a Saturday: observed Friday.
    expect(holidayOn('2023-11-10')).toEqual({ date: '2023-11-10', name: 'Veterans Day', observedFor: '2023-11-11' });
    expect(isBusinessDay('2017-11-10')).toBe(false);
  });

  it('has 11 holidays a year, with Thanksgiving on the fourth Thursday, for every year 2013–2030 except Saturday ones', () => {
    for (let y = 2013; y <= 2030; y++) {
      const hs = holidaysOf(y);
      const saturdays = ['01-01', '03-31', '07-04', '12-25'].filter((md) => new Date(`${y}-${md}T00:00:00Z`).getUTCDay() === 6).length;
      expect(hs.length, String(y)).toBe(11 - saturdays);
      const tg = hs.find((h) => h.name === 'Thanksgiving Day')!;
      const d = new Date(`${tg.date}T00:00:00Z`);
      expect(d.getUTCDay()).toBe(4);
      expect(d.getUTCDate()).toBeGreaterThanOrEqual(22);
      expect(d.getUTCDate()).toBeLessThanOrEqual(28);
      for (const h of hs) expect(isBusinessDay(h.date)).toBe(false);
    }
  });

  it('exposes the whole table, sorted, one entry per observed day', () => {
    const table = holidayTable();
    expect(table[0]).toEqual({ date: '2013-01-01', name: "New Year's Day" });
    expect(table.at(-1)?.date).toBe('2035-12-25');
    const ds = table.map((h) => h.date);
    expect([...ds].sort()).toEqual(ds);
    expect(new Set(ds).size).toBe(ds.length);
    expect(holidayTable(2024, 2024)).toHaveLength(11);
  });

  it('refuses years outside the table rather than guessing', () => {
    expect(() => holidaysOf(2012)).toThrow(/covers 2013/);
    expect(() => isBusinessDay('2040-01-03')).toThrow(expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE' }));
  });

  it('rejects impossible dates', () => {
    expect(() => addCalendarDays('2023-02-29', 1)).toThrow(expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE' }));
    expect(() => businessDaysBetween('2024-01-01', '2024-13-01')).toThrow(expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE' }));
  });
});

describe('business-day arithmetic', () => {
  it('skips the weekend', () => {
    expect(addBusinessDays('2024-03-08', 1)).toBe('2024-03-11');
    expect(addBusinessDays('2024-03-08', 5)).toBe('2024-03-15');
  });

  it('skips a Monday holiday after a Friday (MLK Day 2024)', () => {
    expect(addBusinessDays('2024-01-12', 1)).toBe('2024-01-16');
  });

  it('skips Thanksgiving and the day after', () => {
    expect(addBusinessDays('2024-11-27', 1)).toBe('2024-12-02');
    expect(businessDaysBetween('2024-11-27', '2024-12-02')).toBe(1);
  });

  it('crosses the year end (Christmas and New Year)', () => {
    expect(addBusinessDays('2024-12-24', 1)).toBe('2024-12-26');
    expect(addBusinessDays('2024-12-31', 1)).toBe('2025-01-02');
    expect(addBusinessDays('2022-12-23', 1)).toBe('2022-12-27');
    expect(addBusinessDays('2024-12-20', 5)).toBe('2024-12-30');
  });

  it('counts backwards and zero', () => {
    expect(addBusinessDays('2024-01-16', -1)).toBe('2024-01-12');
    expect(addBusinessDays('2024-01-13', 0)).toBe('2024-01-13');
  });

  it('businessDaysBetween is the inverse of addBusinessDays', () => {
    for (const start of ['2024-11-25', '2024-12-20', '2025-03-28', '2026-07-02']) {
      for (const n of [1, 3, 5, 12]) expect(businessDaysBetween(start, addBusinessDays(start, n))).toBe(n);
    }
    expect(businessDaysBetween('2024-12-02', '2024-11-27')).toBe(-1);
    expect(businessDaysBetween('2024-11-27', '2024-11-27')).toBe(0);
  });

  it('businessDaysBetween agrees with counting day by day', () => {
    const naive = (a: string, b: string) => {
      let n = 0;
      for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) if (isBusinessDay(d)) n++;
      return n;
    };
    const starts = ['2013-01-01', '2014-11-26', '2016-12-23', '2019-03-29', '2021-12-24', '2023-11-09', '2025-06-30'];
    for (const a of starts) {
      for (const span of [1, 2, 3, 6, 7, 8, 13, 30, 45, 200, 400, 1000]) {
        const b = addCalendarDays(a, span);
        expect(businessDaysBetween(a, b), `${a} → ${b}`).toBe(naive(a, b));
      }
    }
  });

  it('counts calendar days across months and leap days', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('next business day is consistent with the table for every day 2013–2030', () => {
    const holidays = new Set<string>();
    for (let y = 2013; y <= 2030; y++) for (const h of holidaysOf(y)) holidays.add(h.date);
    let d = '2013-01-01';
    let businessDays = 0;
    while (d < '2031-01-01') {
      const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
      const expected = wd !== 0 && wd !== 6 && !holidays.has(d);
      expect(isBusinessDay(d), d).toBe(expected);
      if (expected) businessDays++;
      const next = d < '2030-12-20' ? addBusinessDays(d, 1) : null;
      if (next) {
        expect(isBusinessDay(next)).toBe(true);
        for (let x = addCalendarDays(d, 1); x < next; x = addCalendarDays(x, 1)) expect(isBusinessDay(x), x).toBe(false);
      }
      d = addCalendarDays(d, 1);
    }
    // businessDaysBetween counts the days after its start: 2013-01-01 is New Year's Day, so it adds nothing.
    expect(businessDays).toBe(businessDaysBetween('2013-01-01', '2030-12-31'));
    expect(businessDays).toBeGreaterThan(18 * 240);
    expect(businessDays).toBeLessThan(18 * 252);
  });

  it('rolls a weekend or holiday forward to the next business day', () => {
    expect(nextBusinessDayOnOrAfter('2024-11-28')).toBe('2024-12-02');
    expect(nextBusinessDayOnOrAfter('2024-12-03')).toBe('2024-12-03');
  });
});
