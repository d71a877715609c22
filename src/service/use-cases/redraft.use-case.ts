import type { CaseStatus } from '../domain/index.js';
import type { User } from '../store/users.store.js';
import { draftCaseItems } from './case-drafting.js';
import { storedDraft } from './draft-engine.js';
import { parseJson } from '../store/tables.js';
import type { Services } from './services.js';

/** The statuses in which the reviewer works on drafts (assigned, records in, in review). */
export const DRAFTING_STATUSES: readonly CaseStatus[] = ['assigned', 'records_received', 'in_review'];

interface RedraftResult {
  /** Items whose draft was replaced (no reviewer decision). */
  redrafted: string[];
  /** Items the reviewer had decided: their decision and draft were left alone. */
  kept: string[];
  /** The engine's error code when drafting failed (nothing was stored). */
  failure: string | null;
  /** Why nothing was drafted ('no_engine', 'not_in_review', 'all_decided'), else null. */
  skipped: 'no_engine' | 'not_in_review' | 'all_decided' | null;
}

/**
 * The record changed (a document arrived): the engine drafts the case again from the whole record and
 * the new draft replaces that of every item the reviewer has not decided. A decided item keeps its
 * decision, citation, rationale, version and draft. The item versions stay (a draft is the engine's,
 * not the reviewer's), so an edit in progress stays valid. Audited as `case.redraft` (codes and ids only).
 */
async function redraftUndecided(services: Services, actor: User | null, caseId: string, trigger: string): Promise<RedraftResult> {
  const none = (skipped: RedraftResult['skipped']): RedraftResult => ({ redrafted: [], kept: [], failure: null, skipped });
  if (!services.engine) return none('no_engine');
  const row = await services.cases.getOrThrow(caseId);
  if (!DRAFTING_STATUSES.includes(row.status as CaseStatus)) return none('not_in_review');
  const items = await services.cases.items(caseId);
  if (items.every((i) => i.decision !== null)) return none('all_decided');
  const { drafts, failure, sources } = await draftCaseItems(services, row, items);
  const now = services.now();
  if (failure) {
    await services.audit.record(actor, 'case.redraft', caseId, { trigger, draftingFailed: failure }, now);
    return { redrafted: [], kept: [], failure, skipped: null };
  }
  const redrafted: string[] = [];
  const kept: string[] = [];
  const changed: Array<{ itemId: string; from: string | null; to: string }> = [];
  for (const item of items) {
    const d = drafts.get(item.id);
    if (!d) continue;
    // Stored only while undecided, checked in the same statement: a decision saved meanwhile wins.
    if (item.decision === null && (await services.cases.setDraftIfUndecided(caseId, item.id, JSON.stringify(d)))) {
      redrafted.push(item.id);
      const before = storedDraft(parseJson<unknown>(item.draft, null));
      const outcome = (x: { decision: string; needsReviewer: boolean } | null) => (x ? (x.needsReviewer ? 'NeedsReviewer' : x.decision) : null);
      if (outcome(before) !== outcome(d)) changed.push({ itemId: item.id, from: outcome(before), to: outcome(d)! });
    } else kept.push(item.id);
  }
  await services.audit.record(actor, 'case.redraft', caseId, {
    trigger,
    redrafted,
    kept,
    outcomes: changed,
    read: sources?.read.map((r) => r.documentId) ?? [],
    notRead: sources?.notRead.map((r) => ({ documentId: r.documentId, reason: r.reason })) ?? [],
  }, now);
  return { redrafted, kept, failure: null, skipped: null };
}

/**
 * Schedules `redraftUndecided` after the caller's change is stored, in the background (see
 * BackgroundJobs): the caller does not wait for it and never fails because of it; a failure is
 * audited (drafting) or logged (code only, no case text).
 */
export function scheduleRedraft(services: Services, actor: User | null, caseId: string, trigger: string): Promise<void> {
  return services.background.run(caseId, 'redraft', async () => {
    const r = await redraftUndecided(services, actor, caseId, trigger);
    if (r.failure) services.background.warn({ job: 'redraft', key: caseId, code: r.failure });
  });
}
