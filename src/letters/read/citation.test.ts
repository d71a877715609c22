import { describe, expect, it } from 'vitest';
import { parseCitation, parsePages, splitSections } from './index.js';

describe('parseCitation', () => {
  it('reads an MTUS chapter with edition and Section(s)', () => {
    const c = parseCitation('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).');
    expect(c).toMatchObject({ source: 'MTUS-CPMTG', name: null, edition: 2016, topic: null, pages: [], alsoCites: [] });
    expect(c.sections).toEqual(['NSAIDs, GI symptoms & cardiovascular risk', 'Proton Pump Inhibitors (PPIs)']);
    expect(c.raw).toBe('Decision based on MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs).');
  });

  it('tells the MTUS families apart', () => {
    const family = (s: string) => parseCitation(`Decision based on MTUS ${s}.`).source;
    expect(family('Low Back Complaints 2004, Section(s): Special Studies')).toBe('MTUS-ACOEM');
    expect(family('Opioid Treatment 2016, Section(s): 4.1 Tapering Opioids: Indications for Tapering Opioids')).toBe('MTUS-OPIOIDS');
    expect(family('Acupuncture Treatment 2007')).toBe('MTUS-AMTG');
    expect(family('Postsurgical Treatment 2009, Section(s): Shoulder')).toBe('MTUS-PSTG');
    expect(family('Drug Formulary 2018')).toBe('MTUS-FORMULARY');
    expect(family('Chronic Pain Treatment Guidelines Page(s): 113')).toBe('MTUS-CPMTG');
  });

  it('splits several chapters and a non-MTUS citation into alsoCites, in order', () => {
    const c = parseCitation(
      'Decision based on MTUS Shoulder Complaints 2004, Section(s): Initial Care, and Forearm, Wrist, and Hand Complaints 2004, Section(s): Initial Care. Decision based on Non-MTUS Citation Official Disability Guidelines, Shoulder Chapter, Hand Chapter, Physical therapy.',
    );
    expect(c).toMatchObject({ source: 'MTUS-ACOEM', topic: 'Shoulder Complaints', edition: 2004, sections: ['Initial Care'] });
    expect(c.alsoCites.map((a) => [a.source, a.name, a.topic])).toEqual([
      ['MTUS-ACOEM', null, 'Forearm, Wrist, and Hand Complaints'],
      ['NON-MTUS', 'ODG', 'Shoulder Chapter, Hand Chapter, Physical therapy'],
    ]);
  });

  it('reads "outside of the MTUS" citations as NON-MTUS with the guideline named', () => {
    const c = parseCitation(
      'The Claims Administrator based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Knee & Leg (updated 11/22/16) Chapter: Skilled nursing facility (SNF) care.',
    );
    expect(c).toMatchObject({ source: 'NON-MTUS', name: 'ODG', topic: 'Knee & Leg (updated 11/22/16) Chapter: Skilled nursing facility (SNF) care', alsoCites: [] });
    const other = parseCitation('The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Sildenafil: Drug information, accessed from UpToDate.com on 12/17/2016.');
    expect(other.source).toBe('NON-MTUS');
    expect(other.name).toBe('Sildenafil');
    const dated = parseCitation('Decision based on Non-MTUS Citation Official Disability Guidelines, 2016, Web Version, Criteria for skilled nursing facility.');
    expect(dated).toMatchObject({ name: 'ODG', edition: 2016, topic: 'Web Version, Criteria for skilled nursing facility' });
  });

  it('reads "did not cite any medical evidence" as NONE', () => {
    expect(parseCitation('The Claims Administrator did not cite any medical evidence for its decision.')).toMatchObject({ source: 'NONE', pages: [], alsoCites: [] });
    expect(parseCitation('').source).toBe('NONE');
  });

  it('expands page ranges in the order written', () => {
    expect(parseCitation('Decision based on MTUS Chronic Pain Treatment Guidelines Manual therapy & manipulationPain Outcomes and Endpoints Page(s): 58-59, 8.').pages).toEqual([58, 59, 8]);
    expect(parsePages('67-68, 72-73')).toEqual([67, 68, 72, 73]);
    expect(parseCitation('Decision based on MTUS Chronic Pain Treatment Guidelines Manual Therapy Page(s): 58 and 59.').pages).toEqual([58, 59]);
  });

  it('keeps section names whole: parentheses and numbered Opioids sections', () => {
    expect(splitSections('Naproxen (Naprosyn, EC-Naprosyn, Anaprox), NSAIDs (non-steroidal anti-inflammatory drugs)')).toEqual([
      'Naproxen (Naprosyn, EC-Naprosyn, Anaprox)',
      'NSAIDs (non-steroidal anti-inflammatory drugs)',
    ]);
    expect(splitSections('TENS, chronic pain (transcutaneous electrical nerve stimulation).')).toEqual(['TENS, chronic pain (transcutaneous electrical nerve stimulation)']);
    expect(
      splitSections('3.3.1.1 Opioids for Chronic Pain: Screening for Risk, Prior to Chronic Opioid Treatment, 4.1 Tapering Opioids: Indications for Tapering Opioids'),
    ).toEqual(['3.3.1.1 Opioids for Chronic Pain: Screening for Risk, Prior to Chronic Opioid Treatment', '4.1 Tapering Opioids: Indications for Tapering Opioids']);
  });
});
