import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import type { CaseView } from '../api/types.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Loading, Notice, ProgressLine } from '../components/feedback.js';
import { PublicationPanel } from '../components/publication-panel.js';
import { Link, useRouter } from '../router.js';
import { formatDate } from '../lib/format.js';

/** The issued letter: HTML preview, PDF download, and its versions (corrections). Read-only. */
export function LetterScreen({ caseId }: { caseId: string }) {
  const { me } = useAuth();
  const { search, navigate } = useRouter();
  const isParty = me?.role === 'party';
  const canCorrect = me?.role === 'admin' || me?.role === 'reviewer';
  const asked = Number(search.get('version') ?? '') || undefined;
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: queryKeys.caseLetters(caseId), queryFn: () => api.letterVersions(caseId) });
  // The case number for the title: parties read it from their letters list, staff from the case.
  const partyLetters = useQuery({ queryKey: queryKeys.letters, queryFn: () => api.letters(), enabled: isParty });
  const kase = useQuery({ queryKey: queryKeys.case(caseId), queryFn: () => api.getCase(caseId), enabled: !isParty });
  const caseNumber = isParty ? partyLetters.data?.find((l) => l.caseId === caseId)?.caseNumber : kase.data?.caseNumber;
  const letters = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const shown = asked ?? letters[0]?.version;
  // Read at once, beside the versions; not once the versions say no letter was issued.
  const html = useQuery({ queryKey: queryKeys.letterHtml(caseId, asked), queryFn: () => api.letterHtml(caseId, asked), enabled: !(versions.data && letters.length === 0) });
  const current = letters.find((l) => l.version === shown);
  const [correcting, setCorrecting] = useState(false);
  const setVersion = (v: number) => navigate(`/cases/${encodeURIComponent(caseId)}/letter?version=${v}`, { replace: true });

  const notIssued = (versions.data && letters.length === 0) || (versions.error instanceof ApiError && versions.error.status === 404);
  return (
    <section aria-labelledby="letter-title">
      <div className="page-head">
        <h1 id="letter-title">
          Final Determination letter{caseNumber ? <span className="mono"> · {caseNumber}</span> : null}
        </h1>
        {current && (
          <span className="chip status status-letter_issued">
            Version {current.version} · issued {formatDate(current.issuedOn)}
          </span>
        )}
        <div className="actions">
          {!isParty && (
            <Link className="button" to={`/cases/${encodeURIComponent(caseId)}`}>
              Back to the case
            </Link>
          )}
          {canCorrect && !notIssued && !correcting && (
            <button type="button" onClick={() => setCorrecting(true)}>
              Issue a correction…
            </button>
          )}
          {!notIssued && current && (
            <a className="button primary" href={api.letterPdfUrl(caseId, current.version)} download>
              Download PDF
            </a>
          )}
          {!notIssued && current && (
            <a className="button" href={api.mailedLetterPdfUrl(caseId, current.version)} download title="The letter as mailed to the parties: letterhead, addressees, claim number, appeal rights, then the determination">
              Mailed letter (PDF)
            </a>
          )}
        </div>
      </div>
      {notIssued && (
        <Notice kind="info" title="No letter has been issued for this case yet.">
          The letter is issued when the reviewer signs the determination. {isParty ? 'You will be able to read it here once it is issued.' : 'Open the case to finish the review.'}
        </Notice>
      )}
      {versions.error !== null && !notIssued && <ErrorBox error={versions.error} title={versions.error instanceof ApiError && versions.error.status === 403 ? 'You cannot open this letter.' : 'The letter could not be found.'} onRetry={() => void versions.refetch()} />}
      {/* One message when the letter is refused or missing: the preview's own error only when the versions loaded. */}
      {html.error !== null && versions.error === null && !notIssued && <ErrorBox error={html.error} title="The letter could not be shown." onRetry={() => void html.refetch()} />}
      {correcting && (
        <CorrectionForm
          caseId={caseId}
          onCancel={() => setCorrecting(false)}
          onIssued={(v) => {
            setCorrecting(false);
            // A new version: the case, its letters and its publication are read again.
            void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
            setVersion(v);
          }}
        />
      )}
      {!notIssued && (
        <div className="review-layout" style={{ gridTemplateColumns: '1fr 280px' }}>
          <div>
            {html.isLoading && <Loading label="Loading the letter…" />}
            {html.data && <iframe className="letter-frame" title={`Letter, version ${shown ?? ''}`} sandbox="" srcDoc={html.data} />}
          </div>
          <aside className="panel" aria-labelledby="versions-title">
            <h2 id="versions-title">Versions</h2>
            <p className="muted small">Read-only: an issued letter never changes; a correction is issued as a new version.</p>
            {versions.isPending && <Loading />}
            <ul className="history">
              {letters.map((l) => (
                <li key={l.id}>
                  <div className="row">
                    {l.version === shown ? (
                      <strong aria-current="true">Version {l.version}</strong>
                    ) : (
                      <button type="button" className="link" onClick={() => setVersion(l.version)}>
                        Version {l.version}
                      </button>
                    )}
                    {l.version === letters[0]!.version ? <span className="chip status">current</span> : <span className="chip unknown">superseded</span>}
                  </div>
                  <div className="muted small">Issued {formatDate(l.issuedOn)}</div>
                  {l.supersedesId ? (
                    <div className="small">Correction: {l.correctionReason ?? 'no reason given'}</div>
                  ) : (
                    <div className="small muted">Original determination</div>
                  )}
                  <div className="muted small mono" title={`SHA-256 of the PDF as issued: ${l.sha256}`}>
                    sha256 {l.sha256.slice(0, 12)}…
                  </div>
                </li>
              ))}
            </ul>
            {!isParty && current && <PublicationPanel caseId={caseId} version={current.version} />}
          </aside>
        </div>
      )}
    </section>
  );
}

function CorrectionForm({ caseId, onCancel, onIssued }: { caseId: string; onCancel(): void; onIssued(version: number): void }) {
  const kase = useQuery({ queryKey: queryKeys.case(caseId), queryFn: () => api.getCase(caseId) });
  if (kase.error !== null) return <ErrorBox error={kase.error} title="The case could not be loaded for a correction." onRetry={() => void kase.refetch()} />;
  if (!kase.data) return <Loading label="Loading the decisions…" />;
  return <CorrectionEditor kase={kase.data} onCancel={onCancel} onIssued={onIssued} />;
}

function CorrectionEditor({ kase, onCancel, onIssued }: { kase: CaseView; onCancel(): void; onIssued(version: number): void }) {
  const [reason, setReason] = useState('');
  const [items, setItems] = useState(() => kase.items.map((i) => ({ itemId: i.id, request: i.request, decision: i.decision ?? 'Upheld', rationale: i.rationale ?? '' })));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const submit = async () => {
    setTried(true);
    if (!reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const changed = items.filter((it) => {
        const orig = kase.items.find((i) => i.id === it.itemId)!;
        return it.decision !== orig.decision || it.rationale !== (orig.rationale ?? '');
      });
      const r = await api.correctLetter(kase.id, {
        reason: reason.trim(),
        items: changed.map((c) => ({ itemId: c.itemId, decision: c.decision, rationale: c.rationale })),
      });
      onIssued(r.version);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel" aria-labelledby="corr-title">
      <h2 id="corr-title">Issue a correction</h2>
      <p className="muted small">The issued letter stays as it is. The correction is issued as a new version that names the one it supersedes.</p>
      <div className="field">
        <label htmlFor="corr-reason">Reason for the correction *</label>
        <input id="corr-reason" type="text" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={tried && !reason.trim()} aria-describedby={tried && !reason.trim() ? 'corr-reason-problem' : undefined} />
        {tried && !reason.trim() && (
          <div id="corr-reason-problem" className="problem">
            Say what is corrected and why; the reason is printed in the letter's history.
          </div>
        )}
      </div>
      {items.map((it, n) => (
        <fieldset key={it.itemId}>
          <legend>
            Item {n + 1}: {it.request}
          </legend>
          <div className="decision-choice">
            {(['Upheld', 'Overturned'] as const).map((d) => (
              <label key={d}>
                <input type="radio" name={`corr-${it.itemId}`} checked={it.decision === d} onChange={() => setItems(items.map((x) => (x.itemId === it.itemId ? { ...x, decision: d } : x)))} />
                {d}
              </label>
            ))}
          </div>
          <div className="field">
            <label htmlFor={`corr-rat-${it.itemId}`}>Rationale</label>
            <textarea id={`corr-rat-${it.itemId}`} rows={4} value={it.rationale} onChange={(e) => setItems(items.map((x) => (x.itemId === it.itemId ? { ...x, rationale: e.target.value } : x)))} />
          </div>
        </fieldset>
      ))}
      {error !== null && <ErrorBox error={error} title="The correction was not issued." />}
      {busy && <ProgressLine label="Rendering and issuing the corrected letter…" value={null} />}
      <div className="row">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void submit()} disabled={busy}>
          Issue corrected letter
        </button>
      </div>
    </div>
  );
}
