import type { LetterReviewer, LetterWorker } from '../model.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { BREAK, joinLines } from './clean-text.js';
import { DATE_PATTERN, parseLetterDate } from './dates.js';
import { trimEndWith } from './trim.js';

/** Specialty names as the credentials list writes them, for the same name written in prose. */
const SPECIALTY_CANONICAL: Array<[RegExp, string]> = [
  [/^Physical Medicine and Rehabilitation$/i, 'Physical Medicine & Rehabilitation'],
  [/^Hospice and Palliative Medicine$/i, 'Hospice & Palliative Medicine'],
  [/^Public Health and General Preventive Medicine$/i, 'Public Health & General Preventive Medicine'],
  [/^Obstetrics and Gynecology$/i, 'Obstetrics & Gynecology'],
  [/^Orthopaedic Surgery$/i, 'Orthopedic Surgery'],
];

function canonicalSpecialty(s: string): string {
  const t = trimEndWith(s.replace(/\s+/g, ' '), '.,;').trim();
  for (const [re, name] of SPECIALTY_CANONICAL) if (re.test(t)) return name;
  return t;
}

function splitStates(s: string): string[] {
  return trimEndWith(s, '.;')
    .split(/\s*(?:,|\band\b|&)\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
}

const CREDENTIAL_LABEL = /^(State\(s\) of Licensure|States? of Licensure|Certification\(s\)\/Specialty|Certifications?\/Specialty|Specialty|Sub-?specialty)\s*:\s*(.*)$/i;

/**
 * The reviewer's credentials, stated either as a list ("State(s) of Licensure: …",
 * "Certification(s)/Specialty: …", possibly wrapped over two lines) or in prose ("is Board
 * Certified in …, has a subspecialty in … and is licensed to practice in …").
 */
export function parseReviewer(lines: readonly string[]): LetterReviewer | null {
  const fields = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    const m = CREDENTIAL_LABEL.exec(line);
    if (m) {
      current = [m[2]];
      fields.set(m[1].toLowerCase().replace(/^states? of/, 'state(s) of').replace(/^certifications?\//, 'certification(s)/'), current);
    } else if (line === BREAK || line.endsWith(':')) current = null;
    else if (current) current.push(line);
  }
  const licence = fields.get('state(s) of licensure');
  const spec = fields.get('certification(s)/specialty') ?? fields.get('specialty');
  if (licence || spec) {
    const specialties = spec ? joinLines(spec).split(/\s*,\s*/).map(canonicalSpecialty).filter(Boolean) : [];
    const sub = fields.get('subspecialty') ?? fields.get('sub-specialty');
    const subspecialties = [...specialties.slice(1), ...(sub ? [canonicalSpecialty(joinLines(sub))] : [])];
    return {
      licensure: licence ? splitStates(joinLines(licence)) : [],
      specialty: specialties[0] ?? null,
      subspecialty: subspecialties.length ? subspecialties.join(', ') : null,
    };
  }
  const text = joinLines(lines);
  const prose =
    /Board[- ]Certified in (.+?)(?:,?\s+(?:and\s+)?(?:has|with) a sub-?specialty in (.+?))?,?\s+(?:and\s+)?(?:is\s+)?licensed to practice in (.+?)\./i.exec(text);
  if (prose) {
    return {
      licensure: splitStates(prose[3]),
      specialty: canonicalSpecialty(prose[1]),
      subspecialty: prose[2] ? canonicalSpecialty(prose[2]) : null,
    };
  }
  const licensedOnly = /licensed to practice in (.+?)\./i.exec(text);
  if (licensedOnly) return { licensure: splitStates(licensedOnly[1]), specialty: null, subspecialty: null };
  return null;
}

const AGE = /\b(\d{1,3})[- ](?:year|yr)s?[- ]old\b/i;
const SEX = /\b(male|female|man|woman|gentleman|lady)\b/i;
const INJURY = new RegExp(
  `(?:date of injury|\\bDOI\\b|industrial injury|work[- ]related injury|injury|injured(?: at work)?)\\s*(?:\\(DOI\\)\\s*)?(?:was\\s+|is\\s+)?(?:dated|of|on|date of)?\\s*:?\\s*(${DATE_PATTERN})`,
  'i',
);

/** Age, sex and date of injury as the clinical case summary states them. */
export function parseWorker(summary: string): LetterWorker {
  const head = summary.slice(0, 600);
  const age = AGE.exec(head);
  const sex = SEX.exec(head);
  const injury = INJURY.exec(summary);
  const ageN = age ? Number(age[1]) : null;
  const sexWord = sex?.[1].toLowerCase();
  return {
    age: ageN !== null && ageN > 0 && ageN < 120 ? ageN : null,
    sex: sexWord === undefined ? null : sexWord === 'male' || sexWord === 'man' || sexWord === 'gentleman' ? 'male' : 'female',
    injuryDate: injury ? parseLetterDate(injury[1]) : null,
  };
}

/** The sentence of `text` around position `at` (sentences end at ". " before a capital, or "cited.On"). */
const SENTENCE_END = /[a-z0-9)"'][.!?]\s*(?=[A-Z])/g;
const ABBREVIATION_END = /\b(?:Dr|Mr|Ms|Mrs|vs|No|St)\.$/;

/**
 * Where each sentence of `text` ends (`stop`, just after its period) and where its end mark starts
 * (`at`), in order: found in one pass and kept for the last text, so every phrase hit in a summary
 * looks its sentence up instead of scanning the rest of the text again (which was quadratic: a
 * 300 KB summary of "ur ur ur …" took seconds). End marks never overlap, so the marks at or after
 * any position are the same whether the scan starts there or at the beginning.
 */
let boundsFor: { text: string; at: Int32Array; stop: Int32Array } | null = null;
function sentenceBounds(text: string): { at: Int32Array; stop: Int32Array } {
  if (boundsFor?.text === text) return boundsFor;
  const at: number[] = [];
  const END = SENTENCE_END;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    if (ABBREVIATION_END.test(text.slice(Math.max(0, m.index - 3), m.index + 2))) continue;
    at.push(m.index);
  }
  boundsFor = { text, at: Int32Array.from(at), stop: Int32Array.from(at, (i) => i + 2) };
  return boundsFor;
}

/** The first index in the sorted `xs` whose value is at least `v` (xs.length when none). */
function lowerBound(xs: Int32Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sentence around `at` as [start, end): it starts after the last end mark that begins at most
 * 400 characters before `at` and ends at or before it (else at 0), and ends at the first end after `at`.
 */
function sentenceAround(text: string, at: number): [number, number] {
  const b = sentenceBounds(text);
  const first = lowerBound(b.at, Math.max(0, at - 400));
  // Stops grow with their marks: the first stop past `at` among the marks from `first` on.
  const after = Math.max(first, lowerBound(b.stop, at + 1));
  const start = after > first ? b.stop[after - 1] : 0;
  const end = after < b.stop.length ? b.stop[after] : text.length;
  return [start, end];
}

/** Sentences looked at per phrase at most: past this, a summary is built to make the search slow, not a letter. */
const MAX_SENTENCES = 200;

/** The date nearest to the phrase in the first sentence that has both, or null. */
export function dateNear(text: string, phrase: RegExp): IsoDate | null {
  // Exec loops on cached global patterns: compiling two patterns per call, and the copies that
  // matchAll makes of them, cost more than the search itself on a short summary.
  const phraseAll = globalCopy(phrase);
  const dateRe = ANY_DATE;
  let lastStart = -1;
  let lastEnd = -1;
  let sentences = 0;
  phraseAll.lastIndex = 0;
  for (let hit = phraseAll.exec(text); hit !== null; hit = phraseAll.exec(text)) {
    if (hit[0] === '') phraseAll.lastIndex++; // as matchAll does, never loop on an empty match
    const [start, end] = sentenceAround(text, hit.index);
    if (start === lastStart && end === lastEnd) continue;
    lastStart = start;
    lastEnd = end;
    if (++sentences > MAX_SENTENCES) break;
    const s = text.slice(start, end);
    const p = phrase.exec(s);
    if (!p) continue;
    let best: { d: IsoDate; dist: number } | null = null;
    dateRe.lastIndex = 0;
    for (let m = dateRe.exec(s); m !== null; m = dateRe.exec(s)) {
      const d = parseLetterDate(m[0]);
      if (!d) continue;
      const dist = Math.abs(m.index - p.index);
      if (!best || dist < best.dist) best = { d, dist };
    }
    if (best) return best.d;
  }
  return null;
}

const ANY_DATE = new RegExp(DATE_PATTERN, 'g');
const globalCopies = new WeakMap<RegExp, RegExp>();

/** A global copy of `re` (for an exec loop), made once per pattern. */
function globalCopy(re: RegExp): RegExp {
  let g = globalCopies.get(re);
  if (!g) globalCopies.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')));
  return g;
}

export const UR_PHRASE = /utilization review|\bUR\b/i;
export const IMR_APPLICATION_PHRASE = /application for (?:an? )?(?:IMR|independent medical review)|IMR application|applied for (?:an? )?(?:IMR|independent medical review)/i;
