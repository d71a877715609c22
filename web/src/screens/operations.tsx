import type { ReactNode } from 'react';
import { operationsViewApi, type OpenCaseRow, type OperationsSummary, type OperationsTable } from '../api/operations-view.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { deadlineLabel, formatDate, formatPercent, statusLabel } from '../lib/format.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { Link } from '../router.js';

/** 2024-03 → 03/2024. */
function usMonth(month: string): string {
  const [y, m] = month.split('-');
  return `${m}/${y}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function days(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}

function LateMark() {
  // Said in words, not by colour alone.
  return <span className="chip late">Late</span>;
}

function CsvLink({ table, summary, label }: { table: OperationsTable; summary: OperationsSummary; label: string }) {
  return (
    <a className="button" href={operationsViewApi.csvUrl(table, summary)} download data-testid={`csv-${table}`}>
      {label} (CSV)
    </a>
  );
}

function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="panel">
      <div className="page-head">
        <h2 id={id}>{title}</h2>
        {actions && <div className="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

function ClockCell({ c, kind }: { c: OpenCaseRow; kind: 'assignment' | 'records' }) {
  const clock = kind === 'assignment' ? c.clocks.fromAssignment : c.clocks.fromRecords;
  if (!clock) return <span className="muted">{kind === 'assignment' ? 'not assigned' : 'records not received'}</span>;
  return (
    <span className="days">
      {plural(clock.days, 'day')} <span className="muted small">since {formatDate(clock.from)}</span>
    </span>
  );
}

function DueCell({ c }: { c: OpenCaseRow }) {
  const l = c.clocks.limit;
  if (!l) return <span className="muted">—</span>;
  return (
    <span title={l.regulation}>
      {formatDate(l.dueDate)}
      {l.provisional && <span className="muted small"> (provisional: records not in)</span>}
      <span className="muted small">
        {' '}
        · {l.days} {l.basis} days from records
      </span>
      {l.late && (
        <>
          {' '}
          <LateMark />
        </>
      )}
    </span>
  );
}

function NextDeadlineCell({ c }: { c: OpenCaseRow }) {
  const d = c.nextDeadline;
  if (!d) return <span className="muted">none running</span>;
  const text = d.daysLeft < 0 ? `${plural(-d.daysLeft, 'day')} late` : d.daysLeft === 0 ? 'due today' : `${plural(d.daysLeft, 'day')} left`;
  return (
    <span>
      {deadlineLabel(d.kind)} {formatDate(d.dueDate)}: <span className={`days ${d.late ? 'late' : d.daysLeft <= 3 ? 'soon' : ''}`}>{text}</span>
    </span>
  );
}

function CaseTable({ rows, label }: { rows: OpenCaseRow[]; label: string }) {
  if (!rows.length) return <p className="muted">None.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label} className="small">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Stage</th>
            <th scope="col">Days from assignment</th>
            <th scope="col">Days from complete records</th>
            <th scope="col">Determination due</th>
            <th scope="col">Next deadline</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-case={c.caseNumber} className={c.late ? 'late' : undefined}>
              <th scope="row">
                <Link to={`/cases/${encodeURIComponent(c.id)}`} className="mono ops-case">
                  {c.caseNumber}
                </Link>
                {c.priority === 'Expedited' && <span className="chip"> Expedited</span>}
                {c.late && (
                  <>
                    {' '}
                    <LateMark />
                  </>
                )}
              </th>
              <td>{statusLabel(c.status)}</td>
              <td data-clock="assignment">
                <ClockCell c={c} kind="assignment" />
              </td>
              <td data-clock="records">
                <ClockCell c={c} kind="records" />
              </td>
              <td>
                <DueCell c={c} />
              </td>
              <td>
                <NextDeadlineCell c={c} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RateTable({ rows, label, keyLabel }: { rows: OperationsSummary['byCategory']; label: string; keyLabel: string }) {
  if (!rows.length) return <p className="muted">No issued letters in these months.</p>;
  return (
    <div className="table-wrap">
      <table aria-label={label} className="small">
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col">Decisions</th>
            <th scope="col">Upheld</th>
            <th scope="col">Overturned</th>
            <th scope="col">Overturn rate</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.key.replace(/_/g, ' ')}</th>
              <td>{r.decisions}</td>
              <td>{r.upheld}</td>
              <td>{r.overturned}</td>
              <td>{formatPercent(r.overturnRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The operation as a whole (admin, intake): both DWC clocks per open case, late cases, monthly averages, overturn rates, each as CSV. */
export function OperationsScreen() {
  const s = useQuery({ queryKey: queryKeys.operations, queryFn: () => operationsViewApi.summary() });
  const d = s.data;
  return (
    <section aria-labelledby="ops-title">
      <div className="page-head">
        <h1 id="ops-title">Operations</h1>
        <span className="sub">
          Both clocks DWC reports: calendar days from the notice of assignment, and from complete medical records, to the determination (to today while open). The limit runs from the records: 30 days, 5 working days for a formulary drug, 3 days expedited.
        </span>
      </div>
      {s.error !== null && <ErrorBox error={s.error} title="The operations view could not be loaded." onRetry={() => void s.refetch()} />}
      {s.isPending && <Loading label="Loading the operations view…" />}
      {d && (
        <>
          <p className="muted small">
            As of {formatDate(d.today)}. Averages and overturn rates cover determinations from {usMonth(d.fromMonth)} to {usMonth(d.toMonth)}.
          </p>
          <Section id="ops-stages" title="Open cases by stage" actions={<CsvLink table="stages" summary={d} label="Stages" />}>
            <div className="table-wrap">
              <table aria-label="Open cases by stage" className="small">
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col">Open cases</th>
                    <th scope="col">Late</th>
                    <th scope="col">Soonest deadline</th>
                  </tr>
                </thead>
                <tbody>
                  {d.stages.map((r) => (
                    <tr key={r.stage}>
                      <th scope="row">{statusLabel(r.stage)}</th>
                      <td>{r.cases}</td>
                      <td>{r.late ? <span className="days late">{r.late} late</span> : '0'}</td>
                      <td>{r.soonestDaysLeft === null ? '—' : r.soonestDaysLeft < 0 ? `${plural(-r.soonestDaysLeft, 'day')} overdue` : `in ${plural(r.soonestDaysLeft, 'day')}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Section id="ops-late" title={`Late cases (${d.lateCases.length})`} actions={<CsvLink table="late" summary={d} label="Late cases" />}>
            {d.lateCases.length ? <CaseTable rows={d.lateCases} label="Late cases" /> : <Notice kind="ok" title="No open case is past a deadline." />}
          </Section>
          <Section id="ops-open" title={`Open cases, soonest deadline first (${d.openCases.length})`} actions={<CsvLink table="open" summary={d} label="Open cases" />}>
            <CaseTable rows={d.openCases} label="Open cases" />
          </Section>
          <Section id="ops-monthly" title="Average days by month of determination" actions={<CsvLink table="monthly" summary={d} label="Monthly averages" />}>
            {d.monthly.length ? (
              <div className="table-wrap">
                <table aria-label="Average days by month of determination" className="small">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col">Determinations</th>
                      <th scope="col">Average days from assignment</th>
                      <th scope="col">Average days from complete records</th>
                      <th scope="col">Decided late</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.monthly.map((m) => (
                      <tr key={m.month}>
                        <th scope="row">{usMonth(m.month)}</th>
                        <td>{m.determinations}</td>
                        <td>
                          {days(m.avgDaysFromAssignment)} {m.withAssignmentClock < m.determinations && <span className="muted small">({m.withAssignmentClock} with the clock)</span>}
                        </td>
                        <td>
                          {days(m.avgDaysFromRecords)} {m.withRecordsClock < m.determinations && <span className="muted small">({m.withRecordsClock} with records received)</span>}
                        </td>
                        <td>{m.late}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">No determinations in these months.</p>
            )}
          </Section>
          <Section id="ops-categories" title="Overturn rate by category" actions={<CsvLink table="categories" summary={d} label="Categories" />}>
            <RateTable rows={d.byCategory} label="Overturn rate by category" keyLabel="Category" />
          </Section>
          <Section id="ops-specialties" title="Overturn rate by reviewer specialty" actions={<CsvLink table="specialties" summary={d} label="Specialties" />}>
            <RateTable rows={d.bySpecialty} label="Overturn rate by reviewer specialty" keyLabel="Reviewer specialty" />
          </Section>
        </>
      )}
    </section>
  );
}
