import { useState } from 'react';
import { api } from '../api/endpoints.js';
import type { ClinicalSummaryDraft } from '../../../src/service/use-cases/case-summary.use-case.js';
import { ErrorBox, Notice } from './feedback.js';
import { useBusy } from '../lib/use-busy.js';

/** How many sentences of the draft each document gave ("medical record: pr2.txt: 7 sentences"). */
function quotedFrom(draft: ClinicalSummaryDraft): Array<[source: string, n: number]> {
  const n = new Map<string, number>();
  for (const s of draft.sections) for (const x of s.sentences) if (x.source !== 'application') n.set(x.source, (n.get(x.source) ?? 0) + 1);
  return [...n];
}

/**
 * The reviewer's clinical case summary, as the letter will print it: start from a draft assembled
 * from the records (each sentence quoted from one), edit, save. Saving redrafts the undecided items.
 */
export function SummaryEditor({ caseId, version, saved, onSaved }: { caseId: string; version: number; saved: string; onSaved(): void }) {
  const [text, setText] = useState(saved);
  const [draft, setDraft] = useState<ClinicalSummaryDraft | null>(null);
  const { busy, error, run } = useBusy();
  const [done, setDone] = useState(false);
  const act = (label: string, fn: () => Promise<void>) => {
    setDone(false);
    return run(label, fn);
  };
  const fromRecords = () =>
    act('Assembling a summary from the records…', async () => {
      const d = await api.clinicalSummaryDraft(caseId);
      setDraft(d);
      if (text.trim() === '' || window.confirm('Replace the text in the box with the summary assembled from the records?')) setText(d.text);
    });
  const save = () =>
    act('Saving the summary…', async () => {
      await api.saveClinicalSummary(caseId, text, version);
      setDone(true);
      onSaved();
    });
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title">Clinical case summary</h2>
      <p className="muted small">The letter prints this summary. Start from the records: every sentence of the draft is quoted from a record; edit it before you sign.</p>
      <textarea aria-label="Clinical case summary" rows={10} value={text} onChange={(e) => { setText(e.target.value); setDone(false); }} style={{ width: '100%' }} />
      <div className="row">
        <button type="button" disabled={busy !== null} onClick={() => void fromRecords()}>
          Draft from the records
        </button>
        <button type="button" className="primary" disabled={busy !== null || text === saved} onClick={() => void save()}>
          Save summary
        </button>
        {busy && <span className="muted small" role="status">{busy}</span>}
      </div>
      {draft && (
        <p className="muted small" data-testid="summary-sources">
          Quoted from: {quotedFrom(draft).map(([s, n]) => `${s} (${n} sentence${n === 1 ? '' : 's'})`).join('; ') || 'no record'}
          {draft.unused.length > 0 && <> · gave nothing: {draft.unused.join('; ')}</>}
        </p>
      )}
      {done && <Notice kind="ok" title="Summary saved.">The undecided items are being redrafted with it.</Notice>}
      {error !== null && <ErrorBox error={error} title="The summary could not be saved or drafted." />}
    </section>
  );
}
