import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../test-support/run-cli.js';
import { haveSeeds, seedFiles, seedsDir } from '../../shared/test-support/shared-data.js';

interface Expected {
  letters: { file: string; items: { request: string; decision: string; reviewerGuideline: { source: string; pages: number[] } }[] }[];
}

describe.skipIf(!haveSeeds)('imr audit on the seed letters', () => {
  const seeds = seedFiles();

  it('agrees with every seed item on decision, reviewer citation family and cited pages (blind)', async () => {
    const expected = (await import(path.join(seedsDir, 'expected.json'), { with: { type: 'json' } })).default as Expected;
    const r = await runCli(['audit', ...seeds, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const letters = lines.filter((l) => 'file' in l) as { file: string; items: { request: string; letter: { decision: string; citation: { source: string } }; engine: { decision: string; citation: { source: string; pages: number[] }; criteria: unknown[]; rationale: string } }[] }[];
    expect(letters).toHaveLength(seeds.length);
    for (const l of letters) {
      const exp = expected.letters.find((e) => l.file.endsWith(e.file));
      expect(exp, l.file).toBeDefined();
      expect(l.items.map((i) => i.request)).toEqual(exp!.items.map((i) => i.request));
      l.items.forEach((item, k) => {
        const e = exp!.items[k];
        expect(item.engine.decision, `${l.file} ${item.request}`).toBe(e.decision);
        expect(item.engine.citation.source, `${l.file} ${item.request}`).toBe(e.reviewerGuideline.source);
        if (e.reviewerGuideline.pages.length) expect(item.engine.citation.pages.some((p) => e.reviewerGuideline.pages.includes(p)), `${item.request} pages`).toBe(true);
        expect(item.engine.rationale).toMatch(/medically necessary/);
      });
    }
    const summary = (lines.at(-1) as { summary: { letters: number; items: number; decisionAgreement: number; citationFamilyAgreement: number } }).summary;
    expect(summary).toMatchObject({ letters: seeds.length, decisionAgreement: 1, citationFamilyAgreement: 1 });
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

  it('prints a summary and reports unreadable files with exit code 1', async () => {
    const r = await runCli(['audit', seeds[0], '/nonexistent/letter.pdf']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/decision agreement\s+100\.0%/);
    expect(r.stderr).toMatch(/IMR_ERR_FILE_NOT_FOUND/);
  });
});
