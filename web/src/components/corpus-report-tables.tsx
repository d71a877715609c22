import { useState } from 'react';
import { reportTables, type ReportTable } from '../../../src/corpus/report-tables.js';
import type { CorpusStatsView } from '../api/types.js';
import { spreadsheetSafe } from '../lib/audit-view.js';
import { downloadText, toCsv } from '../lib/csv.js';
import { formatPercent } from '../lib/format.js';
import { periodLabel, periodNumber } from '../lib/corpus-time-axis.js';

/** Columns holding a fraction (a rate, a share or a bound of one), shown as percentages. */
const isFraction = (h: string) => /rate|share/.test(h) && !/items/.test(h);

function cellText(header: string, v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'number') return isFraction(header) ? formatPercent(v) : v.toLocaleString();
  if (header === 'month') {
    const t = periodNumber(v, 'month');
    return t === null ? v : periodLabel(t, 'month');
  }
  return v.replace(/_/g, ' ');
}

/** CSV of a table: values as stored (ISO months, fractions), letter text made spreadsheet-safe. */
function reportCsv(t: ReportTable): string {
  return toCsv(t.header, t.rows.map((r) => r.map((v) => (typeof v === 'string' ? spreadsheetSafe(v) : v))));
}

/** The tables of DWC's annual IMR report, each shown on demand and downloadable as CSV. */
export function CorpusReportTables({ s }: { s: CorpusStatsView }) {
  const tables = reportTables(s);
  return (
    <div className="panel" aria-labelledby="report-title">
      <h2 id="report-title">Tables of the annual IMR report</h2>
      <p className="muted small">Each rate with its number of items and 95% interval (Wilson); “yes” under small sample: fewer than 30 items, too few to read the rate on its own.</p>
      {tables.map((t) => (
        <ReportTableView key={t.id} t={t} />
      ))}
    </div>
  );
}

function ReportTableView({ t }: { t: ReportTable }) {
  const [open, setOpen] = useState(false);
  const id = `report-${t.id}`;
  return (
    <div className="report-table">
      <div className="row">
        <h3 id={`${id}-title`} style={{ margin: 0 }}>
          {t.title} <span className="muted small">({t.rows.length.toLocaleString()} rows)</span>
        </h3>
        <div style={{ marginLeft: 'auto' }} className="row">
          <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
            {open ? 'Hide table' : 'Show table'}
          </button>
          <button type="button" onClick={() => downloadText(`imr-${t.id}.csv`, reportCsv(t))} aria-label={`${t.title}: download as CSV`}>
            CSV
          </button>
        </div>
      </div>
      {open && (
        <div className="table-scroll">
          <table className="small" id={id} aria-labelledby={`${id}-title`}>
            <thead>
              <tr>
                {t.header.map((h, i) => (
                  <th key={h} scope="col" className={i === 0 ? undefined : 'num'}>
                    {h.replace(/_/g, ' ')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((v, i) => (
                    <td key={i} className={i === 0 ? undefined : 'num'}>
                      {cellText(t.header[i], v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
