import { describe, expect, it } from 'vitest';
import { citationText, composeCitation, credentialLines, formatLetterDate, formatPages } from './format.js';
import { citation, ref } from './test-support/sample-letters.js';

describe('formatPages', () => {
  it('folds consecutive pages into ranges and keeps the order written', () => {
    expect(formatPages([58, 59, 8])).toBe('58-59, 8');
    expect(formatPages([63, 64, 65, 66])).toBe('63-66');
    expect(formatPages([8, 9, 3])).toBe('8-9, 3');
    expect(formatPages([12])).toBe('12');
    expect(formatPages([])).toBe('');
  });
});

describe('formatLetterDate', () => {
  it('writes ISO dates as the published header does', () => {
    expect(formatLetterDate('2016-11-09')).toBe('11/09/2016');
  });
});

describe('citationText', () => {
  it("uses the letter's own wording when the citation carries it", () => {
    const c = citation({ source: 'MTUS-ACOEM', topic: 'Knee Complaints', edition: 2004, raw: 'Decision based on MTUS Knee  Complaints 2004.' });
    expect(citationText(c, 'reviewer')).toBe('Decision based on MTUS Knee Complaints 2004.');
  });

  it('composes an MTUS chapter citation with edition and sections', () => {
    const c = citation({ source: 'MTUS-ACOEM', topic: 'Shoulder Complaints', edition: 2004, sections: ['Special Studies'] });
    expect(composeCitation(c, 'reviewer')).toBe('Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies.');
  });

  it('composes a guideline family citation with a topic and pages as ranges', () => {
    const c = citation({ source: 'MTUS-CPMTG', topic: 'Muscle relaxants (for pain)', pages: [63, 64, 65, 66] });
    expect(composeCitation(c, 'reviewer')).toBe(
      'Decision based on MTUS Chronic Pain Medical Treatment Guidelines Muscle relaxants (for pain) Page(s): 63-66.',
    );
  });

  it('states a citation outside the MTUS in the words of the 2016 letters', () => {
    const c = citation({ source: 'NON-MTUS', name: 'ODG', topic: 'Knee and Leg', edition: 2016 });
    expect(composeCitation(c, 'claimsAdministrator')).toBe(
      'The Claims Administrator based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation ODG Knee and Leg 2016.',
    );
  });

  it('adds further citations as further "Decision based on" sentences', () => {
    const c = citation({ source: 'MTUS-OPIOIDS', edition: 2016, alsoCites: [ref({ source: 'NON-MTUS', name: 'ODG', topic: 'Pain' })] });
    expect(composeCitation(c, 'reviewer')).toBe(
      'Decision based on MTUS Opioids Treatment Guidelines 2016. Decision based on Non-MTUS Citation ODG Pain.',
    );
  });

  it('says when no medical evidence was cited, naming who did not cite it', () => {
    expect(composeCitation(citation({ source: 'NONE' }), 'claimsAdministrator')).toBe(
      'The Claims Administrator did not cite any medical evidence for its decision.',
    );
    expect(composeCitation(citation({ source: 'NONE' }), 'reviewer')).toBe('The Expert Reviewer did not cite any medical evidence for its decision.');
  });
});

describe('credentialLines', () => {
  it('lists the states of licensure and the specialty with its subspecialty', () => {
    expect(credentialLines({ licensure: ['California', 'Texas'], specialty: 'Anesthesiology', subspecialty: 'Pain Management' })).toEqual([
      { label: 'State(s) of Licensure:', value: 'California, Texas' },
      { label: 'Certification(s)/Specialty:', value: 'Anesthesiology, Pain Management' },
    ]);
  });

  it('gives a subspecialty without a specialty a line of its own and leaves out what is unknown', () => {
    expect(credentialLines({ licensure: [], specialty: null, subspecialty: 'Pain Management' })).toEqual([
      { label: 'Subspecialty:', value: 'Pain Management' },
    ]);
  });
});
