import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import type { SavedSearchView } from '../api/types.js';
import { useAuth } from '../auth.js';
import { EMPTY_SEARCH, SEARCH_FIELDS, searchApiFilters, serialiseSearchState, type CorpusSearchState } from '../lib/corpus-search-state.js';
import { Link } from '../router.js';
import { ErrorBox } from './feedback.js';

/** Staff keep the team's saved searches (the server checks the same roles); a party only reads them. */
const EDITORS = new Set(['admin', 'intake', 'reviewer']);

/** The search address of a saved search; filters the workbench's search has no field for are listed apart. */
function savedSearchAddress(s: SavedSearchView): { to: string; elsewhere: string[] } {
  const state: CorpusSearchState = { ...EMPTY_SEARCH, q: s.q };
  const elsewhere: string[] = [];
  for (const [k, v] of Object.entries(s.filters)) {
    if ((SEARCH_FIELDS as readonly string[]).includes(k) && k !== 'q') state[k as Exclude<(typeof SEARCH_FIELDS)[number], 'q'>] = v;
    else elsewhere.push(`${k} ${v}`);
  }
  return { to: `/corpus${serialiseSearchState(state)}`, elsewhere };
}

function describe(s: SavedSearchView): string {
  const parts = [s.q ? `"${s.q}"` : 'every item', ...Object.entries(s.filters).map(([k, v]) => `${k}: ${v}`)];
  return parts.join(' · ');
}

/**
 * The team's saved searches: each says how many matching items were imported since it last
 * reported and in which letters; opening one runs it; "Mark as seen" starts its count again.
 */
export function SavedSearches() {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.savedSearches, queryFn: () => api.savedSearches() });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.savedSearches });
  const seen = useMutation({ mutationFn: (name: string) => api.markSavedSearchReported(name), onSuccess: refresh });
  const remove = useMutation({ mutationFn: (name: string) => api.removeSavedSearch(name), onSuccess: refresh });
  const editor = me !== null && EDITORS.has(me.role);
  const searches = list.data?.searches ?? [];
  return (
    <div className="panel" aria-labelledby="saved-title">
      <h2 id="saved-title">Saved searches</h2>
      {list.error !== null && <ErrorBox error={list.error} title="The saved searches could not be loaded." onRetry={() => void list.refetch()} />}
      {(seen.error ?? remove.error) !== null && <ErrorBox error={seen.error ?? remove.error} title="The saved search was not changed." />}
      {list.data && searches.length === 0 && (
        <p className="muted small">No saved searches yet. {editor ? 'Run a search, then save it: each import then reports the new letters it matches.' : ''}</p>
      )}
      {searches.length > 0 && (
        <ul className="history" data-testid="saved-searches">
          {searches.map((s) => {
            const { to, elsewhere } = savedSearchAddress(s);
            return (
              <li key={s.name}>
                <div className="row">
                  <Link to={to}>
                    <strong>{s.name}</strong>
                  </Link>
                  <span className={`chip${s.newItems > 0 ? ' met' : ''}`} data-testid="saved-news">
                    {s.newItems === 0 ? 'nothing new' : `${s.capped ? 'more than ' : ''}${s.newItems} new matching item${s.newItems === 1 ? '' : 's'}`}
                  </span>
                  {editor && (
                    <span style={{ marginLeft: 'auto' }}>
                      {s.newItems > 0 && (
                        <button type="button" disabled={seen.isPending} onClick={() => seen.mutate(s.name)}>
                          Mark as seen
                        </button>
                      )}{' '}
                      <button type="button" disabled={remove.isPending} onClick={() => window.confirm(`Remove the saved search "${s.name}" for everyone?`) && remove.mutate(s.name)}>
                        Remove
                      </button>
                    </span>
                  )}
                </div>
                <div className="muted small">
                  {describe(s)}
                  {s.letters.length > 0 && <> · new in {s.letters.join(', ')}{s.newItems > s.letters.length ? ', …' : ''}</>}
                  {elsewhere.length > 0 && <> · the command line also filters by {elsewhere.join(', ')}</>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Saves the search on screen under a name the user gives (staff only). */
export function SaveSearchForm({ search }: { search: CorpusSearchState }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => api.saveSearch({ ...searchApiFilters(search), name: name.trim() }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.savedSearches });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="filters" aria-label="Save this search" onSubmit={submit}>
      <div className="field">
        <label htmlFor="saved-name">Save this search as</label>
        <input id="saved-name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. chiropractic upheld" />
      </div>
      <button type="submit" disabled={save.isPending || name.trim() === ''}>
        {save.isPending ? 'Saving…' : 'Save'}
      </button>
      {save.isSuccess && <span className="muted small" role="status">Saved: imports from now on report its new letters.</span>}
      {save.error !== null && <ErrorBox error={save.error} title="The search was not saved." />}
    </form>
  );
}
