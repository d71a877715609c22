import type { Citation, Decision } from '../letters/model.js';

/** A demo case in the shape the seed letters give (fictional; used when ../shared/seeds is absent). */
export interface DemoCaseSource {
  clinicalSummary: string;
  documentsReviewed: string[];
  worker: { age: number | null; sex: 'male' | 'female' | null; injuryDate: string | null };
  urDecisionDate: string | null;
  imrApplicationDate: string | null;
  items: Array<{ request: string; decision: Decision; claimsAdministratorGuideline: Citation | null; reviewerGuideline: Citation; rationale: string }>;
}

const cpmtg = (topic: string, pages: number[]): Citation => ({
  source: 'MTUS-CPMTG',
  name: null,
  edition: 2009,
  topic,
  sections: [],
  pages,
  raw: `MTUS Chronic Pain Medical Treatment Guidelines 2009, ${topic}, page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`,
  alsoCites: [],
});

/** Two fictional cases so the demo works without the shared seed letters. */
export const SYNTHETIC_CASES: DemoCaseSource[] = [
  {
    clinicalSummary:
      'The injured worker is a 41 year old female with an industrial injury dated 03/02/2014 from repetitive lifting. Her diagnoses include lumbar sprain/strain and lumbar radiculitis. ' +
      'She has been treated with medications, physical therapy and a home exercise program. In a progress note dated 01/12/2015, the treating physician reports low back pain rated 6/10 ' +
      'radiating to the left leg. The physical examination revealed tenderness of the lumbar paraspinal muscles and decreased range of motion. The treatment plan included chiropractic treatment.',
    documentsReviewed: ['Progress note, 01/12/2015', 'Utilization review determination, 01/20/2015'],
    worker: { age: 41, sex: 'female', injuryDate: '2014-03-02' },
    urDecisionDate: '2015-01-20',
    imrApplicationDate: '2015-02-10',
    items: [
      {
        request: '8 chiropractic treatments for the lumbar spine',
        decision: 'Upheld',
        claimsAdministratorGuideline: cpmtg('Manual Therapy and Manipulation', [58, 59]),
        reviewerGuideline: cpmtg('Manual Therapy and Manipulation', [58, 59]),
        rationale:
          'The guidelines recommend a trial of 6 visits over 2 weeks, with up to 18 visits over 6 to 8 weeks with evidence of objective functional improvement. ' +
          'The request for 8 visits exceeds the initial trial. Therefore, the request is not medically necessary.',
      },
    ],
  },
  {
    clinicalSummary:
      'The injured worker is a 55 year old male with an industrial injury dated 07/19/2013 when he fell from a ladder. His diagnoses include cervical strain and right shoulder impingement. ' +
      'He has been treated with medications including tramadol and naproxen. In a progress note dated 12/03/2014, the treating physician reports neck pain rated 7/10 reduced to 4/10 with medications, ' +
      'with improved ability to perform activities of daily living. A urine drug screen was consistent with the prescribed medications.',
    documentsReviewed: ['Progress note, 12/03/2014', 'Utilization review determination, 12/15/2014'],
    worker: { age: 55, sex: 'male', injuryDate: '2013-07-19' },
    urDecisionDate: '2014-12-15',
    imrApplicationDate: '2015-01-08',
    items: [
      {
        request: 'Tramadol 50mg #60',
        decision: 'Overturned',
        claimsAdministratorGuideline: cpmtg('Opioids', [74, 96]),
        reviewerGuideline: cpmtg('Opioids, criteria for use', [76, 80]),
        rationale:
          'The guidelines support continued opioid use with documented pain relief, functional improvement, appropriate medication use and monitoring for side effects. ' +
          'The records document a reduction in pain from 7/10 to 4/10, improved function and a consistent urine drug screen. Therefore, the request is medically necessary.',
      },
      {
        request: 'Naproxen 550mg #60',
        decision: 'Overturned',
        claimsAdministratorGuideline: cpmtg('NSAIDs', [67, 68]),
        reviewerGuideline: cpmtg('NSAIDs (non-steroidal anti-inflammatory drugs)', [67, 68]),
        rationale:
          'The guidelines recommend NSAIDs at the lowest dose for the shortest period in patients with moderate to severe pain. The records document pain relief with this medication. ' +
          'Therefore, the request is medically necessary.',
      },
    ],
  },
];
