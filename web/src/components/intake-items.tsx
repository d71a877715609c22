import { useContext } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { Field } from './field.js';
import { IntakeProblems } from './intake-fields.js';
import { emptyItem, type IntakeForm } from '../lib/intake-form.js';

/**
 * The intake form's disputed items: each treatment as the RFA requested it, with the UR decision's
 * outcome. `onListChange` runs after an item is added or removed (no input changes then, yet the
 * list's problems do).
 */
export function IntakeItemsFieldset({ onListChange }: { onListChange(): void }) {
  const { control, register } = useFormContext<IntakeForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  const show = useContext(IntakeProblems);
  const listProblem = show('items');
  return (
    <fieldset aria-describedby={listProblem ? 'items-problem' : undefined}>
      <legend>Disputed items *</legend>
      {listProblem && (
        <div id="items-problem" className="field">
          <div className="problem" role="alert">
            {listProblem}
          </div>
        </div>
      )}
      {fields.map((item, n) => (
        <div key={item.id} className="row" style={{ alignItems: 'flex-start' }}>
          <Field id={`item-${n}`} label={`Item ${n + 1}: treatment as requested on the RFA`} className="grow" problem={show(`items.${n}.request`)}>
            {(a) => <input {...a} type="text" {...register(`items.${n}.request`)} />}
          </Field>
          <Field id={`item-${n}-guideline`} label="Guideline the UR decision cited" hint="As written there; blank if none">
            {(a) => <input {...a} type="text" {...register(`items.${n}.urGuideline`)} />}
          </Field>
          <Field id={`item-${n}-outcome`} label="UR outcome">
            {(a) => (
              <select {...a} {...register(`items.${n}.urOutcome`)}>
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
              <input type="checkbox" {...register(`items.${n}.formularyDrug`)} />
              Formulary drug
            </label>
          </div>
          {fields.length > 1 && (
            <button
              type="button"
              style={{ marginTop: '1.4rem' }}
              onClick={() => {
                remove(n);
                onListChange();
              }}
              aria-label={`Remove item ${n + 1}`}
            >
              Remove
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          // Focus stays on the button, as a person adding several items expects.
          append(emptyItem(), { shouldFocus: false });
          onListChange();
        }}
        style={{ marginBottom: '0.6rem' }}
      >
        + Add an item
      </button>
    </fieldset>
  );
}
