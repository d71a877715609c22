import { describe, expect, it } from 'vitest';
import { eligibleRequest } from './index.js';

describe('eligibleRequest', () => {
  it('returns the IMR eligible portion of a modified request', () => {
    expect(
      eligibleRequest(
        'Baclofen 100mg #30 was the original request. Baclofen 100mg #27 was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Baclofen 100mg #3',
      ),
    ).toBe('Baclofen 100mg #3');
  });

  it('returns the original request when it stays IMR eligible', () => {
    expect(
      eligibleRequest(
        'Acupuncture treatments (unspecified quantity) was the original request. The Claims Administrator authorized Acupuncture treatments, 6 sessions, leaving the original request IMR eligible. The original request, Acupuncture treatments (unspecified quantity)',
      ),
    ).toBe('Acupuncture treatments (unspecified quantity)');
  });

  it('leaves an ordinary request alone', () => {
    expect(eligibleRequest('MRI of the right shoulder without contrast')).toBe('MRI of the right shoulder without contrast');
  });
});
