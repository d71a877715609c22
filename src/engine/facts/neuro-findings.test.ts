/**
 * What counts as an objective neurological deficit, and what states its absence (synthetic sentences written
 * for these tests). ACOEM 2004 Ch. 12 p. 303: "unequivocal objective findings that identify specific nerve
 * compromise on the neurologic examination"; Ch. 8 p. 177: physiologic evidence "in the form of definitive
 * neurologic findings on physical examination, electrodiagnostic studies, laboratory tests, or bone scans".
 * A complaint is a symptom, a diagnosis is a diagnosis; neither is a sign.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, type CaseFacts } from './index.js';

const facts = (text: string): CaseFacts => extractFacts([{ name: 'note', text }], { asOf: '2016-06-01' });
/** The deficits the imaging criteria read as objective (not a complaint, not a diagnosis, not denied). */
const objective = (text: string) =>
  facts(text)
    .neuroDeficits.filter((d) => !d.negated && d.subjective !== true)
    .map((d) => d.kind);
const overallNormal = (text: string) => facts(text).neuroExamOverall.filter((d) => d.negated).length > 0;

describe('a diagnosis or a symptom of radiculopathy is not an examination sign', () => {
  it.each([
    ['Diagnoses: lumbar radiculopathy; lumbar strain.', 'diagnosis'],
    ['The worker has been diagnosed with cervical radiculopathy.', 'diagnosis'],
    ['Exam: lumbar radiculopathy.', 'exam'],
    ['Assessment: left L5 radiculopathy, rule out disc herniation.', 'diagnosis'],
  ])('"%s" is not an objective deficit', (text, kind) => {
    const f = facts(text);
    expect(objective(text)).toEqual([]);
    expect(f.neuroDeficits).toMatchObject([{ kind: 'radiculopathy', negated: false, subjective: true, evidence: { kind } }]);
  });
  it.each(['She complains of pain radiating down the left leg.', 'Low back pain radiating to the right calf.', 'He reports sciatica on the left.', 'Neck pain radiates into the right hand.'])(
    '"%s" is a complaint',
    (text) => {
      expect(objective(text)).toEqual([]);
      expect(facts(text).neuroDeficits.find((d) => d.kind === 'radiculopathy')).toMatchObject({ subjective: true, evidence: { kind: 'complaint' } });
    },
  );
  it.each([
    'EMG/NCS dated 3/2/2016 showed an acute left L5 radiculopathy.',
    'Electrodiagnostic studies were consistent with a right C6 radiculopathy.',
    'Exam: positive radicular signs in the left leg.',
  ])('"%s" is objective evidence (a study result or an examiner\'s sign)', (text) => {
    expect(objective(text)).toContain('radiculopathy');
  });
  it('keeps the signs found beside a diagnosis', () => {
    expect(objective('Diagnoses: lumbar radiculopathy. Exam: decreased sensation over the left L5 dermatome and an absent left ankle reflex.')).toEqual(['sensory_deficit', 'reflex_change']);
  });
});

describe('weakness that is not a sign of nerve compromise', () => {
  it.each(['There was rotator cuff weakness on the right.', 'Exam showed weakness of the left rotator cuff.', 'Left ankle dorsiflexion 4/5, limited by pain.', 'Hip flexion strength 4/5 secondary to pain.', 'Give-way weakness of the right grip.'])(
    '"%s" is not a neurological deficit',
    (text) => {
      expect(objective(text)).not.toContain('weakness');
    },
  );
  it.each(['Left extensor hallucis longus 4/5.', 'Exam: weakness of right ankle dorsiflexion, 4-/5.', 'Right triceps 4/5 with a diminished triceps reflex.'])('"%s" is myotomal weakness', (text) => {
    expect(objective(text)).toContain('weakness');
  });
  it('still reads a complaint of weakness as a complaint', () => {
    expect(facts('The patient reports weakness in the left leg.').neuroDeficits).toMatchObject([{ kind: 'weakness', subjective: true }]);
  });
});

describe('a stated absence', () => {
  it.each(['Neurologically intact.', 'No focal neurological deficits.', 'Neurological examination is normal.'])('"%s" states the whole examination normal', (text) => {
    expect(overallNormal(text)).toBe(true);
  });
  it.each(['Exam: motor strength 5/5, deep tendon reflexes 2+ and symmetric, and sensation intact to light touch.', 'Strength is 5/5 throughout; reflexes are symmetric and sensation is normal.'])(
    '"%s" (sensation, reflexes and strength all normal) states the examination normal',
    (text) => {
      expect(overallNormal(text)).toBe(true);
      expect(objective(text)).toEqual([]);
    },
  );
  it.each([
    // one sign alone says nothing of the others
    'Sensation is intact to light touch.',
    'Reflexes are 2+ and symmetric.',
    // one side or one limb: the other side's or limb's deficits may stand
    'Strength 5/5, reflexes 2+ and sensation intact on the right.',
    'Strength 5/5, reflexes 2+ and sensation intact in the upper extremities.',
    // a sign found abnormal beside the normal ones
    'Strength 5/5 and sensation intact, with an absent left ankle reflex.',
  ])('"%s" is not a normal examination as a whole', (text) => {
    expect(overallNormal(text)).toBe(false);
  });
  it('keeps a single normal sign as the absence of that sign', () => {
    expect(facts('Sensation is intact to light touch.').neuroDeficits).toMatchObject([{ kind: 'sensory_deficit', negated: true }]);
  });
  it.each(['No new neurological deficits.', 'There are no progressive neurological findings.'])('"%s" is about change, not a normal examination', (text) => {
    expect(overallNormal(text)).toBe(false);
  });
});

// ACOEM 2004 Ch. 12 p. 303: imaging "in patients ... who would consider surgery an option". A surgery the record says
// is not planned is not a planned surgery (nor one done).
describe('a surgery stated not planned', () => {
  it.each(['Surgery is not being considered at this time.', 'He declines surgery and would like to continue therapy.', 'He is not a surgical candidate and will continue conservative care.', 'She wishes to avoid surgery but would consider an injection.'])(
    '"%s" is no planned surgery',
    (text) => {
      expect(facts(text).surgeries.filter((s) => s.planned)).toEqual([]);
    },
  );
  it.each(['Lumbar decompression surgery was recommended.', 'Non-operative care failed and a lumbar discectomy is planned.'])('"%s" is a planned surgery', (text) => {
    expect(facts(text).surgeries.filter((s) => s.planned)).toHaveLength(1);
  });
});

describe('signs read with their context', () => {
  it.each(['Deep tendon reflexes 1+ and equal for biceps, triceps and brachioradialis.', 'Reflexes are trace and symmetric at the knees and ankles.'])(
    '"%s" (low but the same on both sides) is no reflex deficit',
    (text) => {
      expect(objective(text)).not.toContain('reflex_change');
    },
  );
  it.each(['Right Achilles reflex 1+ compared with 2+ on the left.', 'Reflexes are 1+ at the left ankle and absent at the right ankle.'])('"%s" is a reflex asymmetry', (text) => {
    expect(objective(text)).toContain('reflex_change');
  });
  it('reads radicular pain reproduced by a straight-leg raise as a positive test', () => {
    expect(objective('Exam: radicular pain to the left calf upon straight leg raise at 45 degrees.')).toContain('radiculopathy');
  });
});
