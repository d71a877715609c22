import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { appealsApi, type AppealGround, type AppealGroundInfo, type AppealOutcome, type AppealView, type CaseAppealsView } from '../api/appeals.js';
import { queryKeys } from '../api/query-keys.js';
import { formatDate } from '../lib/format.js';
import { useBusy } from '../lib/use-busy.js';
import { Link } from '../router.js';
import { ErrorBox, Notice } from './feedback.js';

const OUTCOME_LABELS: Record<AppealOutcome, string> = {
  affirmed: 'Affirmed (petition denied; the determination stands)',
  dismissed: 'Dismissed (the determination stands)',
  remanded: 'Remanded (new review by a different reviewer)',
};

const caseLink = (id: string) => `/cases/${encodeURIComponent(id)}`;

/**
 * Appeals of the issued determination to the WCAB (LC 4610.6(h)): intake and admin record a
 * petition (grounds, facts said to be wrong, filing date) and the board's outcome; a remand links to
 * its new review. On a remand's new review, a banner names the case it follows and what the board
 * remanded, so the new reviewer does not repeat the error.
 */
export function AppealPanel({ caseId, status, canRecord }: { caseId: string; status: string; canRecord: boolean }) {
  const queryClient = useQueryClient();
  const a = useQuery({ queryKey: queryKeys.caseAppeals(caseId), queryFn: () => appealsApi.list(caseId) });
  const [filing, setFiling] = useState(false);
  const [warnings, setWarnings] = useState<string[]>([]);
  if (a.error !== null && !a.data) return <ErrorBox error={a.error} title="The appeals could not be loaded." onRetry={() => void a.refetch()} />;
  const data = a.data;
  if (!data) return null;
  const changed = (w: string[]) => {
    setWarnings(w);
    setFiling(false);
    // An appeal or its outcome changes the case too (a remand opens a new review): read both again.
    void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
  };
  return (
    <>
      {data.remandOf && <RemandBanner from={data.remandOf} canOpen={canRecord} />}
      {(status === 'letter_issued' || data.appeals.length > 0) && (
        <section className="panel" aria-labelledby="appeals-title" data-testid="appeals">
          <h2 id="appeals-title">Appeals to the WCAB</h2>
          {warnings.map((w) => (
            <Notice key={w} kind="warn">
              {w}
            </Notice>
          ))}
          {data.appeals.length === 0 && <p className="muted small">No appeal recorded. A party may appeal within 30 days of service (+5 by mail) on the grounds of Labor Code section 4610.6(h).</p>}
          {data.appeals.map((ap) => (
            <AppealEntry key={ap.id} caseId={caseId} appeal={ap} canRecord={canRecord} onDone={changed} />
          ))}
          {canRecord && data.canAppeal && (filing ? <AppealForm caseId={caseId} grounds={data.groundsCatalogue} onCancel={() => setFiling(false)} onDone={changed} /> : (
            <button type="button" onClick={() => setFiling(true)}>
              Record an appeal…
            </button>
          ))}
        </section>
      )}
    </>
  );
}

function RemandBanner({ from, canOpen }: { from: NonNullable<CaseAppealsView['remandOf']>; canOpen: boolean }) {
  return (
    <div data-testid="remand-banner">
      <Notice kind="info" title="New review on remand from the WCAB">
        <p>
          This review follows the remand of case{' '}
          {canOpen ? <Link to={caseLink(from.caseId)}>{from.caseNumber}</Link> : <span className="mono">{from.caseNumber}</span>}, ordered by the WCAB on {formatDate(from.appeal.outcomeOn)}. A different
          reviewer decides it afresh (Labor Code section 4610.6(i)).
        </p>
        <p className="small">Grounds: {from.appeal.grounds.map((g) => g.citation).join(', ')}. Facts said to be wrong: {from.appeal.facts}</p>
      </Notice>
    </div>
  );
}

function AppealEntry({ caseId, appeal, canRecord, onDone }: { caseId: string; appeal: AppealView; canRecord: boolean; onDone(w: string[]): void }) {
  return (
    <article className="appeal" data-testid="appeal">
      <p>
        <strong>Filed {formatDate(appeal.filedOn)}</strong> against letter version {appeal.letterVersion}
        {appeal.wcabCaseNumber && <span className="mono"> · {appeal.wcabCaseNumber}</span>}
        {appeal.late && <span className="chip late" title={`The appeal period ended on ${formatDate(appeal.dueOn)}`}> Late</span>}
      </p>
      <ul className="small">
        {appeal.grounds.map((g) => (
          <li key={g.code}>
            {g.citation}: {g.text}
          </li>
        ))}
      </ul>
      <p className="small">Facts said to be wrong: {appeal.facts}</p>
      {appeal.outcome ? (
        <p data-testid="appeal-outcome">
          {OUTCOME_LABELS[appeal.outcome]} on {formatDate(appeal.outcomeOn)}
          {appeal.remandCase && (
            <>
              {' '}· new review: <Link to={caseLink(appeal.remandCase.id)}>{appeal.remandCase.caseNumber}</Link>
            </>
          )}
        </p>
      ) : canRecord ? (
        <OutcomeForm caseId={caseId} appealId={appeal.id} onDone={onDone} />
      ) : (
        <p className="muted small">Pending before the WCAB.</p>
      )}
    </article>
  );
}

function OutcomeForm({ caseId, appealId, onDone }: { caseId: string; appealId: string; onDone(w: string[]): void }) {
  const [outcome, setOutcome] = useState<AppealOutcome>('affirmed');
  const [decidedOn, setDecidedOn] = useState('');
  const { busy, error, run } = useBusy();
  const id = `outcome-${appealId}`;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!decidedOn) return;
        void run(outcome === 'remanded' ? 'Opening the new review and assigning a different reviewer…' : "Recording the board's outcome…", async () => {
          const r = await appealsApi.outcome(caseId, appealId, { outcome, decidedOn });
          onDone(r.warnings);
        });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Board's outcome</label>
        <select id={`${id}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value as AppealOutcome)}>
          {(Object.keys(OUTCOME_LABELS) as AppealOutcome[]).map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABELS[o]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>Date of the order</label>
        <input id={`${id}-date`} type="date" required value={decidedOn} onChange={(e) => setDecidedOn(e.target.value)} />
      </div>
      {error !== null && <ErrorBox error={error} title="The outcome was not recorded." />}
      <button type="submit" disabled={!!busy || !decidedOn}>
        Record outcome
      </button>
    </form>
  );
}

function AppealForm({ caseId, grounds, onCancel, onDone }: { caseId: string; grounds: AppealGroundInfo[]; onCancel(): void; onDone(w: string[]): void }) {
  const [chosen, setChosen] = useState<AppealGround[]>([]);
  const [facts, setFacts] = useState('');
  const [filedOn, setFiledOn] = useState('');
  const [wcab, setWcab] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useBusy();
  const problems = { grounds: chosen.length === 0, facts: !facts.trim(), filedOn: !filedOn };
  const toggle = (g: AppealGround) => setChosen((c) => (c.includes(g) ? c.filter((x) => x !== g) : [...c, g]));
  return (
    <form
      className="appeal-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (problems.grounds || problems.facts || problems.filedOn) return;
        void run('Recording the appeal…', async () => {
          // The statute's order, whatever order the boxes were ticked in.
          const ordered = grounds.map((g) => g.code).filter((c) => chosen.includes(c));
          const r = await appealsApi.record(caseId, { grounds: ordered, facts: facts.trim(), filedOn, wcabCaseNumber: wcab.trim() || null });
          onDone(r.warnings);
        });
      }}
    >
      <fieldset aria-describedby={tried && problems.grounds ? 'appeal-grounds-problem' : undefined}>
        <legend>Grounds (Labor Code section 4610.6(h)) *</legend>
        {grounds.map((g) => (
          <label key={g.code} style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline', margin: '0.3rem 0' }}>
            <input type="checkbox" name="grounds" value={g.code} checked={chosen.includes(g.code)} onChange={() => toggle(g.code)} />
            <span>
              <strong>{g.citation}</strong> {g.text}
            </span>
          </label>
        ))}
        {tried && problems.grounds && (
          <div id="appeal-grounds-problem" className="problem">
            Tick at least one ground: grounds the petition does not state are waived.
          </div>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="appeal-facts">Facts said to be wrong *</label>
        <textarea id="appeal-facts" rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} aria-invalid={tried && problems.facts} />
        {tried && problems.facts && <div className="problem">Write what the petition says is wrong.</div>}
      </div>
      <div className="field">
        <label htmlFor="appeal-filed">Date filed with the WCAB *</label>
        <input id="appeal-filed" type="date" value={filedOn} onChange={(e) => setFiledOn(e.target.value)} aria-invalid={tried && problems.filedOn} />
        {tried && problems.filedOn && <div className="problem">Give the filing date.</div>}
      </div>
      <div className="field">
        <label htmlFor="appeal-wcab">WCAB case number (ADJ), if known</label>
        <input id="appeal-wcab" type="text" value={wcab} maxLength={40} onChange={(e) => setWcab(e.target.value)} />
      </div>
      {error !== null && <ErrorBox error={error} title="The appeal was not recorded." />}
      <div className="actions">
        <button type="button" onClick={onCancel} disabled={!!busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={!!busy}>
          Record the appeal
        </button>
      </div>
    </form>
  );
}
