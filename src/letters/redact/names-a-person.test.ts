import { describe, expect, it } from 'vitest';
import { renderLetterText } from '../render/index.js';
import { sampleLetter } from '../render/test-support/sample-letters.js';
import { personNamingReasons } from './names-a-person.js';

describe('whether a letter still names a person', () => {
  it('finds none in a letter in the published layout', () => {
    expect(personNamingReasons(renderLetterText(sampleLetter()))).toEqual([]);
  });

  it('finds the filled-in fields of a letter as mailed, without quoting the names', () => {
    const mailed = `MAXIMUS Federal Services\n\nInjured Worker: Jane Q. Roe\nClaim Number: 05-771234\nEmployer: Acme Widgets\n\nDear Ms. Roe:\n\n${renderLetterText(sampleLetter())}`;
    const reasons = personNamingReasons(mailed);
    expect(reasons).toEqual(['the "Injured Worker" field is filled in', 'the "Claim Number" field is filled in', 'the "Employer" field is filled in', 'it is addressed to a person by name ("Dear …")']);
    expect(reasons.join(' ')).not.toMatch(/Roe|771234|Acme/);
  });

  it('accepts fields that are redacted or placeholders', () => {
    const text = `Employee: [SYNTHETIC TEST FIXTURE]\nClaim Number: 0000000000\nInjured Worker: [injured worker]\nEmployer: XXXXXX\nApplicant: N/A\n${renderLetterText(sampleLetter())}`;
    expect(personNamingReasons(text)).toEqual([]);
  });

  it('finds a social security number', () => {
    expect(personNamingReasons(`${renderLetterText(sampleLetter())}\nSSN on file 123-45-6789`)).toEqual(['it holds a social security number']);
  });
});
