/**
 * A reviewer's assignment history, rebuilt from the audit log: "case.assign" entries (detail
 * `reviewerId`) and "case.recuse" entries (detail `reviewerId: { from, to }`, `reason`). Pure.
 */

/** One assignment of a reviewer as the registry screen lists it (rebuilt here, not answered by the server). */
export interface ReviewerAssignmentView {
  id: string;
  caseId: string;
  caseNumber?: string;
  /** The case's status while it is still this reviewer's. */
  status?: string;
  assignedOn: string;
  endedAt: string | null;
  endReason: string | null;
}

export interface AuditEntryLike {
  id: string;
  at: string;
  caseId: string | null;
  detail: Record<string, unknown>;
}

export function assignmentHistory(
  reviewerId: string,
  assigns: readonly AuditEntryLike[],
  recusals: readonly AuditEntryLike[],
  currentCases: ReadonlyArray<{ id: string; caseNumber: string; status: string }>,
): ReviewerAssignmentView[] {
  const byId = new Map(currentCases.map((c) => [c.id, c]));
  const start = (e: AuditEntryLike & { caseId: string }): ReviewerAssignmentView => ({
    id: e.id,
    caseId: e.caseId,
    caseNumber: byId.get(e.caseId)?.caseNumber,
    status: byId.get(e.caseId)?.status,
    assignedOn: e.at.slice(0, 10),
    endedAt: null,
    endReason: null,
  });
  const out: ReviewerAssignmentView[] = [];
  for (const e of assigns) if (e.caseId && e.detail.reviewerId === reviewerId) out.push(start({ ...e, caseId: e.caseId }));
  // Oldest recusal first, so a reviewer assigned, recused, and assigned again pairs up correctly.
  for (const e of [...recusals].sort((a, b) => a.at.localeCompare(b.at))) {
    const d = e.detail.reviewerId as { from?: string; to?: string } | undefined;
    if (!e.caseId || !d) continue;
    if (d.from === reviewerId) {
      const open = out.find((a) => a.caseId === e.caseId && a.endedAt === null && a.assignedOn <= e.at.slice(0, 10));
      if (open) {
        open.endedAt = e.at;
        open.endReason = typeof e.detail.reason === 'string' ? `Recused: ${e.detail.reason}` : 'Recused';
        // The case is someone else's now: its current status is not this reviewer's to show.
        open.status = undefined;
      }
    }
    if (d.to === reviewerId) out.push(start({ ...e, caseId: e.caseId }));
  }
  return out.sort((a, b) => b.assignedOn.localeCompare(a.assignedOn) || (a.endedAt === null ? -1 : 1));
}
