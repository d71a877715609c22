import { Fragment, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, reviewerRecord } from '../api/admin.js';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import { ReviewerForm } from '../components/reviewer-form.js';
import { useBusy } from '../lib/use-busy.js';
import type { ReviewerView } from '../api/types.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { Link } from '../router.js';
import { formatDate, statusLabel } from '../lib/format.js';

const AFFILIATION_LABELS: Record<string, string> = {
  employer: 'Employer',
  insurer: 'Insurer',
  claims_administrator: 'Claims administrator',
  provider_group: 'Provider group',
  ur_organization: 'UR organisation',
  provider: 'Provider',
};

/** The reviewer registry (admin): qualification, conflicts of interest, load and assignments; add, edit, deactivate. */
export function ReviewersScreen() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.reviewers, queryFn: () => api.reviewers() });
  const registryChanged = () => void queryClient.invalidateQueries({ queryKey: queryKeys.reviewers });
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  // The form open: 'new', or the id of the reviewer being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const toggle = useBusy();
  const setActive = (r: ReviewerView, active: boolean) =>
    toggle.run(active ? 'Activating…' : 'Deactivating…', async () => {
      const { id, ...rest } = reviewerRecord(r);
      await adminApi.updateReviewer(id, { ...rest, active });
      setSaved(`${r.name} is ${active ? 'active again' : 'deactivated: no new cases are assigned to them; their open cases stay theirs'}.`);
      registryChanged();
    });
  const rows = (list.data ?? []).filter((r) => {
    const f = filter.trim().toLowerCase();
    return !f || [r.name, r.id, r.specialty, r.subspecialty ?? ''].some((s) => s.toLowerCase().includes(f));
  });
  return (
    <section aria-labelledby="reviewers-title">
      <div className="page-head">
        <h1 id="reviewers-title">Reviewer registry</h1>
        {list.data && (
          <span className="sub">
            {list.data.length} reviewers · {list.data.filter((r) => r.qualification?.qualified).length} qualified · identities are confidential and never appear in letters
          </span>
        )}
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing(editing === 'new' ? null : 'new')} aria-expanded={editing === 'new'}>
            Add a reviewer
          </button>
        </div>
      </div>
      {editing === 'new' && (
        <ReviewerForm
          onCancel={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setSaved(`${r.name} was added to the registry${r.qualification?.qualified ? '' : ' (not qualified: not assigned until fixed)'}.`);
            registryChanged();
          }}
        />
      )}
      {saved && <Notice kind="ok">{saved}</Notice>}
      {toggle.error !== null && <ErrorBox error={toggle.error} title="The reviewer was not changed." />}
      <div className="filters">
        <div className="field grow">
          <label htmlFor="rfilter">Filter</label>
          <input id="rfilter" type="search" placeholder="Name, id or specialty" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
      </div>
      {list.error !== null && <ErrorBox error={list.error} title="The registry could not be loaded." onRetry={() => void list.refetch()} />}
      {list.isPending && <Loading />}
      {list.data && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Specialty</th>
                <th scope="col">Licensure</th>
                <th scope="col" className="num">Years</th>
                <th scope="col" className="num">Hours/wk</th>
                <th scope="col">Qualification</th>
                <th scope="col">Affiliations (conflicts)</th>
                <th scope="col" className="num">Load</th>
                <th scope="col">
                  <span className="visually-hidden">History</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <tr>
                    <td>
                      {r.name}
                      <div className="muted small mono">{r.id}</div>
                      {!r.active && <span className="chip unknown">inactive</span>}
                    </td>
                    <td>
                      {r.specialty}
                      {r.subspecialty && <div className="muted small">{r.subspecialty}</div>}
                      {r.boardCertified && <div className="muted small">Board certified</div>}
                    </td>
                    <td>{r.licensureStates.join(', ')}</td>
                    <td className="num">{r.yearsInActivePractice}</td>
                    <td className="num">{r.weeklyHours}</td>
                    <td>
                      <Qualification r={r} />
                    </td>
                    <td className="small">
                      {r.affiliations.length === 0 ? (
                        <span className="muted">None declared</span>
                      ) : (
                        r.affiliations.map((a) => (
                          <div key={`${a.kind}:${a.name}`}>
                            <span className="muted">{AFFILIATION_LABELS[a.kind] ?? a.kind}:</span> {a.name}
                          </div>
                        ))
                      )}
                    </td>
                    <td className="num">
                      {r.openCases ?? '—'} / {r.capacity}
                      {r.openCases !== undefined && r.capacity > 0 && (
                        <progress max={r.capacity} value={Math.min(r.openCases, r.capacity)} aria-label={`Load of ${r.name}`} style={{ display: 'block', width: 70, marginLeft: 'auto' }} />
                      )}
                    </td>
                    <td>
                      <div className="row small">
                        <button type="button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                          {open === r.id ? 'Hide' : 'Assignments'}
                        </button>
                        <button type="button" aria-expanded={editing === r.id} onClick={() => setEditing(editing === r.id ? null : r.id)} aria-label={`Edit ${r.name}`}>
                          Edit
                        </button>
                        <button type="button" disabled={toggle.busy !== null} onClick={() => void setActive(r, !r.active)} aria-label={`${r.active ? 'Deactivate' : 'Activate'} ${r.name}`}>
                          {r.active ? 'Deactivate' : 'Activate'}
                        </button>
                      </div>
                    </td>
                  </tr>
                  {editing === r.id && (
                    <tr>
                      <td colSpan={9}>
                        <ReviewerForm
                          initial={reviewerRecord(r)}
                          onCancel={() => setEditing(null)}
                          onSaved={(x) => {
                            setEditing(null);
                            setSaved(`${x.name}'s record was saved.`);
                            registryChanged();
                          }}
                        />
                      </td>
                    </tr>
                  )}
                  {open === r.id && (
                    <tr>
                      <td colSpan={9} style={{ background: '#fafbfc' }}>
                        <AssignmentHistory reviewerId={r.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Qualification({ r }: { r: ReviewerView }) {
  if (!r.qualification) return <span className="muted">—</span>;
  if (r.qualification.qualified) return <span className="chip met">Qualified</span>;
  return (
    <>
      <span className="chip not_met">Not qualified</span>
      <ul className="gaps small">
        {r.qualification.reasons
          .filter((x) => !x.passed)
          .map((x) => (
            <li key={x.rule}>{x.message}</li>
          ))}
      </ul>
    </>
  );
}

function AssignmentHistory({ reviewerId }: { reviewerId: string }) {
  const h = useQuery({ queryKey: queryKeys.reviewerAssignments(reviewerId), queryFn: () => api.reviewerAssignments(reviewerId) });
  if (h.error !== null) return <ErrorBox error={h.error} title="The assignment history could not be loaded." onRetry={() => void h.refetch()} />;
  if (!h.data) return <Loading label="Loading assignments…" />;
  if (!h.data.length) return <p className="muted">No assignments yet.</p>;
  return (
    <table className="small">
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Case status</th>
          <th scope="col">Assigned</th>
          <th scope="col">Ended</th>
          <th scope="col">Why it ended</th>
        </tr>
      </thead>
      <tbody>
        {h.data.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/cases/${encodeURIComponent(a.caseId)}`} className="mono">
                {a.caseNumber ?? a.caseId}
              </Link>
            </td>
            <td>{a.status ? <span className={`chip status status-${a.status}`}>{statusLabel(a.status)}</span> : <span className="muted">{a.endedAt ? 'reassigned' : '—'}</span>}</td>
            <td className="mono">{formatDate(a.assignedOn)}</td>
            <td className="mono">{a.endedAt ? formatDate(a.endedAt) : <span className="muted">—</span>}</td>
            <td>{a.endReason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
