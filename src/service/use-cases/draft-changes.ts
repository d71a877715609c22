import type { StoredItemDraft } from './draft-engine.js';

/**
 * What a redraft changed, for the reviewer who looked at the earlier draft: the outcome, each
 * criterion's status, the documentation gaps, and the documents read. Pure.
 */
export interface DraftChange {
  /** When the earlier draft was made (null where it did not record it). */
  previousDraftedAt: string | null;
  /** The outcome as the reviewer sees it: Upheld, Overturned or NeedsReviewer. */
  outcome: { from: string; to: string } | null;
  criteria: Array<{ id: string; statement: string; from: string | null; to: string | null }>;
  gapsAdded: string[];
  gapsRemoved: string[];
  /** Document ids read now and not before. */
  documentsAdded: string[];
}

/** The outcome a reviewer sees on a draft's chip. */
function draftOutcome(d: Pick<StoredItemDraft, 'decision' | 'needsReviewer'>): string {
  return d.needsReviewer ? 'NeedsReviewer' : d.decision;
}

/** The change from `previous` to `current`, or null when nothing a reviewer reads changed. */
export function draftChange(previous: StoredItemDraft | null, current: StoredItemDraft | null): DraftChange | null {
  if (!previous || !current) return null;
  const from = draftOutcome(previous);
  const to = draftOutcome(current);
  const before = new Map(previous.criteria.map((c) => [c.id, c]));
  const after = new Map(current.criteria.map((c) => [c.id, c]));
  const criteria: DraftChange['criteria'] = [];
  for (const c of current.criteria) {
    const was = before.get(c.id)?.status ?? null;
    if (was !== c.status) criteria.push({ id: c.id, statement: c.statement, from: was, to: c.status });
  }
  for (const c of previous.criteria) if (!after.has(c.id)) criteria.push({ id: c.id, statement: c.statement, from: c.status, to: null });
  const gapsBefore = new Set(previous.documentationGaps);
  const gapsAfter = new Set(current.documentationGaps);
  const readBefore = new Set(previous.sources?.read.map((r) => r.documentId) ?? []);
  const change: DraftChange = {
    previousDraftedAt: previous.sources?.draftedAt ?? null,
    outcome: from === to ? null : { from, to },
    criteria,
    gapsAdded: current.documentationGaps.filter((g) => !gapsBefore.has(g)),
    gapsRemoved: previous.documentationGaps.filter((g) => !gapsAfter.has(g)),
    documentsAdded: (current.sources?.read ?? []).map((r) => r.documentId).filter((id) => !readBefore.has(id)),
  };
  const nothing = !change.outcome && !criteria.length && !change.gapsAdded.length && !change.gapsRemoved.length && !change.documentsAdded.length;
  return nothing ? null : change;
}
