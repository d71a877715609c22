import { z } from 'zod';
import { ImrError } from '../errors/imr-error.js';
import { zodProblems } from '../errors/zod-problems.js';
import { lineOf, type DataFile } from './load.js';

/**
 * The schema of the anatomy tables, src/guidelines/anatomy.yaml: which body regions a region-bound finding
 * (findings/*.yaml `regionScope`) may be read from for a request's regions. The engine compiles them
 * (src/engine/evaluate/region-scope.ts); the tables, not the code, say which limb a spinal region's roots
 * serve and which words place a finding in a joint's own tissue.
 */

/** The request vocabulary's body regions (BodyRegion, src/engine/request/normalised-request.ts; region-scope.ts checks they agree). */
export const BODY_REGIONS = [
  'head',
  'cervical',
  'thoracic',
  'lumbar',
  'sacroiliac',
  'spine',
  'shoulder',
  'upper_arm',
  'elbow',
  'forearm',
  'wrist',
  'hand',
  'upper_extremity',
  'hip',
  'pelvis',
  'thigh',
  'knee',
  'leg',
  'ankle',
  'foot',
  'lower_extremity',
  'chest',
  'abdomen',
  'jaw',
] as const;

const region = z.enum(BODY_REGIONS, { error: (iss) => `"${String(iss.input)}" is not a body region (BodyRegion, src/engine/request/normalised-request.ts)` });
const regions = z.array(region).min(1);

/** Where the entry comes from: the guideline chapter and page, or the anatomy it states. */
const source = z.string().min(1);

function isRegex(s: string): boolean {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Regular expressions (case-insensitive), the alternatives of one whole-word pattern. */
const terms = z.array(z.string().min(1).refine(isRegex, { error: (iss) => `"${String(iss.input)}" is not a valid regular expression` })).min(1);

const territorySchema = z.object({ spine: region, serves: regions, source }).strict();
const jointGroupSchema = z.object({ regions, limb: region, source }).strict();
const examWordsSchema = z.object({ terms, regions, source }).strict();
const regionWordsSchema = z.object({ terms, region, source }).strict();

const anatomyFileSchema = z
  .object({
    /** Each spinal region with the regions its nerve roots serve. */
    nerveRootTerritories: z.array(territorySchema).min(1),
    /** The joints as the guideline chapters group them, with the limb named as a whole. */
    jointGroups: z.array(jointGroupSchema),
    /** Examination words naming a region the request vocabulary does not (muscles, reflexes, tests, root levels, cord signs). */
    examRegionWords: z.array(examWordsSchema),
    /** Words placing a finding in a joint's own tissue (not a nerve root's territory). */
    jointTissueWords: z.array(regionWordsSchema),
    /** The neck or head of a bone, read as the bone's region; `cue`: words every part's terms hold (a cheap test first). */
    boneParts: z.object({ cue: z.array(z.string().regex(/^[a-z]+$/i)).min(1), parts: z.array(regionWordsSchema) }).strict(),
    /** Regions that say nothing of where a finding is. */
    neutralRegions: z.array(region),
  })
  .strict()
  .superRefine((a, ctx) => {
    // A region served by two spines would have two territories: the first would win unseen.
    const spineOf = new Map<string, string>();
    a.nerveRootTerritories.forEach((t, i) => {
      for (const [j, r] of [t.spine, ...t.serves].entries()) {
        const earlier = spineOf.get(r);
        if (earlier !== undefined) ctx.addIssue({ code: 'custom', message: `"${r}" is already in the territory of "${earlier}"; a region belongs to one spinal region's territory`, path: ['nerveRootTerritories', i, j === 0 ? 'spine' : 'serves', ...(j === 0 ? [] : [j - 1])] });
        else spineOf.set(r, t.spine);
      }
    });
    // A joint outside every territory would never be bound (its scope starts from its territory).
    a.jointGroups.forEach((g, i) => {
      const spines = new Set([...g.regions, g.limb].map((r) => spineOf.get(r)));
      if (spines.has(undefined) || spines.size > 1)
        ctx.addIssue({ code: 'custom', message: 'a joint group\'s regions and limb must all be served by one spinal region (nerveRootTerritories)', path: ['jointGroups', i] });
    });
    // The cue is tried before the parts: a part whose words hold none of its words would never be read.
    a.boneParts.parts.forEach((p, i) =>
      p.terms.forEach((t, j) => {
        if (!a.boneParts.cue.some((c) => t.toLowerCase().includes(c.toLowerCase())))
          ctx.addIssue({ code: 'custom', message: `"${t}" holds none of the cue words (${a.boneParts.cue.join(', ')})`, path: ['boneParts', 'parts', i, 'terms', j] });
      }),
    );
  });
export type AnatomyFile = z.infer<typeof anatomyFileSchema>;

/**
 * Validates the anatomy tables; throws IMR_ERR_GUIDELINE_INVALID naming the file, the line and the entry
 * (e.g. "jointGroups.2.limb") of the first problem, every problem in the details.
 */
export function parseAnatomyFile(file: DataFile): AnatomyFile {
  const r = anatomyFileSchema.safeParse(file.data);
  if (r.success) return r.data;
  const line = lineOf(file, r.error.issues[0]?.path ?? []);
  const details = zodProblems(r.error);
  const [p] = details;
  throw new ImrError('IMR_ERR_GUIDELINE_INVALID', `${line === null ? file.path : `${file.path}:${line}`} is not a valid anatomy table${p ? ` (${p.path}: ${p.message})` : ''}; fix the entries listed.`, {
    details,
    subject: file.path,
  });
}
