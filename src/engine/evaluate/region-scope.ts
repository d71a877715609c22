/**
 * Which body regions a region-bound finding may be read from, for a request's regions.
 *
 * The guidelines' findings are about the region under review. ACOEM 2004 Ch. 12 p. 303 (low back):
 * "unequivocal objective findings that identify specific nerve compromise on the neurologic
 * examination": the low back's nerve roots serve the lower limb. Ch. 8 p. 177 (neck): the same of the
 * neck, whose roots serve the upper limb. The joint chapters' red flags and examination signs are
 * the joint's own (Ch. 9 Shoulder, Ch. 10 Elbow, Ch. 11 Forearm, Wrist and Hand, Ch. 13 Knee, Ch. 14
 * Ankle and Foot). A reflex change in the arm is not a lumbar finding; a knee effusion is not a
 * shoulder finding.
 *
 * A finding of the vocabulary says how it is bound (src/guidelines/findings/*.yaml `regionScope`):
 * - 'nerve_root': the nerve-root territory of the request's region: the spinal region and the limb its
 *   roots serve (a lumbar request reads the leg; a shoulder or an upper-extremity EMG request, the neck
 *   and the arm).
 * - 'joint': the joint itself (with the parts of the limb its chapter covers and the limb named as a
 *   whole); for a spinal request, its territory, as the spine's red flags include deficits in the limb.
 *
 * An evidence sentence counts where it names a region in scope, or names none (as before); a sentence
 * that names only regions out of scope does not count, as presence or as absence. The tables (which limb
 * each spinal region's roots serve, the joints' groups, the words of the examination, of a joint's own
 * tissue and of a bone's neck or head) are data, src/guidelines/anatomy.yaml, each entry with its source;
 * the functions here branch on no topic and no region.
 */
import type { BodyRegion, BodyRegionMention, Laterality } from '../request/normalised-request.js';
import { findRegions } from '../request/matchers.js';
import { readAnatomyFile } from '../../guidelines/load.js';
import { parseAnatomyFile, type AnatomyFile, type BODY_REGIONS } from '../../guidelines/anatomy-schema.js';

export type RegionScope = 'nerve_root' | 'joint';

// The anatomy file's regions are the request vocabulary's, both ways (a compile error where they part).
type FileRegion = (typeof BODY_REGIONS)[number];
const _regionsAgree: [FileRegion] extends [BodyRegion] ? ([BodyRegion] extends [FileRegion] ? true : never) : never = true;

/** The anatomy tables (src/guidelines/anatomy.yaml), their words compiled. */
interface Anatomy {
  /** Each spinal region with the regions its nerve roots serve. */
  territories: readonly { spine: BodyRegion; serves: readonly BodyRegion[] }[];
  /** The joints as the guideline chapters group them, with the limb named as a whole. */
  jointGroups: readonly { regions: readonly BodyRegion[]; limb: BodyRegion }[];
  /** Examination words naming a region the request vocabulary does not. */
  examWords: readonly { pattern: RegExp; regions: readonly BodyRegion[] }[];
  /** Words placing a finding in a joint's own tissue. */
  tissueWords: readonly { pattern: RegExp; region: BodyRegion }[];
  /** The neck or head of a bone (global patterns: every span is read). */
  boneParts: readonly { pattern: RegExp; region: BodyRegion }[];
  /** Words every bone part holds: a sentence without one has none. */
  boneCue: RegExp;
  /** Regions that say nothing of where a finding is. */
  neutral: ReadonlySet<BodyRegion>;
}

/** One whole-word pattern of a table entry's terms. */
function wordsPattern(terms: readonly string[], flags: string): RegExp {
  return new RegExp(`\\b(?:${terms.join('|')})\\b`, flags);
}

function compile(a: AnatomyFile): Anatomy {
  return {
    territories: a.nerveRootTerritories,
    jointGroups: a.jointGroups,
    examWords: a.examRegionWords.map((w) => ({ pattern: wordsPattern(w.terms, 'i'), regions: w.regions })),
    tissueWords: a.jointTissueWords.map((w) => ({ pattern: wordsPattern(w.terms, 'i'), region: w.region })),
    boneParts: a.boneParts.parts.map((b) => ({ pattern: wordsPattern(b.terms, 'gi'), region: b.region })),
    boneCue: new RegExp(a.boneParts.cue.join('|'), 'i'),
    neutral: new Set(a.neutralRegions),
  };
}

let tables: Anatomy | undefined;
/** The anatomy tables, read and validated on first use (an invalid file throws IMR_ERR_GUIDELINE_INVALID naming the entry). */
function anatomy(): Anatomy {
  return (tables ??= compile(parseAnatomyFile(readAnatomyFile())));
}

/** A region named in a sentence, with its side where said; `tissue`: named by a joint's own tissue (JOINT_TISSUE_WORDS). */
export interface Named {
  region: BodyRegion;
  laterality: Laterality | null;
  tissue: boolean;
}

/** Whether the words name a joint's own tissue (the tables' jointTissueWords). */
function isTissue(words: string, a: Anatomy): boolean {
  return a.tissueWords.some((w) => w.pattern.test(words));
}

/** The regions a sentence names (the request vocabulary and the examination's words), neutral ones left out. */
export function regionsNamed(text: string): Named[] {
  const a = anatomy();
  const out: Named[] = [];
  // the spans of a bone's neck or head: the bone's region, and no "neck" of the cervical spine inside them
  const parts: { start: number; end: number }[] = [];
  // every bone part's words hold a cue word (a neck or a head): a sentence naming none has none
  if (a.boneCue.test(text)) for (const b of a.boneParts) {
    for (const m of text.matchAll(b.pattern)) {
      parts.push({ start: m.index, end: m.index + m[0].length });
      out.push({ region: b.region, laterality: null, tissue: false });
    }
  }
  for (const m of findRegions(text)) {
    if (a.neutral.has(m.region) || parts.some((p) => p.start <= m.start && m.end <= p.end)) continue;
    out.push({ region: m.region, laterality: m.laterality, tissue: isTissue(m.text, a) });
  }
  for (const w of a.examWords) if (w.pattern.test(text)) for (const region of w.regions) out.push({ region, laterality: null, tissue: false });
  for (const w of a.tissueWords) if (w.pattern.test(text) && !out.some((n) => n.tissue && n.region === w.region)) out.push({ region: w.region, laterality: null, tissue: true });
  return out;
}

function territoryOf(region: BodyRegion): Anatomy['territories'][number] | undefined {
  return anatomy().territories.find((t) => t.spine === region || t.serves.includes(region));
}

/** The regions in scope for one region of a request (null: no bound, every region is in scope). */
function scopeOfRegion(region: BodyRegion, scope: RegionScope): BodyRegion[] | null {
  const territory = territoryOf(region);
  if (!territory) return null;
  const whole = [territory.spine, ...territory.serves];
  if (scope === 'nerve_root' || region === territory.spine) return whole;
  // a joint: its chapters' regions and its limb; the limb as a whole: every region of it
  const { jointGroups } = anatomy();
  const limbGroups = jointGroups.filter((g) => g.limb === region);
  if (limbGroups.length) return [region, ...limbGroups.flatMap((g) => g.regions)];
  const groups = jointGroups.filter((g) => g.regions.includes(region));
  if (!groups.length) return whole;
  return [...new Set([...groups.flatMap((g) => g.regions), ...groups.map((g) => g.limb)])];
}

/** Opposite sides: a left-sided mention is not the right joint under review. */
function sidesDiffer(a: Laterality | null, b: Laterality | null): boolean {
  return a !== null && b !== null && a !== 'bilateral' && b !== 'bilateral' && a !== b;
}

/** A region in scope of a request's region, and whether the request's side applies to it (a limb's own regions; a spine has none). */
interface InScope {
  region: BodyRegion;
  sided: boolean;
}

const inScopeMemo = new Map<string, readonly InScope[] | null>();
/** The regions in scope for one region of a request (scopeOfRegion), with their sidedness; worked out once per scope and region. */
function inScopeOf(region: BodyRegion, scope: RegionScope): readonly InScope[] | null {
  const k = `${scope}:${region}`;
  let s = inScopeMemo.get(k);
  if (s === undefined) {
    const regions = scopeOfRegion(region, scope);
    s = regions && regions.map((r) => ({ region: r, sided: territoryOf(r)?.spine !== r }));
    inScopeMemo.set(k, s);
  }
  return s;
}

/** A region allowed by a request: the region, with the request's side where one applies. */
interface Allowed {
  region: BodyRegion;
  laterality: Laterality | null;
}

/** Whether a sentence naming `names` is read: it names none, or one allowed (on the request's side); a joint's own tissue is not a nerve root's territory. */
function namesAllowed(names: readonly Named[], allowed: readonly Allowed[], nerveRoot: boolean): boolean {
  if (names.length === 0) return true;
  for (const n of names) {
    if (n.tissue && nerveRoot) continue;
    for (const a of allowed) if (a.region === n.region && !sidesDiffer(a.laterality, n.laterality)) return true;
  }
  return false;
}

/**
 * A test of evidence sentences for a region-bound finding and the request's regions: true where the
 * sentence names a region in scope (on the request's side, where both say a side) or names none.
 * Null where nothing bounds it (no region requested, or one the tables do not place: the head).
 * `named`: the regions each sentence names (regionsNamed), shared by the filters of one case (a
 * sentence is read once for every scope and request that asks).
 */
export function regionFilter(scope: RegionScope, requested: readonly BodyRegionMention[], named: Map<string, Named[]> = new Map()): ((sentence: string) => boolean) | null {
  if (requested.length === 0) return null;
  const allowed: Allowed[] = [];
  for (const r of requested) {
    const regions = inScopeOf(r.region, scope);
    if (!regions) return null;
    for (const a of regions) allowed.push({ region: a.region, laterality: a.sided ? r.laterality : null });
  }
  const nerveRoot = scope === 'nerve_root';
  const memo = new Map<string, boolean>();
  return (sentence) => {
    let ok = memo.get(sentence);
    if (ok === undefined) {
      let names = named.get(sentence);
      if (names === undefined) named.set(sentence, (names = regionsNamed(sentence)));
      memo.set(sentence, (ok = namesAllowed(names, allowed, nerveRoot)));
    }
    return ok;
  };
}

/** A key for the memo of a look-up bound to these regions. */
export function regionKey(requested: readonly BodyRegionMention[]): string {
  return requested.map((r) => `${r.region}:${r.laterality ?? ''}`).join(',');
}
