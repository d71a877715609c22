import { describe, expect, it } from 'vitest';
import { extractDocumentationGaps } from './gaps.js';

describe('extractDocumentationGaps', () => {
  it('normalises the gap named after "no documentation of" and "lack of"', () => {
    expect(extractDocumentationGaps('There is no documentation of objective functional improvement with prior sessions.')).toEqual(['functional improvement']);
    expect(extractDocumentationGaps('Given the lack of documentation of functional improvement, the request is not necessary.')).toEqual(['functional improvement']);
    expect(extractDocumentationGaps('There is no evidence of any red flag conditions.')).toEqual(['red flag conditions']);
  });

  it('stops the phrase where the clause moves on', () => {
    expect(extractDocumentationGaps('There is no evidence of specific nerve compromise warranting an MRI.')).toEqual(['nerve compromise']);
    expect(extractDocumentationGaps('lack of documentation regarding an objective decrease in pain as well as an increase in function')).toEqual(['decrease in pain']);
    expect(extractDocumentationGaps('lack of documentation of neurological deficits in the lower extremities that would support it')).toEqual(['neurological deficits']);
  });

  it('drops the person and keeps what about them is missing', () => {
    expect(extractDocumentationGaps("lack of documentation regarding the patient's functional response to therapy")).toEqual(['functional response']);
  });

  it('finds each gap once and several gaps in one rationale', () => {
    const text = 'No documentation of functional improvement. Lack of functional improvement. There is no evidence of neuropathic pain.';
    expect(extractDocumentationGaps(text)).toEqual(['functional improvement', 'neuropathic pain']);
  });

  it('ignores sentences that name no gap', () => {
    expect(extractDocumentationGaps('Functional improvement has been documented; the request is medically necessary.')).toEqual([]);
    expect(extractDocumentationGaps('In the absence of such documentation, the request is not necessary.')).toEqual([]);
  });
});
