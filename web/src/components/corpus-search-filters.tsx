import type { CorpusSearchState } from '../lib/corpus-search-state.js';

const RANGES = [
  { key: 'injury', label: 'Injury date' },
  { key: 'received', label: 'Received date' },
  { key: 'decision', label: 'Decision date' },
] as const;

/**
 * DWC's public IMR search filters beyond words, outcome and category: reviewer specialty, case
 * number and the three date ranges (each end optional; the server refuses an impossible or
 * reversed range, naming it).
 */
export function CorpusSearchFilters({ form, setForm, specialties }: { form: CorpusSearchState; setForm(s: CorpusSearchState): void; specialties: string[] }) {
  const open = RANGES.some((r) => form[`${r.key}From`] || form[`${r.key}To`]) || form.caseNumber !== '' || form.specialty !== '';
  return (
    <details className="more-filters" open={open}>
      <summary>More filters: specialty, case number, dates</summary>
      <div className="filters">
        <div className="field">
          <label htmlFor="cspecialty">Reviewer specialty</label>
          <select id="cspecialty" value={form.specialty} onChange={(e) => setForm({ ...form, specialty: e.target.value })}>
            <option value="">Any</option>
            {[...new Set([...specialties, ...(form.specialty ? [form.specialty] : [])])].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ccase">Case number</label>
          <input id="ccase" type="text" placeholder="CM16-0000001" maxLength={40} value={form.caseNumber} onChange={(e) => setForm({ ...form, caseNumber: e.target.value })} />
        </div>
        {RANGES.map((r) => (
          <fieldset key={r.key} className="field date-range">
            <legend>{r.label}</legend>
            <label htmlFor={`c${r.key}from`}>from</label>
            <input id={`c${r.key}from`} type="date" value={form[`${r.key}From`]} onChange={(e) => setForm({ ...form, [`${r.key}From`]: e.target.value })} />
            <label htmlFor={`c${r.key}to`}>to</label>
            <input id={`c${r.key}to`} type="date" value={form[`${r.key}To`]} onChange={(e) => setForm({ ...form, [`${r.key}To`]: e.target.value })} />
          </fieldset>
        ))}
      </div>
    </details>
  );
}
