import { describe, expect, it } from 'vitest';
import { normaliseRequest } from './index.js';

/** Synthetic requests: a surgical word governed by a consultation word or a device word. */
describe('consultations with a surgical specialist are consultations', () => {
  it.each([
    'Orthopedic surgeon consultation',
    'Spine surgery consult',
    'Referral to a hand surgeon',
    'Evaluation by a spine surgeon',
    'Second opinion from an orthopedic surgeon',
    'Consultation for possible carpal tunnel release',
    'Referral regarding a lumbar fusion',
    'Consult to discuss arthroscopy of the right knee',
    'Carpal tunnel release consultation',
    'ACDF surgical opinion',
  ])('%s', (request) => {
    const r = normaliseRequest(request);
    expect(r.category).toBe('consultation');
    expect(r.subcategory).toBe('surgical');
  });

  it('keeps a surgery that is only accompanied by an evaluation, and post-operative visits, as they were', () => {
    expect(normaliseRequest('Right shoulder arthroscopy with subacromial decompression').category).toBe('surgery');
    expect(normaliseRequest('Post-op evaluation for rotator cuff repair').category).not.toBe('consultation');
    expect(normaliseRequest('Carpal tunnel release and post-operative evaluation').category).toBe('surgery');
  });
});

describe('device repairs, replacements and supplies are equipment, not surgery', () => {
  it.each([
    ['TENS unit repair', 'tens', 'repair'],
    ['Repair of the TENS unit', 'tens', 'repair'],
    ['Wheelchair repair', 'dme', 'repair'],
    ['Repair of hinged knee brace', 'dme', 'repair'],
    ['Repair of her left knee brace', 'dme', 'repair'],
    ['H-wave unit repair', 'h_wave', 'repair'],
    ['TENS unit replacement', 'tens', 'replacement'],
    ['TENS batteries', 'tens', 'supplies'],
    ['Replacement TENS pads', 'tens', 'supplies'],
    ['Replacement batteries', 'dme', 'supplies'],
    ['Electrodes and lead wires', 'dme', 'supplies'],
  ])('%s → %s (%s)', (request, category, subcategory) => {
    const r = normaliseRequest(request);
    expect(r.category).toBe(category);
    expect(r.subcategory).toBe(subcategory);
  });

  it('keeps surgical repairs and implanted devices surgical', () => {
    expect(normaliseRequest('Rotator cuff repair').category).toBe('surgery');
    expect(normaliseRequest('Meniscus repair and post-operative knee brace').category).toBe('surgery');
    expect(normaliseRequest('Spinal cord stimulator battery replacement').category).toBe('surgery');
    // the device named after a comma is another item, not the thing repaired
    expect(normaliseRequest('Repair of the rotator cuff, sling').category).toBe('surgery');
    expect(normaliseRequest('Repair of the torn medial meniscus with a post-operative brace').category).toBe('surgery');
  });
});
