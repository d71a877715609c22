/** The functional-improvement summary: status of a set of statements, per treatment, and their conflicts. */
import type { CaseFacts, Conflict, ImprovementStatement } from './case-facts.js';
import type { TreatmentCategory } from '../request/normalised-request.js';

function compatible(a: ImprovementStatement, b: ImprovementStatement): boolean {
  const sameTreatment = a.category === b.category || a.category === null || b.category === null;
  const sameAspect = a.aspect === b.aspect || a.aspect === 'unspecified' || b.aspect === 'unspecified';
  return sameTreatment && sameAspect;
}

export function improvementConflicts(statements: ImprovementStatement[]): Conflict[] {
  const out: Conflict[] = [];
  const pos = statements.filter((s) => s.polarity === 'improved');
  const neg = statements.filter((s) => s.polarity === 'not_improved');
  const seen = new Set<string>();
  for (const p of pos) {
    for (const n of neg) {
      if (!compatible(p, n) || p.evidence.start === n.evidence.start) continue;
      const key = `${p.category ?? n.category ?? ''}:${p.aspect === 'unspecified' ? n.aspect : p.aspect}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ topic: 'functional_improvement', evidence: [p.evidence, n.evidence] });
    }
  }
  return out;
}

/**
 * The overall status of a set of statements: function statements count before pain-only ones;
 * both polarities about the same treatment and aspect are a conflict.
 */
export function improvementStatus(statements: ImprovementStatement[]): CaseFacts['functionalImprovement']['status'] {
  if (statements.length === 0) return 'not_stated';
  const fn = statements.filter((s) => s.aspect !== 'pain');
  const relevant = fn.length > 0 ? fn : statements;
  const pos = relevant.some((s) => s.polarity === 'improved');
  const neg = relevant.some((s) => s.polarity === 'not_improved');
  if (pos && neg) return improvementConflicts(relevant).length > 0 ? 'conflicting' : 'documented';
  return pos ? 'documented' : 'absent';
}

/**
 * The improvement status for one treatment category: statements naming that category, plus those
 * naming no treatment; 'not_stated' when none.
 */
export function improvementFor(summary: CaseFacts['functionalImprovement'], category: TreatmentCategory): CaseFacts['functionalImprovement'] {
  const named = summary.statements.filter((s) => s.category === category);
  const statements = named.length > 0 ? named : summary.statements.filter((s) => s.category === null);
  return { status: improvementStatus(statements), statements };
}

