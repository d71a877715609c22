import { z } from 'zod';
import { ImrError } from '../../errors/imr-error.js';
import { citationSchema, decisionSchema } from '../../letters/model.js';
import { parseCitation } from '../../letters/read/index.js';
import { isoDateSchema } from '../../shared/iso-date.js';
import { transition, type CaseStatus, type ImrApplication } from '../domain/index.js';
import type { Stores, Services } from './services.js';
import type { User } from '../store/users.store.js';
import type { CaseRow } from '../store/tables.js';
import { deadlinesFor, toItemView, type ItemView } from './case-view.js';
import { draftCaseItems } from './case-drafting.js';
import type { StoredItemDraft } from './draft-engine.js';

const DECIDABLE: CaseStatus[] = ['assigned', 'records_received', 'in_review'];

/** A citation as structured data, or as the line a letter would print (parsed by the letter reader). */
export const citationInputSchema = z.union([
  citationSchema,
  z.string().trim().min(1).max(2000).transform((line) => parseCitation(line)),
], { error: 'give a Citation object ({ source, raw, … } as in a letter) or the guideline line as text, e.g. "MTUS Chronic Pain Medical Treatment Guidelines, pages 74-96"' }).describe('A Citation object, or the guideline line as text ("MTUS Chronic Pain Medical Treatment Guidelines, Opioids, pages 74-96")');

export const itemDecisionInputSchema = z.object({
  /** The item's version as last read: a stale version is answered with 409 IMR_ERR_CONFLICT. */
  version: z.number().int().min(1),
  decision: decisionSchema,
  citation: citationInputSchema,
  rationale: z.string().trim().min(1, 'must not be empty').max(50_000),
});
export type ItemDecisionInput = z.infer<typeof itemDecisionInputSchema>;

/** Moves an assigned case to "in_review" (the reviewer started deciding), tolerating a concurrent move. */
async function ensureInReview(stores: Stores, row: CaseRow, now: Date): Promise<void> {
  if (row.status === 'in_review') return;
  const to = transition(row.status as CaseStatus, 'in_review');
  await stores.cases.update(row.id, row.version, { status: to }, now);
}

/** The assigned reviewer sets one item's decision, citation and rationale (optimistic locking). */
export async function decideItem(services: Services, actor: User, caseId: string, itemId: string, input: ItemDecisionInput): Promise<ItemView> {
  const now = services.now();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    if (!DECIDABLE.includes(row.status as CaseStatus)) {
      const hint = row.status === 'letter_issued' ? ' The letter is issued: issue a correction instead.' : '';
      throw new ImrError(row.status === 'letter_issued' ? 'IMR_ERR_LETTER_IMMUTABLE' : 'IMR_ERR_INVALID_TRANSITION', `Items can be decided only while the case is assigned or in review; it is "${row.status}".${hint}`, { subject: caseId });
    }
    const before = await stores.cases.item(caseId, itemId);
    const version = await stores.cases.updateItem(caseId, itemId, input.version, {
      decision: input.decision,
      citation: JSON.stringify(input.citation),
      rationale: input.rationale,
      updated_by: actor.id,
    }, now);
    await ensureInReview(stores, row, now);
    const after = await stores.cases.item(caseId, itemId);
    const changed: Record<string, unknown> = { itemId, version: { from: input.version, to: version } };
    if (before.decision !== input.decision) changed.decision = { from: before.decision, to: input.decision };
    // The guideline family only: the citation line is typed text, and the item row keeps it.
    if (before.citation !== after.citation) changed.citation = { from: before.citation ? (JSON.parse(before.citation) as { source?: string }).source ?? null : null, to: input.citation.source, itemId, field: 'citation' };
    if (before.rationale !== input.rationale) changed.rationale = { fromLength: before.rationale?.length ?? 0, toLength: input.rationale.length };
    await stores.audit.record(actor, 'case.item_decision', caseId, changed, now);
    return toItemView(after, JSON.parse(row.application) as ImrApplication);
  });
}

export const recordsInputSchema = z.object({ receivedOn: isoDateSchema.optional() });

/** The medical records arrived: "assigned" → "records_received"; the determination deadline is recounted. */
export async function recordsReceived(services: Services, actor: User, caseId: string, receivedOn?: string): Promise<void> {
  const now = services.now();
  const on = receivedOn ?? services.today();
  await services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const to = transition(row.status as CaseStatus, 'records_received');
    if (row.assigned_on && on < row.assigned_on) {
      throw new ImrError('IMR_ERR_VALIDATION', 'Records cannot arrive before the case was assigned; correct the date.', { details: [{ path: 'receivedOn', message: `must be on or after ${row.assigned_on}` }] });
    }
    const app = JSON.parse(row.application) as ImrApplication;
    await stores.cases.update(row.id, row.version, { status: to, records_received_on: on, deadlines: JSON.stringify(deadlinesFor(app, { ...row, records_received_on: on })) }, now);
    await stores.audit.record(actor, 'case.records_received', caseId, { status: { from: row.status, to }, recordsReceivedOn: on }, now);
  });
}

export const closeInputSchema = z.object({
  status: z.enum(['withdrawn', 'terminated']),
  reason: z.string().trim().min(1).max(2000),
});

/** The worker withdraws, or the IMR is terminated (treatment authorized): an end state. */
export async function closeCase(services: Services, actor: User, caseId: string, to: 'withdrawn' | 'terminated', reason: string): Promise<CaseStatus> {
  const now = services.now();
  return services.tx(async (stores) => {
    const row = await stores.cases.getOrThrow(caseId);
    const status = transition(row.status as CaseStatus, to);
    await stores.cases.update(row.id, row.version, { status, close_reason: reason }, now);
    const current = (await stores.cases.assignments(caseId)).find((a) => a.ended_at === null);
    if (current) await stores.cases.endAssignment(current.id, `case ${status}`, now);
    // The reason is free text (it may name the patient): the case row keeps it, the audit row points there.
    await stores.audit.record(actor, `case.${to === 'withdrawn' ? 'withdraw' : 'terminate'}`, caseId, { status: { from: row.status, to: status }, reason: { caseId, field: 'close_reason' } }, now);
    return status;
  });
}

/**
 * Runs the engine again for one item (e.g. after the records arrived) and stores the new draft, with
 * what it read. The draft is the engine's, not the reviewer's decision: it does not bump the item's
 * version, so a reviewer's edit in progress stays valid.
 */
export async function redraftItem(services: Services, actor: User, caseId: string, itemId: string): Promise<StoredItemDraft> {
  if (!services.engine) throw new ImrError('IMR_ERR_GUIDELINE_NOT_FOUND', 'No decision engine is configured on this server; decide the item without a draft.');
  const row = await services.cases.getOrThrow(caseId);
  if (!DECIDABLE.includes(row.status as CaseStatus)) throw new ImrError('IMR_ERR_INVALID_TRANSITION', `Items are drafted only while the case is assigned or in review; it is "${row.status}".`, { subject: caseId });
  const items = await services.cases.items(caseId);
  if (!items.some((i) => i.id === itemId)) throw new ImrError('IMR_ERR_NOT_FOUND', 'The case has no item with this id; read the case to see its item ids.', { subject: itemId });
  const { drafts } = await draftCaseItems(services, row, items, { throwOnFailure: true });
  const draft = drafts.get(itemId);
  if (!draft) throw new ImrError('IMR_ERR_INTERNAL', 'The engine returned no draft for this item; decide it without a draft, or retry.', { subject: itemId });
  await services.cases.setDraft(caseId, itemId, JSON.stringify(draft));
  await services.audit.record(actor, 'case.item_redraft', caseId, { itemId, decision: draft.decision, topicId: draft.topicId }, services.now());
  return draft;
}
