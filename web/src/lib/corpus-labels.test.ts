import { describe, expect, it } from 'vitest';
import { wrapLabel } from './corpus-labels.js';

describe('wrapLabel', () => {
  it('wraps a long name at spaces instead of cutting it', () => {
    expect(wrapLabel('Physical Medicine & Rehabilitation')).toEqual({ lines: ['Physical Medicine &', 'Rehabilitation'], truncated: false });
    expect(wrapLabel('physical_therapy')).toEqual({ lines: ['physical therapy'], truncated: false });
  });

  it('shortens only what cannot fit, and says so', () => {
    const r = wrapLabel('Pain Medicine and Anesthesiology with a Subspecialty in Interventional Spine', 20, 2);
    expect(r.truncated).toBe(true);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1].endsWith('…')).toBe(true);
    expect(r.lines.every((l) => l.length <= 20)).toBe(true);
  });

  it('splits a single overlong word', () => {
    expect(wrapLabel('Otorhinolaryngologyspecialist', 12, 3).lines).toEqual(['Otorhinolar-', 'yngologyspe-', 'cialist']);
  });
});
