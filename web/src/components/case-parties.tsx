import type { CaseView } from '../api/types.js';
import { formatDate } from '../lib/format.js';

/** Who the case is about and who acts on it; the reviewer's identity stays confidential to staff. */
export function CasePartiesPanel({ kase, role, staff }: { kase: CaseView; role: string | undefined; staff: boolean }) {
  const app = kase.application;
  return (
    <div className="panel">
      <h2>Parties</h2>
      <dl className="kv">
        <dt>Injured worker</dt>
        <dd>
          {app.injuredWorker.name}
          {app.injuredWorker.dateOfInjury && <span className="muted small"> · injured {formatDate(app.injuredWorker.dateOfInjury)}</span>}
        </dd>
        {app.injuredWorker.claimNumber && (
          <>
            <dt>Claim</dt>
            <dd className="mono">{app.injuredWorker.claimNumber}</dd>
          </>
        )}
        <dt>Employer</dt>
        <dd>{app.employer.name}</dd>
        <dt>Claims administrator</dt>
        <dd>
          {app.claimsAdministrator.name}
          {app.claimsAdministrator.insurerName && <span className="muted"> for {app.claimsAdministrator.insurerName}</span>}
        </dd>
        <dt>Requesting provider</dt>
        <dd>
          {app.requestingProvider.name} <span className="muted">({app.requestingProvider.specialty})</span>
        </dd>
        <dt>UR decision</dt>
        <dd>
          {app.urDecision.urOrganizationName}, {formatDate(app.urDecision.decisionDate)}
          <span className="muted small"> · served {formatDate(app.urDecision.dateServed)} by {app.urDecision.howServed}</span>
        </dd>
        <dt>Expert reviewer</dt>
        <dd>
          {kase.reviewerId ? (
            role === 'reviewer' ? (
              'You'
            ) : (
              <>
                Assigned <span className="muted small">(identity confidential: never shown to parties or in letters{staff ? '; see Assignment' : ''})</span>
              </>
            )
          ) : (
            <span className="muted">Not assigned</span>
          )}
        </dd>
      </dl>
    </div>
  );
}
