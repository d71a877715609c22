/**
 * The most units a day a sig prescribes (synthetic sigs). The MTUS morphine-equivalent calculation
 * takes the total daily dose prescribed (CPMTG p. 86, Opioids, dosing; MTUS Opioids Treatment
 * Guidelines 2016): for a range, its upper bound; taken as needed, up to the same number.
 */
import { describe, expect, it } from 'vitest';
import { sigOf } from './drug-sig.js';

describe('units a day at most', () => {
  it.each([
    ['Norco 10/325 mg 1-2 tablets every 6 hours #120', 8],
    ['Norco 10/325 mg 1-2 tablets every 6 hours as needed #120', 8],
    ['Percocet 5/325 mg 1 to 2 tabs q4-6h prn #90', 12],
    ['Norco 10/325 mg one tablet every 6 hours #120', 4],
    ['Tramadol 50 mg q6h prn #60', 4],
    ['Tylenol #3 2 tabs twice daily #60', 4],
    ['Naproxen 550 mg 1 tab 2-3 times a day #90', 3],
  ])('%s → %i', (request, max) => {
    expect(sigOf(request).unitsPerDayMax).toBe(max);
  });

  it('keeps the doses a day apart from the units a dose', () => {
    expect(sigOf('Norco 10/325 mg 1-2 tablets every 6 hours as needed')).toMatchObject({ dosesPerDayMax: 4, dosesPerDayMin: 4, unitsPerDoseMax: 2, unitsPerDayMax: 8 });
  });

  it('takes a written daily ceiling as the maximum, never a dose or a once-daily frequency', () => {
    expect(sigOf('Oxycodone 5 mg 1-2 tabs every 4 hours as needed, not to exceed 8 tablets per day')).toMatchObject({ unitsPerDayMax: 8, unitsPerDoseMax: 2, dosesPerDayMax: 6 });
    expect(sigOf('Tramadol 50 mg as needed, max 4 tablets daily #60')).toMatchObject({ unitsPerDayMax: 4, unitsPerDoseMax: null, dosesPerDayMax: null });
    expect(sigOf('Hydrocodone 5/325 mg 1 tab q6h, no more than 3 in 24 hours')).toMatchObject({ unitsPerDayMax: 3 });
  });

  it('has no daily maximum where no frequency or ceiling is written', () => {
    expect(sigOf('Tramadol 50 mg 1 tablet as needed #60').unitsPerDayMax).toBeNull();
    expect(sigOf('Norco 10/325 mg #90').unitsPerDayMax).toBeNull();
  });

  it('does not take a weekly count for a daily ceiling', () => {
    expect(sigOf('Sumatriptan 50 mg up to 2 a week').unitsPerDayMax).toBeNull();
  });
});
