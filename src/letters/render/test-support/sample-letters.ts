import type { Citation, CitationRef, Letter } from '../../model.js';

/** Hand-made letters (synthetic, no real patient) for the renderer's unit tests. */

export function citation(partial: Partial<Citation> & Pick<Citation, 'source'>): Citation {
  return { name: null, edition: null, topic: null, sections: [], pages: [], raw: '', alsoCites: [], ...partial };
}

const SENTENCES = [
  'The injured worker reports low back pain radiating to the left leg, rated 6 on a 10-point scale.',
  'Examination documented tenderness of the lumbar paraspinal muscles and a restricted range of motion.',
  'Treatment to date has included medications, physical therapy and a home exercise program.',
  'The treating physician requested further treatment, which utilization review did not certify.',
];

export function ref(partial: Partial<CitationRef> & Pick<CitationRef, 'source'>): CitationRef {
  return { name: null, edition: null, topic: null, sections: [], pages: [], raw: '', ...partial };
}

/** A paragraph of `n` synthetic sentences. */
export function prose(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => SENTENCES[(i + offset) % SENTENCES.length]).join(' ');
}

/** A 2016–2017 style letter with a header block and three items. */
export function sampleLetter(): Letter {
  return {
    header: {
      caseNumber: 'CM16-0000001',
      dateAssigned: '2016-11-09',
      injuryDate: '2016-10-13',
      decisionDate: '2016-12-09',
      urDenialDate: '2016-11-03',
      priority: 'Standard',
      applicationReceived: '2016-11-03',
    },
    reviewer: { licensure: ['California', 'North Carolina'], specialty: 'Family Practice', subspecialty: null },
    worker: { age: 48, sex: 'male', injuryDate: '2016-10-13' },
    urDecisionDate: '2016-11-03',
    imrApplicationDate: null,
    clinicalSummary: `The injured worker is a 48 year old male who sustained an industrial injury on 10-13-16. ${prose(6)}\n\n${prose(3, 1)} On 11-3-16, utilization review determined the requests were not medically necessary.`,
    documentsReviewed: null,
    items: [
      {
        request: 'MRI of the right shoulder without contrast',
        decision: 'Upheld',
        claimsAdministratorGuideline: citation({ source: 'MTUS-ACOEM', topic: 'Shoulder Complaints', edition: 2004 }),
        reviewerGuideline: citation({ source: 'MTUS-ACOEM', topic: 'Shoulder Complaints', edition: 2004, sections: ['Special Studies'] }),
        rationale: `${prose(5)} Therefore the request is not medically necessary.`,
      },
      {
        request:
          'Physical therapy two times a week for six weeks for the lumbar spine and the left lower extremity, as an outpatient, with a home exercise program',
        decision: 'Overturned',
        claimsAdministratorGuideline: citation({ source: 'NONE' }),
        reviewerGuideline: citation({ source: 'MTUS-CPMTG', topic: 'Physical Medicine', pages: [98, 99] }),
        rationale: `${prose(4, 2)}\n\n${prose(3)} Therefore the request is medically necessary.`,
      },
      {
        request: 'Norco 10/325 mg #90',
        decision: 'Upheld',
        claimsAdministratorGuideline: citation({ source: 'NON-MTUS', name: 'ODG', topic: 'Pain Chapter' }),
        reviewerGuideline: citation({
          source: 'MTUS-OPIOIDS',
          edition: 2016,
          sections: ['Opioids, criteria for use'],
          alsoCites: [ref({ source: 'NON-MTUS', name: 'ODG', topic: 'Pain (Chronic)' })],
        }),
        rationale: `${prose(3, 3)} Therefore the request is not medically necessary.`,
      },
    ],
  };
}

/** An older-layout letter: no header block, no documents list, a subspecialty. */
export function headerlessLetter(): Letter {
  const l = sampleLetter();
  return {
    ...l,
    header: null,
    reviewer: { licensure: ['California'], specialty: 'Physical Medicine & Rehabilitation', subspecialty: 'Pain Management' },
    items: [l.items[0]],
  };
}

/** A letter long enough to run over several pages, with `n` items. */
export function longLetter(n: number): Letter {
  const l = sampleLetter();
  return {
    ...l,
    items: Array.from({ length: n }, (_, i) => ({
      ...l.items[i % l.items.length],
      request: `${l.items[i % l.items.length].request} (item ${i + 1})`,
      rationale: `${prose(6, i)}\n\n${prose(5, i + 1)}\n\n${prose(2, i + 2)} Therefore the request is not medically necessary.`,
    })),
  };
}
