import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../test-support/run-cli.js';
import { haveSeeds, seedFiles, seedsDir } from '../../shared/test-support/shared-data.js';

interface Expected {
  letters: { file: string; items: { request: string; decision: string; reviewerGuideline: { source: string; pages: number[] } }[] }[];
}

describe.skipIf(!haveSeeds)('imr audit on the seed letters', () => {
  const seeds = seedFiles();

  // The engine's decisions are not asserted against the letters here: rules are written from the
  // guideline, not fitted to these letters. This checks the audit itself: the letters' decisions are
  // read, the engine's draft sits beside them, and every agreement figure is counted right.
  it('sets each seed item\'s published decision beside the blind draft and counts agreement right', async () => {
    const expected = (await import(path.join(seedsDir, 'expected.json'), { with: { type: 'json' } })).default as Expected;
    const r = await runCli(['audit', ...seeds, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    type Line = { file: string; items: { request: string; letter: { decision: string; citation: { source: string } }; engine: { decision: string; citation: { source: string; pages: number[] }; rationale: string; pOverturn: number }; agree: { decision: boolean; citationFamily: boolean } }[] };
    const letters = lines.filter((l) => 'file' in l) as Line[];
    expect(letters).toHaveLength(seeds.length);
    let agree = 0;
    let n = 0;
    for (const l of letters) {
      const exp = expected.letters.find((e) => l.file.endsWith(e.file));
      expect(exp, l.file).toBeDefined();
      expect(l.items.map((i) => i.request)).toEqual(exp!.items.map((i) => i.request));
      l.items.forEach((item, k) => {
        const e = exp!.items[k];
        expect(item.letter.decision, `${l.file} ${item.request}`).toBe(e.decision);
        expect(item.letter.citation.source, `${l.file} ${item.request}`).toBe(e.reviewerGuideline.source);
        expect(item.agree.decision).toBe(item.engine.decision === e.decision);
        expect(item.agree.citationFamily).toBe(item.engine.citation.source === e.reviewerGuideline.source);
        expect(item.engine.rationale).toMatch(/medically necessary/);
        agree += item.agree.decision ? 1 : 0;
        n++;
      });
    }
    const summary = (lines.at(-1) as { summary: { letters: number; items: number; decisionAgreement: number; quality: { agreement: { estimate: number } } } }).summary;
    expect(summary).toMatchObject({ letters: seeds.length, items: n, decisionAgreement: Math.round((1000 * agree) / n) / 1000 });
    expect(summary.quality.agreement.estimate).toBeCloseTo(agree / n, 12);
  });

  it('never reads the letter decisions: the engine decides from a case without them', async () => {
    const { caseFromLetter } = await import('../../engine/audit/audit.js');
    const { readLetterFile } = await import('../../letters/read/index.js');
    const { letter } = await readLetterFile(seeds[0]);
    const c = caseFromLetter(letter);
    const text = JSON.stringify(c);
    expect(text).not.toMatch(/Upheld|Overturned|Decision rationale/);
    for (const item of letter.items) expect(text).not.toContain(item.rationale.slice(0, 60));
  });

  it('--cv K scores each letter with a calibration refitted without its fold, and --json carries the flag fields', async () => {
    const r = await runCli(['audit', ...seeds, '--cv', '5', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const items = (lines.filter((l) => 'file' in l) as { items: { letter: { decision: string }; engine: { decision: string; pOverturn: number; needsReviewer: boolean; reviewReason: string | null } }[] }[]).flatMap((l) => l.items);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(['Upheld', 'Overturned']).toContain(i.engine.decision);
      expect(i.engine.pOverturn).toBeGreaterThanOrEqual(0);
      expect(i.engine.pOverturn).toBeLessThanOrEqual(1);
      expect(typeof i.engine.needsReviewer).toBe('boolean');
      expect(i.engine.needsReviewer ? typeof i.engine.reviewReason === 'string' : i.engine.reviewReason === null).toBe(true);
    }
    const { summary } = lines.at(-1) as { summary: { crossValidated: boolean; quality: { items: number; agreement: { estimate: number; low: number; high: number }; alwaysUpheld: { estimate: number }; unflaggedShare: number; overturnedCaught: number | null; byCategory: Record<string, unknown> } } };
    expect(summary.crossValidated).toBe(true);
    const q = summary.quality;
    expect(q.items).toBe(items.length);
    expect(q.alwaysUpheld.estimate).toBeCloseTo(items.filter((i) => i.letter.decision === 'Upheld').length / items.length, 12);
    expect(q.agreement.low).toBeLessThanOrEqual(q.agreement.estimate);
    expect(q.agreement.high).toBeGreaterThanOrEqual(q.agreement.estimate);
    expect(q.unflaggedShare).toBeCloseTo(items.filter((i) => !i.engine.needsReviewer).length / items.length, 12);
    expect(Object.keys(q.byCategory).length).toBeGreaterThan(0);
  });

  it('prints the quality figures beside the always-Upheld baseline', async () => {
    const r = await runCli(['audit', ...seeds, '--cv', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision agreement\s+\d+\.\d% \(95% CI \d+\.\d%–\d+\.\d%/);
    expect(r.stdout).toMatch(/always Upheld \(baseline\)\s+\d+\.\d%/);
    expect(r.stdout).toMatch(/pOverturn Brier\s+\d\.\d{4} \(base rate \d\.\d{4}/);
    // Each figure a target applies to carries its interval over letters.
    expect(r.stdout).toMatch(/drafted without a flag\s+\d+\.\d% \(95% CI \d+\.\d%–\d+\.\d%\) of items, \d+\.\d% \(95% CI \d+\.\d%–\d+\.\d%\) of them right/);
    expect(r.stdout).toMatch(/Overturned caught\s+\d+\.\d%/);
    expect(r.stdout).toMatch(/agreement − baseline\s+[+−]\d+\.\d points \(95% CI [+−]\d+\.\d to [+−]\d+\.\d, paired/);
    expect(r.stdout).toMatch(/out of fold: 5 letter-level folds/);
  });

  it('prints a summary and reports unreadable files with exit code 1', async () => {
    const r = await runCli(['audit', seeds[0], '/nonexistent/letter.pdf']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/decision agreement\s+\d+\.\d%/);
    expect(r.stdout).toMatch(/letters 1, items \d+, unreadable files 1/);
    expect(r.stderr).toMatch(/IMR_ERR_FILE_NOT_FOUND/);
  });
});
