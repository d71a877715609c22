import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLetterFile } from '../../letters/read/index.js';
import type { Letter } from '../../letters/model.js';
import { extractFacts, improvementFor, type CaseFacts } from './index.js';
import { allEvidence } from './test-support/all-evidence.js';
import { expectedSeeds, haveSeeds, havePdfs, pdfFiles, seedSummary, seedsDir } from '../request/test-support/shared-data.js';

describe.skipIf(!haveSeeds)('the seed letters\u2019 clinical case summaries', () => {
  const seeds = expectedSeeds();
  const facts = new Map<string, { text: string; facts: CaseFacts }>();
  for (const s of seeds) {
    const text = seedSummary(s.file);
    facts.set(s.file, { text, facts: extractFacts([{ name: 'clinicalSummary', text }], s.urDecisionDate ? { asOf: s.urDecisionDate } : undefined) });
  }
  it.each(seeds.map((s) => [s.file, s]))('%s: age, sex and injury date as expected.json', (_file, s) => {
    const f = facts.get(s.file)!.facts;
    expect(f.age?.value ?? null).toBe(s.worker.age);
    expect(f.sex?.value ?? null).toBe(s.worker.sex);
    expect(f.injuryDate?.value ?? null).toBe(s.worker.injuryDate);
  });
  it('quotes exact substrings at their offsets', () => {
    for (const { text, facts: f } of facts.values()) {
      const ev = allEvidence(f);
      expect(ev.length).toBeGreaterThan(3);
      for (const e of ev) expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });
  it('reads what the reviewers relied on', () => {
    const f0 = facts.get('000_82aa6a07caa57e33.txt')!.facts;
    expect(f0.chronicity).toBe('chronic');
    expect(f0.neuroDeficits.some((d) => d.kind === 'straight_leg_raise' && !d.negated)).toBe(true);
    expect(improvementFor(f0.functionalImprovement, 'muscle_relaxant').status).toBe('absent');
    expect(f0.priorTreatments.some((p) => p.category === 'chiropractic')).toBe(true);
    const f1 = facts.get('001_a7dcfdc829bf1e94.txt')!.facts;
    expect(f1.flareUps.some((x) => !x.negated)).toBe(true);
    expect(f1.spasm.some((x) => !x.negated)).toBe(true);
    expect(f1.homeExercise.some((x) => !x.negated)).toBe(true);
    const f3 = facts.get('003_3c229a01f2a1e4e9.txt')!.facts;
    expect(improvementFor(f3.functionalImprovement, 'physical_therapy').status).toBe('absent');
    expect(f3.surgeries).toMatchObject([{ date: '2013-11-15', planned: false, region: { region: 'cervical' } }]);
    expect(f3.medications.map((m) => m.drugClass)).toEqual(expect.arrayContaining(['muscle_relaxant', 'opioid', 'anti_epileptic', 'sleep_aid']));
    const f4 = facts.get('004_a85568a8f80c2df8.txt')!.facts;
    expect(f4.priorTreatments.find((p) => p.category === 'acupuncture' && p.sessions !== null)?.sessions).toBe(2);
    expect(f4.neuroDeficits.filter((d) => !d.negated).map((d) => d.kind)).toEqual(expect.arrayContaining(['sensory_deficit', 'weakness', 'reflex_change']));
  });
});

describe.skipIf(!havePdfs)('the 97 published letters\u2019 clinical case summaries', () => {
  const letters: { file: string; letter: Letter }[] = [];
  beforeAll(async () => {
    for (const f of pdfFiles()) letters.push({ file: path.basename(f), letter: (await readLetterFile(f)).letter });
  }, 180_000);

  it('quotes exact substrings at their offsets, in every letter', () => {
    expect(letters.length).toBe(97);
    for (const { letter } of letters) {
      const text = letter.clinicalSummary;
      const f = extractFacts([{ name: 'clinicalSummary', text }]);
      for (const e of allEvidence(f)) expect(text.slice(e.start, e.end)).toBe(e.quote);
    }
  });

  it('finds the worker\u2019s age, sex and injury date as the letter reader does', () => {
    let compared = 0;
    let agree = 0;
    const disagree: string[] = [];
    for (const { file, letter } of letters) {
      const f = extractFacts([{ name: 'clinicalSummary', text: letter.clinicalSummary }]);
      const pairs: [unknown, unknown, string][] = [
        [f.age?.value ?? null, letter.worker.age, 'age'],
        [f.sex?.value ?? null, letter.worker.sex, 'sex'],
        [f.injuryDate?.value ?? null, letter.header?.injuryDate ?? letter.worker.injuryDate, 'injury date'],
      ];
      for (const [mine, theirs, what] of pairs) {
        if (theirs === null) continue;
        compared++;
        if (mine === theirs) agree++;
        else disagree.push(`${file} ${what}: ${String(mine)} vs ${String(theirs)}`);
      }
    }
    if (disagree.length > 0) console.log(disagree.join('\n'));
    expect(compared).toBeGreaterThan(250);
    expect(agree / compared).toBeGreaterThan(0.95);
  });
});

void seedsDir;
