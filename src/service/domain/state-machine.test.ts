import { describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { allowedTransitions, CASE_STATUSES, isFinalStatus, isOpenStatus, transition, type CaseStatus } from './state-machine.js';

const ALLOWED: Array<[CaseStatus, CaseStatus]> = [
  ['received', 'eligibility'],
  ['received', 'withdrawn'],
  ['received', 'terminated'],
  ['eligibility', 'assigned'],
  ['eligibility', 'ineligible'],
  ['eligibility', 'withdrawn'],
  ['eligibility', 'terminated'],
  ['assigned', 'records_received'],
  ['assigned', 'in_review'],
  ['assigned', 'withdrawn'],
  ['assigned', 'terminated'],
  ['records_received', 'in_review'],
  ['records_received', 'withdrawn'],
  ['records_received', 'terminated'],
  ['in_review', 'decided'],
  ['in_review', 'withdrawn'],
  ['in_review', 'terminated'],
  ['decided', 'letter_issued'],
];

describe('case state machine', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(transition(from, to)).toBe(to);
  });

  it('allows nothing else (every pair checked)', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const ok = ALLOWED.some(([f, t]) => f === from && t === to);
        expect(allowedTransitions(from).includes(to), `${from} → ${to}`).toBe(ok);
      }
    }
  });

  it.each<[CaseStatus, CaseStatus]>([
    ['received', 'assigned'],
    ['received', 'letter_issued'],
    ['eligibility', 'decided'],
    ['assigned', 'decided'],
    ['decided', 'in_review'],
    ['decided', 'withdrawn'],
    ['letter_issued', 'decided'],
    ['ineligible', 'eligibility'],
    ['withdrawn', 'received'],
    ['in_review', 'in_review'],
  ])('refuses %s → %s with IMR_ERR_INVALID_TRANSITION naming the allowed targets', (from, to) => {
    let err: unknown;
    try {
      transition(from, to);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImrError);
    const e = err as ImrError;
    expect(e.code).toBe('IMR_ERR_INVALID_TRANSITION');
    expect(e.httpStatus).toBe(409);
    expect(e.message).toContain(`"${from}" to "${to}"`);
    const targets = allowedTransitions(from);
    if (targets.length) for (const t of targets) expect(e.message).toContain(t);
    else expect(e.message).toContain('final');
  });

  it('rejects unknown statuses as a validation error', () => {
    expect(() => transition('received', 'approved' as CaseStatus)).toThrow(expect.objectContaining({ code: 'IMR_ERR_VALIDATION' }));
    expect(() => allowedTransitions('approved' as CaseStatus)).toThrow(expect.objectContaining({ code: 'IMR_ERR_VALIDATION' }));
  });

  it('knows the final and open statuses', () => {
    expect(CASE_STATUSES.filter(isFinalStatus)).toEqual(['letter_issued', 'ineligible', 'withdrawn', 'terminated']);
    expect(CASE_STATUSES.filter(isOpenStatus)).toEqual(['received', 'eligibility', 'assigned', 'records_received', 'in_review']);
  });

  it('every status is reachable from received', () => {
    const seen = new Set<CaseStatus>(['received']);
    const queue: CaseStatus[] = ['received'];
    while (queue.length) {
      for (const t of allowedTransitions(queue.shift()!)) {
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });
});
