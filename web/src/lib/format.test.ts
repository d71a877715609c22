import { describe, expect, it } from 'vitest';
import { formatDate, formatDatesInText, formatDateTime } from './format.js';

const LA = { timeZone: 'America/Los_Angeles' };

describe('formatDate', () => {
  it('writes a date of record as MM/DD/YYYY, exactly as given (no time-zone shift)', () => {
    expect(formatDate('2024-03-21')).toBe('03/21/2024');
    expect(formatDate('2024-01-01', { timeZone: 'Pacific/Honolulu' })).toBe('01/01/2024');
    expect(formatDate('2024-02-29')).toBe('02/29/2024');
  });
  it('writes an instant as its date where the reader is', () => {
    // 02:00 UTC on the 22nd is still the 21st in California.
    expect(formatDate('2024-03-22T02:00:00.000Z', LA)).toBe('03/21/2024');
    expect(formatDate('2024-03-22T02:00:00.000Z', { timeZone: 'UTC' })).toBe('03/22/2024');
  });
  it('shows "—" for nothing, and a value that is not a date as given', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('2024-02-30')).toBe('2024-02-30');
    expect(formatDate('next Tuesday')).toBe('next Tuesday');
    expect(formatDate('03/21/2024')).toBe('03/21/2024');
  });
});

describe('formatDateTime', () => {
  it('writes an instant as MM/DD/YYYY with the time, in the reader\'s zone', () => {
    expect(formatDateTime('2024-03-21T18:05:00.000Z', LA)).toBe('03/21/2024 11:05 AM');
    expect(formatDateTime('2024-03-21T18:05:00.000Z', { timeZone: 'UTC' })).toBe('03/21/2024 6:05 PM');
    expect(formatDateTime('2024-12-01T08:00:00Z', LA)).toBe('12/01/2024 12:00 AM');
  });
  it('writes a date alone without a time, nothing as "—", and a non-date as given', () => {
    expect(formatDateTime('2024-03-21', LA)).toBe('03/21/2024');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('soon')).toBe('soon');
    expect(formatDateTime('2024-13-45T99:00:00Z')).toBe('2024-13-45T99:00:00Z');
  });
});

describe('formatDatesInText', () => {
  it('rewrites the dates of record inside a message, and nothing else', () => {
    expect(formatDatesInText('Filed by 2024-04-19, the last day (30 days after service).')).toBe('Filed by 04/19/2024, the last day (30 days after service).');
    expect(formatDatesInText('The injury is on or after 2013-01-01: IMR applies.')).toBe('The injury is on or after 01/01/2013: IMR applies.');
    // Not a date alone: file names, ids, instants and impossible dates stay as written.
    expect(formatDatesInText('pr2-2024-02-10.txt')).toBe('pr2-2024-02-10.txt');
    expect(formatDatesInText('at 2024-03-21T18:00:00Z')).toBe('at 2024-03-21T18:00:00Z');
    expect(formatDatesInText('on 2024-02-30')).toBe('on 2024-02-30');
    expect(formatDatesInText('no dates here')).toBe('no dates here');
  });
});
