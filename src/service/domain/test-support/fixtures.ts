import { imrApplicationSchema, type ImrApplication, type ImrApplicationInput } from '../application.js';
import { reviewerSchema, type Reviewer, type ReviewerInput } from '../reviewer.js';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<infer _U> ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A valid, eligible application (fictional people and companies), with overrides merged one level deep. */
export function makeApplication(over: DeepPartial<ImrApplicationInput> = {}): ImrApplication {
  const base: ImrApplicationInput = {
    injuredWorker: { name: 'Pat Example', dateOfBirth: '1975-04-02', dateOfInjury: '2023-06-14', claimNumber: 'CLM-100' },
    employer: { name: 'Acme Widgets, Inc.' },
    claimsAdministrator: { name: 'Golden State Claims Services LLC', id: 'CA-0042', insurerName: 'Pacific Mutual Insurance Co.' },
    requestingProvider: { name: 'Dr. Lee Rivera, M.D.', specialty: 'Orthopedic Surgery', npi: '1234567893', group: 'Valley Spine Medical Group' },
    urDecision: {
      dateServed: '2024-03-01',
      howServed: 'electronic',
      decisionDate: '2024-02-29',
      itemsDeniedOrModified: ['12 chiropractic visits'],
      conditionallyNonCertified: false,
      urOrganizationName: 'Summit UR Partners',
    },
    disputedItems: [{ request: '12 chiropractic visits for the lumbar spine', urOutcome: 'denied', category: 'chiropractic' }],
    expedited: { requested: false, physicianCertification: false },
    liabilityDisputed: false,
    applicationReceivedDate: '2024-03-20',
    signedByWorker: true,
    attachments: { urDecisionCopy: true },
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = (base as Record<string, unknown>)[k];
    merged[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' ? { ...b, ...v } : v;
  }
  return imrApplicationSchema.parse(merged);
}

/** A qualified reviewer with no affiliations. */
export function makeReviewer(over: Partial<ReviewerInput> = {}): Reviewer {
  return reviewerSchema.parse({
    id: 'r-001',
    name: 'Reviewer One',
    licensureStates: ['California'],
    specialty: 'Physical Medicine & Rehabilitation',
    subspecialty: null,
    boardCertified: true,
    yearsInActivePractice: 12,
    weeklyHours: 32,
    affiliations: [],
    capacity: 10,
    active: true,
    ...over,
  });
}
