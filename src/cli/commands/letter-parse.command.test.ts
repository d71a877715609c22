import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { letterSchema } from '../../letters/model.js';
import { fixturesDir, havePdfs, pdfDir } from '../../letters/read/test-support/shared-data.js';
import { tempFolder } from '../../letters/read/test-support/temp-files.js';
import { runCli } from '../test-support/run-cli.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());

const synthetic = path.join(fixturesDir, 'seed-2015-synthetic.txt');
const notice = path.join(fixturesDir, 'notice-2013.txt');
const jsonLines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('imr letter parse', () => {
  it('has --help', async () => {
    const r = await runCli(['letter', 'parse', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: imr letter parse \[options\] <files\.\.\.>/);
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--strict');
  });

  it('prints one JSON line per letter with the file as given and the letter fields', async () => {
    const r = await runCli(['letter', 'parse', synthetic, notice, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = jsonLines(r.stdout);
    expect(rows.map((x) => x.file)).toEqual([synthetic, notice]);
    for (const row of rows) {
      const { file: _file, ...letter } = row;
      expect(letterSchema.safeParse(letter).success).toBe(true);
    }
    expect((rows[0].items as Array<{ decision: string }>).map((i) => i.decision)).toEqual(['Upheld', 'Overturned']);
    expect((rows[1].header as { caseNumber: string }).caseNumber).toBe('CM13-0099001');
  });

  it.skipIf(!havePdfs)('reads PDF letters too', async () => {
    const pdf = path.join(pdfDir, 'CM16-0213037.pdf');
    const r = await runCli(['letter', 'parse', '--json', pdf]);
    expect(r.code).toBe(0);
    const [row] = jsonLines(r.stdout);
    expect(row.file).toBe(pdf);
    expect((row.header as { caseNumber: string }).caseNumber).toBe('CM16-0213037');
    expect((row.items as unknown[]).length).toBe(2);
  });

  it('prints a readable summary without --json', async () => {
    const r = await runCli(['letter', 'parse', notice]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('case CM13-0099001');
    expect(r.stdout).toContain('reviewer: Orthopedic Surgery; licensed in California, Nevada');
    expect(r.stdout).toMatch(/1\. Upheld\s+physical therapy two times a week/);
    expect(r.stdout).toMatch(/2\. Overturned\s+an MRI of the lumbar spine/);
  });

  it('reports a failed file on stderr as a JSON line, still reads the others, and exits 1 when mixed', async () => {
    const empty = tmp.file('empty.txt', '');
    const r = await runCli(['letter', 'parse', '--json', empty, synthetic, '/no/such/file.txt']);
    expect(r.code).toBe(1);
    expect(jsonLines(r.stdout).map((x) => x.file)).toEqual([synthetic]);
    const errors = jsonLines(r.stderr) as Array<{ file: string; error: { code: string; message: string } }>;
    expect(errors.map((e) => [e.file, e.error.code])).toEqual([
      [empty, 'IMR_ERR_LETTER_EMPTY'],
      ['/no/such/file.txt', 'IMR_ERR_FILE_NOT_FOUND'],
    ]);
    expect(errors[0].error.message).toContain(empty);
  });

  it('exits with the catalogue code of the first failure when every file fails', async () => {
    const truncated = tmp.file('truncated.txt', readFileSync(synthetic, 'utf8').split('IMR ISSUES')[0]);
    const r = await runCli(['letter', 'parse', truncated]);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error IMR_ERR_LETTER_TRUNCATED: .*truncated\.txt: the section "IMR ISSUES, DECISIONS AND RATIONALES" is missing/);
    const missing = await runCli(['letter', 'parse', '/no/such/file.txt', truncated]);
    expect(missing.code).toBe(3);
  });

  it('--strict turns warnings into IMR_ERR_LETTER_WARNING', async () => {
    const text = readFileSync(synthetic, 'utf8').replace(/MAXIMUS guideline: Decision based on MTUS ACOEM Knee Complaints Page\(s\): 340\.\s*\n/, '');
    const warned = tmp.file('warned.txt', text);
    const lenient = await runCli(['letter', 'parse', '--json', warned]);
    expect(lenient.code).toBe(0);
    expect(jsonLines(lenient.stdout)).toHaveLength(1);
    expect(jsonLines(lenient.stderr)).toEqual([{ file: warned, warnings: ['item 1: no "MAXIMUS guideline" line; recorded as no citation'] }]);
    const strict = await runCli(['letter', 'parse', '--json', '--strict', warned, synthetic]);
    expect(strict.code).toBe(1);
    expect(jsonLines(strict.stdout).map((x) => x.file)).toEqual([synthetic]);
    const [err] = jsonLines(strict.stderr) as Array<{ file: string; error: { code: string } }>;
    expect(err).toMatchObject({ file: warned, error: { code: 'IMR_ERR_LETTER_WARNING' } });
  });
});
