import type { Citation, Decision } from '../../letters/model.js';
import type { Topic } from '../../guidelines/schema.js';
import { isSatisfied, type CriterionResult } from './types.js';
import { collapseWhitespace } from '../text/whitespace.js';

const FAMILY_NAMES: Record<string, string> = {
  'MTUS-CPMTG': 'CA MTUS Chronic Pain Medical Treatment Guidelines',
  'MTUS-OPIOIDS': 'CA MTUS Opioids Treatment Guidelines',
  'MTUS-ACOEM': 'CA MTUS/ACOEM Guidelines',
  'MTUS-AMTG': 'CA MTUS Acupuncture Medical Treatment Guidelines',
  'MTUS-PSTG': 'CA MTUS Postsurgical Treatment Guidelines',
  'MTUS-FORMULARY': 'CA MTUS Drug Formulary',
};

function guidelinePhrase(c: Citation): string {
  const name = c.source === 'NON-MTUS' ? c.name ?? 'The guideline' : FAMILY_NAMES[c.source] ?? 'The guideline';
  const where = [c.topic, c.pages.length ? `${new Set(c.pages).size === 1 ? 'page' : 'pages'} ${pageList(c.pages)}` : null].filter(Boolean).join(', ');
  const named = where ? `${name} (${where})` : name;
  return c.source === 'NON-MTUS' ? `${named}, a guideline outside the MTUS,` : named;
}

/** "Guidelines state", "ODG states". */
function verbFor(c: Citation): string {
  const name = c.source === 'NON-MTUS' ? c.name ?? '' : FAMILY_NAMES[c.source] ?? '';
  return /Guidelines$/.test(name) ? 'state' : 'states';
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

/** Criterion types that read the record (not the request's own numbers): what the record documents. */
const RECORD_CRITERIA = new Set(['requiresFinding', 'requiresPriorFailedCare', 'continuationRequiresImprovement', 'primaryProcedureCertified', 'companionItemsCertified', 'anyOf']);

/** "The record does not document X." → X, for merging repeated gaps. */
// One sentence only: a finding of several sentences ("X. Y.") is not merged as one gap.
const NOT_DOCUMENTED = /^The record does not document ((?:[^.]|\.(?!\s))+?)\.$/;
/** "The record documents X." → X. */
const DOCUMENTS = /^The record documents ((?:[^.]|\.(?!\s))+?)\.$/;

/** "a, b and c". */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The alternative two gaps share at their start ("a red flag or X", "a red flag or Y" → "a red flag"), or null. */
function sharedAlternative(a: string, b: string): string | null {
  for (let k = a.lastIndexOf(' or '); k > 0; k = a.lastIndexOf(' or ', k - 1)) {
    const head = a.slice(0, k);
    if (b.startsWith(head + ' or ')) return head;
  }
  return null;
}

/**
 * The criteria's findings as the rationale states them: each once; a gap already named inside an
 * earlier "does not document …" sentence not named again; gaps that share one alternative ("a red
 * flag or X", "a red flag or Y": criteria the red flag alone would meet) said once, with what each
 * criterion needs besides; and what the record documents in one sentence.
 */
export function caseSentences(findings: readonly string[]): string[] {
  const once: string[] = [];
  for (const raw of findings) {
    const f = raw.trim();
    if (!f || once.includes(f)) continue;
    const gap = NOT_DOCUMENTED.exec(f)?.[1];
    if (gap && once.some((o) => NOT_DOCUMENTED.test(o) && o.includes(gap))) continue;
    once.push(f);
  }
  // no findings (often: every criterion met, or none failing): nothing to say
  if (once.length === 0) return once;
  const gaps: (string | null)[] = [];
  for (const f of once) gaps.push(NOT_DOCUMENTED.exec(f)?.[1] ?? null);
  let shared: string | null = null;
  for (let i = 0; i < gaps.length && shared === null; i++)
    for (let j = i + 1; j < gaps.length && shared === null; j++) if (gaps[i] && gaps[j]) shared = sharedAlternative(gaps[i]!, gaps[j]!);
  const out: string[] = [];
  const documented: string[] = [];
  let mergedAt = -1;
  const rests: string[] = [];
  once.forEach((f, i) => {
    const g = gaps[i];
    if (shared !== null && g && g.startsWith(shared + ' or ')) {
      rests.push(g.slice(shared.length + 4));
      if (mergedAt < 0) {
        mergedAt = out.length;
        out.push('');
      }
      return;
    }
    const d = DOCUMENTS.exec(f)?.[1];
    if (d) {
      if (documented.length === 0) out.push('\u0000documents');
      documented.push(d);
      return;
    }
    out.push(f);
  });
  if (mergedAt >= 0)
    out[mergedAt] = `The record does not document ${shared}; without it, the guideline also requires ${andList(rests)}, none of which the record documents.`;
  const at = out.indexOf('\u0000documents');
  if (at >= 0) out[at] = `The record documents ${andList(documented)}.`;
  return out;
}

/** "X is not documented" → "The record does not document X."; another gap as its own sentence. */
function gapSentence(gap: string): string {
  const g = gap.trim().replace(/\.$/, '');
  const x = /^(.+?),? (?:is|are) not documented$/s.exec(g)?.[1];
  return x ? `The record does not document ${x}.` : `${g[0].toUpperCase()}${g.slice(1)}.`;
}

/**
 * What a failing criterion says in the rationale. An `anyOf` with a `gap` in its topic states the gap
 * (what the record lacks across every option), and the one most relevant option's finding only where
 * it says more than the gap (the part still missing of an option the record partly documents, a contradiction).
 */
function failingFinding(c: CriterionResult, topic: Topic): string {
  const gap = c.type === 'anyOf' ? topic.criteria.find((s) => s.id === c.id)?.gap : undefined;
  if (!gap) return c.finding;
  const lead = c.finding.trim();
  // A lead that only repeats that nothing is documented adds nothing where no option found evidence.
  const bare = lead === '' || (c.evidence.length === 0 && /^The record does not document [^.]*\.$/.test(lead));
  return bare ? gapSentence(gap) : `${gapSentence(gap)} ${lead}`;
}

/**
 * A finding without the status words of its parts ("X (met). Y (unknown)." → "X. Y."): the criteria
 * list shows them; a reviewer's sentence does not.
 */
function withoutStatus(finding: string): string {
  return finding.replace(/ \((?:met|not met|unknown|not applicable)\)(?=\.)/g, '');
}

/** Sentences joined in the letters' order: the first after "In this case,", the next after "In addition,". */
function joinFacts(sentences: readonly string[], opening: string): string {
  return sentences.map((f, i) => `${i === 0 ? opening : 'In addition,'} ${lowerFirst(f)}`).join(' ');
}

/**
 * The rationale in the register of the published letters: what the guideline supports (its rule, with
 * its numbers), what the record documents, what it lacks or where the request exceeds the guideline,
 * hence the outcome ("12 visits are requested; the guideline supports 8 to 10 visits …, so the request
 * exceeds it. Therefore, the request for … is not medically necessary.").
 */
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
  const rule = `${guidelinePhrase(a.citation)} ${verbFor(a.citation)} that ${lowerFirst(a.topic.rule.trim().replace(/\.$/, ''))}.`;
  const failing = caseSentences(a.criteria.filter((c) => !isSatisfied(c.status)).map((c) => withoutStatus(failingFinding(c, a.topic))));
  // What the record documents in the guideline's favour: met criteria that quote the record (not the
  // request's own numbers, nor a criterion that does not apply).
  const documented = caseSentences(a.criteria.filter((c) => c.status === 'met' && c.evidence.length > 0 && RECORD_CRITERIA.has(c.type)).map((c) => withoutStatus(c.finding)));
  let facts: string;
  if (a.decision === 'Overturned') facts = joinFacts(caseSentences(a.criteria.filter((c) => c.status !== 'not_applicable').map((c) => withoutStatus(c.finding))), 'In this case,');
  else if (documented.length > 0 && failing.length > 0)
    facts = `${joinFacts(documented, 'In this case,')} However, ${lowerFirst(failing[0])}${failing.length > 1 ? ' ' + joinFacts(failing.slice(1), 'In addition,') : ''}`;
  else facts = joinFacts(failing, 'In this case,');
  const conclusion =
    a.lean !== undefined && a.lean !== a.decision && (a.pOverturn ?? 0) >= 0.5
      ? `The criteria read as met on this record, and published reviewers found comparable requests medically necessary in about ${Math.round(100 * (a.pOverturn ?? 0))}% of cases, but in too few cases to be sure; unless the record documents each criterion as the guideline requires, the request for ${a.request} is not medically necessary.`
      : a.lean !== undefined && a.lean !== a.decision
      ? `The criteria read as met on this record, but published reviewers found comparable requests medically necessary in only about ${Math.round(100 * (a.pOverturn ?? 0))}% of cases; unless the record documents each criterion as the guideline requires, the request for ${a.request} is not medically necessary.`
      : a.decision === 'Overturned'
      ? `As the record documents what the guideline requires, the request for ${a.request} is medically necessary.`
      : `Therefore, the request for ${a.request} is not medically necessary.`;
  return collapseWhitespace(`${rule} ${facts} ${conclusion}`).trim();
}
