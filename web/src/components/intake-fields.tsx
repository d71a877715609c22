import { createContext, useContext, type CSSProperties, type ReactNode } from 'react';
import { useFormContext, type Path } from 'react-hook-form';
import { Field } from './field.js';
import type { IntakeForm } from '../lib/intake-form.js';

/**
 * The problem to show at an input, by its problem key ("workerName", "items.0.request", "items"), or
 * none: the intake screen decides when a problem shows (once the input was left, or after submitting).
 */
export const IntakeProblems = createContext<(key: string) => string | undefined>(() => undefined);

interface IntakeFieldProps {
  name: Path<IntakeForm>;
  label: string;
  hint?: string;
  required?: boolean;
}

/** A one-line input of the intake form (text, date, or digits), labelled, with its hint and its problem. */
export function IntakeInput({ name, label, hint, required, type = 'text', numeric }: IntakeFieldProps & { type?: 'text' | 'date'; numeric?: boolean }) {
  const { register } = useFormContext<IntakeForm>();
  const show = useContext(IntakeProblems);
  return (
    <Field id={name} label={label} hint={hint} required={required} problem={show(name)}>
      {(a) => <input {...a} type={type} {...(numeric ? { inputMode: 'numeric' as const } : {})} {...register(name)} />}
    </Field>
  );
}

/** A mailing address: one line per line, as the determination is mailed. */
export function IntakeAddress({ name, label, hint }: IntakeFieldProps) {
  const { register } = useFormContext<IntakeForm>();
  const show = useContext(IntakeProblems);
  return (
    <Field id={name} label={label} hint={hint} problem={show(name)}>
      {(a) => <textarea {...a} rows={3} {...register(name)} />}
    </Field>
  );
}

/** A choice among a few values, each with its label. */
export function IntakeSelect({ name, label, hint, required, options }: IntakeFieldProps & { options: ReadonlyArray<readonly [value: string, label: string]> }) {
  const { register } = useFormContext<IntakeForm>();
  const show = useContext(IntakeProblems);
  return (
    <Field id={name} label={label} hint={hint} required={required} problem={show(name)}>
      {(a) => (
        <select {...a} {...register(name)}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A yes/no fact of the application, labelled by the sentence it states. */
export function IntakeCheck({ name, disabled, style, children }: { name: Path<IntakeForm>; disabled?: boolean; style?: CSSProperties; children: ReactNode }) {
  const { register } = useFormContext<IntakeForm>();
  return (
    <label className="check" style={style}>
      <input type="checkbox" {...register(name)} disabled={disabled} />
      {children}
    </label>
  );
}
