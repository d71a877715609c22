import type { Citation, Decision } from '../../letters/model.js';
import type { Topic } from '../../guidelines/schema.js';
import type { CriterionResult } from './types.js';

const FAMILY_NAMES: Record<string, string> = {
  'MTUS-CPMTG': 'CA MTUS Chronic Pain Medical Treatment Guidelines',
  'MTUS-OPIOIDS': 'CA MTUS Opioids Treatment Guidelines',
  'MTUS-ACOEM': 'CA MTUS/ACOEM Guidelines',
  'MTUS-AMTG': 'CA MTUS Acupuncture Medical Treatment Guidelines',
  'MTUS-PSTG': 'CA MTUS Postsurgical Treatment Guidelines',
  'MTUS-FORMULARY': 'CA MTUS Drug Formulary',
};

function guidelinePhrase(c: Citation): string {
  const name = c.source === 'NON-MTUS' ? `${c.name ?? 'The guideline'} (outside the MTUS)` : FAMILY_NAMES[c.source] ?? 'The guideline';
  const where = [c.topic, c.pages.length ? `pages ${pageList(c.pages)}` : null].filter(Boolean).join(', ');
  return where ? `${name} (${where})` : name;
}

function pageList(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return runs.join(', ');
}

function lowerFirst(s: string): string {
  return s.length > 1 && /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

/** The rationale in the register of the published letters: the rule, this case's facts, the conclusion. */
export function writeRationale(a: {
  request: string;
  topic: Topic;
  citation: Citation;
  criteria: CriterionResult[];
  /** What the criteria decide. */
  decision: Decision;
  /** The engine's lean where it differs from the criteria (a flagged draft), with the probability behind it. */
  lean?: Decision;
  pOverturn?: number;
}): string {
  const rule = `${guidelinePhrase(a.citation)} state${a.citation.source === 'MTUS-ACOEM' ? '' : 's'} that ${lowerFirst(a.topic.rule.trim().replace(/\.$/, ''))}.`;
  const failing = a.criteria.filter((c) => c.status !== 'met');
  const facts =
    a.decision === 'Overturned'
      ? a.criteria.map((c) => c.finding).join(' ')
      : failing.map((c) => c.finding).join(' ');
  const conclusion =
    a.lean !== undefined && a.lean !== a.decision
      ? `The criteria read as met on this record, but published reviewers found comparable requests medically necessary in only about ${Math.round(100 * (a.pOverturn ?? 0))}% of cases; unless the record documents each criterion as the guideline requires, the request for ${a.request} is not medically necessary.`
      : a.decision === 'Overturned'
      ? `As the guideline criteria are met, the request for ${a.request} is medically necessary.`
      : `Therefore, the request for ${a.request} is not medically necessary.`;
  return `${rule} In this case, ${lowerFirst(facts)} ${conclusion}`.replace(/\s+/g, ' ').trim();
}
