import type { ImagingFinding } from '../case-facts.js';
import { findRegions } from '../../request/matchers.js';
import { findDates } from '../dates.js';
import type { FactRule } from '../fact-rule.js';
import { isNegated } from '../negation.js';

const FINDING_CUE = /\b(?:reveal(?:ed|s|ing)?|show(?:ed|s|ing)?|demonstrat(?:ed|es|ing)|noted|findings?|significant for|consistent with|evidence of|impression|indicat(?:ed|es|ing)|positive for|negative for|notable for|documented)\b|:/i;

/** A study stated not done (after its name). */
const NOT_DONE = /^[^.;]{0,60}?\b(?:(?:has|have|had|was|were) not (?:yet )?(?:been )?(?:done|performed|obtained|completed)|(?:has|have|had) never been (?:done|performed|obtained)|not (?:yet )?(?:done|performed|obtained|available))\b/i;

function modality(s: string): ImagingFinding['modality'] {
  const t = s.toLowerCase();
  if (/^(?:mri|mr\b|magnetic)/.test(t)) return 'mri';
  if (/^(?:ct|computed)/.test(t)) return 'ct';
  if (/^(?:x-?ray|radiograph)/.test(t)) return 'xray';
  if (t.startsWith('bone scan')) return 'bone_scan';
  if (/^(?:ultrasound|sonogram)/.test(t)) return 'ultrasound';
  return 'emg_ncv';
}

/** Imaging and electrodiagnostic studies done (not requested), with date, region and the finding as written. */
export const imagingRule: FactRule = {
  fact: 'imaging',
  needs: ['imaging'],
  start(facts) {
    return {
      sentence(s) {
        if (s.planOnly) return;
        const studies = s.hits('imaging').map((h) => h.m);
        const st = s.text;
        studies.forEach((m, i) => {
          const from = m.index + m[0].length;
          const segment = st.slice(from, i + 1 < studies.length ? studies[i + 1].index : st.length);
          // "MRI of the lumbar spine has not been done", "she has not had an MRI": no study to read.
          if (NOT_DONE.test(segment) || isNegated(st, m.index, from, { post: false, window: 3 })) return;
          const cue = FINDING_CUE.exec(segment);
          const r = findRegions(segment)[0];
          const finding = cue ? segment.slice(cue.index + cue[0].length).replace(/^[\s:,]+|[\s.,;]+(?:and|a|an)?\s*$/g, '').replace(/\s+/g, ' ') || null : null;
          facts.imaging.push({
            modality: modality(m[0]),
            region: r ? { region: r.region, laterality: r.laterality, text: r.text } : null,
            date: findDates(segment)[0]?.value ?? null,
            finding,
            evidence: s.ev(s.kindFor('test')),
          });
        });
      },
    };
  },
};
