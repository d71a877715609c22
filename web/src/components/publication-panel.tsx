import { api } from '../api/endpoints.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { ErrorBox, Loading } from './feedback.js';

/**
 * The publication of an issued letter (the redacted version DWC posts), for staff: a download link
 * and what the redaction removed, field by field, for the signer to check.
 */
export function PublicationPanel({ caseId, version }: { caseId: string; version: number }) {
  const pub = useQuery({ queryKey: queryKeys.publication(caseId, version), queryFn: () => api.publication(caseId, version) });
  return (
    <section className="panel" aria-labelledby="publication-title" style={{ marginTop: '0.8rem' }}>
      <h2 id="publication-title">Publication</h2>
      <p className="muted small">The version DWC posts: names, addresses, claim number and parties removed; case number, dates, credentials, summary and decisions kept.</p>
      <a className="button" href={api.publicationPdfUrl(caseId, version)} download>
        Publication (PDF)
      </a>
      {pub.isPending && <Loading />}
      {pub.error !== null && <ErrorBox error={pub.error} title="The publication could not be read." onRetry={() => void pub.refetch()} />}
      {pub.data && (
        pub.data.removed.length === 0 ? (
          <p className="small">Nothing needed removing: the letter's text names no one.</p>
        ) : (
          <>
            <h3 className="small">Removed ({pub.data.removed.reduce((n, r) => n + r.count, 0)})</h3>
            <ul className="small publication-removed">
              {pub.data.removed.map((r) => (
                <li key={`${r.field}\u0000${r.kind}\u0000${r.text}`}>
                  <span className="mono">{r.text}</span> → {r.replacement} <span className="muted">({r.kind}, {r.field}{r.count > 1 ? `, ${r.count}×` : ''})</span>
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </section>
  );
}
