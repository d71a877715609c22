import type { EligibilityView } from '../api/endpoints.js';
import { formatDate, formatDatesInText } from '../lib/format.js';

/** The eligibility result with each rule's reason; failures first, so the "why" is on top. */
export function EligibilityPanel({ result, showNext = false }: { result: EligibilityView; showNext?: boolean }) {
  const verdict = result.deferred ? 'Deferred' : result.eligible ? 'Eligible' : 'Ineligible';
  const kind = result.deferred ? 'warn' : result.eligible ? 'ok' : 'error';
  const failed = result.reasons.filter((r) => !r.passed);
  const passed = result.reasons.filter((r) => r.passed);
  return (
    <div className="panel" aria-labelledby="elig-title">
      <h2 id="elig-title">
        Eligibility: <span className={`chip ${kind === 'ok' ? 'met' : kind === 'error' ? 'not_met' : 'expedited'}`}>{verdict}</span>
        {result.priority && <span className="muted small" style={{ marginLeft: '0.6rem', fontWeight: 400 }}>{result.priority} review</span>}
      </h2>
      {result.filingDueDate && <p className="muted small">Last day to file was {formatDate(result.filingDueDate)}.</p>}
      {showNext && (
      <p className="small">
        <em>Next:</em>{' '}
        {result.deferred
          ? 'screen the case again once the liability dispute is resolved.'
          : result.eligible
            ? 'open the case and assign a reviewer; the engine then drafts each item.'
            : 'the case is closed as ineligible, for the reasons below.'}
      </p>
      )}
      {failed.length > 0 && (
        <>
          <h3>{result.deferred ? 'Why it is deferred' : 'Why it is ineligible'}</h3>
          <ul className="criteria">
            {failed.map((r) => (
              <li key={r.rule} className="crit">
                <span className={`chip ${r.effect === 'defer' ? 'expedited' : 'not_met'}`}>{r.effect === 'defer' ? 'defers' : 'fails'}</span>
                <span>{formatDatesInText(r.message)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {passed.length > 0 && (
        <details open={failed.length === 0}>
          <summary>{passed.length} rule{passed.length === 1 ? '' : 's'} passed</summary>
          <ul className="criteria">
            {passed.map((r) => (
              <li key={r.rule} className="crit">
                <span className="chip met">passes</span>
                <span>{formatDatesInText(r.message)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
