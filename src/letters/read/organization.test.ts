import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLetterText, readLetterFile } from './index.js';
import { fixturesDir, haveSeeds, seedFiles } from './test-support/shared-data.js';

const fixture = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');

describe('the reader: which review organisation issued the letter', () => {
  it('reads it from the sentence that names it in each layout, and null where the form names none', () => {
    expect(parseLetterText(fixture('seed-2015-synthetic.txt')).letter.reviewOrganization).toBe('MAXIMUS Federal Services');
    expect(parseLetterText(fixture('notice-2013.txt')).letter.reviewOrganization).toBe('MAXIMUS Federal Services, Inc.');
    expect(parseLetterText(fixture('mpr-form.txt')).letter.reviewOrganization).toBeNull();
  });

  it('reads a notice of another organisation: its name and its determinations', () => {
    const text = fixture('notice-2013.txt').replace(/MAXIMUS Federal Services, Inc\./g, 'Golden State Medical Review, Inc.');
    const original = parseLetterText(fixture('notice-2013.txt'));
    const other = parseLetterText(text);
    expect(other.letter.reviewOrganization).toBe('Golden State Medical Review, Inc.');
    expect(other.warnings).toEqual([]);
    expect(other.letter.items).toEqual(original.letter.items);
  });

  it('takes any "<Org> guideline:" after the claims administrator\'s guideline for the reviewer\'s, whatever the letter names', () => {
    const original = parseLetterText(fixture('seed-2015-synthetic.txt'));
    // The label names another organisation than the how section does: the position decides.
    const text = fixture('seed-2015-synthetic.txt').replace(/^MAXIMUS guideline:/gm, 'Acme Independent Review guideline:');
    expect(text).not.toMatch(/^MAXIMUS guideline:/m);
    const other = parseLetterText(text);
    expect(other.warnings).toEqual([]);
    expect(other.letter.items).toEqual(original.letter.items);
  });

  it('does not take a "<words> guideline:" paragraph of a rationale for a label', () => {
    const original = parseLetterText(fixture('seed-2015-synthetic.txt'));
    const k = original.letter.items.findIndex((i) => i.rationale.endsWith('so the brace is not medically necessary.'));
    expect(k).toBeGreaterThanOrEqual(0);
    // A rationale paragraph that begins "ODG guideline: …" is the rationale's, not a second reviewer line.
    const text = fixture('seed-2015-synthetic.txt').replace('so the brace is not medically necessary.', 'so the brace is not medically necessary.\n\nODG guideline: a brace is recommended.');
    const read = parseLetterText(text);
    expect(read.warnings).toEqual([]);
    expect(read.letter.items).toHaveLength(original.letter.items.length);
    expect(read.letter.items[k].reviewerGuideline).toEqual(original.letter.items[k].reviewerGuideline);
    expect(read.letter.items[k].claimsAdministratorGuideline).toEqual(original.letter.items[k].claimsAdministratorGuideline);
    expect(read.letter.items[k].rationale.startsWith(original.letter.items[k].rationale)).toBe(true);
    expect(read.letter.items[k].rationale).toMatch(/\sODG guideline: a brace is recommended\.$/);
  });

  it('names the missing label after the letter\'s organisation', () => {
    const text = fixture('seed-2015-synthetic.txt')
      .replace(/MAXIMUS Federal Services sent/, 'Golden State Medical Review, Inc. sent')
      .replace(/MAXIMUS guideline: Decision based on MTUS ACOEM Knee Complaints Page\(s\): 341-343\.\s*\n\nDecision based on Non-MTUS[^\n]*\n/, '');
    const read = parseLetterText(text);
    expect(read.letter.reviewOrganization).toBe('Golden State Medical Review, Inc.');
    expect(read.warnings).toEqual(['item 2: no "Golden State Medical Review guideline" line; recorded as no citation']);
  });
});

describe.skipIf(!haveSeeds)('the seed letters name MAXIMUS Federal Services', () => {
  it('reads the organisation of every seed letter', async () => {
    for (const f of seedFiles()) expect((await readLetterFile(f)).letter.reviewOrganization, f).toBe('MAXIMUS Federal Services');
  });
});
