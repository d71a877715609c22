import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../errors/imr-error.js';
import { GUIDELINES_DIR, readDataFile, readGuidelineFiles } from './load.js';
import { parseFindingsFiles, parseTopicFile } from './validate.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'imr-guidelines-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a real topic file with one line changed, written to the temporary folder. */
function topicFileWith(edit: (text: string) => string): string {
  const text = edit(readFileSync(path.join(GUIDELINES_DIR, 'topics/cpmtg/tens.yaml'), 'utf8'));
  const dir = path.join(tmp, 'topics');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tens.yaml');
  writeFileSync(file, text);
  return file;
}

function rejection(f: () => unknown): ImrError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImrError) return e;
    throw e;
  }
  throw new Error('expected IMR_ERR_GUIDELINE_INVALID');
}

describe('guideline data files', () => {
  it('every topic and the findings vocabulary of the folder are valid', () => {
    const files = readGuidelineFiles();
    expect(files.topics.length).toBeGreaterThanOrEqual(40);
    for (const f of files.topics) expect(() => parseTopicFile(f), f.path).not.toThrow();
    expect(parseFindingsFiles(files.findings).length).toBeGreaterThan(0);
  });

  it('a misspelt request category fails at load, naming the file, the line and the category', () => {
    const file = topicFileWith((t) => t.replace(/^( {2}- tens)$/m, '$1\n  - tens_unit'));
    const line = readFileSync(file, 'utf8').split('\n').indexOf('  - tens_unit') + 1;
    expect(line).toBeGreaterThan(0);
    const e = rejection(() => parseTopicFile(readDataFile(file)));
    expect(e.code).toBe('IMR_ERR_GUIDELINE_INVALID');
    expect(e.message).toContain(`${file}:${line} is not a valid guideline topic`);
    expect(e.message).toContain('"tens_unit" is not a request category');
    expect(e.details).toContainEqual({ path: 'covers.categories.1', message: expect.stringContaining('tens_unit') });
  });

  it('a known category of another spelling is still refused (the enum is exact)', () => {
    const file = topicFileWith((t) => t.replace(/^( {2}- tens)$/m, '  - TENS'));
    expect(rejection(() => parseTopicFile(readDataFile(file))).message).toContain('"TENS" is not a request category');
  });

  it('a topic given as data (no text) is named by its path alone', () => {
    const { data } = readDataFile(path.join(GUIDELINES_DIR, 'topics/cpmtg/tens.yaml'));
    const bad = { ...(data as object), covers: { categories: ['no_such_category'] } };
    expect(rejection(() => parseTopicFile({ path: 'given.yaml', data: bad })).message).toMatch(/^given\.yaml is not a valid guideline topic \(covers\.categories\.0: "no_such_category"/);
  });
});

/** A guideline folder with no topic, the calibration and editions files as they are, and these findings files. */
function folderWithFindings(name: string, files: Record<string, string>): { dir: string; file: (n: string) => string } {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'topics'), { recursive: true });
  mkdirSync(path.join(dir, 'findings'));
  for (const f of ['calibration.json', 'mtus-editions.yaml']) copyFileSync(path.join(GUIDELINES_DIR, f), path.join(dir, f));
  for (const [n, text] of Object.entries(files)) writeFileSync(path.join(dir, 'findings', n), text);
  return { dir, file: (n) => path.join(dir, 'findings', n) };
}

const entry = (key: string, extra = '') => `${key}:\n  label: ${key.replace(/_/g, ' ')}\n  present: ['\\b${key}\\b']\n${extra}`;

describe('the findings vocabulary folder (src/guidelines/findings/)', () => {
  it('reads every .yaml file of the folder in name order and merges their findings, each with its file', () => {
    const { dir, file } = folderWithFindings('merge', {
      'b-second.yaml': `# the second file\n${entry('gamma')}${entry('beta')}`,
      'a-first.yaml': `# the first file\n${entry('alpha')}`,
      'notes.md': 'not a data file',
    });
    const files = readGuidelineFiles(dir).findings;
    expect(files.map((f) => f.path)).toEqual([file('a-first.yaml'), file('b-second.yaml')]);
    expect(parseFindingsFiles(files).map((e) => [e.key, e.file.path, e.finding.label])).toEqual([
      ['alpha', file('a-first.yaml'), 'alpha'],
      ['gamma', file('b-second.yaml'), 'gamma'],
      ['beta', file('b-second.yaml'), 'beta'],
    ]);
  });

  it('refuses a key defined in two files, naming both files and the lines of the key', () => {
    const { dir, file } = folderWithFindings('twice', {
      'a-first.yaml': `# the first file\n${entry('alpha')}${entry('shared')}`,
      'b-second.yaml': `# the second file\n#\n${entry('beta')}${entry('shared')}`,
    });
    const e = rejection(() => parseFindingsFiles(readGuidelineFiles(dir).findings));
    expect(e.code).toBe('IMR_ERR_GUIDELINE_INVALID');
    expect(e.message).toContain(`${file('b-second.yaml')}:6: finding "shared" is already defined at ${file('a-first.yaml')}:5`);
    expect(e.details).toEqual([{ path: 'shared', message: `defined in ${file('a-first.yaml')} and ${file('b-second.yaml')}` }]);
  });

  it('refuses a key given twice in one file (the YAML itself), naming the file', () => {
    const { dir, file } = folderWithFindings('twice-in-one', { 'a-first.yaml': `${entry('alpha')}${entry('alpha')}` });
    const e = rejection(() => readGuidelineFiles(dir));
    expect(e.code).toBe('IMR_ERR_GUIDELINE_INVALID');
    expect(e.message).toContain(`${file('a-first.yaml')} is not valid YAML`);
  });

  it('names the file and line of a bad entry in the second file', () => {
    const { dir, file } = folderWithFindings('bad-entry', {
      'a-first.yaml': entry('alpha'),
      'b-second.yaml': `# the second file\n${entry('beta')}${entry('gamma', '  regionScope: elbow\n')}`,
    });
    const e = rejection(() => parseFindingsFiles(readGuidelineFiles(dir).findings));
    expect(e.message).toContain(`${file('b-second.yaml')}:8 is not a valid findings vocabulary (gamma.regionScope:`);
  });

  it('refuses a folder without findings files, naming it', () => {
    const { dir } = folderWithFindings('empty', { 'notes.md': 'not a data file' });
    const e = rejection(() => readGuidelineFiles(dir));
    expect(e.code).toBe('IMR_ERR_FILE_NOT_FOUND');
    expect(e.message).toContain(path.join(dir, 'findings'));
  });

  it('the shipped vocabulary: files under 400 lines, each opening with a header comment, no key defined twice', () => {
    const dir = path.join(GUIDELINES_DIR, 'findings');
    const names = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(1);
    for (const n of names) {
      const text = readFileSync(path.join(dir, n), 'utf8');
      expect(text.split('\n').length, n).toBeLessThan(400);
      expect(text.startsWith('# Findings vocabulary: '), n).toBe(true);
    }
    const keys = parseFindingsFiles(readGuidelineFiles().findings).map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
