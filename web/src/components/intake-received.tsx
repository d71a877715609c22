import type { EligibilityView } from '../api/endpoints.js';
import { Link } from '../router.js';
import { ErrorBox, Notice } from './feedback.js';
import { EligibilityPanel } from './eligibility.js';

/** After submitting: the new case's number, any files that did not upload, and the eligibility screening. */
export function ApplicationReceived({
  received,
  error,
  onAnother,
}: {
  received: { caseId: string; caseNumber: string; eligibility: EligibilityView | null; uploadErrors: string[] };
  error: unknown;
  onAnother(): void;
}) {
  return (
    <section aria-labelledby="intake-title">
      <div className="page-head">
        <h1 id="intake-title">Application received: case {received.caseNumber}</h1>
        <div className="actions">
          <Link className="button primary" to={`/cases/${encodeURIComponent(received.caseId)}`}>
            Open the case
          </Link>
          <button type="button" onClick={onAnother}>
            Enter another application
          </button>
        </div>
      </div>
      {received.uploadErrors.length > 0 && (
        <Notice kind="warn" title="Some files were not uploaded.">
          <ul>
            {received.uploadErrors.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
          Open the case and upload them again from its Documents tab.
        </Notice>
      )}
      {error !== null && <ErrorBox error={error} title="The eligibility check did not run." />}
      {received.eligibility && <EligibilityPanel result={received.eligibility} showNext />}
    </section>
  );
}
