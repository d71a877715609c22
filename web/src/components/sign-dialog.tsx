import type { RefObject } from 'react';
import type { ItemView } from '../api/types.js';

/** The confirmation before signing: each item with its decision, since an issued letter cannot be changed. */
export function SignDialog({ dialogRef, items, onSign }: { dialogRef: RefObject<HTMLDialogElement | null>; items: ItemView[]; onSign(): void }) {
  return (
    <dialog ref={dialogRef} aria-labelledby="sign-title">
      <h2 id="sign-title">Sign and issue the Final Determination?</h2>
      <p>Signing issues the letter to the parties. An issued letter cannot be changed; a mistake needs a correction.</p>
      <table className="small">
        <tbody>
          {items.map((i, n) => (
            <tr key={i.id}>
              <td>{n + 1}.</td>
              <td>{i.request}</td>
              <td>
                <span className={`chip ${i.decision ?? 'unknown'}`}>{i.decision ?? 'undecided'}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => dialogRef.current?.close()}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={onSign}>
          Sign and issue letter
        </button>
      </div>
    </dialog>
  );
}
