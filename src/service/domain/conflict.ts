import { normaliseText, type CaseParties } from './application.js';
import type { Affiliation, Reviewer } from './reviewer.js';

/**
 * Conflict of interest: the reviewer must have no affiliation with the employer, the insurer or
 * claims administrator, the requesting provider or its group, or the UR organization of the case.
 * Letters state "no affiliation with the employer, employee, providers or claims administrator" [C];
 * LC 139.5(a)(1) lets the AD set conflict standards [C]; the UR organization and provider group come
 * from the expected LC 139.5 list [U] (../shared/research/imr-process.md §3.2).
 */

type PartyRole = keyof CaseParties;

export interface Conflict {
  partyRole: PartyRole;
  affiliation: Affiliation | { kind: 'self'; name: string };
  message: string;
}

export interface ConflictResult {
  conflictFree: boolean;
  conflicts: Conflict[];
}

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'l l c', 'llp', 'lp', 'ltd', 'limited', 'corp', 'corporation', 'co', 'company',
  'pc', 'apc', 'pa', 'plc', 'pllc',
]);
const PERSON_TITLES = new Set(['dr', 'doctor', 'mr', 'mrs', 'ms']);
const DEGREES = new Set(['md', 'do', 'dc', 'phd', 'psyd', 'dpm', 'np', 'pa c', 'facs', 'mph', 'lac']);

/**
 * A name reduced for matching: case, accents, punctuation, "&"/"and", a leading "The", personal
 * titles, trailing degrees and legal-form suffixes (Inc, LLC, Corp, Co, Ltd…) are ignored.
 */
export function normaliseName(name: string): string {
  // "L.L.C." → "LLC", "M.D." → "MD" before punctuation becomes spaces.
  let tokens = normaliseText(name.replace(/\b(\w)\./g, '$1')).split(' ').filter(Boolean);
  while (tokens.length > 1 && (tokens[0] === 'the' || PERSON_TITLES.has(tokens[0]))) tokens = tokens.slice(1);
  let changed = true;
  while (changed && tokens.length > 1) {
    changed = false;
    const last = tokens[tokens.length - 1];
    const lastTwo = tokens.slice(-2).join(' ');
    if (tokens.length > 2 && (LEGAL_SUFFIXES.has(lastTwo) || DEGREES.has(lastTwo))) {
      tokens = tokens.slice(0, -2);
      changed = true;
    } else if (LEGAL_SUFFIXES.has(last) || DEGREES.has(last)) {
      tokens = tokens.slice(0, -1);
      changed = true;
    }
  }
  return tokens.join(' ');
}

const ROLE_LABEL: Record<PartyRole, string> = {
  employer: 'employer',
  claimsAdministrator: 'claims administrator',
  insurer: 'insurer',
  requestingProvider: 'requesting provider',
  providerGroup: "requesting provider's group",
  urOrganization: 'UR organization',
};

/** Every affiliation of the reviewer that names a party of the case (whatever kind it was recorded as). */
export function checkConflicts(reviewer: Pick<Reviewer, 'name' | 'affiliations'>, parties: CaseParties): ConflictResult {
  const conflicts: Conflict[] = [];
  const roles = Object.keys(ROLE_LABEL) as PartyRole[];
  const partyKeys = roles
    .map((role) => ({ role, name: parties[role] }))
    .filter((p): p is { role: PartyRole; name: string } => typeof p.name === 'string' && normaliseName(p.name) !== '')
    .map((p) => ({ role: p.role, key: normaliseName(p.name) }));

  for (const aff of reviewer.affiliations) {
    const key = normaliseName(aff.name);
    if (!key) continue;
    for (const p of partyKeys) {
      if (p.key === key) {
        conflicts.push({
          partyRole: p.role,
          affiliation: aff,
          message: `The reviewer has ${/^[aeiou]/.test(aff.kind) ? 'an' : 'a'} ${aff.kind.replace(/_/g, ' ')} affiliation with the case's ${ROLE_LABEL[p.role]}.`,
        });
      }
    }
  }
  const self = normaliseName(reviewer.name);
  for (const p of partyKeys) {
    if (p.role === 'requestingProvider' && p.key === self) {
      conflicts.push({
        partyRole: p.role,
        affiliation: { kind: 'self', name: reviewer.name },
        message: 'The reviewer is the requesting provider of the case.',
      });
    }
  }
  return { conflictFree: conflicts.length === 0, conflicts };
}
