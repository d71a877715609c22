/**
 * Region-bound findings read only the region under review (synthetic records written for these tests).
 * ACOEM 2004 Ch. 12 p. 303 (low back): "unequivocal objective findings that identify specific nerve
 * compromise on the neurologic examination": the lower-limb roots. Ch. 8 p. 177 (neck): the upper-limb
 * roots. The joint chapters' red flags and examination signs are the joint's own.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../parse-case-file.js';
import { evaluate } from './index.js';
import { extractFacts } from '../facts/index.js';
import { makeFindingLookup } from './fact-lookup.js';
import { splitSentences } from './record-search.js';
import { regionFilter, regionsNamed } from './region-scope.js';
import { normaliseRequest } from '../request/index.js';
import { parseFindingsFile } from '../../guidelines/validate.js';

const kb = loadKnowledgeBase();

function lookupFor(record: string) {
  const facts = extractFacts([{ name: 'clinicalSummary', text: record }]);
  const sentences = splitSentences([{ source: 'clinicalSummary', text: record }]);
  const lookup = makeFindingLookup(facts, sentences, kb.findings);
  return (key: string, request: string) => lookup(key, null, [], normaliseRequest(request).bodyRegions);
}

describe('the regions a sentence names', () => {
  it('reads the limb from muscles, reflexes, tests and root levels', () => {
    expect(regionsNamed('Diminished biceps reflex.').map((r) => r.region)).toEqual(['upper_arm']);
    expect(regionsNamed('EHL strength 4/5.').map((r) => r.region)).toEqual(['lower_extremity']);
    expect(regionsNamed('Decreased sensation in the S1 distribution.').map((r) => r.region)).toEqual(['lower_extremity']);
    expect(regionsNamed('Positive Spurling test.').map((r) => r.region)).toEqual(['cervical']);
  });
  it('leaves out words that place nothing (the back)', () => {
    expect(regionsNamed('Reflexes are diminished; back pain persists.')).toEqual([]);
  });
  it('reads the neck or head of a bone as the bone’s region, not the neck', () => {
    expect(regionsNamed('Suspected occult femoral neck fracture.').map((r) => r.region)).toEqual(['hip']);
    expect(regionsNamed('Fracture of the surgical neck of the humerus.').map((r) => r.region)).toContain('shoulder');
    expect(regionsNamed('Fracture of the surgical neck of the humerus.').map((r) => r.region)).not.toContain('cervical');
  });
});

describe('a nerve-root finding and the request’s region', () => {
  const lumbar = normaliseRequest('MRI of the lumbar spine').bodyRegions;
  const cervical = normaliseRequest('MRI of the cervical spine').bodyRegions;
  it('reads the lower limb for the low back and the upper limb for the neck', () => {
    const low = regionFilter('nerve_root', lumbar)!;
    const neck = regionFilter('nerve_root', cervical)!;
    expect(low('Decreased sensation over the left lateral calf.')).toBe(true);
    expect(low('Diminished left triceps reflex.')).toBe(false);
    expect(neck('Diminished left triceps reflex.')).toBe(true);
    expect(neck('Decreased sensation over the left lateral calf.')).toBe(false);
  });
  it('reads a sentence naming no region, and one naming both, for either', () => {
    for (const f of [regionFilter('nerve_root', lumbar)!, regionFilter('nerve_root', cervical)!]) {
      expect(f('Reflexes are diminished.')).toBe(true);
      expect(f('Diminished reflexes in the right arm and the right leg.')).toBe(true);
    }
  });
  it('binds nothing where the request names no region or one the tables do not place', () => {
    expect(regionFilter('nerve_root', normaliseRequest('EMG').bodyRegions)).toBeNull();
    expect(regionFilter('nerve_root', normaliseRequest('CT of the head').bodyRegions)).toBeNull();
  });
  it('reads the neck and the arm for an upper-extremity study, and the shoulder’s roots for a shoulder', () => {
    const ue = regionFilter('nerve_root', normaliseRequest('EMG of the bilateral upper extremities').bodyRegions)!;
    expect(ue('Decreased sensation in the C6 dermatome.')).toBe(true);
    expect(ue('Absent Achilles reflex.')).toBe(false);
    const shoulder = regionFilter('nerve_root', normaliseRequest('MRI of the right shoulder').bodyRegions)!;
    expect(shoulder('Decreased sensation in the C5 dermatome.')).toBe(true);
  });
});

describe('a joint’s own tissue is not a nerve root’s territory (ACOEM Ch. 9 pp. 207-209)', () => {
  it('does not count rotator cuff weakness toward the neck, and does toward the shoulder’s signs', () => {
    const neck = regionFilter('nerve_root', normaliseRequest('MRI of the cervical spine').bodyRegions)!;
    expect(neck('Rotator cuff strength 4/5 on the right.')).toBe(false);
    expect(neck('Supraspinatus strength 4/5 on the right; decreased sensation in the C6 dermatome.')).toBe(true);
    const shoulder = regionFilter('joint', normaliseRequest('MRI of the right shoulder').bodyRegions)!;
    expect(shoulder('Rotator cuff strength 4/5 on the right.')).toBe(true);
  });
  it('reads the same record’s finding for the neck as unknown and the shoulder’s signs as present', () => {
    const find = lookupFor('Exam: rotator cuff weakness 4/5 on the right.');
    expect(find('neuro_deficit', 'MRI of the cervical spine').status).toBe('unknown');
    expect(find('shoulder_exam_signs', 'MRI of the right shoulder').status).toBe('present');
  });
  it('does not count a knee giving way toward a shoulder request', () => {
    const find = lookupFor('The right knee gives way on stairs.');
    expect(find('mechanical_symptoms', 'MRI of the right shoulder').status).toBe('unknown');
    expect(find('mechanical_symptoms', 'MRI of the right knee').status).toBe('present');
  });
  // ACOEM Ch. 8 p. 177: imaging of the neck "if symptoms persist": the neck's or the arm's symptoms.
  it('does not read persisting low back pain as the neck’s persisting symptoms', () => {
    const find = lookupFor('Her low back pain persists despite physical therapy.');
    expect(find('symptoms_persist', 'MRI of the cervical spine').status).toBe('unknown');
    expect(find('symptoms_persist', 'MRI of the lumbar spine').status).toBe('present');
  });
  it('refuses a region scope the engine does not know', () => {
    const file = (regionScope: string) => ({ path: 'findings.yaml', data: { a_finding: { label: 'a finding', present: ['x'], regionScope } } });
    expect(parseFindingsFile(file('joint')).a_finding.regionScope).toBe('joint');
    expect(() => parseFindingsFile(file('elbow'))).toThrow(/not a valid findings vocabulary/);
  });
  it('marks the vocabulary’s region-bound findings', () => {
    expect(kb.findings.get('neuro_deficit')?.regionScope).toBe('nerve_root');
    expect(kb.findings.get('extremity_red_flag')?.regionScope).toBe('joint');
    expect(kb.findings.get('functional_improvement')?.regionScope).toBeUndefined();
  });
});

describe('a joint finding and the request’s joint', () => {
  it('reads the joint under review, on its side, not another joint', () => {
    const shoulder = regionFilter('joint', normaliseRequest('MRI of the right shoulder').bodyRegions)!;
    expect(shoulder('Moderate effusion of the right knee.')).toBe(false);
    expect(shoulder('Positive apprehension sign of the right shoulder.')).toBe(true);
    expect(shoulder('Positive apprehension sign of the left shoulder.')).toBe(false);
    expect(shoulder('Positive apprehension sign.')).toBe(true);
    expect(shoulder('Weakness of the right upper extremity.')).toBe(true);
  });
  it('reads the spine’s territory for a spinal request (a deficit in the legs is a low-back red flag)', () => {
    const low = regionFilter('joint', normaliseRequest('MRI of the lumbar spine').bodyRegions)!;
    expect(low('Progressive weakness of both legs.')).toBe(true);
    expect(low('History of a right wrist fracture.')).toBe(false);
  });
});

describe('the same record, a lumbar and a cervical request', () => {
  const record = [
    'Objective: Decreased sensation over the left thumb and a diminished left biceps reflex.',
    'Patellar and Achilles reflexes are 2+ and symmetric.',
    'Grip strength 4/5 on the left.',
  ].join('\n');
  it('counts the arm’s deficit toward the neck, not the low back', () => {
    const find = lookupFor(record);
    const neck = find('neuro_deficit', 'MRI of the cervical spine');
    expect(neck.status).toBe('present');
    expect(neck.evidence.map((e) => e.quote).join(' ')).toMatch(/biceps|Grip/);
    const low = find('neuro_deficit', 'MRI of the lumbar spine');
    expect(low.status).not.toBe('present');
    expect(low.status).not.toBe('conflicting');
    expect([...low.evidence, ...(low.contrary ?? [])].map((e) => e.quote).join(' ')).not.toMatch(/biceps/);
  });
  it('keeps the leg’s normal reflexes out of the neck’s deficit (no conflict)', () => {
    const neck = lookupFor(record)('neuro_deficit', 'MRI of the cervical spine');
    expect(neck.contrary ?? []).toEqual([]);
  });
  const legRecord = 'Objective: Decreased sensation over the left lateral calf and dorsum of the foot. Absent left ankle reflex.';
  it('counts the leg’s deficit toward the low back, not the neck', () => {
    const find = lookupFor(legRecord);
    expect(find('neuro_deficit', 'MRI of the lumbar spine').status).toBe('present');
    expect(find('neuro_deficit', 'MRI of the cervical spine').status).toBe('unknown');
  });
  it('decides the imaging criteria per region in one case', () => {
    const d = (request: string) =>
      evaluate(parseCaseFile({ worker: { age: 48, injuryDate: '2015-02-11' }, urDecisionDate: '2016-06-02', clinicalSummary: legRecord, items: [{ request }] }), 0, kb);
    expect(d('MRI of the lumbar spine without contrast').criteria.find((c) => c.id === 'indication')?.status).toBe('met');
    expect(d('MRI of the cervical spine without contrast').criteria.find((c) => c.id === 'criteria')?.status).not.toBe('met');
  });
});
