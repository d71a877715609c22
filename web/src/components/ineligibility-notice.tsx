import { useState } from 'react';
import { operationsApi } from '../api/operations.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { useBusy } from '../lib/use-busy.js';
import { formatDate, formatDatesInText } from '../lib/format.js';
import { ErrorBox, Loading, Notice } from './feedback.js';
import { ReasonDialog } from './reason-dialog.js';


/**
 * An ineligible case: the notice of ineligibility sent to the parties (each reason with its
 * source, the right to appeal), in place of any decision editor; staff may find the case
 * eligible for good cause, with a reason.
 */
export function IneligibilityNoticePanel({ caseId, canOverride, onChanged }: { caseId: string; canOverride: boolean; onChanged(): void }) {
  const n = useQuery({ queryKey: queryKeys.ineligibilityNotice(caseId), queryFn: () => operationsApi.ineligibilityNotice(caseId) });
  const [overriding, setOverriding] = useState(false);
  const { busy, error, run } = useBusy();
  if (n.error !== null && !n.data) return <ErrorBox error={n.error} title="The notice of ineligibility could not be loaded." onRetry={() => void n.refetch()} />;
  if (!n.data) return <Loading label="Loading the notice of ineligibility…" />;
  const notice = n.data.notice;
  return (
    <section className="panel" aria-labelledby="notice-title" data-testid="ineligibility-notice">
      <h2 id="notice-title">{notice.title}</h2>
      <p className="muted small">
        Sent to the parties on {formatDate(notice.issuedOn)}: {notice.recipients.map((r) => `${r.name} (${r.role.toLowerCase()})`).join(', ')}. No review of medical necessity takes place, so there is no decision to edit.
      </p>
      <h3>Disputed treatment</h3>
      <ol className="small">
        {notice.disputedItems.map((d, i) => (
          <li key={i}>{d}</li>
        ))}
      </ol>
      <h3>Why the application is ineligible</h3>
      <ol>
        {notice.reasons.map((r) => (
          <li key={r.rule}>
            <p>{formatDatesInText(r.message)}</p>
            <p className="muted small" style={{ overflowWrap: 'anywhere' }}>Source: {r.source}</p>
          </li>
        ))}
      </ol>
      <h3>Right to appeal</h3>
      <p className="small">{notice.appeal.text}</p>
      <p className="muted small" style={{ overflowWrap: 'anywhere' }}>Source: {notice.appeal.source}</p>
      <div className="actions">
        <a className="button" href={operationsApi.ineligibilityNoticeUrl(caseId, 'html')} target="_blank" rel="noopener">
          Open the notice
        </a>
        <a className="button" href={operationsApi.ineligibilityNoticeUrl(caseId, 'txt')} target="_blank" rel="noopener">
          Plain text
        </a>
        <a className="button" href={operationsApi.ineligibilityNoticeUrl(caseId, 'pdf')} download>
          PDF
        </a>
        {canOverride && (
          <button type="button" disabled={!!busy} onClick={() => setOverriding(true)}>
            Find eligible for good cause…
          </button>
        )}
      </div>
      {busy && <Notice kind="info">{busy}</Notice>}
      {error !== null && <ErrorBox error={error} title="The case was not found eligible." />}
      <ReasonDialog
        open={overriding}
        title="Find this case eligible for good cause?"
        confirmLabel="Find eligible and continue"
        onClose={() => setOverriding(false)}
        onConfirm={(reason) => {
          setOverriding(false);
          void run('Finding the case eligible…', async () => {
            await operationsApi.overrideIneligibility(caseId, reason);
            onChanged();
          });
        }}
      >
        <p>The case goes back to eligibility screening, found eligible today, and a reviewer can be assigned. The notice stays on record, marked overridden.</p>
      </ReasonDialog>
    </section>
  );
}
