import type { LetterRemand } from '../../letters/model.js';
import { remandExclusions } from '../domain/appeal.js';
import type { AppealRow } from '../store/appeals.store.js';
import type { Stores } from './services.js';

/**
 * What a remand's new case takes from the case it replaces, read where assignment and signing
 * need it (kept apart from appeal.use-case.ts, which itself assigns, so neither imports the other
 * in a circle).
 */

/** The appeals whose remands led to `caseId`, nearest first (empty for a case that is not a remand). */
async function remandChain(stores: Pick<Stores, 'appeals'>, caseId: string): Promise<AppealRow[]> {
  const chain: AppealRow[] = [];
  let id = caseId;
  // A chain is a few remands long at most; the bound only guards against a corrupted loop.
  for (let depth = 0; depth < 50; depth++) {
    const a = await stores.appeals.remandOf(id);
    if (!a || chain.some((c) => c.id === a.id)) break;
    chain.push(a);
    id = a.case_id;
  }
  return chain;
}

/** Reviewers who had any case the remand follows: excluded from its assignment and from an override (LC 4610.6(i)). */
export async function remandExcludedReviewers(stores: Pick<Stores, 'appeals' | 'cases'>, caseId: string): Promise<string[]> {
  const chain = await remandChain(stores, caseId);
  const lists = [];
  for (const a of chain) lists.push({ reviewerIds: (await stores.cases.assignments(a.case_id)).map((x) => x.reviewer_id) });
  return remandExclusions(lists);
}

/** What the letter of a remand case says about the remand (`{}` for any other case). */
export async function letterRemandOf(stores: Pick<Stores, 'appeals' | 'cases'>, caseId: string): Promise<{ remand?: LetterRemand }> {
  const a = await stores.appeals.remandOf(caseId);
  if (!a?.outcome_on) return {};
  const original = await stores.cases.getOrThrow(a.case_id);
  return { remand: { originalCaseNumber: original.case_number, orderedOn: a.outcome_on } };
}
