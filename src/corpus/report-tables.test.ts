import { describe, expect, it } from 'vitest';
import { monthRange, reportTables } from './report-tables.js';
import type { CorpusStats, StatRow } from './stats.js';

const row = (key: string, items: number, overturned: number, low: number, high: number): StatRow => ({
  key, items, upheld: items - overturned, overturned, overturnRate: Math.round((overturned / items) * 1000) / 1000, overturnInterval: { low, high }, smallSample: items < 30,
});

const stats: CorpusStats = {
  letters: 42, items: 50, upheld: 35, overturned: 15, overturnRate: 0.3, overturnInterval: { low: 0.191, high: 0.438 }, filters: {},
  breakdowns: {
    category: [row('imaging', 10, 2, 0.057, 0.51), row('chiropractic', 40, 13, 0.201, 0.477)],
    specialty: [row('Physical Medicine & Rehabilitation', 50, 15, 0.191, 0.438)],
  },
  documentationGaps: [],
  lettersByMonth: [{ ...row('2016-11', 30, 9, 0.167, 0.479), letters: 25 }, { ...row('2017-02', 20, 6, 0.145, 0.519), letters: 17 }],
  pharmacy: [
    { key: '2016', items: 30, medication: 12, share: 0.4, shareInterval: { low: 0.246, high: 0.577 }, smallSample: false },
    { key: 'all', items: 50, medication: 12, share: 0.24, shareInterval: { low: 0.143, high: 0.374 }, smallSample: false },
  ],
};

describe('monthRange', () => {
  it('lists every month across a year end', () => {
    expect(monthRange('2016-11', '2017-02')).toEqual(['2016-11', '2016-12', '2017-01', '2017-02']);
    expect(monthRange('2017-02', '2017-02')).toEqual(['2017-02']);
  });
});

describe('reportTables', () => {
  const tables = reportTables(stats);

  it('gives the four tables of the annual report in order', () => {
    expect(tables.map((t) => t.id)).toEqual(['letters-by-month', 'overturn-by-category', 'overturn-by-specialty', 'pharmacy-share']);
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.header.length);
  });

  it('lists the months without letters as zero, so the gap shows', () => {
    const t = tables[0];
    expect(t.rows.map((r) => [r[0], r[1]])).toEqual([['2016-11', 25], ['2016-12', 0], ['2017-01', 0], ['2017-02', 17]]);
    expect(t.rows[0]).toEqual(['2016-11', 25, 30, 21, 9, 0.3, 0.167, 0.479, 'no']);
    expect(t.rows[1]).toEqual(['2016-12', 0, 0, 0, 0, null, null, null, 'yes']);
  });

  it('gives each rate with its count, interval and small-sample mark, largest groups first', () => {
    const cat = tables[1];
    expect(cat.header).toEqual(['category', 'items', 'upheld', 'overturned', 'overturn_rate', 'overturn_rate_low95', 'overturn_rate_high95', 'small_sample']);
    expect(cat.rows).toEqual([
      ['chiropractic', 40, 27, 13, 0.325, 0.201, 0.477, 'no'],
      ['imaging', 10, 8, 2, 0.2, 0.057, 0.51, 'yes'],
    ]);
    expect(tables[2].rows[0][0]).toBe('Physical Medicine & Rehabilitation');
  });

  it('gives the pharmacy share by year and overall', () => {
    expect(tables[3].rows).toEqual([
      ['2016', 30, 12, 0.4, 0.246, 0.577, 'no'],
      ['all', 50, 12, 0.24, 0.143, 0.374, 'no'],
    ]);
  });
});
