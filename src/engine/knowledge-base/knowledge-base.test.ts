import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDELINES_DIR } from '../../guidelines/load.js';
import { ImrError } from '../../errors/imr-error.js';
import { normaliseRequest } from '../request/index.js';
import { buildKnowledgeBase } from './knowledge-base.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import { selectTopic } from './select-topic.js';

const kb = loadKnowledgeBase();
const findings = [{ path: 'findings/test.yaml', data: { spasm: { label: 'spasm', present: ['spasm'] } } }];
const validTopic = () => ({
  id: 'test-topic',
  title: 'Test',
  recommendation: 'conditional',
  covers: { categories: ['muscle_relaxant'], terms: ['flexeril'] },
  versions: [{ id: 'v1', from: '2009-07-18', to: null, citation: { source: 'MTUS-CPMTG', topic: 'Muscle relaxants', pages: [63] } }],
  rule: 'muscle relaxants are for short-term use',
  criteria: [{ id: 'spasm', type: 'requiresFinding', params: { anyOf: ['spasm'] }, statement: 'Spasm', verified: false }],
  cases: [
    { name: 'a', request: 'Flexeril 10mg #10', summary: 'spasm', date: '2015-01-01', expect: 'Overturned' },
    { name: 'b', request: 'Flexeril 10mg #10', summary: '', date: '2015-01-01', expect: 'Upheld' },
  ],
});

function invalid(mutate: (t: ReturnType<typeof validTopic>) => void): ImrError {
  const t = validTopic();
  mutate(t);
  try {
    buildKnowledgeBase([{ path: 'bad.yaml', data: t }], findings);
  } catch (e) {
    return e as ImrError;
  }
  throw new Error('expected the topic to be rejected');
}

describe('knowledge base validation', () => {
  it('accepts a valid topic', () => {
    expect(buildKnowledgeBase([{ path: 't.yaml', data: validTopic() }], findings).topics).toHaveLength(1);
  });

  it('rejects unknown criterion types, bad params, unknown findings and missing cases with IMR_ERR_GUIDELINE_INVALID', () => {
    expect(invalid((t) => (t.criteria[0].type = 'noSuchType')).message).toMatch(/unknown type "noSuchType"/);
    expect(invalid((t) => (t.criteria[0].params = { anyOf: [] })).code).toBe('IMR_ERR_GUIDELINE_INVALID');
    expect(invalid((t) => (t.criteria[0].params = { anyOf: ['unheard_of'] })).message).toMatch(/finding "unheard_of"/);
    expect(invalid((t) => (t.cases = t.cases.slice(0, 1))).details.map((d) => d.path)).toContain('cases');
    expect(invalid((t) => ((t.versions[0] as { from: string }).from = '2009-02-30')).details.map((d) => d.path)).toContain('versions.0.from');
  });

  /** A guideline folder whose only topic is a copy of tens.yaml, edited; the findings folder, calibration and editions files as they are. */
  function folderWith(edit: (text: string) => string): { dir: string; file: string; text: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'imr-kb-'));
    mkdirSync(path.join(dir, 'topics'));
    cpSync(path.join(GUIDELINES_DIR, 'findings'), path.join(dir, 'findings'), { recursive: true });
    for (const f of ['calibration.json', 'mtus-editions.yaml']) copyFileSync(path.join(GUIDELINES_DIR, f), path.join(dir, f));
    const text = edit(readFileSync(path.join(GUIDELINES_DIR, 'topics/cpmtg/tens.yaml'), 'utf8'));
    const file = path.join(dir, 'topics', 'tens.yaml');
    writeFileSync(file, text);
    return { dir, file, text };
  }

  it('refuses, at load, an MTUS edition that supersedes a guideline family that does not exist, naming the file and line', () => {
    const { dir } = folderWith((t) => t);
    const editions = path.join(dir, 'mtus-editions.yaml');
    const text = readFileSync(editions, 'utf8').replace('MTUS-OPIOIDS]', 'MTUS-OPIOID]');
    writeFileSync(editions, text);
    try {
      const line = text.split('\n').findIndex((l) => l.includes('MTUS-OPIOID]')) + 1;
      expect(() => loadKnowledgeBase(dir)).toThrow(`${editions}:${line} is not a valid list of MTUS editions`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, at load, a topic file with a misspelt request category, naming the file and line', () => {
    const { dir, file, text } = folderWith((t) => t.replace(/^ {2}- tens$/m, '  - tens\n  - tens_units'));
    try {
      const line = text.split('\n').indexOf('  - tens_units') + 1;
      expect(() => loadKnowledgeBase(dir)).toThrow(`${file}:${line} is not a valid guideline topic (covers.categories.1: "tens_units" is not a request category`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, at load, a misspelt criterion type, naming the file and line', () => {
    const { dir, file, text } = folderWith((t) => t.replace(/^( *type: )requiresFinding$/m, '$1requireFinding'));
    try {
      const line = text.split('\n').findIndex((l) => /type: requireFinding$/.test(l)) + 1;
      expect(line).toBeGreaterThan(0);
      expect(() => loadKnowledgeBase(dir)).toThrow(`${file}:${line}: criteria[`);
      expect(() => loadKnowledgeBase(dir)).toThrow('has unknown type "requireFinding"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, at load, a finding defined in two files of the findings folder, naming both files and lines', () => {
    const { dir } = folderWith((t) => t);
    const first = path.join(dir, 'findings', 'musculoskeletal-signs.yaml');
    const firstLine = readFileSync(first, 'utf8').split('\n').indexOf('spasm:') + 1;
    const extra = path.join(dir, 'findings', 'zz-extra.yaml');
    writeFileSync(extra, "# a second definition\nspasm:\n  label: spasm\n  present: ['\\bspasm\\b']\n");
    try {
      expect(firstLine).toBeGreaterThan(0);
      expect(() => loadKnowledgeBase(dir)).toThrow(`${extra}:2: finding "spasm" is already defined at ${first}:${firstLine}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merges the findings of a new file of the folder into the vocabulary', () => {
    const { dir } = folderWith((t) => t);
    writeFileSync(path.join(dir, 'findings', 'zz-extra.yaml'), "# an added area\nextra_sign:\n  label: an extra sign\n  present: ['\\bextra sign\\b']\n");
    try {
      const merged = loadKnowledgeBase(dir);
      expect(merged.findings.get('extra_sign')?.present[0]?.test('an extra sign on exam')).toBe(true);
      expect([...merged.findings.keys()].sort()).toEqual([...kb.findings.keys(), 'extra_sign'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses, at load, a findings pattern that is not a regular expression, naming its file and line', () => {
    const { dir } = folderWith((t) => t);
    const file = path.join(dir, 'findings', 'medications.yaml');
    const text = readFileSync(file, 'utf8').replace("  present: ['\\b(?:NSAIDs?", "  present: ['\\b(?:(NSAIDs?");
    writeFileSync(file, text);
    try {
      const line = text.split('\n').findIndex((l) => l.startsWith("  present: ['\\b(?:(NSAIDs?")) + 1;
      expect(line).toBeGreaterThan(0);
      expect(() => loadKnowledgeBase(dir)).toThrow(`${file}:${line} nsaid_use: "`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every criterion of every topic states its rule and whether it is verified', () => {
    for (const t of kb.topics)
      for (const c of t.topic.criteria) {
        expect(c.statement.length, `${t.topic.id}/${c.id}`).toBeGreaterThan(5);
        expect(typeof c.verified).toBe('boolean');
      }
  });
});

describe('topic selection by date and search sequence', () => {
  const pick = (request: string, date: string) => {
    const s = selectTopic(kb, normaliseRequest(request), date);
    return s && { id: s.topic.topic.id, version: s.version.id, source: s.version.citation.source };
  };

  it('selects the CPMTG version in force on the date', () => {
    expect(pick('Physical therapy 2 x 4 lumbar', '2015-01-07')).toEqual({ id: 'physical-medicine', version: 'cpmtg-2009', source: 'MTUS-CPMTG' });
    expect(pick('Physical therapy 2 x 4 lumbar', '2016-12-01')).toEqual({ id: 'physical-medicine', version: 'cpmtg-2016', source: 'MTUS-CPMTG' });
  });

  it('goes outside the MTUS (ODG) only where no MTUS topic in force covers the treatment', () => {
    expect(pick('Follow up visit', '2013-11-04')?.source).toBe('NON-MTUS');
    expect(pick('Follow up visit', '2017-01-10')).toMatchObject({ id: 'office-visits-2016', source: 'MTUS-CPMTG' });
  });

  it('uses the opioid guideline of 2016 for opioid requests from 28 July 2016', () => {
    expect(pick('Norco 10/325mg #120', '2015-06-01')?.source).toBe('MTUS-CPMTG');
    expect(pick('Norco 10/325mg #120', '2016-08-01')?.source).toBe('MTUS-OPIOIDS');
  });

  it('chooses imaging topics by body region and topicals by form', () => {
    expect(pick('MRI of the cervical spine', '2015-01-01')?.id).toBe('imaging-cervical');
    expect(pick('MRI of the right knee', '2015-01-01')?.id).toBe('imaging-knee');
    expect(pick('MRI of the right hip', '2015-01-01')).toMatchObject({ id: 'imaging-hip', source: 'NON-MTUS' });
    expect(pick('Flexeril Cream', '2013-11-04')?.id).toBe('topical-analgesics');
    expect(pick('Flexeril 7.5mg #60', '2013-11-04')?.id).toBe('muscle-relaxants');
  });

  it('returns null for a treatment no topic covers', () => {
    expect(pick('Three months coverage of Viagra 50mg', '2017-01-10')).toBeNull();
  });
});

describe('a finding that includes another', () => {
  const file = (data: Record<string, unknown>) => [{ path: 'findings/test.yaml', data }];
  const care = { label: 'conservative care', present: ['physical therapy'], includes: ['nsaid'] };

  it('is documented by the included finding’s words, which are written once', () => {
    const built = buildKnowledgeBase([], file({ nsaid: { label: 'NSAID', present: ['naproxen|Mobic'] }, care }));
    const present = built.findings.get('care')!.present;
    expect(present.some((re) => re.test('She takes Mobic daily.'))).toBe(true);
    expect(present.some((re) => re.test('Six sessions of physical therapy.'))).toBe(true);
    expect(built.findings.get('nsaid')!.present.some((re) => re.test('physical therapy'))).toBe(false);
  });

  it('is refused where the included finding is not defined, naming the place', () => {
    expect(() => buildKnowledgeBase([], file({ care }))).toThrow(/findings\/test\.yaml.*care includes "nsaid", which the findings vocabulary does not define/);
  });

  it('the shipped vocabulary reads a brand-name NSAID as conservative care', () => {
    expect(kb.findings.get('conservative_care_documented')!.present.some((re) => re.test('She has taken Daypro for six weeks.'))).toBe(true);
  });
});
