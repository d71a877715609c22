import type { ReactNode } from 'react';

/** A labelled control with its hint and its problem, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  problem,
  required,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string;
  required?: boolean;
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; 'aria-required'?: boolean }) => ReactNode;
  className?: string;
}) {
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-invalid': !!problem, ...(described ? { 'aria-describedby': described } : {}), ...(required ? { 'aria-required': true } : {}) })}
      {hint && (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      )}
      {problem && (
        <div id={`${id}-problem`} className="problem">
          {problem}
        </div>
      )}
    </div>
  );
}
