import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../errors/imr-error.js';
import { GUIDELINES_DIR, readDataFile, readGuidelineFiles } from './load.js';
import { parseFindingsFile, parseTopicFile } from './validate.js';

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
    expect(Object.keys(parseFindingsFile(files.findings)).length).toBeGreaterThan(0);
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
