import { describe, expect, it } from 'vitest';
import { normaliseRequest, type NormalisedRequest } from './index.js';
import { expectedSeeds, haveSeeds } from './test-support/shared-data.js';

describe.skipIf(!haveSeeds)('the seed requests (expected.json)', () => {
  const items = expectedSeeds().flatMap((l) => l.items.map((i) => ({ file: l.file, ...i })));
  it('has the 13 seed items', () => {
    expect(items).toHaveLength(13);
  });
  it.each(items.map((i) => [i.request, i.category]))('%s → %s', (request, category) => {
    expect(normaliseRequest(request).category).toBe(category);
  });
});

describe('categories', () => {
  const table: [string, string][] = [
    ['Flexeril 7.5 mg #60', 'muscle_relaxant'],
    ['Relafen 750mg #60', 'nsaid'],
    ['Norco 10/325 mg #90', 'opioid'],
    ['Prilosec 20mg #60', 'ppi'],
    ['omeprazole 20 mg', 'ppi'],
    ['Pepcid 20mg', 'h2_blocker'],
    ['Lyrica 75mg #60', 'anti_epileptic'],
    ['Neurontin 600mg #90', 'anti_epileptic'],
    ['Ambien 10mg #30', 'sleep_aid'],
    ['Cymbalta 60mg #30', 'antidepressant'],
    ['Xanax 0.5mg #30', 'benzodiazepine'],
    ['Terocin patches #30', 'topical'],
    ['Lidoderm 5% patch #30', 'topical'],
    ['Lidocaine ointment 5% 106.32gm', 'topical'],
    ['Flexeril Cream', 'topical'],
    ['Voltaren gel 1% 100g', 'topical'],
    ['Duragesic 25mcg/hr patch #10', 'opioid'],
    ['Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1', 'compound'],
    ['Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base', 'compound'],
    ['Compound Ketoprofen 20%, 240 grams', 'compound'],
    ['Cyclophene 5% cream 111.2 grams', 'compound'],
    ['Post-op Zofran', 'antiemetic'],
    ['Post-op Colace 100mg #60, 1 tablet by mouth as needed', 'laxative'],
    ['Three months coverage of Viagra 50mg', 'medication_other'],
    ['Physical therapy 2-3 times a week for 6 weeks', 'physical_therapy'],
    ['Post-op physical therapy 2 times a week for 4 weeks', 'postsurgical_therapy'],
    ['Associated surgical service: Physical therapy, times 12', 'postsurgical_therapy'],
    ['Aquatic therapy 2x6', 'aquatic_therapy'],
    ['Chiropractic physiotherapy treatment 6 visits', 'chiropractic'],
    ['Re-exam with chiropractor for the lumbar spine flare-up', 'chiropractic'],
    ['Spinal manipulation therapy 2 times a week for 4 weeks', 'chiropractic'],
    ['Pulsed Ultrasound 2 times a week for 4 weeks', 'passive_modality'],
    ['Electrical Muscle Stimulation 2 times a week for 4 weeks', 'electrical_stimulation'],
    ['TENS unit', 'tens'],
    ['H-wave unit 30 day trial', 'h_wave'],
    ['Interferential unit rental', 'interferential'],
    ['Unknown shockwave treatments', 'shockwave'],
    ['Associated surgical service: Cold compression therapy 30 day rental', 'dme'],
    ['Sit-stand workstation', 'dme'],
    ['Lumbar brace', 'dme'],
    ['MRI of the right shoulder without contrast', 'imaging'],
    ['Three phase bone scan to the left foot', 'imaging'],
    ['Pre-op chest x-ray', 'imaging'],
    ['EMG/NCS of the bilateral upper extremities', 'electrodiagnostic'],
    ['Right L4 transforaminal epidural steroid injection under fluoroscopic guidance', 'epidural_injection'],
    ['Bilateral L4-5 and L5-S1 facet injections', 'facet_injection'],
    ['Medial branch block L3-L5', 'facet_injection'],
    ['Radiofrequency ablation of the lumbar medial branches', 'rfa'],
    ['Trigger point injections x4', 'trigger_point_injection'],
    ['Retrospective injection 5cc of lidocaine hcl 1percent and 1cc of dexamethasone 120mg to the right knee', 'joint_injection'],
    ['Platelet-rich plasma injection to the right knee', 'prp_injection'],
    ['Urine Test', 'urine_drug_test'],
    ['Urine drug screen', 'urine_drug_test'],
    ['Pre-op urinalysis', 'lab'],
    ['Pre-op labs: CBC', 'lab'],
    ['Electrocardiogram times 3', 'diagnostic_other'],
    ['Comprehensive psychological testing', 'psychological'],
    ['Cognitive behavioral therapy 6 sessions', 'psychological'],
    ['Functional restoration program 80 hours', 'functional_restoration'],
    ['Functional capacity evaluation', 'functional_capacity_evaluation'],
    ['Follow up office visit times 2', 'office_visit'],
    ['Medical Clearance', 'office_visit'],
    ['Spine surgery evaluation for the lumbar', 'consultation'],
    ['Pain management consultation', 'consultation'],
    ['Home aide 6 hours per day, 5 times a week for 4 weeks', 'home_health'],
    ['Right shoulder arthroscopy RCR (rotator cuff repair) and decompression', 'surgery'],
    ['PA assist', 'surgical_assistant'],
    ['Transportation to/from all medical appointments', 'transportation'],
    ['Gym membership', 'gym_membership'],
    ['Acute inpatient rehabilitation physical therapy and occupational therapy 7-10 days for left foot fracture', 'inpatient_rehabilitation'],
    ['Massage Therapy 1 time a week for 4 weeks for neck and lumbar', 'massage'],
    ['Acupuncture 2 x week x 4 weeks', 'acupuncture'],
    ['Synvisc-One injection to the left knee', 'viscosupplementation'],
    ['Retrospective request for Toradol 60mg IM injection DOS 10/1/16', 'nsaid'],
    ['Butrans 10mcg/hr patch #4', 'opioid'],
    ['Terocin lotion 120ml', 'topical'],
    ['Pennsaid 2% solution', 'topical'],
    ['Voltaren XR 100mg #30', 'nsaid'],
    ['Cyclobenzaprine-Lidocaine cream', 'compound'],
    ['Soma 350mg #60', 'muscle_relaxant'],
    ['Ambien CR 12.5mg #30', 'sleep_aid'],
    ['Theramine #120', 'medication_other'],
    ['Bilateral L3-L5 medial branch radiofrequency ablation', 'rfa'],
    ['Cervical traction unit for home use', 'dme'],
    ['Hot/cold therapy unit', 'dme'],
    ['Work conditioning 12 sessions', 'functional_restoration'],
    ['Biofeedback 6 sessions', 'psychological'],
    ['Referral to pain management', 'consultation'],
    ['Neurology consult', 'consultation'],
    ['Carpal tunnel release, right', 'surgery'],
    ['Spinal cord stimulator trial', 'surgery'],
    ['Cortisone injection to the right shoulder', 'joint_injection'],
    ['Ultrasound-guided cortisone injection to the left knee', 'joint_injection'],
    ['Genicular nerve block, right knee', 'nerve_block'],
    ['Botox injections for migraines', 'botulinum_toxin'],
    ['Inpatient detox program', 'inpatient_rehabilitation'],
    ['Orthopedic shoes', 'dme'],
    ['Keratek gel 4oz', 'topical'],
    ['Menthoderm gel 120gm', 'topical'],
    ['Bone density scan', 'imaging'],
    ['Psychiatric evaluation and treatment', 'psychological'],
    ['B12 injection', 'medication_other'],
    ['Hyalgan injections x5 left knee', 'viscosupplementation'],
    ['Referral to orthopedic surgeon', 'consultation'],
    ['Continuous passive motion machine 21 days', 'dme'],
    ['Something nobody has heard of', 'other'],
  ];
  it.each(table)('%s → %s', (request, category) => {
    expect(normaliseRequest(request).category).toBe(category);
  });
});

describe('sessions: frequency × duration and explicit counts', () => {
  const table: [string, number | null, Partial<NormalisedRequest['frequency']> | null][] = [
    ['Acupuncture 2 x week x 4 weeks', 8, { timesPerWeek: 2, weeks: 4 }],
    ['Physical Therapy 3 times a week for 4 weeks for lumbar and cervical', 12, { timesPerWeek: 3, weeks: 4 }],
    ['Massage Therapy 1 time a week for 4 weeks for neck and lumbar', 4, { timesPerWeek: 1, weeks: 4 }],
    ['Additional physical therapy lumbar spine two times a week for three weeks', 6, { timesPerWeek: 2, weeks: 3 }],
    ['Additional physical therapy three times a week over two weeks', 6, { timesPerWeek: 3, weeks: 2 }],
    ['Physical therapy additional 3 visits per week for 2 weeks', 6, { timesPerWeek: 3, weeks: 2 }],
    ['Physical therapy 2-3 times a week for 6 weeks', 18, { timesPerWeek: 2, timesPerWeekMax: 3, weeks: 6 }],
    ['Chiropractic twice weekly for 6 weeks', 12, { timesPerWeek: 2, weeks: 6 }],
    ['Physical therapy 2x/week x 6 weeks', 12, { timesPerWeek: 2, weeks: 6 }],
    ['Aquatic therapy 2x6', 12, { timesPerWeek: 2, weeks: 6 }],
    ['Additional chiropractic 1x4', 4, { timesPerWeek: 1, weeks: 4 }],
    ['Chiropractic x6', 6, null],
    ['Physical therapy 12 sessions', 12, null],
    ['12 chiropractic manipulation treatments for the cervical, lumbar and thoracic spine', 12, null],
    ['Additional Acupuncture of Eight (8) Sessions Lumbar Spine', 8, null],
    ['Eight physical therapy sessions for the neck', 8, null],
    ['Six sessions of acupuncture one time a week for six weeks', 6, { timesPerWeek: 1, weeks: 6 }],
    ['Chiropractic therapy sessions for the cervical spine, #2', 2, null],
    ['Physical therapy to the lumbar spine 2 times a week for 2 weeks (4)', 4, { timesPerWeek: 2, weeks: 2 }],
    ['Follow up office visit times 2', 2, null],
    ['5 Office Visits with a Chiropractor for the Cervical Spine', 5, null],
    ['Physical therapy for the lumbar spine', null, null],
    ['12 physical therapy visits (2 x 6)', 12, { timesPerWeek: 2, weeks: 6 }],
    ['Lumbar epidural steroid injection L4-5 x1', 1, null],
  ];
  it.each(table)('%s → %s sessions', (request, sessions, freq) => {
    const r = normaliseRequest(request);
    expect(r.sessions).toBe(sessions);
    if (freq) expect(r.frequency).toMatchObject(freq);
    else expect(r.frequency === null || r.frequency.weeks === null).toBe(true);
  });
  it('says whether the count was written or computed', () => {
    expect(normaliseRequest('Acupuncture 2 x week x 4 weeks').sessionsBasis).toBe('frequency_x_duration');
    expect(normaliseRequest('Physical therapy 12 sessions').sessionsBasis).toBe('explicit');
    expect(normaliseRequest('Physical therapy for the lumbar spine').unknowns).toContain('sessions');
  });
});

describe('drugs', () => {
  it('reads brand, generic, strength, quantity and route of an oral drug', () => {
    const r = normaliseRequest('Flexeril 7.5 mg #60');
    expect(r.drug).toMatchObject({ generic: 'cyclobenzaprine', brand: 'Flexeril', drugClass: 'muscle_relaxant', strength: '7.5 mg', strengthMg: 7.5, route: 'oral' });
    expect(r.quantity).toBe(60);
    expect(r.quantityUnit).toBe('unit');
    expect(r.matchedTerms).toContain('Flexeril');
  });
  it('reads combination opioids with both strengths and the sig', () => {
    const r = normaliseRequest('Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed');
    expect(r.category).toBe('opioid');
    expect(r.context).toBe('postoperative');
    expect(r.drug).toMatchObject({ generic: 'hydrocodone/acetaminophen', brand: 'Norco', strength: '5/325 mg', route: 'oral', dosesPerDayMax: 6, unitsPerDoseMax: 2 });
    expect(r.drug!.ingredients.map((i) => i.generic)).toEqual(['hydrocodone', 'acetaminophen']);
    expect(r.quantity).toBe(60);
  });
  it('reads "7.5-325mg" as 7.5/325 mg', () => {
    expect(normaliseRequest('Norco 7.5-325mg #112').drug!.strength).toBe('7.5/325 mg');
  });
  it('knows a cream is topical and keeps the class of its active ingredient', () => {
    const r = normaliseRequest('Flexeril Cream');
    expect(r.drug).toMatchObject({ generic: 'cyclobenzaprine', form: 'cream', route: 'topical', drugClass: 'muscle_relaxant', compounded: false });
    expect(r.matchedTerms).toEqual(expect.arrayContaining(['Flexeril', 'Cream']));
  });
  it('lists every ingredient of a compound with its strength', () => {
    const r = normaliseRequest('Gabapentin 10%, Cyclobenzaprine 6%, Bupivacaine 5% in cream base');
    expect(r.drug!.compounded).toBe(true);
    expect(r.drug!.ingredients).toEqual([
      { generic: 'gabapentin', drugClass: 'anti_epileptic', strength: '10%' },
      { generic: 'cyclobenzaprine', drugClass: 'muscle_relaxant', strength: '6%' },
      { generic: 'bupivacaine', drugClass: 'topical', strength: '5%' },
    ]);
  });
  it('keeps the count and the package amount apart', () => {
    const r = normaliseRequest('Flurbiprofen 10%/Dextromethorphan 5%/Lidocaine 5%, 120grams #1');
    expect(r.quantity).toBe(1);
    expect(r.amount).toEqual({ value: 120, unit: 'g' });
    const g = normaliseRequest('Lidocaine ointment 5% 106.32gm');
    expect(g.quantity).toBe(106.32);
    expect(g.quantityUnit).toBe('g');
  });
  it('reads refills, days of supply and the doses per day', () => {
    const r = normaliseRequest('Pantoprazole 40mg, one by mouth, twice a day #60 with one refill');
    expect(r.drug).toMatchObject({ generic: 'pantoprazole', refills: 1, dosesPerDayMax: 2 });
    expect(normaliseRequest('Oxycodone HCL ER 20mg #60 day supply: 30').drug).toMatchObject({ form: 'extended_release', daysSupply: 30 });
  });
  it('reads the 2014–2015 phrasing of prescriptions', () => {
    const r = normaliseRequest('Retrospective request for 1 prescription of Tramadol 50mg #60 (DOS: 6/2/14)');
    expect(r).toMatchObject({ category: 'opioid', quantity: 60, retrospective: true, serviceDate: '2014-06-02' });
    expect(normaliseRequest('Norco 10/325mg, 120 count').quantity).toBe(120);
    expect(normaliseRequest('Omeprazole 20mg, one month supply').drug!.daysSupply).toBe(30);
    expect(normaliseRequest('Norco 10/325mg #120 with 2 refills').drug!.refills).toBe(2);
  });
  it('does not read "Tylenol #3" as a quantity of 3', () => {
    const r = normaliseRequest('Tylenol #3 #60');
    expect(r.category).toBe('opioid');
    expect(r.drug!.generic).toBe('codeine/acetaminophen');
    expect(r.quantity).toBe(60);
  });
  it('names the brand when the generic comes first', () => {
    expect(normaliseRequest('Meloxicam (Mobic) 7.5mg #30').drug).toMatchObject({ generic: 'meloxicam', brand: 'Mobic' });
  });
});

describe('unknowns, additional, retrospective, regions, imaging', () => {
  it('records what the request says is unknown', () => {
    const r = normaliseRequest('Zanaflex dosage, frequency, and quanity unknown');
    expect(r.statedUnknown).toBe(true);
    expect(r.statedUnknowns).toEqual(['dosage', 'frequency', 'quantity']);
    expect(r.unknowns).toEqual(expect.arrayContaining(['dosage', 'frequency', 'quantity', 'strength']));
  });
  it('records an unknown number of treatments', () => {
    const r = normaliseRequest('Unknown shockwave treatments');
    expect(r.statedUnknowns).toEqual(['sessions']);
  });
  it('says what a medication request leaves unstated without claiming the request said so', () => {
    const r = normaliseRequest('Post-op Zofran');
    expect(r.statedUnknown).toBe(false);
    expect(r.unknowns).toEqual(['strength', 'quantity']);
    expect(normaliseRequest('Flexeril 7.5 mg #60').unknowns).toEqual([]);
  });
  it('tells additional from initial requests', () => {
    expect(normaliseRequest('Additional Acupuncture of Eight (8) Sessions Lumbar Spine').additional).toBe(true);
    expect(normaliseRequest('Continue physical therapy 3 times a week for 2 weeks').additional).toBe(true);
    expect(normaliseRequest('Acupuncture 2 x week x 4 weeks').additional).toBe(false);
  });
  it('reads retrospective requests and their date of service', () => {
    const r = normaliseRequest('Retrospective CT scan of the cervical spine (DOS 11/18/16)');
    expect(r.retrospective).toBe(true);
    expect(r.serviceDate).toBe('2016-11-18');
    expect(r.imaging).toEqual({ modality: 'ct', contrast: null, open: false });
  });
  it('reads a remaining portion of a retrospective request as retrospective, on the same date of service', () => {
    const r = normaliseRequest(
      'Retrospective left wrist arthroscopy with TFCC debridement and ganglion excision, DOS 10/12/2016 was the original request. Left wrist arthroscopy with TFCC debridement was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, and ganglion excision',
    );
    expect(r).toMatchObject({ cleaned: 'and ganglion excision', retrospective: true, serviceDate: '2016-10-12' });
    expect(r.partOf).toMatch(/^Retrospective left wrist arthroscopy with TFCC debridement and ganglion excision/);
  });
  it('names the original request a portion is a part of only where the portion is written as a part of it', () => {
    const whole = normaliseRequest('Physical therapy 12 sessions was the original request. Physical therapy 6 sessions was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Physical therapy 6 sessions');
    expect(whole).toMatchObject({ cleaned: 'Physical therapy 6 sessions', partOf: null, retrospective: false });
    expect(normaliseRequest('Right knee corticosteroid injection').partOf).toBeNull();
  });
  it('reads the date of service written as the date the service was performed or given', () => {
    expect(normaliseRequest('Retrospective request for a left knee cortisone injection performed on 01/05/2017')).toMatchObject({ retrospective: true, serviceDate: '2017-01-05' });
    expect(normaliseRequest('Retro trigger point injections x3, given on 2/14/17')).toMatchObject({ retrospective: true, serviceDate: '2017-02-14' });
    expect(normaliseRequest('Retrospective hot/cold unit, dates of service 1/5/2017-1/19/2017').serviceDate).toBe('2017-01-05');
  });
  it('reads body regions with laterality carried over a list', () => {
    const r = normaliseRequest('Physical therapy 2 times a week for 6 weeks bilateral shoulder, elbow and wrist');
    expect(r.bodyRegions.map((b) => [b.region, b.laterality])).toEqual([
      ['shoulder', 'bilateral'],
      ['elbow', 'bilateral'],
      ['wrist', 'bilateral'],
    ]);
    const s = normaliseRequest('12 chiropractic manipulation treatments for the cervical, lumbar and thoracic spine');
    expect(s.bodyRegions.map((b) => b.region)).toEqual(['cervical', 'lumbar', 'thoracic']);
    const m = normaliseRequest('Chiropractic evaluation, lumbar spine, left hip and knee');
    expect(m.bodyRegions.map((b) => [b.region, b.laterality])).toEqual([
      ['lumbar', null],
      ['hip', 'left'],
      ['knee', 'left'],
    ]);
    expect(normaliseRequest('NCS/EMG RUE').bodyRegions).toMatchObject([{ region: 'upper_extremity', laterality: 'right' }]);
    expect(normaliseRequest('MRI of the neck without contrast').bodyRegions).toMatchObject([{ region: 'cervical' }]);
  });
  it('reads imaging modality and contrast', () => {
    expect(normaliseRequest('MRI of the right knee without contrast').imaging).toEqual({ modality: 'mri', contrast: 'without', open: false });
    expect(normaliseRequest('Open MRI of the lumbar spine').imaging).toMatchObject({ modality: 'mri', open: true });
    expect(normaliseRequest('EMG/NCV of the bilateral lower extremities').electrodiagnostic).toEqual({ tests: ['emg', 'ncv'] });
  });
  it('asks for a body region where the treatment needs one', () => {
    expect(normaliseRequest('MRI').unknowns).toContain('body_region');
    expect(normaliseRequest('MRI of the lumbar spine').unknowns).not.toContain('body_region');
  });
  it('strips the letters\u2019 framing of modified requests', () => {
    const r = normaliseRequest(
      'Physical therapy two times a week for six weeks (12 sessions) was the original request. Physical therapy 6 sessions was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Physical therapy 6 sessions is',
    );
    expect(r.cleaned).toBe('Physical therapy 6 sessions');
    expect(r.sessions).toBe(6);
  });
  it('marks the surgical context', () => {
    expect(normaliseRequest('Associated surgical service: Shoulder sling with abduction pillow')).toMatchObject({ category: 'dme', subcategory: 'sling', context: 'associated_surgical' });
    expect(normaliseRequest('Pre-op Clearance')).toMatchObject({ category: 'office_visit', context: 'preoperative' });
  });
});

describe('doses per day from the sig (synthetic requests)', () => {
  it.each([
    ['Norco 10/325 mg one tablet every 6 hours #120', 4, 4],
    ['Tramadol 50 mg q6h #60', 4, 4],
    ['Tramadol 50 mg Q6H PRN #60', 4, 4],
    ['Norco 10/325 mg every six hours as needed #90', 4, 4],
    ['Norco 10/325 mg 1 tab every 4-6 hours as needed #90', 4, 6],
    ['Percocet 5/325 mg q4-6h prn #60', 4, 6],
    ['Oxycodone 5 mg every 4 to 6 hours #40', 4, 6],
    ['Naproxen 550 mg 2-3 times a day #90', 2, 3],
    ['Naproxen 550 mg twice daily #60', 2, 2],
    ['Ibuprofen 800 mg three times a day #90', 3, 3],
    ['Flexeril 10 mg 1 tab daily #30', 1, 1],
    ['Tramadol ER 100 mg every 12 hours #60', 2, 2],
  ])('%s → %i to %i', (request, min, max) => {
    const d = normaliseRequest(request).drug;
    expect(d?.dosesPerDayMin).toBe(min);
    expect(d?.dosesPerDayMax).toBe(max);
  });

  it('leaves both null where no frequency is written', () => {
    const d = normaliseRequest('Norco 10/325 mg #90').drug;
    expect(d?.dosesPerDayMin).toBeNull();
    expect(d?.dosesPerDayMax).toBeNull();
  });
});

describe('session ranges keep both bounds (synthetic requests)', () => {
  it.each([
    ['Physical therapy 1-2 times a week for 6 weeks', 6, 12],
    ['Physical therapy 2-3 times a week for 4 weeks', 8, 12],
    ['Chiropractic 2 times a week for 4-6 weeks', 8, 12],
    ['Acupuncture 6-8 sessions', 6, 8],
    ['Chiropractic 6 to 8 visits', 6, 8],
    ['Physical therapy 12 sessions', 12, 12],
    ['Physical therapy 2x4', 8, 8],
  ])('%s → %i to %i', (request, min, max) => {
    const r = normaliseRequest(request);
    expect(r.sessionsMin).toBe(min);
    expect(r.sessions).toBe(max);
  });

  it('reads a weeks range into weeks and weeksMin', () => {
    expect(normaliseRequest('Physical therapy 2 times a week for 4-6 weeks').frequency).toEqual({ timesPerWeek: 2, timesPerWeekMax: null, weeks: 6, weeksMin: 4 });
    expect(normaliseRequest('Physical therapy 1-2 times a week for 6 weeks').frequency).toEqual({ timesPerWeek: 1, timesPerWeekMax: 2, weeks: 6, weeksMin: 6 });
  });

  it('has no bounds where no count is written', () => {
    const r = normaliseRequest('Physical therapy for the lumbar spine');
    expect(r.sessions).toBeNull();
    expect(r.sessionsMin).toBeNull();
  });
});

describe('heat, cold and lumbar support equipment (synthetic requests)', () => {
  it.each([
    ['Heating pad', 'dme'],
    ['Ice packs', 'dme'],
    ['Lumbar corset', 'dme'],
    ['Back belt', 'dme'],
    ['Thermal therapy unit purchase', 'dme'],
    ['Right open CTR', 'surgery'],
  ])('%s → %s', (request, category) => {
    expect(normaliseRequest(request).category).toBe(category);
  });
});

describe('which operation a surgery request names (synthetic requests)', () => {
  it.each([
    ['Left long trigger finger release', 'trigger_finger_release'],
    ['Right cubital tunnel release with ulnar nerve transposition', 'cubital_tunnel_release'],
    ['Open reduction internal fixation, right distal radius', 'fracture_fixation'],
    ['L4-5 XLIF', 'spinal_fusion'],
    ['L5-S1 anterior lumbar arthrodesis', 'spinal_fusion'],
    ['Right L4 hemilaminectomy', 'spinal_decompression'],
    // the carpal tunnel release named beside a fixation is the operation in dispute
    ['Distal radius ORIF with carpal tunnel release', 'carpal_tunnel_release'],
  ])('%s → %s', (request, subcategory) => {
    const r = normaliseRequest(request);
    expect(r.category).toBe('surgery');
    expect(r.subcategory).toBe(subcategory);
  });
});
