import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import type { CaseView, ItemView } from '../api/types.js';
import { useAuth } from '../auth.js';
import { evidenceKey } from '../components/criteria-tree.js';
import { DeadlineTable } from '../components/deadlines.js';
import { NextDeadline } from '../components/next-deadline.js';
import { EligibilityPanel } from '../components/eligibility.js';
import { ErrorBox, Loading, Notice, ProgressLine } from '../components/feedback.js';
import { ItemEditor } from '../components/item-editor.js';
import { SourceTabText } from '../components/source-tab-text.js';
import { CasePartiesPanel } from '../components/case-parties.js';
import { SignDialog } from '../components/sign-dialog.js';
import { ViewerLink } from '../components/document-pages.js';
import { statusLabel } from '../lib/format.js';
import { isRunning } from '../lib/deadlines.js';
import { Link, useRouter } from '../router.js';
import { DocumentUpload } from '../components/document-upload.js';
import { PartyLink } from '../components/party-link.js';
import { ReasonDialog } from '../components/reason-dialog.js';
import { AssignmentPanel } from '../components/assignment-panel.js';
import { IneligibilityNoticePanel } from '../components/ineligibility-notice.js';
import { AppealPanel } from '../components/appeal-panel.js';
import type { QuoteRef } from '../lib/highlight.js';
import { documentKindLabel, isClaimsAdministratorReasoning } from '../lib/outcome.js';
import { RecordList } from '../components/record-list.js';
import { SummaryEditor } from '../components/summary-editor.js';
import { useBusy } from '../lib/use-busy.js';

/** A text the reviewer reads beside the items: the clinical summary or one of the case's documents. */
interface SourceTab {
  id: string;
  /** The source name the drafts' evidence uses for it. */
  evidenceSource: string;
  label: string;
  /** A UR decision: the claims administrator's reasoning, never clinical evidence. */
  claimsAdministrator: boolean;
  docId: string | null;
}

const REVIEWABLE = ['assigned', 'records_received', 'in_review'];
const OPEN_STATUSES = ['received', 'eligibility', ...REVIEWABLE, 'decided'];

export function CaseScreen({ caseId }: { caseId: string }) {
  const { me } = useAuth();
  const c = useQuery({ queryKey: queryKeys.case(caseId), queryFn: () => api.getCase(caseId) });
  if (c.error !== null && !c.data) {
    const forbidden = c.error instanceof ApiError && (c.error.status === 403 || c.error.status === 404);
    return (
      <section>
        <div className="page-head">
          <h1>Case</h1>
        </div>
        <ErrorBox
          error={c.error}
          title={forbidden ? (me?.role === 'reviewer' ? 'This case is not assigned to you.' : 'You cannot open this case.') : 'The case could not be loaded.'}
          onRetry={forbidden ? undefined : () => void c.refetch()}
          next={
            forbidden && me?.role === 'reviewer'
              ? 'Open one of your assignments from the queue. If this case should be yours, ask the intake team to check its assignment.'
              : undefined
          }
        />
        <Link to="/queue">Back to the queue</Link>
      </section>
    );
  }
  if (!c.data) return <Loading label="Loading the case…" />;
  return <CaseFile kase={c.data} />;
}

function CaseFile({ kase }: { kase: CaseView }) {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const setCase = (fresh: CaseView) => queryClient.setQueryData(queryKeys.case(kase.id), fresh);
  // A write changes the case and what is read under it (assignment, appeals, letters): read them again.
  const reload = () => queryClient.invalidateQueries({ queryKey: queryKeys.case(kase.id) });
  const { navigate } = useRouter();
  const role = me?.role;
  const [active, setActive] = useState<{ key: string; source: string } | null>(null);
  const [tab, setTab] = useState('clinicalSummary');
  const { busy, error, run } = useBusy();
  const eligibility = kase.eligibility;
  const dialog = useRef<HTMLDialogElement>(null);
  const [closing, setClosing] = useState<null | 'withdrawn' | 'terminated'>(null);
  const [recusing, setRecusing] = useState(false);

  // The case is on screen: record the look, so a later redraft can say what changed since (once per case opened).
  useEffect(() => {
    void api.markSeen(kase.id).catch(() => undefined);
  }, [kase.id]);

  // Only the assigned reviewer decides and signs; staff see the same screen read-only.
  const isReviewer = role === 'reviewer';
  const canEdit = isReviewer && REVIEWABLE.includes(kase.status);
  const canRecordRecords = (role === 'intake' || role === 'admin') && kase.status === 'assigned';
  const canScreen = (role === 'intake' || role === 'admin') && ['received', 'eligibility'].includes(kase.status);
  const canAssign = (role === 'intake' || role === 'admin') && kase.status === 'eligibility' && eligibility?.outcome === 'eligible';
  const allDecided = kase.items.length > 0 && kase.items.every((i) => i.decision !== null);
  const canSign = isReviewer && REVIEWABLE.includes(kase.status);
  const hasLetter = kase.letters.length > 0 || kase.status === 'letter_issued';
  const staff = role === 'intake' || role === 'admin';
  const canWithdraw = staff && kase.allowedTransitions.includes('withdrawn');
  const canTerminate = staff && kase.allowedTransitions.includes('terminated');
  const canRecuse = isReviewer && REVIEWABLE.includes(kase.status);

  // The case's source texts: the clinical summary first, then each document (read on demand).
  // A UR decision is shown beside the record as the claims administrator's reasoning, never as evidence.
  // A withdrawn document is no longer evidence: it stays in the Documents list, not among the texts read beside the items.
  const documents = useMemo(() => (kase.documents ?? []).filter((d) => !d.withdrawnAt), [kase.documents]);
  const sources = useMemo<SourceTab[]>(
    () => [
      { id: 'clinicalSummary', evidenceSource: 'clinicalSummary', label: 'Clinical summary', claimsAdministrator: false, docId: null },
      ...documents.map((d) => ({
        id: `doc:${d.id}`,
        evidenceSource: d.evidenceSource,
        label: isClaimsAdministratorReasoning(d) ? "UR decision (claims administrator's reasoning)" : `${documentKindLabel(d.kind)}: ${d.name}`,
        claimsAdministrator: isClaimsAdministratorReasoning(d),
        docId: d.id,
      })),
    ],
    [documents],
  );
  const current = sources.find((x) => x.id === tab);
  const openDocId = current?.docId ?? null;
  // The open tab's document text, read when the tab is first opened and kept while the case is open.
  const docText = useQuery({
    queryKey: queryKeys.documentText(kase.id, openDocId ?? ''),
    queryFn: () => api.documentText(kase.id, openDocId ?? ''),
    enabled: openDocId !== null,
    // Kept after its tab is left, so going back to a tab shows its text at once (as the tabs always did).
    gcTime: 10 * 60_000,
  });
  const openText = docText.data ? docText.data.text : docText.error !== null ? { error: docText.error } : undefined;
  const quotes = useMemo(() => {
    // Quotes are never attributed to a UR decision (the engine does not read it; none should name it).
    const notEvidence = new Set(sources.filter((x) => x.claimsAdministrator).map((x) => x.evidenceSource));
    const bySource = new Map<string, QuoteRef[]>();
    for (const item of kase.items) {
      for (const c of item.draft?.criteria ?? []) {
        c.evidence.forEach((e, i) => {
          if (notEvidence.has(e.source)) return;
          const list = bySource.get(e.source) ?? [];
          list.push({ key: evidenceKey(item.id, c.id, i), quote: e.quote, start: e.start, end: e.end });
          bySource.set(e.source, list);
        });
      }
    }
    return bySource;
  }, [kase.items, sources]);


  const onItemSaved = (updated: ItemView) => {
    setCase({ ...kase, items: kase.items.map((i) => (i.id === updated.id ? updated : i)) });
    // The first decision moves the case to "in review" (a new case version); read it back so
    // signing sends the version the reviewer actually saw.
    void reload();
  };

  const sign = () =>
    run('Signing and rendering the letter…', async () => {
      dialog.current?.close();
      await api.sign(kase.id, kase.version);
      navigate(`/cases/${encodeURIComponent(kase.id)}/letter`);
    });

  return (
    <section aria-labelledby="case-title">
      <div className="page-head">
        <h1 id="case-title">
          Case <span className="mono">{kase.caseNumber}</span>
        </h1>
        <span className={`chip status status-${kase.status}`}>{statusLabel(kase.status)}</span>
        {kase.priority === 'Expedited' && <span className="chip expedited">Expedited</span>}
        {kase.late && OPEN_STATUSES.includes(kase.status) && <span className="chip late">Late</span>}
        {kase.nextDeadline && isRunning(kase.status, kase.nextDeadline.kind) && <NextDeadline d={kase.nextDeadline} />}
        <div className="actions">
          {canScreen && (
            <button
              type="button"
              disabled={!!busy}
              onClick={() =>
                run('Checking eligibility…', async () => {
                  await api.checkEligibility(kase.id);
                  await reload();
                })
              }
            >
              Check eligibility
            </button>
          )}
          {canAssign && (
            <button
              type="button"
              className="primary"
              disabled={!!busy}
              onClick={() =>
                run('Assigning a qualified, conflict-free reviewer and drafting each item…', async () => {
                  await api.assign(kase.id);
                  await reload();
                })
              }
            >
              Assign reviewer
            </button>
          )}
          {canRecordRecords && (
            <button
              type="button"
              disabled={!!busy}
              onClick={() =>
                run('Recording the medical records…', async () => {
                  await api.recordsReceived(kase.id);
                  await reload();
                })
              }
            >
              Records received
            </button>
          )}
          {hasLetter && (
            <Link className="button" to={`/cases/${encodeURIComponent(kase.id)}/letter`}>
              View letter
            </Link>
          )}
          {canRecuse && (
            <button type="button" disabled={!!busy} onClick={() => setRecusing(true)}>
              Recuse…
            </button>
          )}
          {canWithdraw && (
            <button type="button" disabled={!!busy} onClick={() => setClosing('withdrawn')}>
              Withdraw…
            </button>
          )}
          {canTerminate && (
            <button type="button" disabled={!!busy} onClick={() => setClosing('terminated')}>
              Terminate…
            </button>
          )}
          {canSign && (
            <button type="button" className="primary" disabled={!!busy || !allDecided} title={allDecided ? undefined : 'Save a decision on every item first'} onClick={() => dialog.current?.showModal()}>
              Sign and issue…
            </button>
          )}
        </div>
      </div>
      {busy && <ProgressLine label={busy} value={null} />}
      {error !== null && <ErrorBox error={error} onRetry={() => void reload()} />}
      <AppealPanel caseId={kase.id} status={kase.status} canRecord={staff} />
      {canSign && !allDecided && (
        <Notice kind="info">
          Save a decision on each of the {kase.items.length} item{kase.items.length === 1 ? '' : 's'} ({kase.items.filter((i) => i.decision === null).length} left); then sign to issue the letter.
        </Notice>
      )}

      <div className="review-layout">
        <div className="sticky">
          <CasePartiesPanel kase={kase} role={role} staff={staff} />

          <PartyLink caseId={kase.id} partyUserIds={kase.partyUserIds} />
          {staff && kase.assignments.length > 0 && <AssignmentPanel caseId={kase.id} status={kase.status} />}

          <div className="panel">
            <div className="tabs" role="tablist" aria-label="Case documents" onKeyDown={(e) => {
              // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const ids = [...sources.map((x) => x.id), 'documents', 'deadlines'];
              const next = ids[(ids.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : ids.length - 1)) % ids.length]!;
              setTab(next);
              e.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus();
            }}>
              {sources.map((s) => (
                <button key={s.id} type="button" role="tab" data-tab={s.id} tabIndex={tab === s.id ? 0 : -1} aria-selected={tab === s.id} onClick={() => setTab(s.id)}>
                  {s.label}
                </button>
              ))}
              <button type="button" role="tab" data-tab="documents" tabIndex={tab === 'documents' ? 0 : -1} aria-selected={tab === 'documents'} onClick={() => setTab('documents')}>
                Documents ({(kase.records ?? []).filter((r) => !r.withdrawn).length})
              </button>
              <button type="button" role="tab" data-tab="deadlines" tabIndex={tab === 'deadlines' ? 0 : -1} aria-selected={tab === 'deadlines'} onClick={() => setTab('deadlines')}>
                Deadlines
              </button>
            </div>
            {current && (
              <div key={current.id} role="tabpanel" aria-label={current.label}>
                {current.claimsAdministrator && (
                  <div className="claims-reasoning" role="note">
                    <strong>The claims administrator's reasoning.</strong> This UR decision is shown beside the record for reference. It is not clinical evidence: the engine
                    does not read it, and no criterion's evidence comes from it.
                  </div>
                )}
                <SourceTabText
                  text={current.docId === null ? kase.clinicalSummary : openText}
                  quotes={current.claimsAdministrator ? [] : (quotes.get(current.evidenceSource) ?? [])}
                  activeKey={!current.claimsAdministrator && active?.source === current.evidenceSource ? active.key : null}
                  label={current.label}
                />
                {!current.claimsAdministrator && (quotes.get(current.evidenceSource)?.length ?? 0) > 0 && (
                  <p className="muted small">Highlighted: the passages the engine used as evidence. Choose an evidence link beside a criterion to jump to it.</p>
                )}
                {current.docId && <ViewerLink caseId={kase.id} docId={current.docId} label={current.label} quote={(quotes.get(current.evidenceSource) ?? []).find((q) => q.key === active?.key)} />}
              </div>
            )}
            {tab === 'documents' && (
              <div role="tabpanel">
                <RecordList caseId={kase.id} records={kase.records ?? []} canWithdraw={(role === 'intake' || role === 'admin') && !['letter_issued', 'withdrawn', 'terminated', 'ineligible'].includes(kase.status)} onOpen={(id) => setTab(`doc:${id}`)} onChanged={reload} />
                {(role === 'intake' || role === 'admin') && <DocumentUpload caseId={kase.id} onUploaded={reload} />}
              </div>
            )}
            {tab === 'deadlines' && (
              <div role="tabpanel">
                <DeadlineTable deadlines={kase.deadlines} status={kase.status} />
              </div>
            )}
          </div>
          {eligibility && (
            <EligibilityPanel
              result={{ eligible: eligibility.outcome === 'eligible', deferred: eligibility.outcome === 'deferred', reasons: eligibility.reasons }}
            />
          )}
        </div>

        {kase.status === 'ineligible' ? (
          <IneligibilityNoticePanel caseId={kase.id} canOverride={staff} onChanged={() => void reload()} />
        ) : (
        <div>
          {staff && eligibility?.overrideReason && <Notice kind="info" title="Found eligible for good cause">{eligibility.overrideReason}</Notice>}
          {canEdit && <SummaryEditor key={kase.id} caseId={kase.id} version={kase.version} saved={kase.clinicalSummary} onSaved={reload} />}
          {kase.items.length === 0 && <p className="muted">This case has no disputed items.</p>}
          {kase.items.map((item, n) => (
            <ItemEditor
              key={item.id}
              caseId={kase.id}
              item={item}
              n={n + 1}
              readOnly={!canEdit}
              activeKey={active?.key ?? null}
              documents={documents}
              onEvidence={(key, source) => {
                setActive({ key, source });
                const target = sources.find((s) => s.evidenceSource === source);
                if (target) setTab(target.id);
              }}
              onSaved={onItemSaved}
              lastSeenAt={kase.lastSeenAt}
            />
          ))}
        </div>
        )}
      </div>

      <ReasonDialog
        open={closing !== null}
        title={closing === 'withdrawn' ? 'Withdraw this case?' : 'Terminate this review?'}
        confirmLabel={closing === 'withdrawn' ? 'Withdraw the case' : 'Terminate the review'}
        danger
        onClose={() => setClosing(null)}
        onConfirm={(reason) => {
          const to = closing!;
          setClosing(null);
          void run(to === 'withdrawn' ? 'Withdrawing…' : 'Terminating…', async () => {
            await api.closeCase(kase.id, to, reason);
            await reload();
          });
        }}
      >
        <p>
          {closing === 'withdrawn'
            ? 'The worker withdrew the application. The case ends here and no letter is issued.'
            : 'The claims administrator authorized the treatment, so the review ends here and no letter is issued.'}{' '}
          This cannot be undone.
        </p>
      </ReasonDialog>
      <ReasonDialog
        open={recusing}
        title="Recuse yourself from this case?"
        confirmLabel="Recuse and reassign"
        onClose={() => setRecusing(false)}
        onConfirm={(reason) => {
          setRecusing(false);
          void run('Recusing and assigning another reviewer…', async () => {
            await api.recuse(kase.id, reason);
            navigate('/queue');
          });
        }}
      >
        <p>Another qualified, conflict-free reviewer is assigned and the case leaves your queue. Your saved decisions stay with the case.</p>
      </ReasonDialog>

      <SignDialog dialogRef={dialog} items={kase.items} onSign={() => void sign()} />
    </section>
  );
}
