import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { CitationView, DocumentView, ItemView } from '../api/types.js';
import { CriteriaTree } from './criteria-tree.js';
import { DraftOutcome } from './draft-outcome.js';
import { documentsNotSeen, draftSourcesLine, readNothingClinical } from '../lib/draft-sources.js';
import { draftChangeLines } from '../lib/draft-change.js';
import { ErrorBox } from './feedback.js';
import { PrecedentsPanel } from './precedents.js';

type Decision = 'Upheld' | 'Overturned';

/**
 * What the reviewer currently holds for an item: their saved choice, or the engine's draft. A draft
 * that needs the reviewer's judgement preselects nothing: its lean is not a decision to accept.
 */
function startingPoint(item: ItemView): { decision: Decision | null; rationale: string; citationRaw: string } {
  return {
    decision: item.decision ?? (item.draft && !item.draft.needsReviewer ? item.draft.decision : null),
    rationale: item.rationale ?? item.draft?.rationale ?? '',
    citationRaw: (item.citation ?? item.draft?.citation)?.raw ?? '',
  };
}

/**
 * One disputed item: the draft (decision, criteria with evidence, citation, gaps), the reviewer's
 * decision and rationale, and precedents beside it. A save that loses a race shows the other
 * version and keeps this one; nothing is overwritten silently.
 */
export function ItemEditor({
  caseId,
  item,
  n,
  readOnly,
  activeKey,
  documents,
  onEvidence,
  onSaved,
  lastSeenAt,
}: {
  caseId: string;
  item: ItemView;
  documents: DocumentView[];
  n: number;
  readOnly: boolean;
  activeKey: string | null;
  onEvidence(key: string, source: string): void;
  onSaved(item: ItemView): void;
  /** When the reader last opened the case before this load: a newer draft says what changed. */
  lastSeenAt?: string | null;
}) {
  const start = startingPoint(item);
  const [decision, setDecision] = useState<Decision | null>(start.decision);
  const [rationale, setRationale] = useState(start.rationale);
  const [citationRaw, setCitationRaw] = useState(start.citationRaw);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ItemView | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  // A newer version from the server (after our own save) resets the baseline, not the edits in progress.
  const [baseVersion, setBaseVersion] = useState(item.version);
  useEffect(() => {
    if (item.version !== baseVersion && !conflict) {
      const s = startingPoint(item);
      setDecision(s.decision);
      setRationale(s.rationale);
      setCitationRaw(s.citationRaw);
      setBaseVersion(item.version);
    }
  }, [item, baseVersion, conflict]);

  const dirty = decision !== start.decision || rationale !== start.rationale || citationRaw !== start.citationRaw;
  const saved = item.decision !== null;
  const draft = item.draft;
  const changedFromDraft = draft && !draft.needsReviewer && decision !== null && decision !== draft.decision;

  const save = async () => {
    if (!decision) return;
    setSaving(true);
    setError(null);
    const base: CitationView | null = item.citation ?? draft?.citation ?? null;
    // The reviewer edits the citation as written; the structured parts stay those of the draft.
    const citation: CitationView = base
      ? citationRaw.trim() !== base.raw
        ? { ...base, raw: citationRaw.trim() }
        : base
      : { source: citationRaw.trim() ? 'NON-MTUS' : 'NONE', name: null, edition: null, topic: null, sections: [], pages: [], raw: citationRaw.trim(), alsoCites: [] };
    try {
      const updated = await api.saveDecision(caseId, item.id, { decision, rationale, citation, version: conflict?.version ?? item.version });
      setConflict(null);
      setSavedAt(new Date().toLocaleTimeString());
      setBaseVersion(updated.version);
      onSaved(updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'IMR_ERR_CONFLICT') {
        try {
          const fresh = await api.getCase(caseId);
          setConflict(fresh.items.find((i) => i.id === item.id) ?? null);
        } catch {
          /* the conflict message below still explains what to do */
        }
      }
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const takeTheirs = () => {
    if (!conflict) return;
    const s = startingPoint(conflict);
    setDecision(s.decision);
    setRationale(s.rationale);
    setCitationRaw(s.citationRaw);
    setBaseVersion(conflict.version);
    onSaved(conflict);
    setConflict(null);
    setError(null);
  };

  const id = `item-${item.id}`;
  return (
    <article className="item" aria-labelledby={`${id}-title`}>
      <header className="item-head">
        <span className="muted" style={{ whiteSpace: 'nowrap' }}>Item {n}</span>
        <h3 id={`${id}-title`}>{item.request}</h3>
        <span className="muted small" style={{ marginLeft: 'auto', whiteSpace: 'nowrap' }}>
          UR {item.urOutcome}
          {item.category ? ` · ${item.category.replace(/_/g, ' ')}` : ''}
        </span>
      </header>
      <div className="item-body">
        <div>
          {draft ? (
            <>
              <DraftOutcome draft={draft} itemId={item.id} />
              {item.decision === null && (() => {
                const lines = draftChangeLines(item.draftChange, draft.sources?.draftedAt, lastSeenAt, documents);
                return lines ? (
                  <div className="small draft-change" role="status" data-testid={`draft-change-${item.id}`}>
                    <strong>Redrafted since you last looked</strong>
                    <ul>{lines.map((l) => <li key={l}>{l}</li>)}</ul>
                  </div>
                ) : null;
              })()}
              {draft.sources && (
                <p className="small draft-sources" data-testid={`draft-sources-${item.id}`} style={readNothingClinical(draft.sources) ? { color: 'var(--warn)' } : undefined}>
                  {draftSourcesLine(draft.sources)}
                </p>
              )}
              {draft.sources && documentsNotSeen(draft.sources, documents).length > 0 && (
                <p className="small draft-stale" role="status" style={{ color: 'var(--warn)' }}>
                  Drafted before {documentsNotSeen(draft.sources, documents).join(', ')} arrived;{' '}
                  {item.decision !== null ? 'your decision stands and this draft is not redone.' : 'the engine is redrafting: reload in a moment.'}
                </p>
              )}
              <h4>Criteria</h4>
              <CriteriaTree criteria={draft.criteria} itemId={item.id} documents={documents} activeKey={activeKey} onEvidence={onEvidence} caseId={caseId} />
              {draft.documentationGaps.length > 0 && (
                <>
                  <h4>Documentation gaps</h4>
                  <ul className="gaps small">
                    {draft.documentationGaps.map((g) => (
                      <li key={g}>{g}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          ) : (
            <p className="muted">No engine draft yet: drafts are made when a reviewer is assigned.</p>
          )}

          <h4 style={{ marginTop: '0.8rem' }}>Reviewer's decision {saved ? <span className="muted small">(saved, version {item.version})</span> : <span className="muted small">(not saved yet)</span>}</h4>
          <fieldset className="decision-choice" disabled={readOnly} style={{ border: 'none', padding: 0, margin: '0 0 0.5rem' }}>
            <legend className="visually-hidden">Decision on item {n}</legend>
            {(['Upheld', 'Overturned'] as const).map((d) => (
              <label key={d}>
                <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {d}
                <span className="muted small">{d === 'Upheld' ? '(not medically necessary)' : '(medically necessary)'}</span>
              </label>
            ))}
          </fieldset>
          {changedFromDraft && <p className="small" style={{ color: 'var(--warn)' }}>You differ from the engine's draft; say why in the rationale.</p>}
          {draft?.needsReviewer && decision === null && !readOnly && <p className="small muted">Choose Upheld or Overturned yourself: the engine leaves this item to your judgement.</p>}
          <div className="field">
            <label htmlFor={`${id}-citation`}>Citation</label>
            <textarea id={`${id}-citation`} rows={2} value={citationRaw} readOnly={readOnly} onChange={(e) => setCitationRaw(e.target.value)} />
            {item.claimsAdministratorGuideline && <div className="hint">Claims administrator cited: {item.claimsAdministratorGuideline.raw}</div>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-rationale`}>Rationale</label>
            <textarea id={`${id}-rationale`} rows={8} value={rationale} readOnly={readOnly} onChange={(e) => setRationale(e.target.value)} />
          </div>

          {conflict && (
            <div className="alert warn" role="alert">
              <strong>Someone else saved this item while you were editing (now version {conflict.version}).</strong>
              Their decision: <span className={`chip ${conflict.decision ?? 'unknown'}`}>{conflict.decision ?? 'none'}</span>. Your text is still here, unsaved.
              <details>
                <summary>Show their rationale</summary>
                <div className="doc-text">{conflict.rationale ?? ''}</div>
              </details>
              <div className="row" style={{ marginTop: '0.4rem' }}>
                <button type="button" onClick={takeTheirs}>
                  Use their version
                </button>
                <button type="button" className="primary" onClick={() => void save()}>
                  Save mine over theirs
                </button>
              </div>
            </div>
          )}
          {error !== null && !conflict && <ErrorBox error={error} title="The decision was not saved." />}
          {!readOnly && !conflict && (
            <div className="row">
              <button type="button" className="primary" disabled={saving || !decision || !rationale.trim() || (!dirty && saved)} onClick={() => void save()}>
                {saving ? 'Saving…' : saved ? 'Save changes' : draft && !draft.needsReviewer && !dirty ? 'Accept draft' : 'Save decision'}
              </button>
              {dirty && <span className="muted small">Unsaved changes</span>}
              {!dirty && savedAt && <span className="muted small" role="status">Saved at {savedAt}</span>}
              {!rationale.trim() && <span className="muted small">A rationale is required.</span>}
            </div>
          )}
        </div>
        <PrecedentsPanel caseId={caseId} itemId={item.id} />
      </div>
    </article>
  );
}
