/**
 * The imaging criteria's reading of neurological findings, persisting symptoms and earlier studies (synthetic
 * summaries written for these tests). Each block names the guideline sentence.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../../parse-case-file.js';
import { evaluate } from '../index.js';

const kb = loadKnowledgeBase();

function decide(request: string, summary: string, injuryDate = '2015-02-11') {
  return evaluate(parseCaseFile({ worker: { age: 48, injuryDate }, urDecisionDate: '2016-06-02', clinicalSummary: summary, items: [{ request }] }), 0, kb);
}
function criterion(request: string, summary: string, id: string, injuryDate?: string) {
  const d = decide(request, summary, injuryDate);
  const c = d.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} for ${request} (${d.topicId}): ${d.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

// ACOEM 2004 Ch. 12 p. 303: "unequivocal objective findings that identify specific nerve compromise on the
// neurologic examination are sufficient evidence to warrant imaging ...".
describe('lumbar imaging: objective nerve compromise on the examination', () => {
  const indication = (summary: string) => criterion('MRI of the lumbar spine without contrast', summary, 'indication');
  it.each([
    'Diagnoses: lumbar radiculopathy; lumbar sprain.',
    'She complains of low back pain radiating down the left leg with numbness of the foot.',
    'The injured worker reports weakness of the left leg.',
    'Left ankle dorsiflexion 4/5, limited by pain.',
  ])('a diagnosis, a complaint or pain-limited strength is not one: %s', (summary) => {
    const c = indication(summary);
    expect(c.status).toBe('unknown');
    expect(c.finding).toMatch(/does not document .*objective neurological deficit/);
  });
  it.each(['Exam: decreased sensation over the left L5 dermatome and an absent left ankle reflex.', 'Positive straight leg raise on the left at 40 degrees.', 'EMG/NCS dated 1/5/2016 showed an active left S1 radiculopathy.'])(
    'a sign or a study result is one: %s',
    (summary) => {
      expect(indication(summary).status).toBe('met');
    },
  );
  it('reads a complete normal screening examination as the stated absence of a deficit', () => {
    const c = indication('Exam: motor strength 5/5, deep tendon reflexes 2+ and symmetric, and sensation intact to light touch.');
    // the red flag, the other alternative, is not mentioned: not documented, with the normal examination quoted
    expect(c.status).toBe('unknown');
    expect(c.evidence?.map((e) => e.quote)).toEqual(['motor strength 5/5, deep tendon reflexes 2+ and symmetric, and sensation intact to light touch.']);
  });
});

// ACOEM 2004 Ch. 8 p. 177 [U]: "Unequivocal findings that identify specific nerve compromise on the neurologic
// examination are sufficient evidence to warrant imaging studies if symptoms persist"; special studies are not
// needed unless a three- or four-week period of conservative care and observation fails to improve symptoms.
describe('cervical imaging: symptoms persisting past the period of observation', () => {
  const observation = (summary: string, injuryDate: string) => criterion('MRI of the cervical spine', summary, 'observation', injuryDate);
  const signs = 'Exam: decreased sensation over the right thumb and a diminished right biceps reflex.';
  it('is met by nerve compromise with symptoms that persist after four weeks', () => {
    expect(observation(`Right arm pain and tingling persist. ${signs}`, '2016-04-01').status).toBe('met');
  });
  it('is not met by persisting symptoms within three weeks of the injury', () => {
    expect(observation(`Right arm pain and tingling persist. ${signs}`, '2016-05-20').finding).toMatch(/within the 21-day period/);
  });
  it('is not met by the passing of time alone', () => {
    expect(observation(signs, '2016-01-04').status).toBe('unknown');
  });
  it('is not met by persisting symptoms without a sign of nerve compromise', () => {
    expect(observation('Neck pain persists. Exam: paraspinal tenderness.', '2016-01-04').status).toBe('unknown');
  });
});

// ODG Low Back / Neck, MRI [U]: repeat MRI is reserved for a significant change in symptoms and/or findings. An
// earlier study named with its date, or counted, is an earlier study.
describe('repeat spinal MRI: an earlier study named by its date', () => {
  it.each(['Lumbar MRI (1/12/2015): L4-5 disc protrusion.', 'MRI of the lumbar spine from 2014 was reviewed.', 'She has had two lumbar MRIs, the last in 2015.'])('applies: %s', (summary) => {
    expect(criterion('Lumbar MRI', summary, 'repeat-mri').status).not.toBe('not_applicable');
  });
  it.each(['A lumbar MRI on 7/1/2016 is requested.', 'The physician requested an MRI of the lumbar spine to evaluate the L4-5 level.'])('does not apply to the requested study: %s', (summary) => {
    expect(criterion('Lumbar MRI', summary, 'repeat-mri').status).toBe('not_applicable');
  });
  it('applies to the neck: Cervical MRI (3/3/2015) with a C5-6 protrusion', () => {
    expect(criterion('Cervical spine MRI', 'Cervical MRI (3/3/2015): C5-6 protrusion.', 'repeat-mri').status).not.toBe('not_applicable');
  });
});

// ODG Shoulder, MRI [U]: repeat MRI is not routine; it is reserved for a significant change in symptoms and/or
// findings suggestive of significant pathology.
describe('repeat shoulder MRI', () => {
  const prior = 'MRI of the right shoulder dated 4/7/2015 showed supraspinatus tendinosis.';
  const repeat = (summary: string) => criterion('MRI of the right shoulder', `${prior} ${summary}`, 'repeat-mri');
  it.each(['She re-injured the right shoulder in a fall in March.', 'Since then he has new weakness of abduction and external rotation.'])('a significant change meets it: %s', (summary) => {
    expect(repeat(summary).status).toBe('met');
  });
  it.each(['Pain is worse with overhead work.', 'Pain persists despite physical therapy.'])('worse or persisting pain alone does not: %s', (summary) => {
    expect(repeat(summary).status).toBe('unknown');
  });
  it('does not apply without an earlier shoulder MRI', () => {
    expect(criterion('MRI of the right shoulder', 'MRI of the cervical spine dated 4/7/2015 showed a C5-6 protrusion.', 'repeat-mri').status).toBe('not_applicable');
  });
});

// The rationale merges gaps that share their first alternative ("a spinal red flag or X") at " or ": the red
// flag's label names no " or " of its own, so it is never cut in two. The rationale of the indication (an
// anyOf) states the topic's gap ("a red flag, ... is not documented"); the criterion lists the red flags.
describe('the spinal red flag in the rationale', () => {
  it('is named whole', () => {
    const d = decide('MRI of the cervical spine', 'Neck ache for two months after lifting boxes. Exam: paraspinal tenderness. Taking ibuprofen.');
    expect(d.criteria.find((c) => c.id === 'criteria')?.finding).toContain('bowel/bladder dysfunction, tumour');
    expect(d.rationale).toContain('the record does not document a red flag, objective neurologic dysfunction');
    expect(d.rationale).not.toMatch(/bowel;/);
  });
});
