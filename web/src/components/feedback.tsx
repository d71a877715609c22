import type { ReactNode } from 'react';
import { ApiError, nextStep } from '../api/client.js';

/** An error in words: what happened, and what to do next. Codes are shown small, for support. */
export function ErrorBox({ error, title, onRetry, next }: { error: unknown; title?: string; onRetry?: () => void; next?: string }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const message = api ? api.message : error instanceof Error ? error.message : String(error);
  // A refusal (403) answers the same however often it is asked: no "Try again" for it.
  const retry = api?.status === 403 ? undefined : onRetry;
  return (
    <div className="alert error" role="alert">
      <strong>{title ?? 'That did not work.'}</strong>
      {message.trim() !== (title ?? '').trim() && <div>{message}</div>}
      {api && api.details.length > 0 && (
        <ul>
          {api.details.map((d, i) => (
            <li key={i}>
              {d.path ? <span className="mono">{d.path}</span> : null}
              {d.path ? ': ' : ''}
              {d.message}
            </li>
          ))}
        </ul>
      )}
      <div style={{ marginTop: '0.3rem' }}>
        <em>What to do:</em> {next ?? nextStep(error)}
      </div>
      {(api || retry) && (
        <div className="row small" style={{ marginTop: '0.3rem' }}>
          {retry && (
            <button type="button" onClick={retry}>
              Try again
            </button>
          )}
          {api && <span className="muted mono">{api.code}</span>}
        </div>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="empty" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

/** Progress of a long action; indeterminate when `value` is null. */
export function ProgressLine({ label, value }: { label: string; value: number | null }) {
  return (
    <div className="progress-line" role="status" aria-live="polite">
      <span>{label}</span>
      {value === null ? <progress aria-label={label} /> : <progress aria-label={label} max={1} value={value} />}
      {value !== null && <span className="mono">{Math.round(value * 100)}%</span>}
    </div>
  );
}

export function Notice({ kind, title, children }: { kind: 'ok' | 'info' | 'warn' | 'error'; title?: string; children?: ReactNode }) {
  return (
    <div className={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title && <strong>{title}</strong>}
      {children}
    </div>
  );
}
