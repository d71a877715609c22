import type { DeadlineView } from '../api/types.js';
import { deadlineLabel, formatDate } from '../lib/format.js';
import { isRunning } from '../lib/deadlines.js';

/** Every deadline of a case: met (on time or late), running (days left) or late. */
export function DeadlineTable({ deadlines, status }: { deadlines: DeadlineView[]; status: string }) {
  if (!deadlines.length) return <p className="muted">No deadlines yet: they start when the application is found eligible.</p>;
  return (
    <table className="small">
      <thead>
        <tr>
          <th scope="col">Deadline</th>
          <th scope="col">Due</th>
          <th scope="col">Where it stands</th>
          <th scope="col">Rule</th>
        </tr>
      </thead>
      <tbody>
        {deadlines.map((d) => (
          <tr key={d.kind}>
            <td>{deadlineLabel(d.kind)}</td>
            <td className="mono">
              {formatDate(d.dueDate)}
              {d.provisional && (
                <span className="muted" title="Counted from an earlier due date, because the event it starts from has not happened yet">
                  {' '}
                  (provisional)
                </span>
              )}
            </td>
            <td>
              {d.status.met || isRunning(status, d.kind) ? <DeadlineState d={d} /> : <span className="muted">not running at this stage</span>}
            </td>
            <td className="muted" title={d.source}>
              {d.regulation}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DeadlineState({ d }: { d: DeadlineView }) {
  const s = d.status;
  if (s.met) return s.late ? <span className="days late">met late ({formatDate(d.completedOn)})</span> : <span className="muted">met {formatDate(d.completedOn)}</span>;
  if (d.kind === 'application_filing') return <span className="muted">—</span>;
  if (s.late) return <span className="days late">{-s.daysLeft} day{s.daysLeft === -1 ? '' : 's'} late</span>;
  if (s.daysLeft === 0) return <span className="days soon">due today</span>;
  return (
    <span className={`days ${s.daysLeft <= 3 ? 'soon' : ''}`}>
      {s.daysLeft} day{s.daysLeft === 1 ? '' : 's'} left
      {d.basis === 'business' && <span className="muted"> ({s.businessDaysLeft} business)</span>}
    </span>
  );
}
