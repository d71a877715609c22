import { ApiError } from '../api/client.js';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import { formatPercent } from '../lib/format.js';
import { Link } from '../router.js';

/** Published decisions most like this item, with the share overturned. Beside each item. */
export function PrecedentsPanel({ caseId, itemId }: { caseId: string; itemId: string }) {
  const r = useQuery({ queryKey: queryKeys.precedents(caseId, itemId), queryFn: () => api.precedents(caseId, itemId) });
  return (
    <aside className="precedents" aria-label="Precedents">
      <h4>Precedents</h4>
      {r.isPending && (
        <p className="muted">
          <span className="spinner" aria-hidden="true" /> Finding similar published decisions…
        </p>
      )}
      {r.error !== null && (
        <p className="muted">
          {r.error instanceof ApiError && r.error.status === 404
            ? 'No precedents: the published-letter corpus is not available on this server. An administrator can import it with `imr corpus import`.'
            : 'Precedents could not be loaded; the review can go on without them.'}{' '}
          <button type="button" className="link" onClick={() => void r.refetch()}>
            Try again
          </button>
        </p>
      )}
      {r.data && r.data.precedents.length === 0 && <p className="muted">No similar published decision found.</p>}
      {r.data && r.data.precedents.length > 0 && (
        <>
          <p className="small">
            {r.data.precedents.length} similar: <strong>{r.data.overturned}</strong> overturned, <strong>{r.data.upheld}</strong> upheld ({formatPercent(r.data.shareOverturned)} overturned).
            {r.data.peerGroup.items > 0 && (
              <>
                {' '}
                {r.data.peerGroup.citationFamily ? 'Same category and guideline' : 'Same category, any guideline'}: {r.data.peerGroup.items} published, {r.data.peerGroup.overturned} overturned ({formatPercent(r.data.peerGroup.shareOverturned)}).
              </>
            )}
          </p>
          <ol>
            {r.data.precedents.slice(0, 5).map((p) => (
              <li key={p.itemId}>
                <span className={`chip ${p.decision}`}>{p.decision}</span> <Link to={`/corpus/letters/${p.letterId}?item=${p.itemId}`}>{p.request}</Link>
                <div className="muted small">
                  {/* A letter is named by its case number, or its file name when it has none (a seed letter). */}
                  {[p.caseNumber ?? p.fileName, p.year, p.citation.family, p.reviewerSpecialty].filter(Boolean).join(' · ')}
                </div>
                {p.snippet && <div className="small snippet" title={p.snippet}>“{p.snippet}”</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
