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

  it.skipIf(!havePdfs)('prints the same for a file read alone (in this process) as in a batch (in the reading workers)', async () => {
    const pdf = path.join(pdfDir, 'CM16-0213037.pdf');
    const empty = tmp.file('empty-alone.txt', '');
    const batch = await runCli(['letter', 'parse', '--json', pdf, notice, empty]);
    for (const [file, k] of [[pdf, 0], [notice, 1]] as const) {
      const alone = await runCli(['letter', 'parse', '--json', file]);
      expect(alone.code).toBe(0);
      expect(alone.stdout).toBe(batch.stdout.split('\n')[k] + '\n');
    }
    const failed = await runCli(['letter', 'parse', '--json', empty]);
    expect(failed.stderr).toBe(batch.stderr);
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

describe('imr letter parse: a batch survives bad files', () => {
  it.skipIf(!havePdfs)('a damaged PDF in the middle of a batch is reported with its code and the letters after it are read', async () => {
    const { damagedLetterPdf, cmapBombPdf } = await import('../../letters/read/test-support/hostile-pdfs.js');
    const good = path.join(pdfDir, 'CM16-0213037.pdf');
    const after = path.join(pdfDir, 'CM16-0221706.pdf');
    const damaged = tmp.file('damaged.pdf', damagedLetterPdf(path.join(pdfDir, 'CM16-0232543.pdf')));
    const hostile = tmp.file('cmap.pdf', cmapBombPdf(2_000));
    const r = await runCli(['letter', 'parse', good, damaged, hostile, after, synthetic, '--json']);
    expect(r.code).toBe(1);
    const out = jsonLines(r.stdout).map((x) => x.file);
    const errors = jsonLines(r.stderr).filter((x) => x.error) as Array<{ file: string; error: { code: string; message: string } }>;
    // Every file is accounted for, in order: read, or failed with a catalogue code naming it.
    expect([...out, ...errors.map((e) => e.file)].sort()).toEqual([good, damaged, hostile, after, synthetic].sort());
    expect(out).toEqual(expect.arrayContaining([good, after, synthetic]));
    expect(errors.find((e) => e.file === hostile)?.error.code).toBe('IMR_ERR_DOCUMENT_LIMIT');
    for (const e of errors) {
      expect(e.error.code).toMatch(/^IMR_ERR_(PDF_INVALID|PDF_NO_TEXT|DOCUMENT_LIMIT|LETTER_\w+)$/);
      expect(e.error.message.startsWith(`${e.file}: `)).toBe(true);
    }
  }, 60_000);

  it.skipIf(!havePdfs)('piped into a reader that stops early (| head), ends quietly with exit 0', async () => {
    const { spawn } = await import('node:child_process');
    const { repoRoot, pdfFiles } = await import('../../letters/read/test-support/shared-data.js');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'letter', 'parse', ...pdfFiles()], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error:| {4}at /);
    expect(code).toBe(0);
  }, 120_000);
});
