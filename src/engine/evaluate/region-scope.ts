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
 * that names only regions out of scope does not count, as presence or as absence. Pure data and pure
 * functions: no branch on a topic.
 */
import type { BodyRegion, BodyRegionMention, Laterality } from '../request/normalised-request.js';
import { findRegions } from '../request/matchers.js';

export type RegionScope = 'nerve_root' | 'joint';

/** Each spinal region with the regions its nerve roots serve (ACOEM Ch. 8 p. 177; Ch. 12 p. 303). */
const NERVE_ROOT_TERRITORIES: readonly { spine: BodyRegion; serves: readonly BodyRegion[] }[] = [
  { spine: 'cervical', serves: ['shoulder', 'upper_arm', 'elbow', 'forearm', 'wrist', 'hand', 'upper_extremity'] },
  { spine: 'thoracic', serves: ['chest', 'abdomen'] },
  { spine: 'lumbar', serves: ['sacroiliac', 'pelvis', 'hip', 'thigh', 'knee', 'leg', 'ankle', 'foot', 'lower_extremity'] },
];

/**
 * The joints as the ACOEM chapters group them (a region may sit in two: the forearm in the elbow's and
 * the wrist's chapters), with the limb named as a whole.
 */
const JOINT_GROUPS: readonly { regions: readonly BodyRegion[]; limb: BodyRegion }[] = [
  { regions: ['shoulder', 'upper_arm'], limb: 'upper_extremity' }, // Ch. 9 Shoulder
  { regions: ['elbow', 'forearm'], limb: 'upper_extremity' }, // Ch. 10 Elbow
  { regions: ['forearm', 'wrist', 'hand'], limb: 'upper_extremity' }, // Ch. 11 Forearm, Wrist and Hand
  { regions: ['hip', 'pelvis', 'thigh', 'sacroiliac'], limb: 'lower_extremity' }, // ODG Hip & Pelvis
  { regions: ['knee'], limb: 'lower_extremity' }, // Ch. 13 Knee
  { regions: ['leg', 'ankle', 'foot'], limb: 'lower_extremity' }, // Ch. 14 Ankle and Foot
];

/**
 * Words of the examination that name a region the request vocabulary does not: the muscles, reflexes,
 * tests and root levels of a limb ("deltoid", "EHL", "SLR", "S1"), and the signs of the spinal cord
 * (a cord sign below the neck may come from a cervical or thoracic cord lesion).
 */
const EXAM_REGION_WORDS: readonly { pattern: RegExp; regions: readonly BodyRegion[] }[] = [
  { pattern: /\b(?:Spurling\w*|C8)\b/i, regions: ['cervical'] },
  { pattern: /\b(?:deltoids?|brachioradialis|grip|inteross\w+|(?:median|ulnar|radial) nerves?|intrinsics?)\b/i, regions: ['upper_extremity'] },
  {
    pattern: /\b(?:SLR|Lasegue\w*|slump|EHL|extensor hallucis|dorsiflex\w*|plantar ?flex\w*|gastrocnemius|gastroc|tibialis|peroneal|iliopsoas|S[12]|sciatic|femoral nerve|ankle jerks?|knee jerks?)\b/i,
    regions: ['lower_extremity'],
  },
  { pattern: /\b(?:Hoffmann?'?s?|Babinski\w*|clonus|hyperreflexi\w*|upgoing toes?|myelopath\w*|long tract)\b/i, regions: ['cervical', 'thoracic'] },
];

/**
 * Words that place a finding in a joint's own tissue (its tendons, labrum, menisci, ligaments, and the
 * tests of them), not in a nerve root's territory: ACOEM Ch. 9 pp. 207-209 tells "cervical root problems
 * presenting as shoulder pain" apart from "weakness from a massive rotator cuff tear". A nerve-root
 * finding does not read them; a joint finding reads them as the joint.
 */
const JOINT_TISSUE_WORDS: readonly { pattern: RegExp; region: BodyRegion }[] = [
  { pattern: /\b(?:rotator cuff|supraspinatus|infraspinatus|subscapularis|teres minor|impingement|Hawkins|Neer|empty can|drop arm|labr(?:um|al)|SLAP)\b/i, region: 'shoulder' },
  { pattern: /\b(?:menisc\w*|McMurray|Lachman|anterior drawer|cruciate|ACL|PCL|MCL|LCL)\b/i, region: 'knee' },
];

/**
 * The neck or head of a bone is not the neck or the head ("femoral neck fracture", "neck of the humerus",
 * "fibular head"): the bone's region, not the cervical spine's.
 */
const BONE_PARTS: readonly { pattern: RegExp; region: BodyRegion }[] = [
  { pattern: /\b(?:femoral (?:neck|head)|(?:neck|head) of (?:the )?femur)\b/gi, region: 'hip' },
  { pattern: /\b(?:humeral (?:neck|head)|surgical neck|anatomic(?:al)? neck|(?:neck|head) of (?:the )?humerus)\b/gi, region: 'shoulder' },
  { pattern: /\b(?:radial (?:neck|head)|(?:neck|head) of (?:the )?radius)\b/gi, region: 'elbow' },
  { pattern: /\b(?:fibular head|head of (?:the )?fibula)\b/gi, region: 'knee' },
  { pattern: /\b(?:talar neck|metatarsal (?:neck|head)s?)\b/gi, region: 'foot' },
  { pattern: /\b(?:metacarpal (?:neck|head)s?)\b/gi, region: 'hand' },
];

/** Cheap test before BONE_PARTS: each of their alternatives holds one of these words. */
const NECK_OR_HEAD = /neck|head/i;

/** Regions that say nothing of where a finding is ("back" of either spine, the head of the humerus or fibula). */
const NEUTRAL = new Set<BodyRegion>(['spine', 'head', 'jaw']);

/** A region named in a sentence, with its side where said; `tissue`: named by a joint's own tissue (JOINT_TISSUE_WORDS). */
export interface Named {
  region: BodyRegion;
  laterality: Laterality | null;
  tissue: boolean;
}

/** Whether the words name a joint's own tissue (JOINT_TISSUE_WORDS). */
function isTissue(words: string): boolean {
  return JOINT_TISSUE_WORDS.some((w) => w.pattern.test(words));
}

/** The regions a sentence names (the request vocabulary and the examination's words), neutral ones left out. */
export function regionsNamed(text: string): Named[] {
  const out: Named[] = [];
  // the spans of a bone's neck or head: the bone's region, and no "neck" of the cervical spine inside them
  const parts: { start: number; end: number }[] = [];
  // every bone part's words name a neck or a head: a sentence naming neither has none
  if (NECK_OR_HEAD.test(text)) for (const b of BONE_PARTS) {
    for (const m of text.matchAll(b.pattern)) {
      parts.push({ start: m.index, end: m.index + m[0].length });
      out.push({ region: b.region, laterality: null, tissue: false });
    }
  }
  for (const m of findRegions(text)) {
    if (NEUTRAL.has(m.region) || parts.some((p) => p.start <= m.start && m.end <= p.end)) continue;
    out.push({ region: m.region, laterality: m.laterality, tissue: isTissue(m.text) });
  }
  for (const w of EXAM_REGION_WORDS) if (w.pattern.test(text)) for (const region of w.regions) out.push({ region, laterality: null, tissue: false });
  for (const w of JOINT_TISSUE_WORDS) if (w.pattern.test(text) && !out.some((n) => n.tissue && n.region === w.region)) out.push({ region: w.region, laterality: null, tissue: true });
  return out;
}

function territoryOf(region: BodyRegion): { spine: BodyRegion; serves: readonly BodyRegion[] } | undefined {
  return NERVE_ROOT_TERRITORIES.find((t) => t.spine === region || t.serves.includes(region));
}

/** The regions in scope for one region of a request (null: no bound, every region is in scope). */
function scopeOfRegion(region: BodyRegion, scope: RegionScope): BodyRegion[] | null {
  const territory = territoryOf(region);
  if (!territory) return null;
  const whole = [territory.spine, ...territory.serves];
  if (scope === 'nerve_root' || region === territory.spine) return whole;
  // a joint: its chapters' regions and its limb; the limb as a whole: every region of it
  const limbGroups = JOINT_GROUPS.filter((g) => g.limb === region);
  if (limbGroups.length) return [region, ...limbGroups.flatMap((g) => g.regions)];
  const groups = JOINT_GROUPS.filter((g) => g.regions.includes(region));
  if (!groups.length) return whole;
  return [...new Set([...groups.flatMap((g) => g.regions), ...groups.map((g) => g.limb)])];
}

/** Opposite sides: a left-sided mention is not the right joint under review. */
function sidesDiffer(a: Laterality | null, b: Laterality | null): boolean {
  return a !== null && b !== null && a !== 'bilateral' && b !== 'bilateral' && a !== b;
}

/**
 * A test of evidence sentences for a region-bound finding and the request's regions: true where the
 * sentence names a region in scope (on the request's side, where both say a side) or names none.
 * Null where nothing bounds it (no region requested, or one the tables do not place: the head).
 */
/**
 * `named`: the regions each sentence names (regionsNamed), shared by the filters of one case (a
 * sentence is read once for every scope and request that asks).
 */
export function regionFilter(scope: RegionScope, requested: readonly BodyRegionMention[], named: Map<string, Named[]> = new Map()): ((sentence: string) => boolean) | null {
  if (requested.length === 0) return null;
  const allowed: { region: BodyRegion; laterality: Laterality | null }[] = [];
  for (const r of requested) {
    if (r.region === 'spine') return null;
    const regions = scopeOfRegion(r.region, scope);
    if (!regions) return null;
    // the side applies to the limb's own regions; the spine has none
    for (const region of regions) allowed.push({ region, laterality: territoryOf(region)?.spine === region ? null : r.laterality });
  }
  const memo = new Map<string, boolean>();
  return (sentence) => {
    let ok = memo.get(sentence);
    if (ok === undefined) {
      let names = named.get(sentence);
      if (names === undefined) named.set(sentence, (names = regionsNamed(sentence)));
      // a joint's own tissue is not a nerve root's territory
      ok = names.length === 0 || names.some((n) => !(n.tissue && scope === 'nerve_root') && allowed.some((a) => a.region === n.region && !sidesDiffer(a.laterality, n.laterality)));
      memo.set(sentence, ok);
    }
    return ok;
  };
}

/** A key for the memo of a look-up bound to these regions. */
export function regionKey(requested: readonly BodyRegionMention[]): string {
  return requested.map((r) => `${r.region}:${r.laterality ?? ''}`).join(',');
}
