import { useState, type FormEvent } from 'react';
import { checkQualification } from '../../../src/service/domain/qualification.js';
import { adminApi, type ReviewerRecord } from '../api/admin.js';
import type { ReviewerView } from '../api/types.js';
import type { Affiliation, AffiliationKind } from '../../../src/service/domain/reviewer.js';
import { useBusy } from '../lib/use-busy.js';
import { ErrorBox } from './feedback.js';

const AFFILIATION_KINDS: Array<[AffiliationKind, string]> = [
  ['employer', 'Employer'],
  ['insurer', 'Insurer'],
  ['claims_administrator', 'Claims administrator'],
  ['provider_group', 'Provider group'],
  ['ur_organization', 'UR organisation'],
  ['provider', 'Provider'],
];

const BLANK: ReviewerRecord = {
  id: '',
  name: '',
  licensureStates: ['CA'],
  specialty: '',
  subspecialty: null,
  boardCertified: true,
  yearsInActivePractice: 10,
  weeklyHours: 30,
  affiliations: [],
  capacity: 10,
  active: true,
};

/**
 * Adds a reviewer to the registry or edits one in place (instead of re-importing the CSV). The
 * qualification rules the server applies are checked as the form is filled in, with their reasons;
 * the server checks every field again.
 */
export function ReviewerForm({ initial, onSaved, onCancel }: { initial?: ReviewerRecord; onSaved(r: ReviewerView): void; onCancel(): void }) {
  const editing = initial !== undefined;
  const [r, setR] = useState<ReviewerRecord>(initial ?? BLANK);
  const [states, setStates] = useState((initial ?? BLANK).licensureStates.join(', '));
  const { busy, error, run } = useBusy();
  const set = <K extends keyof ReviewerRecord>(k: K, v: ReviewerRecord[K]) => setR((x) => ({ ...x, [k]: v }));
  const record: ReviewerRecord = { ...r, licensureStates: states.split(',').map((s) => s.trim()).filter(Boolean), subspecialty: r.subspecialty?.trim() ? r.subspecialty.trim() : null };
  const q = checkQualification(record);
  const key = editing ? initial.id : 'new';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('Saving…', async () => {
      const { id, ...rest } = record;
      onSaved(editing ? await adminApi.updateReviewer(id, rest) : await adminApi.addReviewer(record));
    });
  };
  const num = (k: 'yearsInActivePractice' | 'weeklyHours' | 'capacity') => (e: { target: { value: string } }) => set(k, e.target.value === '' ? 0 : Number(e.target.value));
  const setAffiliation = (i: number, a: Affiliation) => set('affiliations', r.affiliations.map((x, j) => (j === i ? a : x)));

  return (
    <form className="panel" onSubmit={submit} aria-label={editing ? `Edit reviewer ${initial.id}` : 'Add a reviewer'}>
      <h2>{editing ? `Edit ${initial.name}` : 'Add a reviewer'}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`rv-id-${key}`}>Registry id</label>
          <input id={`rv-id-${key}`} type="text" required readOnly={editing} value={r.id} onChange={(e) => set('id', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`rv-name-${key}`}>Name</label>
          <input id={`rv-name-${key}`} type="text" required value={r.name} onChange={(e) => set('name', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`rv-spec-${key}`}>Specialty</label>
          <input id={`rv-spec-${key}`} type="text" required value={r.specialty} onChange={(e) => set('specialty', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`rv-sub-${key}`}>
            Subspecialty <span className="hint">(optional)</span>
          </label>
          <input id={`rv-sub-${key}`} type="text" value={r.subspecialty ?? ''} onChange={(e) => set('subspecialty', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`rv-states-${key}`}>
            Licensure states <span className="hint">(comma-separated)</span>
          </label>
          <input id={`rv-states-${key}`} type="text" required value={states} onChange={(e) => setStates(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`rv-years-${key}`}>Years in active practice</label>
          <input id={`rv-years-${key}`} type="number" min={0} max={80} required value={r.yearsInActivePractice} onChange={num('yearsInActivePractice')} />
        </div>
        <div className="field">
          <label htmlFor={`rv-hours-${key}`}>Hours a week in practice</label>
          <input id={`rv-hours-${key}`} type="number" min={0} max={168} required value={r.weeklyHours} onChange={num('weeklyHours')} />
        </div>
        <div className="field">
          <label htmlFor={`rv-cap-${key}`}>Capacity (open cases)</label>
          <input id={`rv-cap-${key}`} type="number" min={0} max={1000} step={1} required value={r.capacity} onChange={num('capacity')} />
        </div>
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={r.boardCertified} onChange={(e) => set('boardCertified', e.target.checked)} /> Board certified
        </label>
        <label className="check">
          <input type="checkbox" checked={r.active} onChange={(e) => set('active', e.target.checked)} /> Active (can be assigned)
        </label>
      </div>
      <fieldset>
        <legend>Affiliations (conflicts of interest)</legend>
        {r.affiliations.length === 0 && <p className="muted small">None declared.</p>}
        {r.affiliations.map((a, i) => (
          <div className="row" key={i} style={{ marginBottom: '0.4rem' }}>
            <select aria-label={`Affiliation ${i + 1} kind`} value={a.kind} onChange={(e) => setAffiliation(i, { ...a, kind: e.target.value as AffiliationKind })} style={{ width: 'auto' }}>
              {AFFILIATION_KINDS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
            <input className="grow" aria-label={`Affiliation ${i + 1} name`} type="text" required value={a.name} onChange={(e) => setAffiliation(i, { ...a, name: e.target.value })} style={{ flex: 1, width: 'auto' }} />
            <button type="button" onClick={() => set('affiliations', r.affiliations.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('affiliations', [...r.affiliations, { kind: 'employer', name: '' }])} style={{ marginBottom: '0.5rem' }}>
          Add an affiliation
        </button>
      </fieldset>
      <div className={`alert ${q.qualified ? 'ok' : 'warn'}`} role="status" aria-label="Qualification">
        <strong>{q.qualified ? 'Qualified to review' : 'Not qualified: the service will not assign this reviewer'}</strong>
        <ul>
          {q.reasons
            .filter((x) => !q.qualified ? !x.passed : true)
            .map((x) => (
              <li key={x.rule}>{x.message}</li>
            ))}
        </ul>
      </div>
      {error !== null && <ErrorBox error={error} title="The reviewer was not saved." />}
      <div className="row">
        <button type="submit" className="primary" disabled={busy !== null}>
          {busy ?? (editing ? 'Save the changes' : 'Add the reviewer')}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
