import { api } from '../api/endpoints.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Loading } from '../components/feedback.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { Link } from '../router.js';
import { formatDate } from '../lib/format.js';

/** Issued letters the user may read; a party sees only their own cases'. */
export function LettersScreen() {
  const { me } = useAuth();
  const list = useQuery({ queryKey: queryKeys.letters, queryFn: () => api.letters() });
  // One row per case: its current (latest) version, and how many versions it has had.
  const byCase = new Map<string, { latest: NonNullable<typeof list.data>[number]; count: number }>();
  for (const l of list.data ?? []) {
    const seen = byCase.get(l.caseId);
    if (!seen) byCase.set(l.caseId, { latest: l, count: 1 });
    else byCase.set(l.caseId, { latest: l.version > seen.latest.version ? l : seen.latest, count: seen.count + 1 });
  }
  const rows = [...byCase.values()].sort((a, b) => b.latest.issuedAt.localeCompare(a.latest.issuedAt));
  return (
    <section aria-labelledby="letters-title">
      <div className="page-head">
        <h1 id="letters-title">{me?.role === 'party' ? 'Your determination letters' : 'Issued letters'}</h1>
        {list.data && (
          <span className="sub">
            {rows.length} case{rows.length === 1 ? '' : 's'} with an issued letter · issued letters are read-only
          </span>
        )}
      </div>
      {list.error !== null && <ErrorBox error={list.error} title="The letters could not be listed." onRetry={() => void list.refetch()} />}
      {list.isPending && <Loading />}
      {list.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Current version</th>
                <th scope="col">Issued</th>
                <th scope="col">Latest correction</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty">
                    {me?.role === 'party' ? 'No letter has been issued in your cases yet.' : 'No letter has been issued yet.'}
                  </td>
                </tr>
              )}
              {rows.map(({ latest: l, count }) => (
                <tr key={l.caseId}>
                  <td className="mono">{l.caseNumber}</td>
                  <td>
                    {l.version}
                    {count > 1 && <span className="muted small"> ({count} versions)</span>}
                  </td>
                  <td className="mono">{formatDate(l.issuedOn)}</td>
                  <td>{l.supersedesId ? l.correctionReason ?? 'Correction' : <span className="muted">None</span>}</td>
                  <td>
                    <Link to={`/cases/${encodeURIComponent(l.caseId)}/letter`}>Read the letter</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
