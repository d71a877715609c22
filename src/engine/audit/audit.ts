import type { Citation, CitationSource, Decision, Letter } from '../../letters/model.js';
import type { KnowledgeBase } from '../knowledge-base/knowledge-base.js';
import { findDates } from '../facts/dates.js';
import type { CaseFile } from '../case-file.js';
import { evaluatePrepared, prepareCase, type EngineReaders } from '../evaluate/evaluate.js';
import type { ItemDecision } from '../evaluate/types.js';
import { qualityReport, type QualityOptions, type QualityReport, type ScoredItem } from '../calibration/metrics.js';
import { qualityIntervals, type QualityIntervals } from '../calibration/bootstrap.js';

/**
 * Auditing a published letter: decide each of its items again, blind to the letter's decisions
 * and rationales (only the clinical summary, the requests and the dates are read), then compare.
 */

/** The case a letter presents, without its decisions: worker, dates, clinical summary, requests. */
export function caseFromLetter(letter: Letter): CaseFile {
  const urDate = letter.urDecisionDate ?? letter.header?.urDenialDate ?? null;
  return {
    caseNumber: letter.header?.caseNumber ?? null,
    worker: { age: letter.worker.age, sex: letter.worker.sex, injuryDate: letter.worker.injuryDate ?? letter.header?.injuryDate ?? null },
    urDecisionDate: urDate,
    asOf: urDate ? null : letter.header?.applicationReceived ?? letter.header?.dateAssigned ?? latestDate(letter.clinicalSummary, letter.header?.decisionDate ?? null),
    clinicalSummary: letter.clinicalSummary || '(no clinical summary)',
    documents: [],
    items: letter.items.map((i) => ({ request: i.request })),
  };
}

/** The latest full date the text mentions (not after `notAfter` when given), or null. */
export function latestDate(text: string, notAfter: string | null): string | null {
  let best: string | null = null;
  for (const d of findDates(text)) {
    if (d.precision !== 'day') continue;
    if (notAfter && d.value > notAfter) continue;
    if (best === null || d.value > best) best = d.value;
  }
  return best;
}

interface AuditItem {
  request: string;
  letter: { decision: Decision; citation: Citation };
  engine: ItemDecision;
  agree: { decision: boolean; citationFamily: boolean; pages: boolean | null };
}

export interface AuditLetterResult {
  file: string;
  items: AuditItem[];
}

export interface AuditSummary {
  letters: number;
  items: number;
  decisionAgreement: number;
  /** Share of the letters' Overturned items the engine also overturned (null where there are none). */
  overturnedRecall: number | null;
  /** Share of the engine's Overturned items the letters also overturned (null where there are none). */
  overturnedPrecision: number | null;
  citationFamilyAgreement: number;
  /** Among items whose letter cites pages: share where the engine cites at least one of them. */
  pageAgreement: number | null;
  /** Counts behind the figures. */
  counts: { overturnedInLetters: number; overturnedByEngine: number; overturnedBoth: number; itemsWithPages: number; pagesAgree: number; errors: number };
  /** Citation families: letter family → engine family → count, where they disagree. */
  familyConfusion: Record<string, Record<string, number>>;
  /**
   * What a quality lead needs: agreement with its 95% interval over letters beside always-Upheld,
   * balanced accuracy, AUC and Brier of pOverturn, the unflagged share and its accuracy, the share of
   * Overturned items caught; overall and by category.
   */
  quality: QualityReport;
  /** The overall figures with 95% intervals over letters (not per category: too few letters each). */
  intervals: QualityIntervals;
}

/** The audited items as the metrics see them (the letter is its file). */
export function scoredItems(results: readonly AuditLetterResult[]): ScoredItem[] {
  return results.flatMap((r) =>
    r.items.map((i) => ({ letter: r.file, category: i.engine.category, actual: i.letter.decision, lean: i.engine.decision, pOverturn: i.engine.pOverturn, needsReviewer: i.engine.needsReviewer })),
  );
}

function pagesAgree(letter: Citation, engine: Citation): boolean | null {
  if (letter.pages.length === 0) return null;
  return engine.pages.some((p) => letter.pages.includes(p));
}

/** Decides a letter's items blind and compares them with the letter's. */
export function auditLetter(file: string, letter: Letter, kb: KnowledgeBase, readers: EngineReaders): AuditLetterResult {
  const prepared = prepareCase(caseFromLetter(letter), readers);
  return {
    file,
    items: letter.items.map((li, i) => {
      const engine = evaluatePrepared(prepared, i, kb);
      return {
        request: li.request,
        letter: { decision: li.decision, citation: li.reviewerGuideline },
        engine,
        agree: {
          decision: engine.decision === li.decision,
          citationFamily: engine.citation.source === li.reviewerGuideline.source,
          pages: pagesAgree(li.reviewerGuideline, engine.citation),
        },
      };
    }),
  };
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 1000);

/** The agreement figures over audited letters. */
export function summariseAudit(results: AuditLetterResult[], errors = 0, opts: QualityOptions = {}): AuditSummary {
  const items = results.flatMap((r) => r.items);
  const inLetters = items.filter((i) => i.letter.decision === 'Overturned');
  const byEngine = items.filter((i) => i.engine.decision === 'Overturned');
  const both = items.filter((i) => i.letter.decision === 'Overturned' && i.engine.decision === 'Overturned');
  const withPages = items.filter((i) => i.agree.pages !== null);
  const confusion: Record<string, Record<string, number>> = {};
  for (const i of items) {
    if (i.agree.citationFamily) continue;
    const l: CitationSource = i.letter.citation.source;
    confusion[l] ??= {};
    confusion[l][i.engine.citation.source] = (confusion[l][i.engine.citation.source] ?? 0) + 1;
  }
  return {
    letters: results.length,
    items: items.length,
    decisionAgreement: ratio(items.filter((i) => i.agree.decision).length, items.length) ?? 0,
    overturnedRecall: ratio(both.length, inLetters.length),
    overturnedPrecision: ratio(both.length, byEngine.length),
    citationFamilyAgreement: ratio(items.filter((i) => i.agree.citationFamily).length, items.length) ?? 0,
    pageAgreement: ratio(withPages.filter((i) => i.agree.pages).length, withPages.length),
    counts: {
      overturnedInLetters: inLetters.length,
      overturnedByEngine: byEngine.length,
      overturnedBoth: both.length,
      itemsWithPages: withPages.length,
      pagesAgree: withPages.filter((i) => i.agree.pages).length,
      errors,
    },
    familyConfusion: confusion,
    quality: qualityReport(scoredItems(results), opts),
    intervals: qualityIntervals(scoredItems(results), { resamples: opts.resamples, seed: opts.seed }),
  };
}
