import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLetterFile } from '../../letters/read/index.js';
import { normaliseRequest } from './index.js';
import { expectedSeeds, haveSeeds, havePdfs, pdfFiles, seedsDir } from './test-support/shared-data.js';

/**
 * The normaliser over the requests as the letter reader gives them: the decision lines of the
 * seed letters and of the 97 published 2016–2017 letters.
 */
describe.skipIf(!haveSeeds)('seed letters read by the letter reader', () => {
  it('gives every item the category of expected.json', async () => {
    for (const l of expectedSeeds()) {
      const { letter } = await readLetterFile(path.join(seedsDir, l.file));
      expect(letter.items.map((i) => normaliseRequest(i.request).category), l.file).toEqual(l.items.map((i) => i.category));
    }
  });
});

describe.skipIf(!havePdfs)('the 97 published letters', () => {
  const requests: { file: string; request: string }[] = [];
  beforeAll(async () => {
    for (const f of pdfFiles()) {
      const { letter } = await readLetterFile(f);
      for (const item of letter.items) requests.push({ file: path.basename(f), request: item.request });
    }
  }, 180_000);

  it('puts fewer than 5% of the disputed items in "other"', () => {
    expect(requests.length).toBeGreaterThan(150);
    const other = requests.filter((r) => normaliseRequest(r.request).category === 'other');
    if (other.length > 0) console.log(`requests in "other":\n${other.map((o) => `  ${o.file}: ${o.request}`).join('\n')}`);
    expect(other.length / requests.length).toBeLessThan(0.05);
  });

  it('finds the drug of every medication request and the modality of every imaging request', () => {
    for (const r of requests) {
      const n = normaliseRequest(r.request);
      if (n.category === 'imaging') expect(n.imaging?.modality, r.request).not.toBe('unknown');
      if (['muscle_relaxant', 'nsaid', 'ppi', 'opioid', 'topical', 'compound', 'anti_epileptic', 'antidepressant'].includes(n.category)) {
        expect(n.drug?.generic, r.request).toBeTruthy();
      }
      expect(n.matchedTerms.length, r.request).toBeGreaterThan(0);
    }
  });

  it('reads a session count for most therapy requests', () => {
    const therapy = requests.map((r) => normaliseRequest(r.request)).filter((n) => ['physical_therapy', 'chiropractic', 'acupuncture', 'postsurgical_therapy'].includes(n.category));
    const counted = therapy.filter((n) => n.sessions !== null);
    const missing = therapy.filter((n) => n.sessions === null).map((n) => n.cleaned);
    if (missing.length > 0) console.log(`therapy requests without a session count:\n  ${missing.join('\n  ')}`);
    expect(counted.length / therapy.length).toBeGreaterThan(0.85);
  });
});
