import type { DraftView } from '../api/types.js';
import { draftOutcome, outcomeLabel, overturnSentence } from '../lib/outcome.js';

/**
 * The engine's draft in one of three outcomes: Upheld, Overturned, or "Needs your judgement" with
 * the reason and the way the draft leans; with the calibrated probability of overturn said as
 * what published reviewers did.
 */
export function DraftOutcome({ draft, itemId }: { draft: DraftView; itemId: string }) {
  const outcome = draftOutcome(draft);
  const sentence = overturnSentence(draft.pOverturn);
  return (
    <div className={`draft-outcome outcome-${outcome}`} aria-labelledby={`draft-${itemId}`}>
      <p id={`draft-${itemId}`} className="draft-line">
        Engine draft: <span className={`chip ${outcome === 'NeedsReviewer' ? 'needs-reviewer' : draft.decision}`}>{outcomeLabel(draft)}</span>
        {draft.needsReviewer && (
          <span className="small">
            {' '}
            leans <strong>{draft.decision}</strong> <span className="muted">({draft.decision === 'Upheld' ? 'not medically necessary' : 'medically necessary'})</span>
          </span>
        )}
        {draft.guidelineVersion && <span className="muted small"> · {draft.guidelineVersion}</span>}
      </p>
      {draft.needsReviewer && (
        <p className="review-reason">
          <strong>Why:</strong> {draft.reviewReason ?? 'The engine did not record a reason.'}
        </p>
      )}
      {sentence && <p className="small probability">{sentence}</p>}
    </div>
  );
}
