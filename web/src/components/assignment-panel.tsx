import { useState } from 'react';
import { operationsApi, type AssignmentDetail, type ReviewerCandidate } from '../api/operations.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { useBusy } from '../lib/use-busy.js';
import { ErrorBox, Loading, Notice } from './feedback.js';
import { formatDate } from '../lib/format.js';

const REASSIGNABLE = ['assigned', 'records_received', 'in_review'];

function specialtyOf(r: { specialty: string; subspecialty: string | null }): string {
  return r.subspecialty ? `${r.specialty}, ${r.subspecialty}` : r.specialty;
}

/** What a candidate is, in one option line: name, specialty, load, and why not or what to weigh. */
function candidateLabel(c: ReviewerCandidate): string {
  const parts = [c.name, specialtyOf(c), `${c.load}/${c.capacity} open`];
  if (c.refusals.length) parts.push(`cannot take it: ${c.refusals.join('; ')}`);
  else if (c.unfitted.length) parts.push(`does not fit: ${c.unfitted.join(', ')}`);
  return parts.join(' · ');
}

function Warnings({ warnings, title }: { warnings: string[]; title: string }) {
  if (!warnings.length) return null;
  return (
    <div data-testid="assignment-warning">
      <Notice kind="warn" title={title}>
        <ul>
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </Notice>
    </div>
  );
}

/**
 * Intake's and admin's view of the case's assignment: who the reviewer is (identity stays inside
 * the IMRO: never shown to parties or in letters), why they were chosen, a warning when their
 * specialty does not fit every disputed item, and the override of the automatic choice.
 */
export function AssignmentPanel({ caseId, status }: { caseId: string; status: string }) {
  const queryClient = useQueryClient();
  const a = useQuery({ queryKey: queryKeys.caseAssignment(caseId), queryFn: () => operationsApi.assignment(caseId) });
  const [overriding, setOverriding] = useState(false);
  if (a.error !== null && !a.data) return <ErrorBox error={a.error} title="The assignment could not be loaded." onRetry={() => void a.refetch()} />;
  if (!a.data) return <Loading label="Loading the assignment…" />;
  const current = a.data.current;
  if (!current) return null;
  const earlier = a.data.history.filter((h) => h.id !== current.id);
  return (
    <div className="panel" aria-labelledby="assignment-title">
      <h2 id="assignment-title">Assignment</h2>
      <CurrentAssignment a={current} />
      {REASSIGNABLE.includes(status) &&
        (overriding ? (
          <OverrideForm
            caseId={caseId}
            candidates={a.data.candidates}
            onCancel={() => setOverriding(false)}
            onDone={() => {
              setOverriding(false);
              // The override changes the case (its reviewer and version) and its assignment: read both again.
              void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
            }}
          />
        ) : (
          <button type="button" onClick={() => setOverriding(true)}>
            Override…
          </button>
        ))}
      {earlier.length > 0 && (
        <details>
          <summary>Earlier assignments ({earlier.length})</summary>
          <ul className="small">
            {earlier.map((h) => (
              <li key={h.id}>
                {h.reviewer ? `${h.reviewer.name} (${specialtyOf(h.reviewer)})` : h.reviewerId}, from {formatDate(h.assignedOn)}
                {h.endReason ? ` · ended: ${h.endReason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function CurrentAssignment({ a }: { a: AssignmentDetail }) {
  return (
    <>
      <dl className="kv">
        <dt>Expert reviewer</dt>
        <dd data-testid="assigned-reviewer">
          {a.reviewer ? a.reviewer.name : a.reviewerId}
          {a.reviewer && <span className="muted"> ({specialtyOf(a.reviewer)})</span>}
        </dd>
        <dt>Chosen</dt>
        <dd>{a.chosenBy === 'override' ? 'by intake, overriding the automatic choice' : 'automatically'} · {formatDate(a.assignedOn)}</dd>
        {a.overrideReason && (
          <>
            <dt>Reason</dt>
            <dd data-testid="override-reason">{a.overrideReason}</dd>
          </>
        )}
      </dl>
      <p className="muted small">Identity confidential: never shown to the parties or in letters.</p>
      <Warnings warnings={a.warnings} title="Check this choice" />
      {a.reasons.length > 0 && (
        <details>
          <summary>Why this reviewer</summary>
          <ul className="small">
            {a.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function OverrideForm({ caseId, candidates, onCancel, onDone }: { caseId: string; candidates: ReviewerCandidate[]; onCancel(): void; onDone(): void }) {
  const others = candidates.filter((c) => !c.current);
  const [reviewerId, setReviewerId] = useState(others.find((c) => !c.refusals.length)?.id ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useBusy();
  const chosen = others.find((c) => c.id === reviewerId);
  const missing = tried && !reason.trim();
  return (
    <form
      className="override-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!reviewerId || !reason.trim()) return;
        void run('Assigning the reviewer…', async () => {
          await operationsApi.overrideAssignment(caseId, reviewerId, reason.trim());
          onDone();
        });
      }}
    >
      <div className="field">
        <label htmlFor="override-reviewer">Reviewer</label>
        <select id="override-reviewer" value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
          {others.map((c) => (
            <option key={c.id} value={c.id} disabled={c.refusals.length > 0}>
              {candidateLabel(c)}
            </option>
          ))}
        </select>
      </div>
      {chosen && <Warnings warnings={chosen.warnings} title="You may assign this reviewer, but check:" />}
      <div className="field">
        <label htmlFor="override-reason">Reason for the override *</label>
        <textarea id="override-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={missing} aria-describedby={missing ? 'override-reason-problem' : undefined} />
        {missing && (
          <div id="override-reason-problem" className="problem">
            Write why this reviewer; it is kept with the assignment.
          </div>
        )}
      </div>
      {error !== null && <ErrorBox error={error} title="The reviewer was not assigned." />}
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={!!busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!!busy || !reviewerId}>
          Assign this reviewer
        </button>
      </div>
    </form>
  );
}
