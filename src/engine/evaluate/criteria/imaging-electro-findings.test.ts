/**
 * The imaging and electrodiagnostic rules that read a study's kind and an earlier study of the same
 * region (synthetic summaries written for these tests). Each block names the guideline sentence.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../knowledge-base/load-knowledge-base.js';
import { parseCaseFile } from '../../parse-case-file.js';
import { evaluate } from '../index.js';

const kb = loadKnowledgeBase();

function criterion(request: string, summary: string, id: string, age = 48) {
  const d = evaluate(parseCaseFile({ worker: { age, injuryDate: '2015-02-11' }, urDecisionDate: '2016-06-02', clinicalSummary: summary, items: [{ request }] }), 0, kb);
  const c = d.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} for ${request} (${d.topicId}): ${d.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

const NEW_DEFICIT = 'Exam: decreased sensation over the left dorsal foot.';

// ODG Low Back, MRI [U]: repeat MRI only for a significant change in symptoms or findings. Findings are not
// scoped to the request's region, so the earlier study must name the lumbar spine (or a lumbar level).
describe('repeat lumbar MRI: what counts as an earlier MRI of the lumbar spine', () => {
  const repeat = (summary: string, request = 'Lumbar spine MRI without contrast') => criterion(request, `${summary} ${NEW_DEFICIT}`, 'repeat-mri');
  it.each([
    'MRI of the cervical spine dated 2/3/2015 showed a C5-6 protrusion.',
    'Left knee MRI dated 5/5/2015 revealed a meniscal tear.',
    'The physician recommends an MRI of the lumbar spine to look for nerve root compression.',
    'He has not had a lumbar MRI.',
    'Low back pain radiating into the left leg for six months.',
  ])('does not apply: %s', (summary) => {
    expect(repeat(summary).finding).toMatch(/^Not applicable/);
  });
  it.each([
    'MRI of the lumbar spine dated 3/1/2015 showed an L4-5 protrusion.',
    'Lumbar MRI from 2014 revealed mild facet arthropathy.',
    'She had a lumbar MRI in 2015.',
    'MRI on 4/2/2015 demonstrated a broad-based bulge at L5-S1.',
  ])('applies: %s', (summary) => {
    expect(repeat(summary).status).toBe('unknown');
  });
  it('does not apply to a lumbar CT or x-ray', () => {
    expect(repeat('MRI of the lumbar spine dated 3/1/2015 showed an L4-5 protrusion.', 'CT scan of the lumbar spine').finding).toMatch(/^Not applicable/);
  });
});

describe('repeat lumbar MRI: what counts as a significant change', () => {
  const prior = 'MRI of the lumbar spine dated 3/1/2015 showed an L4-5 protrusion.';
  const repeat = (summary: string) => criterion('Lumbar spine MRI without contrast', `${prior} ${summary}`, 'repeat-mri');
  it.each([
    'Since March she has new weakness of the left great toe extensor, 4/5.',
    'The numbness in the left foot has progressed to the ankle.',
    'Exam now shows worsening left foot drop.',
  ])('is met: %s', (summary) => {
    expect(repeat(summary).status).toBe('met');
  });
  it.each([
    // Worse pain alone is not a neurological change.
    'She reports increasing low back pain with numbness as before.',
    'Pain is unchanged at 6/10.',
  ])('is not met: %s', (summary) => {
    expect(repeat(summary).status).toBe('unknown');
  });
});

// ODG Shoulder, MRI [U]: suspected rotator cuff tear or impingement, over age 40, with normal plain radiographs.
describe('shoulder MRI: normal plain radiographs of the shoulder', () => {
  const base = 'Right shoulder pain for three months persists despite naproxen and an injection. A rotator cuff tear is suspected.';
  const indication = (summary: string) => criterion('Right shoulder MRI without contrast', `${base} ${summary}`, 'indication', 55);
  it.each(['X-rays of the right shoulder were unremarkable.', 'Right shoulder radiographs showed no fracture or dislocation.'])('are documented: %s', (summary) => {
    expect(indication(summary).status).toBe('met');
  });
  it('are not read from a film of another region', () => {
    expect(indication('X-rays of the cervical spine were normal.').status).toBe('unknown');
  });
  it('are not normal where the film shows a lesion', () => {
    expect(indication('X-rays of the right shoulder showed a type III acromion.').finding).toMatch(/normal plain radiographs of the shoulder \(not met\)/);
  });
});

// ODG Low Back, NCS [U]: nerve conduction studies of the legs are not recommended for presumed radicular symptoms.
describe('lower-limb nerve conduction studies: symptoms presumed radicular', () => {
  const ncs = (summary: string, request = 'NCS of the left leg') => criterion(request, summary, 'ncs-presumed-radicular');
  it.each(['Low back pain with left-sided sciatica.', 'Back pain radiating down the left leg to the foot.', 'Diagnoses: lumbar radiculopathy.'])('fails: %s', (summary) => {
    expect(ncs(summary).status).toBe('not_met');
  });
  it.each(['Numbness over the dorsum of the left foot after a blow to the fibular head.', 'Foot numbness; he denies radiating pain.'])('holds: %s', (summary) => {
    expect(ncs(summary).status).toBe('met');
  });
  it('does not judge an EMG alone', () => {
    expect(ncs('Low back pain with left-sided sciatica.', 'EMG of the left leg').finding).toMatch(/^Not applicable/);
  });
});
