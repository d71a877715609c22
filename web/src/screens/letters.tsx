import { api } from '../api/endpoints.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Loading } from '../components/feedback.js';
import { useAsync } from '../lib/use-async.js';
import { Link } from '../router.js';

/** Issued letters the user may read; a party sees only their own cases'. */
export function LettersScreen() {
  const { me } = useAuth();
  const list = useAsync(() => api.letters(), []);
  const rows = [...(list.data ?? [])].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
  return (
    <section aria-labelledby="letters-title">
      <div className="page-head">
        <h1 id="letters-title">{me?.role === 'party' ? 'Your determination letters' : 'Issued letters'}</h1>
        {list.data && (
          <span className="sub">
            {rows.length} letter version{rows.length === 1 ? '' : 's'} · issued letters are read-only
          </span>
        )}
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} title="The letters could not be listed." onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Version</th>
                <th scope="col">Issued</th>
                <th scope="col">Correction</th>
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
              {rows.map((l) => (
                <tr key={l.id}>
                  <td className="mono">{l.caseNumber}</td>
                  <td>{l.version}</td>
                  <td className="mono">{l.issuedOn}</td>
                  <td>{l.supersedesId ? l.correctionReason ?? 'Correction' : <span className="muted">Original</span>}</td>
                  <td>
                    <Link to={`/cases/${encodeURIComponent(l.caseId)}/letter?version=${l.version}`}>Read the letter</Link>
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
