import type { CriterionView } from '../api/types.js';

const STATUS_TEXT: Record<string, string> = { met: 'met', not_met: 'not met', unknown: 'unknown' };

/** The guideline's criteria for one item, each with its status and links to its evidence. */
export function CriteriaTree({
  criteria,
  itemId,
  activeKey,
  onEvidence,
}: {
  criteria: CriterionView[];
  itemId: string;
  activeKey: string | null;
  onEvidence(key: string, source: string): void;
}) {
  if (!criteria.length) return <p className="muted">The engine found no guideline criteria for this request.</p>;
  return (
    <ul className="criteria">
      {criteria.map((c) => (
        <CriterionNode key={c.id} c={c} itemId={itemId} activeKey={activeKey} onEvidence={onEvidence} />
      ))}
    </ul>
  );
}

function CriterionNode({ c, itemId, activeKey, onEvidence }: { c: CriterionView; itemId: string; activeKey: string | null; onEvidence(key: string, source: string): void }) {
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
                return (
                  <button
                    key={key}
                    type="button"
                    aria-pressed={activeKey === key}
                    title={`“${e.quote}” (${sourceLabel(e.source)})`}
                    onClick={() => onEvidence(key, e.source)}
                  >
                    Evidence {i + 1}: {sourceLabel(e.source)}
                  </button>
                );
              })}
            </div>
          )}
        </div>
      </div>
      {c.children && c.children.length > 0 && (
        <ul>
          {c.children.map((k) => (
            <CriterionNode key={k.id} c={k} itemId={itemId} activeKey={activeKey} onEvidence={onEvidence} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function evidenceKey(itemId: string, criterionId: string, index: number): string {
  return `${itemId}|${criterionId}|${index}`;
}

export function sourceLabel(source: string): string {
  return source === 'clinicalSummary' ? 'clinical summary' : source;
}
