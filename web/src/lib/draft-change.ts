/**
 * "Redrafted since you last looked": what a background redraft changed, said only to a reader who
 * saw the earlier draft (their last look is older than the new draft). Pure.
 */
import type { DraftChangeView } from '../api/types.js';

const OUTCOME: Record<string, string> = { Upheld: 'Upheld', Overturned: 'Overturned', NeedsReviewer: 'Needs your judgement' };
const STATUS: Record<string, string> = { met: 'met', not_met: 'not met', unknown: 'unknown', not_applicable: 'not applicable' };

const label = (s: string | null) => (s === null ? 'not checked' : (STATUS[s] ?? s));

/** The lines to show, or null when there is nothing new for this reader. */
export function draftChangeLines(change: DraftChangeView | null, draftedAt: string | null | undefined, lastSeenAt: string | null | undefined, documents: Array<{ id: string; name: string }>): string[] | null {
  if (!change || !draftedAt || !lastSeenAt || draftedAt <= lastSeenAt) return null;
  const lines: string[] = [];
  if (change.outcome) lines.push(`Outcome: ${OUTCOME[change.outcome.from] ?? change.outcome.from} → ${OUTCOME[change.outcome.to] ?? change.outcome.to}`);
  for (const c of change.criteria) lines.push(`${c.statement.replace(/[.\s]+$/, '')}: ${label(c.from)} → ${label(c.to)}`);
  for (const g of change.gapsRemoved) lines.push(`Gap closed: ${g}`);
  for (const g of change.gapsAdded) lines.push(`New gap: ${g}`);
  if (change.documentsAdded.length) {
    const names = change.documentsAdded.map((id) => documents.find((d) => d.id === id)?.name ?? 'a document no longer listed');
    lines.push(`Now also read: ${names.join(', ')}`);
  }
  return lines.length ? lines : null;
}
