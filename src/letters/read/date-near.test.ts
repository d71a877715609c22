import { describe, expect, it } from 'vitest';
import { dateNear, UR_PHRASE } from './reviewer-worker.js';

describe('dateNear on long or hostile summaries', () => {
  it('finds the date in the phrase\'s sentence as before', () => {
    const s = 'The patient was injured on 01/05/2015. Utilization review on 02/03/2016 non-certified the request. The application followed.';
    expect(dateNear(s, UR_PHRASE)).toBe('2016-02-03');
  });

  it('a 300 KB summary of "ur " repeated (every word a phrase hit) is searched once, not once per hit', () => {
    const s = 'Summary. ' + 'ur '.repeat(100_000) + 'UR dated 02/03/2016.';
    // Quadratic before: about 11 s. Finishing within the test's default timeout is the check.
    expect(dateNear(s, UR_PHRASE)).toBe('2016-02-03');
  });

  it('many long sentences, each with a hit and no date, end the search', () => {
    const s = ('A' + ' filler'.repeat(80) + ' ur'.repeat(50) + '. ').repeat(2_000);
    expect(dateNear(s, UR_PHRASE)).toBeNull();
  });
});
