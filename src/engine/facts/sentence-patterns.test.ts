import { describe, expect, it } from 'vitest';
import { CUE_FIRSTS, sentenceHits } from './sentence-patterns.js';
import { SentenceCues } from './evidence-kinds.js';
import { featureHits, featureHitsFrom } from './features.js';
import { findRegions, findTerms, regionsFromHits, termsFromHits } from '../request/matchers.js';

/** Sentences with features, treatments and regions side by side, overlapping and at the edges. */
const SENTENCES = [
  'She completed 12 sessions of physical therapy for the right shoulder, elbow and wrist, with improved range of motion.',
  'Left knee MRI showed a tear; TENS unit and home exercise program helped, pain 7/10 down from 9/10.',
  'Lumbar spine: tenderness, spasm and decreased sensation L5; straight leg raise positive bilaterally.',
  'Norco 10/325 and Naproxen decreased her pain; she returned to modified duty without GI upset.',
  'RUE and BLE numbness; C5-6 fusion was certified previously; acupuncture x 6 failed.',
  'No improvement.',
  'Utilization review non-certified the request; MTUS states TENS is not recommended. Treatment to date: PT.',
  'On exam there is tenderness; the patient reports pain 6/10 and was diagnosed with a strain. Will continue HEP.',
  'PT',
  '',
];

describe('sentenceHits: the feature, treatment and region patterns in one pass', () => {
  it('gives each vocabulary exactly what its own matcher finds', () => {
    for (const text of SENTENCES) {
      const hits = sentenceHits(text);
      expect(featureHitsFrom(hits.features), text).toEqual(featureHits(text));
      expect(termsFromHits(hits.terms), text).toEqual(findTerms(text));
      expect(regionsFromHits(text, hits.regions), text).toEqual(findRegions(text));
    }
  });
  it('finds all three in a sentence that has all three', () => {
    const hits = sentenceHits(SENTENCES[0]);
    expect(findTerms(SENTENCES[0]).map((t) => t.category)).toContain('physical_therapy');
    expect(hits.terms.length).toBeGreaterThan(0);
    expect(hits.regions.map((h) => h.text.toLowerCase())).toEqual(expect.arrayContaining(['right', 'shoulder', 'elbow', 'wrist']));
    expect(hits.features.length).toBeGreaterThan(0);
  });
  it('finds the cues of the kind of statement in the same pass, as SentenceCues alone finds them', () => {
    const keys = ['review', 'admin', 'historyList', 'plan', 'planOrReview', 'completion', 'diagnosis', 'test', 'exam', 'examStatement', 'examWord', 'workerReport', 'complaint', 'guidelineText', 'administrativeText', 'contact'] as const;
    for (const text of SENTENCES) {
      sentenceHits(text);
      const one = new SentenceCues(text, CUE_FIRSTS);
      const alone = new SentenceCues(text);
      for (const k of keys) expect(one[k], `${k} in "${text}"`).toBe(alone[k]);
    }
  });
});
