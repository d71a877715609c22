import type { CriterionView, DocumentView } from '../api/types.js';
import { EVIDENCE_KIND_LABELS, evidenceSourceLabel, isClaimsAdministratorReasoning, isNonClinicalKind } from '../lib/outcome.js';
import { documentViewerPath } from '../lib/document-viewer.js';
import { Link } from '../router.js';

const STATUS_TEXT: Record<string, string> = { met: 'met', not_met: 'not met', unknown: 'unknown', not_applicable: 'not applicable' };

/**
 * The guideline's criteria for one item, each with its status and links to its evidence: a quote
 * shows beside the items (its source's tab), and a quote from an uploaded document also opens it
 * in the document viewer (when `caseId` is given), at the quote.
 */
export function CriteriaTree({
  criteria,
  itemId,
  documents,
  activeKey,
  onEvidence,
  caseId,
}: {
  criteria: CriterionView[];
  itemId: string;
  documents: DocumentView[];
  activeKey: string | null;
  onEvidence(key: string, source: string): void;
  caseId?: string;
}) {
  if (!criteria.length) return <p className="muted">The engine found no guideline criteria for this request.</p>;
  return (
    <ul className="criteria">
      {criteria.map((c) => (
        <CriterionNode key={c.id} c={c} itemId={itemId} documents={documents} activeKey={activeKey} onEvidence={onEvidence} caseId={caseId} />
      ))}
    </ul>
  );
}

function CriterionNode({ c, itemId, documents, activeKey, onEvidence, caseId }: { c: CriterionView; itemId: string; documents: DocumentView[]; activeKey: string | null; onEvidence(key: string, source: string): void; caseId?: string }) {
  const status = c.status in STATUS_TEXT ? c.status : 'unknown';
  return (
    <li>
      <div className="crit">
        <span className={`chip ${status}`}>{STATUS_TEXT[status]}</span>
        <div>
          <div>{c.statement}</div>
          {c.finding && <div className="muted small">{c.finding}</div>}
          {c.evidence.length > 0 && (
            <div className="evidence-links">
              {c.evidence.map((e, i) => {
                const key = evidenceKey(itemId, c.id, i);
                const source = evidenceSourceLabel(e.source, documents);
                const doc = caseId ? documents.find((d) => d.evidenceSource === e.source && !isClaimsAdministratorReasoning(d)) : undefined;
                return (
                  <span key={key} className="evidence-link">
                    <button type="button" aria-pressed={activeKey === key} title={`“${e.quote}” (${source.label})`} onClick={() => onEvidence(key, e.source)}>
                      {source.claimsAdministrator ? `Quote ${i + 1}` : `Evidence ${i + 1}`}: {source.label}
                    </button>
                    {doc && caseId && (
                      <Link className="small" to={documentViewerPath(caseId, doc.id, { q: e.quote, at: e.start ?? null })} aria-label={`Open evidence ${i + 1} in ${doc.name}`} title={`Open ${doc.name} at this quote`}>
                        open ↗
                      </Link>
                    )}
                    {e.kind && (
                      <span className={`chip kind kind-${e.kind}${isNonClinicalKind(e.kind) ? ' non-clinical' : ''}`} title="What kind of statement the quote is">
                        {EVIDENCE_KIND_LABELS[e.kind]}
                      </span>
                    )}
                  </span>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {c.children && c.children.length > 0 && (
        <ul>
          {c.children.map((k) => (
            <CriterionNode key={k.id} c={k} itemId={itemId} documents={documents} activeKey={activeKey} onEvidence={onEvidence} caseId={caseId} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function evidenceKey(itemId: string, criterionId: string, index: number): string {
  return `${itemId}|${criterionId}|${index}`;
}
