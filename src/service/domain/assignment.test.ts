import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImrError } from '../../errors/imr-error.js';
import { partiesOf } from './application.js';
import { chooseReviewer, fittedCategories, primaryCategory, type AssignmentCaseInfo } from './assignment.js';
import { TREATMENT_CATEGORIES } from '../../engine/request/normalised-request.js';
import { assignmentCategory, specialtiesFor, specialtyKeys } from './specialty-table.js';
import { makeApplication, makeReviewer } from './test-support/fixtures.js';
import { seedsDir } from '../../shared/test-support/shared-data.js';

const parties = partiesOf(makeApplication());
const caseOf = (itemCategories: string[], excludeReviewerIds?: string[]): AssignmentCaseInfo => ({ parties, itemCategories, excludeReviewerIds });

const chiro = makeReviewer({ id: 'r-chiro', specialty: 'Chiropractor' });
const pmr = makeReviewer({ id: 'r-pmr', specialty: 'Physical Medicine & Rehabilitation' });
const fam = makeReviewer({ id: 'r-fam', specialty: 'Family Practice' });
const psych = makeReviewer({ id: 'r-psych', specialty: 'Psychology', subspecialty: 'Clinical Psychology' });
const psychiatrist = makeReviewer({ id: 'r-psychiatry', specialty: 'Psychiatry' });
const ortho = makeReviewer({ id: 'r-ortho', specialty: 'Orthopaedic Surgery' });
const spine = makeReviewer({ id: 'r-spine', specialty: 'Orthopedic Surgery', subspecialty: 'Spine Surgery' });
const hand = makeReviewer({ id: 'r-hand', specialty: 'Plastic Surgery', subspecialty: 'Hand Surgery' });
const anes = makeReviewer({ id: 'r-anes', specialty: 'Anesthesiology', subspecialty: 'Pain Medicine' });
const all = [chiro, pmr, fam, psych, psychiatrist, ortho, spine, hand, anes];

describe('specialty recognition', () => {
  it.each([
    ['Physical Medicine & Rehabilitation', ['pmr']],
    ['PM&R', ['pmr']],
    ['Chiropractor', ['chiropractic']],
    ['Anesthesiology, Pain Medicine', ['anesthesiology', 'pain_medicine']],
    ['Neurological Surgery', ['neurosurgery']],
    ['Neurology', ['neurology']],
    ['Preventive Medicine/Occupational Medicine', ['occupational_medicine']],
    ['Orthopedic Spine Surgery', ['spine_surgery', 'orthopedic_surgery']],
    ['Psy.D.', ['psychology']],
    ['Underwater Basket Weaving', []],
  ])('%s → %j', (label, keys) => {
    expect(specialtyKeys(label)).toEqual(keys);
  });
});

describe('chooseReviewer by specialty', () => {
  it.each([
    [['chiropractic'], ['r-chiro', 'r-pmr']],
    [['opioid'], ['r-pmr', 'r-fam', 'r-anes']],
    [['muscle_relaxant', 'nsaid'], ['r-pmr', 'r-fam', 'r-anes']],
    [['psychological'], ['r-psych', 'r-psychiatry']],
    [['surgery:spine'], ['r-ortho', 'r-spine']],
    [['surgery:hand'], ['r-ortho', 'r-spine', 'r-hand']],
    [['surgery:knee'], ['r-ortho', 'r-spine']],
    [['injection'], ['r-pmr', 'r-ortho', 'r-spine', 'r-anes']],
    [['chiropractic', 'muscle_relaxant'], ['r-pmr']],
  ])('%j goes to one of %j, and only those fit', (cats, fitting) => {
    const chosen = chooseReviewer(all, caseOf(cats), {});
    expect(fitting).toContain(chosen.reviewer.id);
    expect(chosen.fit).toBe('all');
    const fits = chosen.evaluations.filter((e) => e.candidate && e.fittedCategories.length === cats.length).map((e) => e.reviewerId);
    expect(fits.sort()).toEqual([...fitting].sort());
  });

  it('sends a category the table does not know to a generalist (explicit fallback)', () => {
    const chosen = chooseReviewer([chiro, fam, ortho], caseOf(['home_health_aide']), {});
    expect(chosen.reviewer.id).toBe('r-fam');
  });

  it('sends an unlisted body region to any surgeon', () => {
    expect(chooseReviewer([fam, hand], caseOf(['surgery:bladder']), {}).reviewer.id).toBe('r-hand');
  });

  it('reads body-region synonyms in surgery:<region> (wrist → hand surgeons)', () => {
    expect(chooseReviewer([ortho, hand, spine], caseOf(['surgery:wrist']), { 'r-ortho': 5, 'r-spine': 5 }).reviewer.id).toBe('r-hand');
    expect(chooseReviewer([ortho, hand], caseOf(['surgery:lumbar']), {}).reviewer.id).toBe('r-ortho');
  });

  it('turns surgery plus one body region into surgery:<region>', () => {
    expect(assignmentCategory('surgery', ['lumbar'])).toBe('surgery:spine');
    expect(assignmentCategory('surgery', ['cervical', 'lumbar'])).toBe('surgery:spine');
    expect(assignmentCategory('surgery', ['knee', 'shoulder'])).toBe('surgery');
    expect(assignmentCategory('surgery', [])).toBe('surgery');
    expect(assignmentCategory('opioid', ['lumbar'])).toBe('opioid');
  });

  it('knows every category of the engine\'s request normaliser', () => {
    for (const c of TREATMENT_CATEGORIES) {
      if (c === 'other') continue;
      expect(specialtiesFor(c).fallback, c).toBe(false);
    }
    expect(specialtiesFor('other').fallback).toBe(true);
  });

  it('falls back to the most specialised category when no one fits all, and says so', () => {
    const chosen = chooseReviewer([fam, psych, chiro], caseOf(['opioid', 'psychological']), {});
    expect(chosen.reviewer.id).toBe('r-psych');
    expect(chosen.fit).toBe('primary');
    expect(chosen.reasons.join(' ')).toMatch(/most specialised one \(psychological\)/);
    expect(primaryCategory(['nsaid', 'chiropractic', 'surgery:knee'])).toBe('surgery:knee');
  });

  it('agrees with the specialty the IMRO chose in each seed letter', () => {
    const file = path.join(seedsDir, 'expected.json');
    if (!existsSync(file)) {
      console.warn(`skipped: ${file} is absent (the shared seed letters live next to the repository)`);
      return;
    }
    const seeds = JSON.parse(readFileSync(file, 'utf8')) as {
      letters: Array<{ file: string; reviewer: { specialty: string }; items: Array<{ category: string }> }>;
    };
    expect(seeds.letters.length).toBeGreaterThan(0);
    for (const letter of seeds.letters) {
      const cats = letter.items.map((i) => i.category);
      const reviewer = makeReviewer({ specialty: letter.reviewer.specialty });
      expect(fittedCategories(reviewer, cats), letter.file).toEqual(cats);
    }
  });
});

describe('chooseReviewer by load, capacity and checks', () => {
  const a = makeReviewer({ id: 'a', specialty: 'Chiropractor', capacity: 3 });
  const b = makeReviewer({ id: 'b', specialty: 'Chiropractor', capacity: 3 });
  const c = makeReviewer({ id: 'c', specialty: 'Physical Medicine & Rehabilitation', capacity: 3 });

  it('picks the fewest open cases', () => {
    expect(chooseReviewer([a, b, c], caseOf(['chiropractic']), { a: 2, b: 1, c: 2 }).reviewer.id).toBe('b');
  });

  it('breaks ties by id', () => {
    expect(chooseReviewer([c, b, a], caseOf(['chiropractic']), { a: 1, b: 1, c: 1 }).reviewer.id).toBe('a');
  });

  it('skips reviewers at capacity', () => {
    expect(chooseReviewer([a, b, c], caseOf(['chiropractic']), { a: 3, b: 3, c: 2 }).reviewer.id).toBe('c');
  });

  it('spreads a run of cases evenly', () => {
    const loads: Record<string, number> = {};
    for (let i = 0; i < 9; i++) {
      const id = chooseReviewer([a, b, c], caseOf(['chiropractic']), loads).reviewer.id;
      loads[id] = (loads[id] ?? 0) + 1;
    }
    expect(loads).toEqual({ a: 3, b: 3, c: 3 });
  });

  it('skips unqualified and conflicted reviewers', () => {
    const unqualified = makeReviewer({ id: 'a', specialty: 'Chiropractor', weeklyHours: 10 });
    const conflicted = makeReviewer({ id: 'b', specialty: 'Chiropractor', affiliations: [{ kind: 'employer', name: 'ACME Widgets, Inc' }] });
    const chosen = chooseReviewer([unqualified, conflicted, c], caseOf(['chiropractic']), { c: 2 });
    expect(chosen.reviewer.id).toBe('c');
    const ev = Object.fromEntries(chosen.evaluations.map((e) => [e.reviewerId, e]));
    expect(ev.a).toMatchObject({ qualified: false, candidate: false });
    expect(ev.b).toMatchObject({ conflictFree: false, candidate: false });
  });

  it('recusal: calling again without the recused reviewer picks the next one', () => {
    const first = chooseReviewer([a, b, c], caseOf(['chiropractic']), {});
    expect(first.reviewer.id).toBe('a');
    const second = chooseReviewer([a, b, c], caseOf(['chiropractic'], ['a']), { a: 1 });
    expect(second.reviewer.id).toBe('b');
    expect(second.reasons.join(' ')).toMatch(/1 reviewer\(s\) excluded/);
  });

  it('throws IMR_ERR_NO_REVIEWER saying why, without naming anyone', () => {
    let err: unknown;
    try {
      chooseReviewer([a, b, fam], caseOf(['chiropractic'], ['a']), { b: 3 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImrError);
    const e = err as ImrError;
    expect(e.code).toBe('IMR_ERR_NO_REVIEWER');
    expect(e.message).toContain('of 3 reviewer(s), 1 excluded');
    expect(e.message).toContain('1 at capacity');
    expect(e.message).toContain('Chiropractor, Physical Medicine & Rehabilitation');
    expect(e.message).not.toContain('Reviewer One');
  });

  it('throws IMR_ERR_NO_REVIEWER when the registry is empty', () => {
    expect(() => chooseReviewer([], caseOf(['opioid']), {})).toThrow(expect.objectContaining({ code: 'IMR_ERR_NO_REVIEWER' }));
  });
});
