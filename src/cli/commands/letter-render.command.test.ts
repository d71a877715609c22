import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleLetter } from '../../letters/render/test-support/sample-letters.js';
import { runCli } from '../test-support/run-cli.js';
import { jsonErrorOffset } from './letter-render.command.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imr-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonFile(name: string, value: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

describe('imr letter render', () => {
  const letterPath = jsonFile('letter.json', sampleLetter());

  it('has help with the formats and an example', async () => {
    const r = await runCli(['letter', 'render', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toContain('"txt", "html", "pdf"');
    expect(r.stdout).toContain('imr letter render letter.json --format pdf -o');
  });

  it('writes the letter as text to stdout by default', async () => {
    const r = await runCli(['letter', 'render', letterPath]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Case Number:\s+CM16-0000001\n/);
    expect(r.stdout).toContain('\nMRI of the right shoulder without contrast: Upheld\n');
  });

  it('writes HTML to stdout', async () => {
    const r = await runCli(['letter', 'render', letterPath, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout).toContain('<title>IMR Final Determination CM16-0000001</title>');
  });

  it('writes a PDF to -o, leaves no temporary file, and reports it with --json', async () => {
    const out = path.join(dir, 'out.pdf');
    const r = await runCli(['letter', 'render', letterPath, '--format', 'pdf', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(JSON.parse(r.stdout)).toEqual({ output: out, format: 'pdf', bytes: bytes.length });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives byte-identical PDFs for a fixed --creation-date', async () => {
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    expect((await runCli(['letter', 'render', letterPath, '-f', 'pdf', '-o', a, '--creation-date', '2017-01-20'])).code).toBe(0);
    expect((await runCli(['letter', 'render', letterPath, '-f', 'pdf', '-o', b, '--creation-date', '2017-01-20'])).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const bad = await runCli(['letter', 'render', letterPath, '-f', 'pdf', '-o', a, '--creation-date', '20/01/2017']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('IMR_ERR_INVALID_DATE');
  });

  it('writes a PDF to stdout when stdout is not a terminal', async () => {
    const r = await runCli(['letter', 'render', letterPath, '--format', 'pdf']);
    expect(r.code).toBe(0);
    const bytes = Buffer.from(r.stdout, 'latin1');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
  });

  it('reads a `letter parse --json` line: what it renders parses back to the same letter', async () => {
    const txt = path.join(dir, 'letter.txt');
    expect((await runCli(['letter', 'render', letterPath, '-o', txt])).code).toBe(0);
    const parsed = await runCli(['letter', 'parse', txt, '--json']);
    expect(parsed.code).toBe(0);
    const line = JSON.parse(parsed.stdout.trim()) as Record<string, unknown>;
    expect(line.file).toBe(txt);
    const linePath = jsonFile('line.json', parsed.stdout.trim());
    const again = await runCli(['letter', 'render', linePath]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(txt, 'utf8'));
  });

  it('rejects a file that is not JSON with IMR_ERR_INVALID_JSON, pointing at the place without quoting it', async () => {
    const p = jsonFile('broken.json', '{\n  "header": null,\n  "reviewer": SECRET-NAME\n}');
    const r = await runCli(['letter', 'render', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('IMR_ERR_INVALID_JSON');
    expect(r.stderr).toContain('line 3');
    expect(r.stderr).not.toContain('SECRET');
    expect(r.stdout).toBe('');
  });

  it('rejects a letter of the wrong shape with IMR_ERR_VALIDATION, listing each field', async () => {
    // Wrong on purpose: the fields set below break the letter schema.
    const l = sampleLetter() as unknown as { items: Array<Record<string, unknown>>; reviewer: Record<string, unknown>; clinicalSummary?: unknown };
    l.items[0].decision = 'Partly';
    l.reviewer.licensure = 'California';
    delete l.clinicalSummary;
    const r = await runCli(['letter', 'render', jsonFile('shape.json', l), '--json']);
    expect(r.code).toBe(2);
    const err = JSON.parse(r.stderr.trim()).error as { code: string; details: Array<{ path: string }> };
    expect(err.code).toBe('IMR_ERR_VALIDATION');
    expect(err.details.map((d) => d.path).sort()).toEqual(['clinicalSummary', 'items.0.decision', 'reviewer.licensure']);
    const arr = await runCli(['letter', 'render', jsonFile('array.json', [sampleLetter()])]);
    expect(arr.code).toBe(2);
    expect(arr.stderr).toContain('IMR_ERR_VALIDATION');
  });

  it('says which file is missing', async () => {
    const r = await runCli(['letter', 'render', path.join(dir, 'nope.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('IMR_ERR_FILE_NOT_FOUND');
    expect(r.stderr).toContain('nope.json');
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await runCli(['letter', 'render', letterPath, '--format', 'docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docx/);
  });

  it('leaves an existing output file untouched when rendering fails', async () => {
    const out = path.join(dir, 'keep.pdf');
    writeFileSync(out, 'previous content');
    const l = sampleLetter();
    l.items[0].rationale = 'Noted \u6f22\u5b57.';
    const r = await runCli(['letter', 'render', jsonFile('unicode.json', l), '-f', 'pdf', '-o', out]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('IMR_ERR_RENDER_FAILED');
    expect(readFileSync(out, 'utf8')).toBe('previous content');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says when the output folder does not exist', async () => {
    const r = await runCli(['letter', 'render', letterPath, '-o', path.join(dir, 'no-such-folder', 'x.txt')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the folder does not exist');
  });

  it('says when part of the output path is a file rather than an internal error', async () => {
    const r = await runCli(['letter', 'render', letterPath, '-o', path.join(letterPath, 'x.txt')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('IMR_ERR_FILE_NOT_FOUND');
    expect(r.stderr).toContain('is a file, not a folder');
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid and points at the first error', () => {
    const valid = ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\"y"]}', ' {"a" : {"b": []}} ', '"s"', '0'];
    for (const v of valid) expect(jsonErrorOffset(v)).toBe(-1);
    const cases: Array<[string, number]> = [
      ['{"a": tru}', 9],
      ['{"a": 1,}', 8],
      ['{"a" 1}', 5],
      ['[1, 2', 5],
      ['{"a": "x}', 9],
      ['{} x', 3],
      ['', 0],
      ['{"a": 01}', 7],
    ];
    for (const [text, at] of cases) {
      expect(() => JSON.parse(text)).toThrow();
      expect(jsonErrorOffset(text)).toBe(at);
    }
  });
});
