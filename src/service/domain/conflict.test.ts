import { describe, expect, it } from 'vitest';
import { partiesOf } from './application.js';
import { checkConflicts, normaliseName } from './conflict.js';
import { makeApplication, makeReviewer } from './test-support/fixtures.js';

const parties = partiesOf(makeApplication());

describe('normaliseName', () => {
  it.each([
    ['Acme Widgets, Inc.', 'acme widgets'],
    ['ACME WIDGETS INC', 'acme widgets'],
    ['The Acme Widgets Company', 'acme widgets'],
    ['Golden State Claims Services, L.L.C.', 'golden state claims services'],
    ['Pacific Mutual Insurance Co.', 'pacific mutual insurance'],
    ['Dr. Lee Rivera, M.D.', 'lee rivera'],
    ['Smith & Jones Medical Group, P.C.', 'smith and jones medical group'],
    ['Café Médical LLC', 'cafe medical'],
  ])('%s → %s', (input, out) => {
    expect(normaliseName(input)).toBe(out);
  });

  it('keeps a name that is only a suffix-like word', () => {
    expect(normaliseName('Inc')).toBe('inc');
  });
});

describe('checkConflicts', () => {
  it('is conflict-free with no affiliations to any party', () => {
    const r = checkConflicts(makeReviewer({ affiliations: [{ kind: 'employer', name: 'Other Hospital' }] }), parties);
    expect(r).toEqual({ conflictFree: true, conflicts: [] });
  });

  it.each([
    ['employer', 'ACME Widgets', 'employer'],
    ['claims_administrator', 'Golden State Claims Services', 'claimsAdministrator'],
    ['insurer', 'Pacific Mutual Insurance Company', 'insurer'],
    ['provider', 'Lee Rivera MD', 'requestingProvider'],
    ['provider_group', 'Valley Spine Medical Group, Inc.', 'providerGroup'],
    ['ur_organization', 'summit ur partners llc', 'urOrganization'],
  ] as const)('finds a %s affiliation with the case (%s)', (kind, name, role) => {
    const r = checkConflicts(makeReviewer({ affiliations: [{ kind, name }] }), parties);
    expect(r.conflictFree).toBe(false);
    expect(r.conflicts.map((c) => c.partyRole)).toEqual([role]);
    expect(r.conflicts[0].message).toMatch(/affiliation with the case's/);
  });

  it('matches whatever kind the affiliation was recorded as', () => {
    const r = checkConflicts(makeReviewer({ affiliations: [{ kind: 'insurer', name: 'Acme Widgets Inc' }] }), parties);
    expect(r.conflicts[0].partyRole).toBe('employer');
  });

  it('finds the reviewer being the requesting provider', () => {
    const r = checkConflicts(makeReviewer({ name: 'Lee Rivera' }), parties);
    expect(r.conflictFree).toBe(false);
    expect(r.conflicts[0].affiliation.kind).toBe('self');
  });

  it('lists every conflict', () => {
    const r = checkConflicts(
      makeReviewer({ affiliations: [{ kind: 'employer', name: 'Acme Widgets' }, { kind: 'ur_organization', name: 'Summit UR Partners' }] }),
      parties,
    );
    expect(r.conflicts).toHaveLength(2);
  });

  it('does not match partial names', () => {
    const r = checkConflicts(makeReviewer({ affiliations: [{ kind: 'employer', name: 'Acme' }, { kind: 'provider_group', name: 'Valley Medical Group' }] }), parties);
    expect(r.conflictFree).toBe(true);
  });
});
