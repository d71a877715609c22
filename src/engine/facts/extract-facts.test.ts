import { describe, expect, it } from 'vitest';
import { extractFacts, improvementFor, splitSentences, type CaseFacts } from './index.js';
import { allEvidence } from './test-support/all-evidence.js';

function facts(text: string, asOf?: string): CaseFacts {
  return extractFacts([{ name: 'note', text }], asOf ? { asOf } : undefined);
}

describe('sentences', () => {
  it('keeps abbreviations, decimals and dates inside a sentence and offsets exact', () => {
    const text = 'Dr. Smith saw the patient on 10/15/2011. She takes Flexeril 7.5 mg. twice daily.\n\nPlan: continue.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(['Dr. Smith saw the patient on 10/15/2011.', 'She takes Flexeril 7.5 mg. twice daily.', 'Plan: continue.']);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
  it('does not end a sentence at a blank line inside it (PDF text)', () => {
    const s = splitSentences('The patient presented with no improvement in \n\nher symptoms with physical therapy. She noted pain.');
    expect(s).toHaveLength(2);
  });
  it('splits "cited.On 02/02/2015" where the space was lost', () => {
    expect(splitSentences('The MTUS Guidelines were cited.On 02/02/2015, the worker applied.')).toHaveLength(2);
  });
});

describe('demographics, injury date and chronicity', () => {
  it('reads age, sex and the injury date, and measures chronicity to asOf', () => {
    const f = facts('The injured worker is a 44 year old male with an industrial injury dated 12/16/2013 as the result of lifting.', '2015-01-07');
    expect(f.age?.value).toBe(44);
    expect(f.sex?.value).toBe('male');
    expect(f.injuryDate?.value).toBe('2013-12-16');
    expect(f.monthsSinceInjury).toBe(12);
    expect(f.chronicity).toBe('chronic');
  });
  const table: [string, string, string | null, number | null, string | null][] = [
    ['The injured worker is a 39 year old male, who sustained an industrial injury on 5-20-2009.', '2015-06-30', '2009-05-20', 73, 'chronic'],
    ['This is a female patient with a date of injury of 3/21/94.', '2013-11-04', '1994-03-21', 235, 'chronic'],
    ['The patient was injured on March 3, 2016 when she slipped.', '2016-03-20', '2016-03-03', 0, 'acute'],
    ['Date of injury: 01/10/2016. She is a 30-year-old woman.', '2016-03-15', '2016-01-10', 2, 'subacute'],
    ['She reports neck pain.', '2016-03-15', null, null, null],
  ];
  it.each(table)('%s', (text, asOf, injury, months, chronicity) => {
    const f = facts(text, asOf);
    expect(f.injuryDate?.value ?? null).toBe(injury);
    expect(f.monthsSinceInjury).toBe(months);
    expect(f.chronicity).toBe(chronicity);
  });
  it('uses the latest date in the text when no asOf is given', () => {
    const f = facts('Injured on 01/05/2015. Progress report dated 07/20/2015 notes pain.');
    expect(f.asOf).toBe('2015-07-20');
    expect(f.monthsSinceInjury).toBe(6);
  });
  it('reads sex from pronouns when no word says it', () => {
    expect(facts('The injured worker reports that she cannot lift. Her pain is 6/10.').sex?.value).toBe('female');
  });
});

describe('prior treatments and sessions completed', () => {
  const table: [string, string, number | null, boolean][] = [
    ['She had 12 sessions of PT with temporary relief.', 'physical_therapy', 12, false],
    ['He completed 6 chiropractic visits in 2015.', 'chiropractic', 6, false],
    ['The patient has recently participated in 24 sessions of physical therapy.', 'physical_therapy', 24, false],
    ['Had 2 sessions of acupuncture.', 'acupuncture', 2, false],
    ['Treatment to date has included chiropractic treatment, a home exercise program, heat, ice and analgesic balms.', 'chiropractic', null, false],
    ['She has not had any physical therapy.', 'physical_therapy', null, true],
    ['He attended eight (8) acupuncture sessions.', 'acupuncture', 8, false],
  ];
  it.each(table)('%s', (text, category, sessions, negated) => {
    const f = facts(text);
    const p = f.priorTreatments.find((x) => x.category === category);
    expect(p, JSON.stringify(f.priorTreatments)).toBeDefined();
    expect(p!.sessions).toBe(sessions);
    expect(p!.negated).toBe(negated);
  });
  it('gives each count to its own treatment', () => {
    const f = facts('He has had 18 sessions of physical therapy and 6 acupuncture visits.');
    expect(f.priorTreatments.map((p) => [p.category, p.sessions])).toEqual([
      ['physical_therapy', 18],
      ['acupuncture', 6],
    ]);
  });
  it('gives a count to the treatment it belongs to, not to a neighbour', () => {
    expect(facts('Treatment to date has included physical therapy x at least 6 sessions, acupuncture and an MRI.').priorTreatments.map((p) => [p.category, p.sessions])).toEqual([
      ['physical_therapy', 6],
      ['acupuncture', null],
    ]);
    expect(facts('She stated that 6 chiropractic therapy visits have helped.').priorTreatments.map((p) => [p.category, p.sessions])).toEqual([['chiropractic', 6]]);
    expect(facts('The worker underwent 6 sessions of chiropractic physiotherapy.').priorTreatments.map((p) => [p.category, p.sessions])).toEqual([['chiropractic', 6]]);
  });
  it('does not take ordered or requested care for care received', () => {
    expect(facts('Eight sessions of physical therapy were ordered.').priorTreatments).toEqual([]);
    expect(facts('A request for authorization has been received for acupuncture x6.').priorTreatments).toEqual([]);
  });
  it('does not take the disputed request for care received', () => {
    const f = facts('On 02/02/2015, the injured worker submitted an application for IMR for review of 12 sessions of chiropractic manipulation.');
    expect(f.priorTreatments).toEqual([]);
  });
});

describe('functional improvement, negation and conflicts', () => {
  const table: [string, 'improved' | 'not_improved', boolean][] = [
    ['There is no documentation of functional improvement with the prior acupuncture.', 'not_improved', true],
    ['The patient presented with no improvement in her symptoms with physical therapy.', 'not_improved', false],
    ['Physical therapy was completed without improvement.', 'not_improved', false],
    ['She denied improvement after the injections.', 'not_improved', false],
    ['Chiropractic care did not help.', 'not_improved', false],
    ['Objective functional improvement was not documented.', 'not_improved', true],
    ['She reported minimal improvement with acupuncture.', 'not_improved', false],
    ['Six sessions of physical therapy had not proven particularly beneficial.', 'not_improved', false],
    ['The patient was not close to maximal medical improvement, and physical therapy did not help.', 'not_improved', false],
    ['Acupuncture helped; she was able to sleep better and housework was easier.', 'improved', false],
    ['He reports improved ability to perform activities of daily living after physical therapy.', 'improved', false],
    ['Pain decreased from 8/10 to 4/10 with medications.', 'improved', false],
  ];
  it.each(table)('%s → %s', (text, polarity, gap) => {
    const f = facts(text);
    expect(f.functionalImprovement.statements.length).toBeGreaterThan(0);
    expect(f.functionalImprovement.statements[0].polarity).toBe(polarity);
    expect(f.functionalImprovement.statements[0].documentationGap).toBe(gap);
  });
  it('ties a statement to the treatment named in its sentence', () => {
    const f = facts('There is no documentation of functional improvement with the prior acupuncture.');
    expect(f.functionalImprovement.statements[0].category).toBe('acupuncture');
    expect(f.functionalImprovement.status).toBe('absent');
  });
  it('reports conflicting statements as a conflict with both quotes', () => {
    const text = 'The patient reports improved function with physical therapy. The therapist notes no functional improvement with physical therapy.';
    const f = facts(text);
    expect(f.functionalImprovement.status).toBe('conflicting');
    const c = f.conflicts.find((x) => x.topic === 'functional_improvement');
    expect(c).toBeDefined();
    expect(c!.evidence.map((e) => e.quote)).toEqual([
      'The patient reports improved function with physical therapy.',
      'The therapist notes no functional improvement with physical therapy.',
    ]);
  });
  it('keeps statements about different treatments apart', () => {
    const f = facts('Acupuncture improved her function. Physical therapy provided no functional improvement.');
    expect(f.conflicts).toEqual([]);
    expect(improvementFor(f.functionalImprovement, 'acupuncture').status).toBe('documented');
    expect(improvementFor(f.functionalImprovement, 'physical_therapy').status).toBe('absent');
    expect(improvementFor(f.functionalImprovement, 'massage').status).toBe('not_stated');
  });
  it('does not read what aggravates or relieves pain as an outcome', () => {
    expect(facts('The pain is worse with bending and better with rest.').functionalImprovement.statements).toEqual([]);
  });
  it('ignores guideline definitions quoted in the summary', () => {
    const f = facts('Functional improvement is defined as a clinically significant improvement in activities of daily living.');
    expect(f.functionalImprovement.statements).toEqual([]);
  });
  it('keeps the stated absence in a sentence about the denial', () => {
    const f = facts('Utilization Review non-certified a prescription for Flexeril 7.5mg #60, noting that the injured worker had previously been treated with Flexeril without clinical evidence of functional improvement.');
    expect(f.functionalImprovement.statements).toMatchObject([{ polarity: 'not_improved', documentationGap: true, category: 'muscle_relaxant' }]);
    expect(f.medications.map((m) => m.generic)).toEqual(['cyclobenzaprine']);
  });
});

describe('medications', () => {
  it('reads a medication and since when', () => {
    const f = facts('She has been on Norco since 2014 for pain.', '2016-07-01');
    expect(f.medications).toMatchObject([{ generic: 'hydrocodone/acetaminophen', brand: 'Norco', drugClass: 'opioid', since: '2014', negated: false }]);
    expect(f.medications[0].durationMonths).toBe(24);
  });
  it('reads a full date and a stated duration', () => {
    expect(facts('The patient utilized cyclobenzaprine since 10/14/2016.', '2016-11-30').medications[0]).toMatchObject({ since: '2016-10-14', durationMonths: 1 });
    expect(facts('He has taken Lyrica for 6 months.').medications[0]).toMatchObject({ generic: 'pregabalin', durationMonths: 6 });
    expect(facts('She has been taking Norco for over a year.').medications[0]).toMatchObject({ generic: 'hydrocodone/acetaminophen', durationMonths: 12 });
    expect(facts('He has used Soma since March 2015.', '2015-09-20').medications[0]).toMatchObject({ since: '2015-03', durationMonths: 6 });
  });
  it('dates a medication by the note that first mentions it', () => {
    const f = facts('Progress report dated 09/01/2016: pain 6/10. Medications included Flexeril 10 mg. On 11/15/2016 she still takes Flexeril and Motrin.', '2016-12-01');
    expect(f.medications.map((m) => [m.generic, m.firstNotedDate, m.monthsNoted, m.since])).toEqual([
      ['cyclobenzaprine', '2016-09-01', 3, null],
      ['ibuprofen', '2016-11-15', 0, null],
    ]);
  });
  it('marks stopped medications', () => {
    expect(facts('Tramadol was discontinued due to nausea.').medications[0].negated).toBe(true);
  });
  it('lists every drug of a list', () => {
    const f = facts('Prior treatment history has included Tizanidine, hydrocodone, Gabapentin, Tylenol, and Zolpidem.');
    expect(f.medications.map((m) => m.drugClass)).toEqual(['muscle_relaxant', 'opioid', 'anti_epileptic', 'acetaminophen', 'sleep_aid']);
  });
});

describe('examination and other findings', () => {
  it('reads spasm and its absence, and flags the conflict', () => {
    expect(facts('There were muscle spasms in the paraspinals.').spasm).toMatchObject([{ negated: false }]);
    expect(facts('No spasm was noted.').spasm).toMatchObject([{ negated: true }]);
    const f = facts('Exam showed paraspinal spasm. On 3/2/2016 there was no spasm.');
    expect(f.conflicts.map((c) => c.topic)).toContain('spasm');
  });
  const neuro: [string, string, boolean][] = [
    ['Positive straight leg raise on the left.', 'straight_leg_raise', false],
    ['Straight leg raise was negative bilaterally.', 'straight_leg_raise', true],
    ['Decreased sensation L4, L5, and S1 dermatomes on left.', 'sensory_deficit', false],
    ['Sensation is intact to light touch.', 'sensory_deficit', true],
    ['Tibialis anterior and EHL 3+/5 on the left.', 'weakness', false],
    ['Motor strength is 5/5 in all extremities.', 'weakness', true],
    ['Diminished left Achilles reflex.', 'reflex_change', false],
    ['Deep tendon reflexes are 2+ and symmetric.', 'reflex_change', true],
    ['She denies numbness or tingling.', 'numbness', true],
    ['Neck pain radiates into the right arm with numbness.', 'radiculopathy', false],
  ];
  it.each(neuro)('%s → %s (negated %s)', (text, kind, negated) => {
    const f = facts(text);
    const d = f.neuroDeficits.find((x) => x.kind === kind);
    expect(d, JSON.stringify(f.neuroDeficits)).toBeDefined();
    expect(d!.negated).toBe(negated);
  });
  it('reads examination findings and their normal form', () => {
    const kinds = (t: string) => facts(t).examFindings.map((e) => [e.kind, e.negated]);
    expect(kinds('Exam of the low back noted moderate tenderness and restricted range of motion.')).toEqual([
      ['tenderness', false],
      ['restricted_range_of_motion', false],
    ]);
    expect(kinds('Physical exam of the cervical spine noted full range of motion and no swelling.')).toEqual([
      ['restricted_range_of_motion', true],
      ['swelling', true],
    ]);
    expect(kinds('The knee was non-tender with range of motion within normal limits.')).toEqual([
      ['tenderness', true],
      ['restricted_range_of_motion', true],
    ]);
    expect(facts('Strength 5 of 5 in the upper extremities.').neuroDeficits).toMatchObject([{ kind: 'weakness', negated: true }]);
  });
  it('tells complaints from examination findings', () => {
    expect(facts('The injured worker complained of numbness in the right hand.').neuroDeficits).toMatchObject([{ kind: 'numbness', negated: false, subjective: true }]);
    expect(facts('On exam there was decreased sensation in the L5 dermatome.').neuroDeficits).toMatchObject([{ kind: 'sensory_deficit', negated: false, subjective: false }]);
  });
  it('reads red flags and their denial', () => {
    expect(facts('She denies bowel or bladder dysfunction.').redFlags).toMatchObject([{ kind: 'bowel_bladder', negated: true }]);
    expect(facts('X-rays showed a compression fracture at L1.').redFlags).toMatchObject([{ kind: 'fracture', negated: false }]);
  });
  it('reads imaging studies with date, region and finding', () => {
    const f = facts('Recent diagnostic testing has included MRI of the lumbar spine (02/22/2014) showing mild degenerative disc disease, and electrodiagnostic studies of the upper extremities (07/09/2014) showing no abnormal findings.');
    expect(f.imaging).toMatchObject([
      { modality: 'mri', region: { region: 'lumbar' }, date: '2014-02-22', finding: 'mild degenerative disc disease' },
      { modality: 'emg_ncv', region: { region: 'upper_extremity' }, date: '2014-07-09', finding: 'no abnormal findings' },
    ]);
  });
  it('reads flare-ups', () => {
    expect(facts('The injured worker complained of a flare-up of neck pain.').flareUps).toMatchObject([{ negated: false }]);
  });
  it('reads surgery done, its date, and surgery planned', () => {
    const done = facts('Prior surgical history included anterior cervical discectomy and fusion at C3-C4 and C5-C6 on 11/15/2013.');
    expect(done.surgeries).toMatchObject([{ procedure: 'anterior cervical discectomy and fusion at C3-C4 and C5-C6', date: '2013-11-15', planned: false, region: { region: 'cervical' } }]);
    expect(facts('The surgeon recommended a right shoulder arthroscopy.').surgeries).toMatchObject([{ planned: true, region: { region: 'shoulder', laterality: 'right' } }]);
  });
  it('reads work status', () => {
    expect(facts('He remains temporarily totally disabled.').workStatus.map((w) => w.value)).toEqual(['temporarily_totally_disabled']);
    expect(facts('She is working modified duty.').workStatus.map((w) => w.value)).toEqual(['modified_duty']);
    expect(facts('He has not returned to work.').workStatus.map((w) => w.value)).toEqual(['not_working']);
    expect(facts('The injured worker was placed on modified activity through 12-05-2016.').workStatus.map((w) => w.value)).toEqual(['modified_duty']);
  });
  it('reads pain scores with and without medication', () => {
    const f = facts('Pain is rated 8/10 without medications and 4/10 with medications. Pain was rated 5 on a scale of 1-10.');
    expect(f.painScores.map((p) => [p.score, p.qualifier])).toEqual([
      [8, 'without_medication'],
      [4, 'with_medication'],
      [5, null],
    ]);
  });
  it('reads urine drug screens and their result', () => {
    expect(facts('A urine drug screen on 05/01/2016 was consistent with prescribed medications.').urineDrugScreens).toMatchObject([{ result: 'consistent', date: '2016-05-01' }]);
    expect(facts('The UDS was inconsistent, positive for THC.').urineDrugScreens).toMatchObject([{ result: 'inconsistent' }]);
  });
  it('reads GI risk factors and age over 65, but never an NSAID with a PPI (circular: the PPI is in dispute)', () => {
    const f = facts('The patient is a 70 year old male with a history of GI bleed. He takes naproxen and omeprazole.');
    expect(f.giRisks.map((g) => g.kind).sort()).toEqual(['age_over_65', 'gi_bleed']);
    expect(facts('She denies GI upset.').giRisks).toMatchObject([{ kind: 'gi_symptoms', negated: true }]);
  });
  it('reads failed conservative care and the home exercise program', () => {
    expect(facts('He has failed conservative care including PT and medications.').failedConservativeCare).toMatchObject([{ negated: false }]);
    expect(facts('She continues a home exercise program.').homeExercise).toMatchObject([{ negated: false }]);
    expect(facts('He is not doing a home exercise program.').homeExercise).toMatchObject([{ negated: true }]);
  });
  it('reads diagnoses as a list', () => {
    const f = facts('His diagnoses include cervical spine strain/sprain, cervical radiculitis, and lumbar spine strain/sprain.');
    expect(f.diagnoses.map((d) => d.value)).toEqual(['cervical spine strain/sprain', 'cervical radiculitis', 'lumbar spine strain/sprain']);
  });
});

describe('evidence', () => {
  it('quotes exact substrings of the named source, at their offsets', () => {
    const a = 'The injured worker is a 52 year old female, injured on 04/02/2012. She had 8 sessions of chiropractic care without improvement.';
    const b = 'Progress note 06/01/2016: no spasm. Positive Spurling sign on the right. She takes Norco 10/325 since 2013 and Prilosec.';
    const f = extractFacts(
      [
        { name: 'summary', text: a },
        { name: 'note', text: b },
      ],
      { asOf: '2016-06-15' },
    );
    const texts: Record<string, string> = { summary: a, note: b };
    const evidence = allEvidence(f);
    expect(evidence.length).toBeGreaterThan(8);
    for (const e of evidence) expect(texts[e.source].slice(e.start, e.end)).toBe(e.quote);
    expect(f.medications.find((m) => m.generic === 'hydrocodone/acetaminophen')?.evidence.source).toBe('note');
    expect(f.priorTreatments.find((p) => p.category === 'chiropractic')).toMatchObject({ sessions: 8, evidence: { source: 'summary' } });
  });
});
