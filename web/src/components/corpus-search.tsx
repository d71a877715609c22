import { useEffect, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { api } from '../api/endpoints.js';
import type { SearchHitView, SearchPageView } from '../api/types.js';
import { downloadText } from '../lib/csv.js';
import { EXPORT_CAP, hasSearch, hitLetterPath, hitsCsv, parseSearchState, searchApiFilters, serialiseSearchState, type CorpusSearchState } from '../lib/corpus-search-state.js';
import { CorpusSearchFilters } from './corpus-search-filters.js';
import { Link, useRouter } from '../router.js';
import { ErrorBox } from './feedback.js';
import { SaveSearchForm } from './saved-searches.js';
import { useAuth } from '../auth.js';

const PAGE = 20;

/** Where a hit matched; the results come in this order, most recently imported first within each. */
const MATCHED_IN: Record<NonNullable<SearchHitView['matchedIn']>, string> = {
  request: 'request',
  rationale: 'rationale',
  summary: 'clinical summary',
  'rationale-or-summary': 'rationale or clinical summary',
};

const apiQuery = (s: CorpusSearchState, limit: number, offset: number) => ({ ...searchApiFilters(s), limit, offset });

/**
 * Full-text search of the published decisions, with filters, highlighted snippets, paging and CSV.
 * The search lives in the address (see corpus-search-state.ts): submitting or paging pushes a new
 * address, and the results follow the address, so reload, bookmarks and Back/Forward all work.
 */
export function CorpusSearch({ categories, families, specialties = [] }: { categories: string[]; families: string[]; specialties?: string[] }) {
  const { path, search, navigate } = useRouter();
  const { me } = useAuth();
  const qs = search.toString();
  const wanted = parseSearchState(search);
  const [form, setForm] = useState<CorpusSearchState>(wanted);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  // The results follow the address: one query per search and page, the last page kept on screen
  // while the next one loads.
  const searching = hasSearch(wanted);
  const results = useQuery({
    queryKey: queryKeys.corpusSearch(qs),
    queryFn: () => api.corpusSearch(apiQuery(wanted, PAGE, wanted.offset)),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const page: SearchPageView | null = searching ? results.data ?? null : null;
  const busy = results.isFetching;
  const error = searching ? results.error ?? exportError : exportError;

  // The form shows the search in the address (after Back, Forward or a bookmark).
  useEffect(() => setForm(parseSearchState(new URLSearchParams(qs))), [qs]);

  const go = (s: CorpusSearchState) => navigate(`${path}${serialiseSearchState(s)}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go({ ...form, offset: 0 });
  };
  const exportCsv = async () => {
    const hits: SearchHitView[] = [];
    setExporting(`Exporting… 0 of ${Math.min(page?.total ?? 0, EXPORT_CAP)}`);
    setExportError(null);
    try {
      while (hits.length < EXPORT_CAP) {
        const p = await api.corpusSearch(apiQuery(wanted, Math.min(100, EXPORT_CAP - hits.length), hits.length));
        hits.push(...p.hits);
        setExporting(`Exporting… ${hits.length} of ${Math.min(p.total, EXPORT_CAP)}`);
        if (p.hits.length === 0 || hits.length >= p.total) break;
      }
      downloadText('imr-corpus-search.csv', hitsCsv(hits));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(null);
    }
  };
  return (
    <div className="panel" aria-labelledby="search-title">
      <h2 id="search-title">Search published decisions</h2>
      <form className="filters" role="search" aria-label="Search published decisions" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="cq">Words or "a phrase"</label>
          <input id="cq" type="search" placeholder='e.g. "functional improvement" chiropractic' value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="cdecision">Decision</label>
          <select id="cdecision" value={form.decision} onChange={(e) => setForm({ ...form, decision: e.target.value })}>
            <option value="">Any</option>
            <option value="Upheld">Upheld</option>
            <option value="Overturned">Overturned</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ccategory">Treatment category</label>
          <select id="ccategory" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
            <option value="">Any</option>
            {[...new Set([...categories, ...(form.category ? [form.category] : [])])].map((c) => (
              <option key={c} value={c}>
                {c.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ccitation">Guideline</label>
          <select id="ccitation" value={form.citation} onChange={(e) => setForm({ ...form, citation: e.target.value })}>
            <option value="">Any</option>
            {[...new Set([...families, ...(form.citation ? [form.citation] : [])])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
        <CorpusSearchFilters form={form} setForm={setForm} specialties={specialties} />
      </form>
      {error !== null && <ErrorBox error={error} title="The search did not run." />}
      {page && (
        <>
          <div className="row">
            <p className="muted small" role="status">
              {page.total === 0
                ? 'Nothing matches. Try fewer words or clear a filter.'
                : `${page.totalCapped ? 'More than ' : ''}${page.total.toLocaleString()} item${page.total === 1 ? '' : 's'}; showing ${page.offset + 1}–${page.offset + page.hits.length}. Matches in the request come first, then in the rationale, then in the clinical summary; most recently imported first within each.`}
            </p>
            {page.total > 0 && (
              <button type="button" style={{ marginLeft: 'auto' }} disabled={exporting !== null} onClick={() => void exportCsv()}>
                {exporting ?? (page.total > EXPORT_CAP ? `Export the first ${EXPORT_CAP.toLocaleString()} as CSV` : 'Export as CSV')}
              </button>
            )}
          </div>
          {me !== null && me.role !== 'party' && <SaveSearchForm search={wanted} />}
          {(page.alsoSearched ?? []).length > 0 && (
            <p className="muted small" data-testid="also-searched">
              Also searched: {page.alsoSearched!.map((e) => `${e.alternatives.join(', ')} (for ${e.term})`).join('; ')}.
            </p>
          )}
          <ol className="history" start={page.offset + 1}>
            {page.hits.map((h) => (
              <Hit key={h.itemId} h={h} />
            ))}
          </ol>
          {page.total > PAGE && (
            <nav className="pager" aria-label="Search result pages">
              <button type="button" disabled={busy || page.offset === 0} onClick={() => go({ ...wanted, offset: Math.max(0, page.offset - PAGE) })}>
                Previous
              </button>
              <button type="button" disabled={busy || page.offset + PAGE >= page.total} onClick={() => go({ ...wanted, offset: page.offset + PAGE })}>
                Next
              </button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}

function Hit({ h }: { h: SearchHitView }) {
  const parts: Array<{ t: string; mark: boolean }> = [];
  let at = 0;
  for (const [s, e] of [...h.highlights].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    if (s > at) parts.push({ t: h.snippet.slice(at, s), mark: false });
    parts.push({ t: h.snippet.slice(s, e), mark: true });
    at = e;
  }
  if (at < h.snippet.length) parts.push({ t: h.snippet.slice(at), mark: false });
  return (
    <li>
      <div>
        <span className={`chip ${h.decision}`}>{h.decision}</span> <Link to={hitLetterPath(h)}><strong>{h.request}</strong></Link>
      </div>
      <div className="muted small">
        {[h.caseNumber ?? h.fileName, h.year, h.citation.raw || h.citation.family, h.reviewerSpecialty].filter(Boolean).join(' · ')}
        {h.matchedIn && <> · matched in the {MATCHED_IN[h.matchedIn]}</>}
      </div>
      <div className="small">{parts.map((p, i) => (p.mark ? <mark key={i}>{p.t}</mark> : <span key={i}>{p.t}</span>))}</div>
    </li>
  );
}
