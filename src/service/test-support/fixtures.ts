import type { Citation } from '../../letters/model.js';
import type { ImrApplicationInput, ReviewerInput } from '../domain/index.js';

/** A valid, eligible application (fictional people and companies). */
export function applicationInput(over: Partial<ImrApplicationInput> = {}): ImrApplicationInput {
  return {
    injuredWorker: { name: 'Pat Example', dateOfBirth: '1975-04-02', dateOfInjury: '2023-06-14', claimNumber: 'CLM-100' },
    employer: { name: 'Acme Widgets, Inc.' },
    claimsAdministrator: { name: 'Golden State Claims Services LLC', id: 'CA-0042', insurerName: 'Pacific Mutual Insurance Co.' },
    requestingProvider: { name: 'Dr. Lee Rivera, M.D.', specialty: 'Orthopedic Surgery', group: 'Valley Spine Medical Group' },
    urDecision: {
      dateServed: '2024-03-01',
      howServed: 'electronic',
      decisionDate: '2024-02-29',
      itemsDeniedOrModified: ['12 chiropractic visits', 'Tramadol 50 mg #60'],
      conditionallyNonCertified: false,
      urOrganizationName: 'Summit UR Partners',
    },
    disputedItems: [
      { request: '12 chiropractic visits for the lumbar spine', urOutcome: 'denied', category: 'chiropractic' },
      { request: 'Tramadol 50 mg #60', urOutcome: 'modified', category: 'opioid' },
    ],
    expedited: { requested: false, physicianCertification: false },
    liabilityDisputed: false,
    applicationReceivedDate: '2024-03-20',
    signedByWorker: true,
    attachments: { urDecisionCopy: true },
    ...over,
  };
}

export const CLINICAL_SUMMARY =
  'The injured worker is a 48 year old male with an industrial injury dated 06/14/2023. His diagnoses include lumbar strain. ' +
  'He has been treated with physical therapy and medications. In a progress note dated 02/10/2024, the treating physician reports low back pain rated 6/10.';

/** Reviewers: one fits chiropractic and medications (PM&R), one has a conflict, one is not qualified. */
export function reviewerInputs(): ReviewerInput[] {
  const base = { licensureStates: ['California'], subspecialty: null, boardCertified: true, yearsInActivePractice: 12, weeklyHours: 32, affiliations: [], capacity: 10, active: true };
  return [
    { ...base, id: 'r-pmr', name: 'Dr. Robin Fields', specialty: 'Physical Medicine & Rehabilitation' },
    { ...base, id: 'r-pmr-conflict', name: 'Dr. Sam Conflicted', specialty: 'Physical Medicine & Rehabilitation', affiliations: [{ kind: 'employer', name: 'Acme Widgets' }] },
    { ...base, id: 'r-junior', name: 'Dr. Jo Junior', specialty: 'Physical Medicine & Rehabilitation', yearsInActivePractice: 3 },
    { ...base, id: 'r-pmr-2', name: 'Dr. Alex Second', specialty: 'Physical Medicine & Rehabilitation', capacity: 5 },
  ];
}

export function citation(over: Partial<Citation> = {}): Citation {
  return {
    source: 'MTUS-CPMTG',
    name: null,
    edition: 2009,
    topic: 'Manual Therapy and Manipulation',
    sections: [],
    pages: [58, 59],
    raw: 'MTUS Chronic Pain Medical Treatment Guidelines 2009, Manual Therapy and Manipulation, pages 58-59',
    alsoCites: [],
    ...over,
  };
}
