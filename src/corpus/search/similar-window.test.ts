import { describe, expect, it } from 'vitest';
import { scoreWindow } from './similar-window.js';
import { wordStems } from './snippet.js';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, k) => from + k);

describe('scoreWindow (precedent candidates of one group, scored among themselves)', () => {
  it('weighs a shared word by how few of the window hold it: the body part tells chiropractic requests apart', () => {
    const window = [
      { request: 'Chiropractic treatment 8 visits cervical spine', ids: ids(1, 40) },
      { request: 'Chiropractic treatment 8 visits lumbar spine', ids: ids(100, 5) },
      { request: 'Chiropractic treatment 8 visits', ids: ids(200, 40) },
    ];
    const best = scoreWindow(window, ['chiropractic', 'lumbar', 'spine'], 5);
    expect(best.map((b) => b.id)).toEqual(ids(100, 5));
    // A request sharing only the rare word outranks the many sharing only the common one (older ids: first on a tie).
    const rare = scoreWindow([window[2], { request: 'Massage of the lumbar region', ids: ids(300, 5) }], ['chiropractic', 'lumbar'], 5);
    expect(rare.map((b) => b.id)).toEqual(ids(300, 5));
    // The window's common word still counts (above zero): a request with it beats one without any.
    const none = scoreWindow([{ request: 'Massage therapy', ids: [7] }, ...window], ['chiropractic'], 200);
    expect(none[none.length - 1]).toEqual({ id: 7, score: 0 });
  });

  it('prefers the short request to a long one that repeats the same words among many others', () => {
    const long =
      'Eight physical therapy sessions for the lumbar spine, left shoulder, left wrist and left knee was the original request; six physical therapy sessions for the lumbar spine, left shoulder and left knee were authorized';
    const best = scoreWindow([{ request: long, ids: [1] }, { request: 'Physical therapy twice a week for the shoulder', ids: [2] }], ['physical', 'therapy', 'shoulder'], 1);
    expect(best.map((b) => b.id)).toEqual([2]);
  });

  it('orders equal scores by id and returns at most the limit, every item of a request counted', () => {
    const best = scoreWindow([{ request: 'Norco 10/325 mg #90', ids: [30, 10, 20] }, { request: 'Norco 10/325 mg #60', ids: [5] }], ['norco'], 3);
    expect(best.map((b) => b.id)).toEqual([5, 10, 20]);
    expect(scoreWindow([], ['norco'], 3)).toEqual([]);
  });

  it('matches words as the index does (stems, case, diacritics)', () => {
    expect(wordStems('Injections, Café INJECTED')).toEqual(['inject', 'cafe', 'inject']);
    expect(scoreWindow([{ request: 'epidural', ids: [1] }, { request: 'Epidural INJECTIONS', ids: [2] }], ['injection'], 1)).toEqual([{ id: 2, score: expect.any(Number) }]);
  });
});
