import type { Decision } from '../../model.js';
import { BREAK, joinLines } from '../clean-text.js';
import { decisionsInsideLines } from '../damage-checks.js';

/** Decision lines ("<request>: Upheld"), which cut a letter's issues into items. */

const DECISION_AT_END = /^(.*\S)\s*:\s*(Upheld|Overturned)\.?$/i;
const DECISION_ALONE = /^(Upheld|Overturned)\.?$/i;
/** The labels of an item's guideline lines and rationale in the letters since 2014. */
export const LABEL = /^(Claims Administrator guideline|(?:MAXIMUS|Expert Reviewer|Reviewer|IMR) guideline|Decision rationale)\s*:\s*/i;
const RATIONALE_END = /(?:necessary|appropriate|indicated|supported|warranted|recommended|certified)\s*\.["')]?$/i;
export const ISSUES_LEAD_IN = /^The Final Determination was based on decisions for the disputed items\/services set forth below:?$/i;

function decisionOf(word: string): Decision {
  return word.toLowerCase() === 'upheld' ? 'Upheld' : 'Overturned';
}

export interface DecisionLine {
  /** Index of the line holding the decision word. */
  at: number;
  /** First and last line of the request. */
  from: number;
  to: number;
  /** The last line's text without ": Upheld". */
  lastText: string;
  decision: Decision;
}

/** True when the line ends in "Upheld" or "Overturned" in any case, maybe with a full stop. */
function endsWithDecisionWord(line: string): boolean {
  const end = line.endsWith('.') ? line.length - 1 : line.length;
  const c = line.charCodeAt(end - 1);
  if (c !== 100 /* d */ && c !== 68 /* D */) return false;
  return line.slice(Math.max(0, end - 6), end).toLowerCase() === 'upheld' || line.slice(Math.max(0, end - 10), end).toLowerCase() === 'overturned';
}

export function findDecisionLines(lines: readonly string[]): DecisionLine[] {
  const found: DecisionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === BREAK) continue;
    // Cheap test first: a decision line ends with its decision word (the patterns below backtrack
    // through every line they are tried on).
    if (!endsWithDecisionWord(line) || LABEL.test(line)) continue;
    let m = DECISION_AT_END.exec(line);
    if (m) {
      found.push({ at: i, from: i, to: i, lastText: m[1], decision: decisionOf(m[2]) });
      continue;
    }
    m = DECISION_ALONE.exec(line);
    if (m && i > 0 && /:$/.test(lines[i - 1]) && !LABEL.test(lines[i - 1])) {
      found.push({ at: i, from: i - 1, to: i - 1, lastText: lines[i - 1].replace(/\s*:$/, ''), decision: decisionOf(m[1]) });
    }
  }
  // A request wraps backwards to the start of its paragraph (never into the previous item's rationale).
  for (let k = 0; k < found.length; k++) {
    const d = found[k];
    const floor = k > 0 ? found[k - 1].at + 1 : 0;
    let from = d.to;
    while (from - 1 >= floor) {
      const prev = lines[from - 1];
      if (prev === BREAK || LABEL.test(prev) || RATIONALE_END.test(prev) || ISSUES_LEAD_IN.test(prev)) break;
      from--;
    }
    d.from = from;
  }
  return found;
}

export function requestText(lines: readonly string[], d: DecisionLine): string {
  const parts = lines.slice(d.from, d.to).filter((l) => l !== BREAK);
  parts.push(d.lastText);
  // "The original request, X is: Upheld": the verb belongs to the sentence, not to the request.
  return joinLines(parts).replace(/,?\s+(?:is|are)$/i, '');
}

/** A warning when a decision stands inside a line (a decision line merged with the next): that item was not read. */
export function mergedDecisions(lines: readonly string[], decisions: readonly DecisionLine[]): string[] {
  const n = decisionsInsideLines(lines, new Set(decisions.map((d) => d.at)));
  return n === 0 ? [] : [`${n} decision(s) ("…: Upheld" / "…: Overturned") stand inside a line, not at its end: the item(s) were not read; check the letter's line breaks`];
}
