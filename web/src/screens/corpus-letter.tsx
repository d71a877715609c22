import { useEffect } from 'react';
import { api } from '../api/endpoints.js';
import { ErrorBox, Loading } from '../components/feedback.js';
import { markSpans } from '../lib/corpus-search-state.js';
import { splitBySpans } from '../lib/highlight.js';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { Link, useRouter } from '../router.js';
import { formatDate } from '../lib/format.js';

/** Text with the given words marked (whole words, any case). */
function Marked({ text, words }: { text: string; words: string[] }) {
  const parts = splitBySpans(text, markSpans(text, words).map(([start, end]) => ({ start, end, key: '' })));
  return <>{parts.map((p, i) => (p.span ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

/**
 * A published letter of the corpus, opened from a search hit: its items (the hit's item first in
 * view and outlined), their decisions, citations and rationales, and the clinical summary, with the
 * words the search matched marked (?item=…&mark=…&mark=…, see hitLetterPath).
 */
export function CorpusLetterScreen({ letterId }: { letterId: string }) {
  const { search } = useRouter();
  const id = Number(letterId);
  const words = search.getAll('mark').slice(0, 20);
  const focus = Number(search.get('item') ?? NaN);
  const valid = Number.isInteger(id) && id >= 1;
  const r = useQuery({ queryKey: queryKeys.corpusLetter(id), queryFn: () => api.corpusLetter(id), enabled: valid });
  useEffect(() => {
    if (r.data && Number.isInteger(focus)) document.getElementById(`corpus-item-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [r.data, focus]);
  const back = (
    <p>
      {window.history.length > 1 ? (
        <button type="button" className="link" onClick={() => window.history.back()}>
          ← Back to the search
        </button>
      ) : (
        <Link to="/corpus">← Corpus dashboard</Link>
      )}
    </p>
  );
  if (!valid) return <ErrorBox error={new Error('bad id')} title="This address does not name a published letter." next="Open a letter from the corpus search." />;
  if (r.error !== null) return <section>{back}<ErrorBox error={r.error} title="The published letter could not be loaded." onRetry={() => void r.refetch()} /></section>;
  if (!r.data) return <Loading label="Opening the published letter…" />;
  const l = r.data;
  const name = l.caseNumber ?? l.fileName;
  return (
    <section aria-labelledby="corpus-letter-title">
      {back}
      <div className="page-head">
        <h1 id="corpus-letter-title">Published decision {name}</h1>
        <span className="sub">
          {[l.decisionDate && `decided ${formatDate(l.decisionDate)}`, l.priority, l.reviewerSpecialty && `reviewer: ${l.reviewerSpecialty}${l.reviewerSubspecialty ? ` (${l.reviewerSubspecialty})` : ''}`, `${l.upheld} upheld, ${l.overturned} overturned`]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
      {words.length > 0 && (
        <p className="muted small" data-testid="marked-words">
          Marked: the words the search matched ({words.join(', ')}).
        </p>
      )}
      <ol className="corpus-letter-items">
        {l.items.map((i) => (
          <li key={i.id} id={`corpus-item-${i.id}`} className={i.id === focus ? 'panel focus' : 'panel'} aria-current={i.id === focus ? 'true' : undefined} style={i.id === focus ? { outline: '3px solid #1d5aa6' } : undefined}>
            <h2 style={{ marginTop: 0 }}>
              <span className={`chip ${i.decision}`}>{i.decision}</span> <Marked text={i.request} words={words} />
            </h2>
            <p className="muted small">
              {[i.category?.replace(/_/g, ' '), i.citation.raw || i.citation.family].filter(Boolean).join(' · ')}
              {i.id === focus && ' · the search hit'}
            </p>
            <p style={{ whiteSpace: 'pre-wrap' }}>
              <Marked text={i.rationale} words={words} />
            </p>
          </li>
        ))}
      </ol>
      <div className="panel">
        <h2 style={{ marginTop: 0 }}>Clinical summary</h2>
        <p style={{ whiteSpace: 'pre-wrap' }}>
          <Marked text={l.clinicalSummary} words={words} />
        </p>
      </div>
    </section>
  );
}
