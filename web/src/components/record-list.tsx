import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { RecordView } from '../api/types.js';
import { ErrorBox } from './feedback.js';
import { Link } from '../router.js';
import { documentViewerPath } from '../lib/document-viewer.js';

/**
 * The case's records, each listed once (as the letter's DOCUMENTS REVIEWED lists them): an upload
 * opens in its tab beside the items, or page by page in the document viewer; a withdrawn one stays listed, struck through with its reason. Staff may withdraw
 * a document filed by mistake, with a reason (kept and audited; no longer evidence).
 */
export function RecordList({ caseId, records, canWithdraw, onOpen, onChanged }: {
  caseId: string;
  records: RecordView[];
  canWithdraw: boolean;
  onOpen(documentId: string): void;
  onChanged(): void;
}) {
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (records.length === 0) return <p className="muted">No documents listed yet.</p>;
  const submit = async (documentId: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.withdrawDocument(caseId, documentId, reason.trim());
      setWithdrawing(null);
      setReason('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ul className="small record-list">
        {records.map((r) => (
          <li key={r.documentId ?? `listed:${r.label}`} data-withdrawn={r.withdrawn ? 'true' : undefined}>
            {r.documentId && !r.withdrawn ? (
              <button type="button" className="link" onClick={() => onOpen(r.documentId!)}>{r.label}</button>
            ) : (
              <span style={r.withdrawn ? { textDecoration: 'line-through' } : undefined}>{r.label}</span>
            )}
            {r.withdrawn && <span className="muted"> · withdrawn{r.withdrawn.reason ? `: ${r.withdrawn.reason}` : ''} (not evidence)</span>}
            {r.kind === 'ur_decision' && !r.withdrawn && <span className="muted"> · the claims administrator's reasoning, not evidence</span>}
            {r.documentId && (
              <>
                {' · '}
                <Link to={documentViewerPath(caseId, r.documentId)} aria-label={`View ${r.name} page by page`}>View</Link>
              </>
            )}
            {canWithdraw && r.documentId && !r.withdrawn && withdrawing !== r.documentId && (
              <>
                {' '}
                <button type="button" className="link small" onClick={() => { setWithdrawing(r.documentId); setReason(''); setError(null); }}>Withdraw…</button>
              </>
            )}
            {withdrawing === r.documentId && (
              <form className="row" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void submit(r.documentId!); }}>
                <div className="field">
                  <label htmlFor={`withdraw-${r.documentId}`}>Why is it withdrawn?</label>
                  <input id={`withdraw-${r.documentId}`} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} placeholder="Filed to the wrong case" />
                </div>
                <button type="submit" disabled={busy || !reason.trim()}>Withdraw document</button>
                <button type="button" className="link" onClick={() => setWithdrawing(null)}>Cancel</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {error !== null && <ErrorBox error={error} title="The document was not withdrawn." />}
    </>
  );
}
