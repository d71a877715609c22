import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import type { SearchHitView, SearchPageView } from '../api/types.js';
import { ErrorBox } from './feedback.js';

const PAGE = 20;

/** Where a hit matched; the results come in this order, most recently imported first within each. */
const MATCHED_IN: Record<NonNullable<SearchHitView['matchedIn']>, string> = {
  request: 'request',
  rationale: 'rationale',
  summary: 'clinical summary',
  'rationale-or-summary': 'rationale or clinical summary',
};

/** Full-text search of the published decisions, with filters, highlighted snippets and paging. */
export function CorpusSearch({ categories, families }: { categories: string[]; families: string[] }) {
  const [q, setQ] = useState('');
  const [decision, setDecision] = useState('');
  const [category, setCategory] = useState('');
  const [citation, setCitation] = useState('');
  const [page, setPage] = useState<SearchPageView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (offset: number) => {
    setBusy(true);
    setError(null);
    try {
      setPage(await api.corpusSearch({ q: q.trim(), decision, category, citation, limit: PAGE, offset }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(0);
  };
  return (
    <div className="panel" aria-labelledby="search-title">
      <h2 id="search-title">Search published decisions</h2>
      <form className="filters" role="search" aria-label="Search published decisions" onSubmit={submit}>
        <div className="field grow">
          <label htmlFor="cq">Words or "a phrase"</label>
          <input id="cq" type="search" placeholder='e.g. "functional improvement" chiropractic' value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="cdecision">Decision</label>
          <select id="cdecision" value={decision} onChange={(e) => setDecision(e.target.value)}>
            <option value="">Any</option>
            <option value="Upheld">Upheld</option>
            <option value="Overturned">Overturned</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ccategory">Treatment category</label>
          <select id="ccategory" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">Any</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ccitation">Guideline</label>
          <select id="ccitation" value={citation} onChange={(e) => setCitation(e.target.value)}>
            <option value="">Any</option>
            {families.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </form>
      {error !== null && <ErrorBox error={error} title="The search did not run." />}
      {page && (
        <>
          <p className="muted small" role="status">
            {page.total === 0
              ? 'Nothing matches. Try fewer words or clear a filter.'
              : `${page.totalCapped ? 'More than ' : ''}${page.total.toLocaleString()} item${page.total === 1 ? '' : 's'}; showing ${page.offset + 1}–${page.offset + page.hits.length}. Matches in the request come first, then in the rationale, then in the clinical summary; most recently imported first within each.`}
          </p>
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
              <button type="button" disabled={busy || page.offset === 0} onClick={() => void run(Math.max(0, page.offset - PAGE))}>
                Previous
              </button>
              <button type="button" disabled={busy || page.offset + PAGE >= page.total} onClick={() => void run(page.offset + PAGE)}>
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
        <span className={`chip ${h.decision}`}>{h.decision}</span> <strong>{h.request}</strong>
      </div>
      <div className="muted small">
        {[h.caseNumber, h.year, h.citation.raw || h.citation.family, h.reviewerSpecialty].filter(Boolean).join(' · ')}
        {h.matchedIn && <> · matched in the {MATCHED_IN[h.matchedIn]}</>}
      </div>
      <div className="small">{parts.map((p, i) => (p.mark ? <mark key={i}>{p.t}</mark> : <span key={i}>{p.t}</span>))}</div>
    </li>
  );
}
