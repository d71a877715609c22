import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A confirmation that needs a written reason (closing a case, recusal). Opens as a modal dialog;
 * Escape or Cancel closes it without doing anything.
 */
export function ReasonDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      setTried(false);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <dialog ref={ref} aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reason *</label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={tried && !reason.trim()}
          aria-describedby={tried && !reason.trim() ? `${id}-problem` : undefined}
        />
        {tried && !reason.trim() && (
          <div id={`${id}-problem`} className="problem">
            Write the reason; it is kept in the case's audit trail.
          </div>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          onClick={() => {
            setTried(true);
            if (reason.trim()) onConfirm(reason.trim());
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
