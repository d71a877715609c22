import { describe, expect, it } from 'vitest';
import { parseFilters, rawFiltersOf } from './filters.js';

describe('parseFilters: DWC public search filters', () => {
  it('normalises the case number and keeps the date ranges', () => {
    expect(parseFilters({ caseNumber: ' cm16-0000001 ', injuryFrom: '2014-01-01', injuryTo: '2014-12-31', receivedFrom: '2016-02-29', decisionTo: '2017-01-15', decision: 'overturned', specialty: 'Chiropractor', category: 'Chiropractic' })).toEqual({
      caseNumber: 'CM16-0000001', injuryFrom: '2014-01-01', injuryTo: '2014-12-31', receivedFrom: '2016-02-29', decisionTo: '2017-01-15', decision: 'Overturned', specialty: 'Chiropractor', category: 'chiropractic',
    });
    expect(parseFilters({ caseNumber: '', injuryFrom: ' ' })).toEqual({});
  });

  it('refuses an impossible date, naming the filter', () => {
    expect(() => parseFilters({ decisionFrom: '2017-02-30' })).toThrow(expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE', message: expect.stringContaining('decisionFrom') }));
    expect(() => parseFilters({ injuryTo: '01/15/2017' })).toThrow(expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE', message: expect.stringContaining('injury date to') }));
  });

  it('refuses a range that ends before it starts, naming the filter', () => {
    expect(() => parseFilters({ receivedFrom: '2017-03-01', receivedTo: '2017-02-01' })).toThrow(
      expect.objectContaining({ code: 'IMR_ERR_INVALID_DATE', message: expect.stringContaining('received date range') }),
    );
    // One day is a valid range.
    expect(parseFilters({ receivedFrom: '2017-03-01', receivedTo: '2017-03-01' })).toEqual({ receivedFrom: '2017-03-01', receivedTo: '2017-03-01' });
  });

  it('refuses a case number that is not one', () => {
    expect(() => parseFilters({ caseNumber: "CM16'; DROP" })).toThrow(expect.objectContaining({ code: 'IMR_ERR_VALIDATION' }));
  });
});

describe('rawFiltersOf: a saved search back to its address', () => {
  it('gives the raw filters that parse back to the same filters', () => {
    const raw = { decision: 'overturned', citation: 'mtus-cpmtg', category: 'Chiropractic', section: 'Manual therapy', specialty: 'Chiropractor', year: '2016', priority: 'expedited', caseNumber: 'cm16-0000001', injuryFrom: '2014-01-01', decisionTo: '2017-01-15' };
    const parsed = parseFilters(raw);
    const back = rawFiltersOf(parsed);
    expect(back).toEqual({ decision: 'Overturned', citation: 'MTUS-CPMTG', category: 'chiropractic', section: 'Manual therapy', specialty: 'Chiropractor', year: '2016', priority: 'Expedited', caseNumber: 'CM16-0000001', injuryFrom: '2014-01-01', decisionTo: '2017-01-15' });
    expect(parseFilters(back)).toEqual(parsed);
    expect(rawFiltersOf({})).toEqual({});
  });
});
