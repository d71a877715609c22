import { describe, expect, it } from 'vitest';
import type { StatRow } from '../../../src/corpus/stats.js';
import { axisTicks, periodLabel, periodNumber, timeSeries } from './corpus-time-axis.js';

const row = (key: string, items: number, overturned: number): StatRow => ({
  key, items, upheld: items - overturned, overturned, overturnRate: overturned / items, overturnInterval: { low: 0.1, high: 0.5 }, smallSample: items < 30,
});

describe('time axis', () => {
  it('places months by date across year ends', () => {
    expect(periodNumber('2016-12', 'month')! + 1).toBe(periodNumber('2017-01', 'month'));
    expect(periodLabel(periodNumber('2017-03', 'month')!, 'month')).toBe('03/2017');
    expect(periodNumber('(unknown)', 'month')).toBeNull();
  });

  it('keeps a gap of years visible as empty periods, not as the next point', () => {
    const s = timeSeries([row('2015', 40, 10), row('2019', 50, 5), row('(unknown)', 3, 1)], 'year');
    expect(s.points.map((p) => [p.t, p.ratePct])).toEqual([[2015, 25], [2016, null], [2017, null], [2018, null], [2019, 10]]);
    expect(s.domain).toEqual([2015, 2019]);
    expect(s.points[0].band).toEqual([10, 50]);
  });

  it('spaces months evenly in time and marks small samples', () => {
    const s = timeSeries([row('2016-11', 10, 1), row('2017-02', 100, 30)], 'month');
    expect(s.points.map((p) => p.key)).toEqual(['2016-11', '12/2016', '01/2017', '2017-02']);
    expect(s.points[0].smallSample).toBe(true);
    expect(s.points[3].smallSample).toBe(false);
  });

  it('puts ticks on calendar boundaries', () => {
    const jan2015 = periodNumber('2015-01', 'month')!;
    expect(axisTicks(jan2015 + 5, jan2015 + 60, 'month')).toEqual([jan2015 + 12, jan2015 + 24, jan2015 + 36, jan2015 + 48, jan2015 + 60]);
    expect(axisTicks(2015, 2018, 'year')).toEqual([2015, 2016, 2017, 2018]);
  });
});
