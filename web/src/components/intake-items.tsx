import { Field } from './field.js';
import { emptyItem, type ItemDraft } from '../lib/intake-form.js';

/** The intake form's disputed items: each treatment as the RFA requested it, with the UR decision's outcome. */
export function IntakeItemsFieldset({
  items,
  show,
  touch,
  setItem,
  setItems,
}: {
  items: ItemDraft[];
  show(k: string): string | undefined;
  touch(k: string): void;
  setItem(n: number, patch: Partial<ItemDraft>): void;
  setItems(items: ItemDraft[]): void;
}) {
  return (
    <fieldset aria-describedby={show('items') ? 'items-problem' : undefined}>
      <legend>Disputed items *</legend>
      {show('items') && (
        <div id="items-problem" className="field">
          <div className="problem" role="alert">
            {show('items')}
          </div>
        </div>
      )}
      {items.map((it, n) => (
        <div key={n} className="row" style={{ alignItems: 'flex-start' }}>
          <Field id={`item-${n}`} label={`Item ${n + 1}: treatment as requested on the RFA`} className="grow" problem={show(`items.${n}.request`)}>
            {(a) => (
              <input
                {...a}
                type="text"
                value={it.request}
                onChange={(e) => setItem(n, { request: e.target.value })}
                onBlur={() => {
                  touch(`items.${n}.request`);
                  touch('items');
                }}
              />
            )}
          </Field>
          <Field id={`item-${n}-guideline`} label="Guideline the UR decision cited" hint="As written there; blank if none">
            {(a) => <input {...a} type="text" value={it.urGuideline ?? ''} onChange={(e) => setItem(n, { urGuideline: e.target.value })} />}
          </Field>
          <Field id={`item-${n}-outcome`} label="UR outcome">
            {(a) => (
              <select {...a} value={it.urOutcome} onChange={(e) => setItem(n, { urOutcome: e.target.value as ItemDraft['urOutcome'] })}>
                <option value="denied">Denied</option>
                <option value="modified">Modified</option>
              </select>
            )}
          </Field>
          <div className="field">
            <span className="visually-hidden" id={`item-${n}-formulary-label`}>
              Formulary drug
            </span>
            <label className="check" style={{ marginTop: '1.6rem' }}>
              <input type="checkbox" checked={it.formularyDrug} onChange={(e) => setItem(n, { formularyDrug: e.target.checked })} />
              Formulary drug
            </label>
          </div>
          {items.length > 1 && (
            <button type="button" style={{ marginTop: '1.4rem' }} onClick={() => setItems(items.filter((_, i) => i !== n))} aria-label={`Remove item ${n + 1}`}>
              Remove
            </button>
          )}
        </div>
      ))}
      <button type="button" onClick={() => setItems([...items, emptyItem()])} style={{ marginBottom: '0.6rem' }}>
        + Add an item
      </button>
    </fieldset>
  );
}
