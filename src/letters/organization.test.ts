import { describe, expect, it } from 'vitest';
import { letterJsonSchema } from './json-schema.js';
import { letterSchema } from './model.js';
import { DEFAULT_REVIEW_ORGANIZATION, isOrganizationName, organizationShortName, reviewerGuidelineLabel } from './organization.js';
import { sampleLetter } from './render/test-support/sample-letters.js';

describe('the review organisation of a letter', () => {
  it('labels the reviewer guideline with the short name: MAXIMUS as published, others without their legal form', () => {
    expect(reviewerGuidelineLabel('MAXIMUS Federal Services')).toBe('MAXIMUS guideline:');
    expect(reviewerGuidelineLabel('MAXIMUS Federal Services, Inc.')).toBe('MAXIMUS guideline:');
    expect(reviewerGuidelineLabel(null)).toBe('MAXIMUS guideline:');
    expect(reviewerGuidelineLabel(undefined)).toBe('MAXIMUS guideline:');
    expect(reviewerGuidelineLabel('Golden State Medical Review, Inc.')).toBe('Golden State Medical Review guideline:');
    expect(organizationShortName('Pacific Coast IMR Services LLC')).toBe('Pacific Coast IMR Services');
    expect(organizationShortName('Sierra Review Co.')).toBe('Sierra Review');
    expect(organizationShortName('Inc.')).toBe('Inc.');
    expect(DEFAULT_REVIEW_ORGANIZATION).toBe('MAXIMUS Federal Services');
  });

  it('accepts a one-line name and refuses what would not read back (colon, line break, double space, too long)', () => {
    for (const ok of ['MAXIMUS Federal Services', 'Golden State Medical Review, Inc.', 'A', "O'Brien & Partners (West)"]) {
      expect(isOrganizationName(ok), ok).toBe(true);
      expect(letterSchema.safeParse({ ...sampleLetter(), reviewOrganization: ok }).success, ok).toBe(true);
    }
    for (const bad of ['', 'Review: West', 'Two\nLines', 'Double  Space', ' Leading', 'Trailing-', 'x'.repeat(121)]) {
      expect(isOrganizationName(bad), bad).toBe(false);
      expect(letterSchema.safeParse({ ...sampleLetter(), reviewOrganization: bad }).success, bad).toBe(false);
    }
  });

  it('is optional and nullable in the model and in the letter JSON Schema', () => {
    const { reviewOrganization: _drop, ...without } = { ...sampleLetter(), reviewOrganization: null };
    expect(letterSchema.safeParse(without).success).toBe(true);
    expect(letterSchema.safeParse({ ...sampleLetter(), reviewOrganization: null }).success).toBe(true);
    const schema = letterJsonSchema() as { required: string[]; properties: Record<string, { anyOf?: Array<{ type?: string; pattern?: string; maxLength?: number }> }> };
    expect(schema.required).not.toContain('reviewOrganization');
    const types = (schema.properties.reviewOrganization.anyOf ?? []).map((x) => x.type);
    expect(types).toEqual(expect.arrayContaining(['string', 'null']));
    const str = schema.properties.reviewOrganization.anyOf!.find((x) => x.type === 'string')!;
    expect(str.maxLength).toBe(120);
    expect(typeof str.pattern).toBe('string');
  });
});
