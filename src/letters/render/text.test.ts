import { describe, expect, it } from 'vitest';
import { renderLetterText } from './text.js';
import { headerlessLetter, sampleLetter } from './test-support/sample-letters.js';

describe('renderLetterText', () => {
  const text = renderLetterText(sampleLetter());
  const lines = text.split('\n');

  it('starts with the header block, dates as the published letters write them', () => {
    expect(lines[0]).toMatch(/^Case Number:\s+CM16-0000001$/);
    expect(lines[1]).toMatch(/^Date Assigned:\s+11\/09\/2016\s+Date of Injury:\s+10\/13\/2016$/);
    expect(lines[2]).toMatch(/^Decision Date:\s+12\/09\/2016\s+UR Denial Date:\s+11\/03\/2016$/);
    expect(lines[3]).toMatch(/^Priority:\s+Standard\s+Application Received:\s+11\/03\/2016$/);
  });

  it('has the sections of the published letters, in their order', () => {
    const headings = ['HOW THE IMR FINAL DETERMINATION WAS MADE', 'CLINICAL CASE SUMMARY', 'IMR ISSUES, DECISIONS AND RATIONALES'];
    const at = headings.map((h) => lines.indexOf(h));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines).not.toContain('DOCUMENTS REVIEWED');
  });

  it('names MAXIMUS Federal Services when the letter names no organisation, as the published letters do', () => {
    expect(text).toContain('MAXIMUS Federal Services sent the complete case file to an expert reviewer.');
    expect(lines.filter((x) => x.startsWith('MAXIMUS guideline: '))).toHaveLength(sampleLetter().items.length);
  });

  it("names the letter's own organisation: in the how paragraph and in the reviewer's guideline label", () => {
    const other = renderLetterText({ ...sampleLetter(), reviewOrganization: 'Golden State Medical Review, Inc.' });
    expect(other).toContain('Golden State Medical Review, Inc. sent the complete case file to an expert reviewer.');
    expect(other.split('\n').filter((x) => x.startsWith('Golden State Medical Review guideline: '))).toHaveLength(sampleLetter().items.length);
    expect(other).not.toMatch(/MAXIMUS/);
  });

  it("states the reviewer's credentials", () => {
    expect(lines).toContain('State(s) of Licensure: California, North Carolina');
    expect(lines).toContain('Certification(s)/Specialty: Family Practice');
  });

  it('gives each item its decision line, the two guideline lines and the rationale, in order', () => {
    const l = sampleLetter();
    let from = lines.indexOf('IMR ISSUES, DECISIONS AND RATIONALES');
    for (const item of l.items) {
      const d = lines.indexOf(`${item.request}: ${item.decision}`, from);
      expect(d).toBeGreaterThan(from);
      const ca = lines.findIndex((x, i) => i > d && x.startsWith('Claims Administrator guideline: '));
      const rv = lines.findIndex((x, i) => i > d && x.startsWith('MAXIMUS guideline: '));
      const ra = lines.findIndex((x, i) => i > d && x.startsWith('Decision rationale: '));
      expect(d < ca && ca < rv && rv < ra).toBe(true);
      from = ra;
    }
    expect(text).toContain('Claims Administrator guideline: The Claims Administrator did not cite any medical');
  });

  it('keeps paragraphs apart with one blank line and wraps within the width', () => {
    expect(text).not.toMatch(/\n\n\n/);
    for (const line of lines) if (!line.includes(': Upheld') && !line.includes(': Overturned')) expect(line.length).toBeLessThanOrEqual(88);
    const narrow = renderLetterText(sampleLetter(), { width: 60 });
    // The header rows and the decision lines stand on one line each; all running text wraps.
    const body = narrow.split('\n').slice(narrow.split('\n').indexOf('HOW THE IMR FINAL DETERMINATION WAS MADE'));
    for (const line of body) if (!/: (Upheld|Overturned)$/.test(line)) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('writes no header block for a letter that has none, and a subspecialty after the specialty', () => {
    const t = renderLetterText(headerlessLetter());
    expect(t.startsWith('HOW THE IMR FINAL DETERMINATION WAS MADE\n')).toBe(true);
    expect(t).not.toContain('Case Number');
    expect(t).toContain('Certification(s)/Specialty: Physical Medicine & Rehabilitation, Pain Management');
  });

  it('lists the documents reviewed under their heading when the letter has them', () => {
    const t = renderLetterText({ ...sampleLetter(), documentsReviewed: ['Progress report 11/14/2016', 'Utilization review 11/03/2016'] });
    const ls = t.split('\n');
    const h = ls.indexOf('DOCUMENTS REVIEWED');
    expect(h).toBeGreaterThan(ls.indexOf('HOW THE IMR FINAL DETERMINATION WAS MADE'));
    expect(h).toBeLessThan(ls.indexOf('CLINICAL CASE SUMMARY'));
    expect(ls.slice(h, h + 4)).toEqual(['DOCUMENTS REVIEWED', 'Progress report 11/14/2016', '', 'Utilization review 11/03/2016']);
  });
});
