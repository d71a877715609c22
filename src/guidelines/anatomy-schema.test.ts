/**
 * The anatomy tables (src/guidelines/anatomy.yaml) are data: the shipped file validates, and a broken entry
 * is refused at load with the file, the line and the entry named (as the topics and the findings vocabulary).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImrError } from '../errors/imr-error.js';
import { parseAnatomyFile } from './anatomy-schema.js';
import { GUIDELINES_DIR, readAnatomyFile, readDataFile } from './load.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'imr-anatomy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const shipped = readFileSync(path.join(GUIDELINES_DIR, 'anatomy.yaml'), 'utf8');

/** A copy of the shipped file with one edit, written to the temporary folder; the edit must apply. */
function anatomyWith(from: string, to: string): { file: string; line: number } {
  expect(shipped).toContain(from);
  const text = shipped.replace(from, to);
  const file = path.join(tmp, 'anatomy.yaml');
  writeFileSync(file, text);
  const line = text.slice(0, text.indexOf(to)).split('\n').length + (to.startsWith('\n') ? 1 : 0);
  return { file, line };
}

function rejection(file: string): ImrError {
  try {
    parseAnatomyFile(readDataFile(file));
  } catch (e) {
    if (e instanceof ImrError) return e;
    throw e;
  }
  throw new Error('expected IMR_ERR_GUIDELINE_INVALID');
}

describe('the anatomy tables', () => {
  it('the shipped file is valid, and every entry names its source', () => {
    const a = parseAnatomyFile(readAnatomyFile());
    expect(a.nerveRootTerritories.map((t) => t.spine)).toEqual(['cervical', 'thoracic', 'lumbar']);
    const entries = [...a.nerveRootTerritories, ...a.jointGroups, ...a.examRegionWords, ...a.jointTissueWords, ...a.boneParts.parts];
    for (const e of entries) expect(e.source.length).toBeGreaterThan(10);
  });

  it('a misspelt region is refused, naming the file, the line and the entry', () => {
    const { file, line } = anatomyWith('  - regions: [knee]\n    limb: lower_extremity', '  - regions: [knee]\n    limb: lower_extremty');
    const e = rejection(file);
    expect(e.code).toBe('IMR_ERR_GUIDELINE_INVALID');
    expect(e.message).toContain(`${file}:${line + 1} is not a valid anatomy table (jointGroups.4.limb: "lower_extremty" is not a body region`);
  });

  it('an entry without its source is refused', () => {
    const { file } = anatomyWith("    region: knee\n    source: 'ACOEM 2004 Ch. 13 (Knee) pp. 341-345", "    region: knee\n    sourc: 'ACOEM 2004 Ch. 13 (Knee) pp. 341-345");
    const e = rejection(file);
    expect(e.message).toMatch(/is not a valid anatomy table \(jointTissueWords\.1/);
    expect(e.details?.map((d) => d.path)).toEqual(expect.arrayContaining(['jointTissueWords.1.source', 'jointTissueWords.1']));
  });

  it('a region in two spinal regions’ territories is refused (the first would win unseen)', () => {
    const { file } = anatomyWith('    serves: [chest, abdomen]', '    serves: [chest, abdomen, hip]');
    expect(rejection(file).message).toContain('(nerveRootTerritories.2.serves.2: "hip" is already in the territory of "thoracic"');
  });

  it('a joint group outside every territory is refused (it would never be bound)', () => {
    const { file } = anatomyWith('  - regions: [knee]\n', '  - regions: [knee, jaw]\n');
    expect(rejection(file).message).toContain('(jointGroups.4: a joint group\'s regions and limb must all be served by one spinal region');
  });

  it('a bone part without a cue word, or a term that is not a regular expression, is refused', () => {
    expect(rejection(anatomyWith("'talar neck'", "'talus'").file).message).toContain('(boneParts.parts.4.terms.0: "talus" holds none of the cue words (neck, head)');
    expect(rejection(anatomyWith("'Lachman'", "'Lachman('").file).message).toContain('(jointTissueWords.1.terms.2: "Lachman(" is not a valid regular expression');
  });
});
