import { useState } from 'react';

/**
 * One action at a time on a screen: `run(label, fn)` shows `label` while `fn` runs and keeps the
 * error it threw (cleared when the next action starts), so buttons can be disabled while busy.
 */
export function useBusy(): { busy: string | null; error: unknown; run(label: string, fn: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (label: string, fn: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}
