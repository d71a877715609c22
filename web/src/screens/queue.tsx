import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type CaseListQuery } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import type { CaseSummaryView } from '../api/types.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Loading } from '../components/feedback.js';
import { DataTable, Pager } from '../components/paged-table.js';
import { daysLeftText, deadlineLabel, formatDate, statusLabel, todayIso } from '../lib/format.js';
import { Link, useRouter } from '../router.js';

const PAGE = 50;
// The list API pages by at most 200; 50 rows fit a laptop screen in two scrolls.
const STATUS_FILTERS: Array<{ value: string; label: string }> = [
  { value: '', label: 'All open' },
  { value: 'received,eligibility', label: 'New applications' },
  { value: 'assigned,records_received', label: 'Awaiting records' },
  { value: 'in_review', label: 'In review' },
  { value: 'decided', label: 'Decided, letter not issued' },
  { value: 'letter_issued', label: 'Letter issued' },
  { value: 'ineligible,withdrawn,terminated', label: 'Closed without decision' },
  { value: 'all', label: 'Everything' },
];
const OPEN = 'received,eligibility,assigned,records_received,in_review,decided';

export function QueueScreen() {
  const { me } = useAuth();
  const { search, navigate } = useRouter();
  const today = todayIso();
  const defaultStatus = me?.role === 'intake' ? 'received,eligibility' : '';
  const status = search.get('status') ?? defaultStatus;
  const priority = search.get('priority') ?? '';
  const q = search.get('q') ?? '';
  const lateOnly = search.get('late') === '1';
  const judgementOnly = search.get('judgement') === '1';
  const page = Math.max(0, Number(search.get('page') ?? '0') || 0);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const setParam = (patch: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    const s = next.toString();
    navigate(`/queue${s ? `?${s}` : ''}`, { replace: true });
  };

  const statuses = status === 'all' ? [] : (status || OPEN).split(',');
  const filters: CaseListQuery = { status: statuses, priority, q: q || undefined, late: lateOnly, awaitingJudgement: judgementOnly, limit: PAGE, offset: page * PAGE };
  // The last page stays on screen while the next filter's page is read.
  const list = useQuery({ queryKey: queryKeys.queue(filters), queryFn: () => api.listCases(filters), placeholderData: keepPreviousData });

  // The server computes the next deadline and "late" from the deadlines still running for each
  // case's status (a closed or issued case has none and is never late).
  const rows = useMemo(() => (list.data?.items ?? []).map((c) => ({ c, running: c.nextDeadline ? [c.nextDeadline] : [], late: c.late })), [list.data]);

  // Staff and reviewers get the worker's name in the list (it is searchable too).
  const showWorker = rows.some((r) => r.c.workerName);
  const title = me?.role === 'reviewer' ? 'My assignments' : me?.role === 'intake' ? 'Intake queue' : 'All cases';
  const total = list.data?.total ?? 0;
  const lateCount = rows.filter((r) => r.late).length;

  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">{title}</h1>
        <span className="sub">
          {list.data ? `${total} case${total === 1 ? '' : 's'}` : ''}
          {lateCount > 0 && (
            <>
              {' · '}
              <span className="days late">{lateCount} late on this page</span>
            </>
          )}
        </span>
        {(me?.role === 'admin' || me?.role === 'intake') && (
          <div className="actions">
            <Link className="button primary" to="/intake">
              New application
            </Link>
          </div>
        )}
      </div>

      <form
        className="filters"
        role="search"
        aria-label="Filter cases"
        onSubmit={(e) => {
          e.preventDefault();
          setParam({ q: text.trim() });
        }}
      >
        <div className="field" style={{ width: 300 }}>
          <label htmlFor="q">Search</label>
          <input id="q" type="search" placeholder="Case number, worker or item" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" value={status} onChange={(e) => setParam({ status: e.target.value })}>
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="priority">Priority</label>
          <select id="priority" value={priority} onChange={(e) => setParam({ priority: e.target.value })}>
            <option value="">Any</option>
            <option value="Expedited">Expedited</option>
            <option value="Standard">Standard</option>
          </select>
        </div>
        <label className="check" style={{ marginBottom: '0.5rem' }}>
          <input type="checkbox" checked={lateOnly} onChange={(e) => setParam({ late: e.target.checked ? '1' : '' })} />
          Late only
        </label>
        <label className="check" style={{ marginBottom: '0.5rem' }}>
          <input type="checkbox" checked={judgementOnly} onChange={(e) => setParam({ judgement: e.target.checked ? '1' : '' })} />
          Needs judgement only
        </label>
        <button type="submit">Search</button>
      </form>

      {list.error !== null && <ErrorBox error={list.error} title="The queue could not be loaded." onRetry={() => void list.refetch()} />}
      {list.isPending && <Loading label="Loading cases…" />}
      {list.data && (
        <DataTable describedBy="queue-title" columns={['Case', showWorker && 'Injured worker', 'Disputed items', 'Status', 'Priority', 'Received', 'Next deadline']}>
          {rows.length === 0 && (
            <tr>
              <td colSpan={showWorker ? 7 : 6} className="empty">
                {q || status || priority || lateOnly || judgementOnly ? 'No case matches these filters. Clear the search or choose another status.' : 'No cases yet.'}
              </td>
            </tr>
          )}
          {rows.map(({ c, running, late }) => (
            <tr key={c.id} className={late ? 'is-late' : undefined}>
              <td style={{ whiteSpace: 'nowrap' }}>
                <Link to={`/cases/${encodeURIComponent(c.id)}`} className="mono">
                  {c.caseNumber}
                </Link>
                {late && (
                  <>
                    {' '}
                    <span className="chip late">Late</span>
                  </>
                )}
              </td>
              {showWorker && <td>{c.workerName ?? '—'}</td>}
              <td>
                <ItemsCell c={c} />
                <JudgementCount n={c.itemsAwaitingJudgement} reviewer={me?.role === 'reviewer'} />
              </td>
              <td>
                <span className={`chip status status-${c.status}`}>{statusLabel(c.status)}</span>
              </td>
              <td>{c.priority === 'Expedited' ? <span className="chip expedited">Expedited</span> : <span className="muted">Standard</span>}</td>
              <td className="mono" style={{ whiteSpace: 'nowrap' }}>{formatDate(c.receivedOn)}</td>
              <td>
                {running.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  running.map((d) => {
                    const t = daysLeftText(today, d.dueDate);
                    return (
                      <div key={d.kind} className="small">
                        {deadlineLabel(d.kind)}{' '}
                        <span className={`days ${t.late ? 'late' : t.soon ? 'soon' : ''}`} title={`Due ${formatDate(d.dueDate)}${d.provisional ? ' (provisional)' : ''}`}>
                          {t.text}
                        </span>{' '}
                        <span className="muted mono">{formatDate(d.dueDate)}</span>
                      </div>
                    );
                  })
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {list.data && total > PAGE && (
        <Pager label="Pages" position={`Page ${page + 1} of ${Math.ceil(total / PAGE)}`} offset={page * PAGE} pageSize={PAGE} total={total} onOffset={(o) => setParam({ page: String(o / PAGE) })} />
      )}
    </section>
  );
}

/** How many undecided items of the case the engine left to the reviewer's judgement. */
function JudgementCount({ n, reviewer }: { n: number | undefined; reviewer: boolean }) {
  if (!n) return null;
  return (
    <div>
      <span className="chip needs-reviewer" title="Items whose engine draft needs the reviewer's judgement, not yet decided">
        {n} need{n === 1 ? 's' : ''} {reviewer ? 'your' : "the reviewer's"} judgement
      </span>
    </div>
  );
}

function ItemsCell({ c }: { c: CaseSummaryView }) {
  if (!c.requests?.length) return <span className="muted">{c.itemCount} item{c.itemCount === 1 ? '' : 's'}</span>;
  const [first, ...rest] = c.requests;
  return (
    <span title={c.requests.join('\n')}>
      {first}
      {rest.length > 0 && <span className="muted"> +{rest.length} more</span>}
    </span>
  );
}
