import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatRateWithInterval } from '../../../src/corpus/rate-interval.js';
import type { StatDimension } from '../../../src/corpus/stats.js';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { CorpusStatsView, StatRowView } from '../api/types.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { spreadsheetSafe } from '../lib/audit-view.js';
import { downloadText, toCsv } from '../lib/csv.js';
import { formatPercent } from '../lib/format.js';
import { queryKeys } from '../api/query-keys.js';
import { useAuth } from '../auth.js';
import { CorpusImport } from '../components/corpus-import.js';
import { CorpusRateBars } from '../components/corpus-rate-bars.js';
import { CorpusReportTables } from '../components/corpus-report-tables.js';
import { CorpusSearch } from '../components/corpus-search.js';
import { CorpusTimeChart } from '../components/corpus-time-chart.js';
import { SavedSearches } from '../components/saved-searches.js';

const BREAKDOWNS: Array<{ dim: StatDimension; title: string; kind: 'bar' | 'line'; top?: number }> = [
  { dim: 'category', title: 'By treatment category', kind: 'bar', top: 15 },
  { dim: 'citation', title: 'By guideline family cited', kind: 'bar' },
  { dim: 'specialty', title: 'By reviewer specialty', kind: 'bar', top: 12 },
  { dim: 'evidence', title: 'By whether the claims administrator cited evidence', kind: 'bar' },
  { dim: 'year', title: 'By year', kind: 'line' },
  { dim: 'month', title: 'By month', kind: 'line' },
  { dim: 'section', title: 'By guideline section', kind: 'bar', top: 15 },
];

const CSV_HEADER = ['key', 'items', 'upheld', 'overturned', 'overturn_rate', 'overturn_rate_low95', 'overturn_rate_high95', 'small_sample'];
const csvRows = (rows: StatRowView[]) =>
  rows.map((r) => [spreadsheetSafe(r.key), r.items, r.upheld, r.overturned, r.overturnRate, r.overturnInterval?.low ?? null, r.overturnInterval?.high ?? null, r.smallSample ? 'yes' : 'no']);

/** Overturn rates across the published letters, each chart with its numbers as a table and CSV. */
export function CorpusScreen() {
  const stats = useQuery({ queryKey: queryKeys.corpusStats, queryFn: () => api.corpusStats() });
  if (stats.error !== null) {
    const missing = stats.error instanceof ApiError && stats.error.status === 404;
    return (
      <section>
        <div className="page-head">
          <h1>Corpus dashboard</h1>
        </div>
        {missing ? (
          <Notice kind="info" title="The corpus statistics are not available on this server.">
            Import the published letters with <code>imr corpus import PATH</code>, then reload this page.
          </Notice>
        ) : (
          <ErrorBox error={stats.error} title="The corpus statistics could not be loaded." onRetry={() => void stats.refetch()} />
        )}
      </section>
    );
  }
  if (!stats.data) return <Loading label="Counting the published decisions…" />;
  return <Dashboard s={stats.data} />;
}

function Dashboard({ s }: { s: CorpusStatsView }) {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  // Open while the corpus is empty; then as the person leaves it (an import keeps its result shown).
  const [importOpen, setImportOpen] = useState(s.items === 0);
  return (
    <section aria-labelledby="corpus-title">
      <div className="page-head">
        <h1 id="corpus-title">Corpus dashboard</h1>
        <span className="sub">Published IMR Final Determinations: how often UR denials are overturned.</span>
        <div className="actions">
          <a className="button" href={api.corpusStatsCsvUrl} download>
            Download all as CSV
          </a>
        </div>
      </div>
      <div className="stat-cards">
        <Stat n={s.letters.toLocaleString()} l="letters" />
        <Stat n={s.items.toLocaleString()} l="disputed items" />
        <Stat n={s.upheld.toLocaleString()} l="upheld (denial stands)" />
        <Stat n={s.overturned.toLocaleString()} l="overturned (treatment approved)" />
        <Stat n={formatPercent(s.overturnRate)} l={s.overturnInterval ? `overturn rate (95% interval ${formatPercent(s.overturnInterval.low)}–${formatPercent(s.overturnInterval.high)})` : 'overturn rate'} />
      </div>
      {s.items === 0 && (
        <Notice kind="info" title="The corpus is empty.">
          {me?.role === 'admin' ? 'Import published letters below' : 'Ask an administrator to import published letters'} (or run <code>imr corpus import PATH</code>) to fill these charts.
        </Notice>
      )}
      {me?.role === 'admin' && (
        <details className="panel" open={importOpen} onToggle={(e) => setImportOpen((e.target as HTMLDetailsElement).open)}>
          <summary>{s.items === 0 ? 'Import published letters' : 'Import more published letters'}</summary>
          <CorpusImport
            onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.corpus })}
          />
        </details>
      )}
      {s.items > 0 && (
        <CorpusSearch
          categories={(s.breakdowns.category ?? []).map((r) => r.key).filter((k) => k !== '(unknown)').sort()}
          families={(s.breakdowns.citation ?? []).map((r) => r.key).sort()}
          specialties={(s.breakdowns.specialty ?? []).map((r) => r.key).filter((k) => k !== '(unknown)').sort()}
        />
      )}
      {s.items > 0 && <SavedSearches />}
      <div className="grid-2">
        {BREAKDOWNS.filter((b) => (s.breakdowns[b.dim]?.length ?? 0) > 0).map((b) => (
          <BreakdownPanel key={b.dim} dim={b.dim} title={b.title} kind={b.kind} top={b.top} rows={s.breakdowns[b.dim]!} />
        ))}
      </div>
      {s.items > 0 && <CorpusReportTables s={s} />}
      {s.documentationGaps.length > 0 && (
        <div className="panel">
          <div className="row">
            <h2 style={{ margin: 0 }}>Documentation gaps most often named in upheld rationales</h2>
            <button
              type="button"
              style={{ marginLeft: 'auto' }}
              onClick={() => downloadText('imr-documentation-gaps.csv', toCsv(['gap', ...CSV_HEADER.slice(1)], csvRows(s.documentationGaps.map((g) => ({ ...g, key: g.phrase })))))}
            >
              CSV
            </button>
          </div>
          <table className="small" style={{ marginTop: '0.5rem' }}>
            <thead>
              <tr>
                <th scope="col">Gap</th>
                <th scope="col" className="num">Upheld items naming it</th>
              </tr>
            </thead>
            <tbody>
              {s.documentationGaps.slice(0, 15).map((g) => (
                <tr key={g.key}>
                  <td>{g.phrase}</td>
                  <td className="num">{g.upheld.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Stat({ n, l }: { n: string; l: string }) {
  return (
    <div className="stat">
      <div className="n">{n}</div>
      <div className="l">{l}</div>
    </div>
  );
}

function BreakdownPanel({ dim, title, kind, top, rows }: { dim: StatDimension; title: string; kind: 'bar' | 'line'; top?: number; rows: StatRowView[] }) {
  const [showTable, setShowTable] = useState(false);
  const sorted = kind === 'line' ? [...rows].sort((a, b) => a.key.localeCompare(b.key)) : [...rows].sort((a, b) => b.items - a.items);
  const shown = kind === 'bar' && top ? sorted.slice(0, top) : sorted;
  const id = `chart-${dim}`;
  const small = sorted.filter((r) => r.smallSample).length;
  return (
    <div className="panel chart-panel" aria-labelledby={`${id}-title`}>
      <div className="row">
        <h2 id={`${id}-title`} style={{ margin: 0 }}>
          {title}
        </h2>
        <div style={{ marginLeft: 'auto' }} className="row">
          <button type="button" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable(!showTable)}>
            {showTable ? 'Hide numbers' : 'Show numbers'}
          </button>
          <button type="button" onClick={() => downloadText(`imr-corpus-${dim}.csv`, toCsv(CSV_HEADER, csvRows(sorted)))}>
            CSV
          </button>
        </div>
      </div>
      {kind === 'bar' && top && sorted.length > top && <p className="muted small">Top {top} of {sorted.length} by number of items; the table and CSV have them all.</p>}
      {small > 0 && (
        <p className="muted small">
          {kind === 'bar' ? '†' : 'Hollow points:'} fewer than 30 items ({small} of {sorted.length} groups), too few to read the rate on its own; the band or range is its 95% interval.
        </p>
      )}
      <div role="img" aria-label={`${title}: chart of upheld and overturned items and the overturn rate with its 95% interval; the same numbers are in the table.`}>
        {kind === 'bar' ? <CorpusRateBars id={id} rows={shown} /> : <CorpusTimeChart rows={sorted} unit={dim === 'year' ? 'year' : 'month'} />}
      </div>
      {showTable && (
        <table id={`${id}-table`} className="small">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{dim}</th>
              <th scope="col" className="num">Items</th>
              <th scope="col" className="num">Upheld</th>
              <th scope="col" className="num">Overturned</th>
              <th scope="col" className="num">Overturn rate (95% interval)</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.key}>
                <td>{r.key}</td>
                <td className="num">{r.items.toLocaleString()}</td>
                <td className="num">{r.upheld.toLocaleString()}</td>
                <td className="num">{r.overturned.toLocaleString()}</td>
                <td className="num">
                  {formatRateWithInterval(r.overturnRate, r.overturnInterval)}
                  {r.smallSample && <abbr title="fewer than 30 items: a small sample"> †</abbr>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
