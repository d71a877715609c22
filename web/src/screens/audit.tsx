import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { adminApi, type AuditFilter, type AuditRowView } from '../api/admin.js';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { DataTable, Pager } from '../components/paged-table.js';
import { auditCsv, auditDetailText, isRefusal, usDateTime } from '../lib/audit-view.js';
import { downloadText } from '../lib/csv.js';
import { useBusy } from '../lib/use-busy.js';
import { Link } from '../router.js';

const PAGE = 50;
/** Rows a CSV export may hold (each page of 500 is one request). */
const CSV_MAX_ROWS = 20_000;
const REFUSALS = '__refusals';

interface FormState {
  caseRef: string;
  userId: string;
  action: string;
  from: string;
  to: string;
}
const EMPTY: FormState = { caseRef: '', userId: '', action: '', from: '', to: '' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A date picked on this computer, as the instant its day starts here (the log holds UTC instants). */
function dayStart(isoDate: string, plusDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

/** The case a person typed: its id as such, or the one case whose number it is. */
async function resolveCase(ref: string): Promise<string> {
  const r = ref.trim();
  if (!r || UUID.test(r)) return r;
  const found = await api.listCases({ caseNumber: r, limit: 5, offset: 0 });
  const exact = found.items.find((c) => c.caseNumber.toLowerCase() === r.toLowerCase()) ?? (found.items.length === 1 ? found.items[0] : undefined);
  if (!exact) throw new Error(found.items.length ? `"${r}" matches ${found.items.length} cases; type the whole case number.` : `No case is numbered "${r}"; check the number, or paste the case id.`);
  return exact.id;
}

/** The audit log (admin): who did what to which case and when, refusals included; filters, pages, CSV. */
export function AuditScreen() {
  const users = useQuery({ queryKey: queryKeys.users, queryFn: () => adminApi.users() });
  const actions = useQuery({ queryKey: queryKeys.auditActions, queryFn: () => adminApi.auditActions() });
  const [form, setForm] = useState<FormState>(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  // The last page stays on screen while the next one is read.
  const page = useQuery({ queryKey: queryKeys.audit(filter, offset), queryFn: () => adminApi.audit(filter, PAGE, offset), placeholderData: keepPreviousData });
  const apply = useBusy();
  const csv = useBusy();
  const set = (k: keyof FormState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply.run('Applying the filters…', async () => {
      if (form.from && form.to && form.to < form.from) throw new Error('The "to" date is before the "from" date; swap them.');
      const caseId = await resolveCase(form.caseRef);
      setFilter({
        caseId: caseId || undefined,
        userId: form.userId || undefined,
        action: form.action && form.action !== REFUSALS ? form.action : undefined,
        refusals: form.action === REFUSALS || undefined,
        from: form.from ? dayStart(form.from) : undefined,
        to: form.to ? dayStart(form.to, 1) : undefined,
      });
      setOffset(0);
    });
  };
  const clear = () => {
    setForm(EMPTY);
    setFilter({});
    setOffset(0);
  };
  const exportCsv = () =>
    csv.run('Preparing the CSV…', async () => {
      const rows: AuditRowView[] = [];
      for (let at = 0; at < CSV_MAX_ROWS; at += 500) {
        const p = await adminApi.audit(filter, 500, at);
        rows.push(...p.entries);
        if (at + 500 >= p.total) break;
      }
      downloadText(`imr-audit-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(rows));
    });

  const total = page.data?.total ?? 0;
  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Audit log</h1>
        <span className="sub">Who read or changed what, and every refused attempt. Rows hold ids and actions, never patient data.</span>
      </div>
      <form className="filters" onSubmit={submit} aria-label="Audit filters">
        <div className="field">
          <label htmlFor="a-case">Case</label>
          <input id="a-case" type="text" placeholder="Case number or id" value={form.caseRef} onChange={set('caseRef')} />
        </div>
        <div className="field">
          <label htmlFor="a-user">User</label>
          <select id="a-user" value={form.userId} onChange={set('userId')}>
            <option value="">Anyone</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.username} ({u.role})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-action">Action</label>
          <select id="a-action" value={form.action} onChange={set('action')}>
            <option value="">Any action</option>
            <option value={REFUSALS}>Refusals (denied, unauthenticated, failed logins)</option>
            {(actions.data ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-from">From</label>
          <input id="a-from" type="date" value={form.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="a-to">To (inclusive)</label>
          <input id="a-to" type="date" value={form.to} onChange={set('to')} />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={apply.busy !== null}>
            Apply
          </button>
          <button type="button" onClick={clear}>
            Clear
          </button>
          <button type="button" onClick={() => void exportCsv()} disabled={csv.busy !== null || total === 0}>
            {csv.busy ?? 'Download CSV'}
          </button>
        </div>
      </form>
      {apply.error !== null && <ErrorBox error={apply.error} title="The filters could not be applied." next="Correct the case, or clear it." />}
      {csv.error !== null && <ErrorBox error={csv.error} title="The CSV could not be prepared." />}
      {total > CSV_MAX_ROWS && <Notice kind="info">The CSV holds the newest {CSV_MAX_ROWS.toLocaleString('en-US')} of these {total.toLocaleString('en-US')} rows; narrow the dates or filters to export the rest.</Notice>}
      {(users.error !== null || actions.error !== null) && <ErrorBox error={users.error ?? actions.error} title="The filter choices could not be loaded." />}
      {page.error !== null && <ErrorBox error={page.error} title="The audit log could not be loaded." onRetry={() => void page.refetch()} />}
      {page.isPending && <Loading label="Loading the audit log…" />}
      {page.data && page.data.entries.length === 0 && <Notice kind="info" title="No audit rows match these filters." />}
      {page.data && page.data.entries.length > 0 && (
        <>
          <DataTable label="Audit rows" columns={['When', 'User', 'Action', 'Case', 'Detail']}>
            {page.data.entries.map((e) => (
              <tr key={e.id}>
                <td className="mono small">{usDateTime(e.at)}</td>
                <td>{e.username ?? <span className="muted">anonymous</span>}</td>
                <td>
                  <span className="mono">{e.action}</span> {isRefusal(e.action) && <span className="chip not_met">refused</span>}
                </td>
                <td>{e.caseId ? <Link to={`/cases/${encodeURIComponent(e.caseId)}`} className="mono small">{e.caseId.slice(0, 8)}</Link> : <span className="muted">—</span>}</td>
                <td className="small">{auditDetailText(e.detail)}</td>
              </tr>
            ))}
          </DataTable>
          <Pager label="Audit pages" position={`Rows ${offset + 1}–${offset + page.data.entries.length} of ${total}`} offset={offset} pageSize={PAGE} total={total} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
