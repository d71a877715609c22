import { describe, expect, it } from 'vitest';
import { contextOf } from './circumstances.js';
import { normaliseRequest } from './normalise-request.js';

/**
 * The surgical context of a request. ODG (Preoperative testing, general): such a service is "needed
 * only for a surgery that is itself medically necessary"; the engine can apply that only when it
 * recognises the request as tied to a surgery, however the request writes it.
 */
describe('the surgical context of a request', () => {
  it.each([
    ['Post-op oxycodone 5 mg #20', 'postoperative'],
    ['Postop ibuprofen 600 mg #30', 'postoperative'],
    ['Post op ondansetron 4 mg #6', 'postoperative'],
    ['Post operative knee immobilizer', 'postoperative'],
    ['Post-operatively, home health aide 4 hours a day', 'postoperative'],
    ['Post-surgical occupational therapy 8 visits', 'postoperative'],
    ['Post surgical commode', 'postoperative'],
    ['Crutches for use following surgery', 'postoperative'],
    ['Pain medication after the surgery', 'postoperative'],
    ['Pre-op EKG', 'preoperative'],
    ['Pre operative urinalysis', 'preoperative'],
    ['Preoperatively, cefuroxime 1.5 g', 'preoperative'],
    ['Chest x-ray before surgery', 'preoperative'],
    ['Cardiology clearance', 'preoperative'],
    ['Internal medicine clearance for surgery', 'preoperative'],
    ['Associated surgical service: abduction pillow', 'associated_surgical'],
    ['Associated Surgical Services: DVT compression pump', 'associated_surgical'],
    ['Perioperative vancomycin', 'associated_surgical'],
    ['Intra-operative nerve monitoring', 'associated_surgical'],
  ])('"%s" is %s', (request, context) => {
    expect(contextOf(request)).toBe(context);
  });

  it.each(['Return to work clearance evaluation', 'Norco 10/325 mg #90', 'Postural exercise program 6 visits', 'Opioid taper program', 'Prepatellar bursa injection', 'Operative report review', 'Physical therapy for the lumbar spine'])(
    '"%s" is not tied to a surgery',
    (request) => {
      expect(contextOf(request)).toBeNull();
    },
  );

  it('reads the context whatever the category: a drug, a device, home care, therapy', () => {
    expect(normaliseRequest('Post operative hydrocodone/APAP 5/325 mg #30')).toMatchObject({ category: 'opioid', context: 'postoperative' });
    expect(normaliseRequest('Post-op senna 8.6 mg #30')).toMatchObject({ category: 'laxative', context: 'postoperative' });
    expect(normaliseRequest('Associated surgical services: continuous passive motion machine')).toMatchObject({ category: 'dme', context: 'associated_surgical' });
    expect(normaliseRequest('Post surgical home health care 3 visits')).toMatchObject({ category: 'home_health', context: 'postoperative' });
    // physical therapy after a surgery is post-surgical therapy (the PSTG), with or without a hyphen
    expect(normaliseRequest('Post operative physical therapy 12 visits for the left shoulder')).toMatchObject({ category: 'postsurgical_therapy', context: 'postoperative' });
  });
});
