import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/** At most this many tries of a read that failed on the network or the server's side. */
const MAX_TRIES = 3;

/**
 * A refusal (4xx: forbidden, not found, invalid) will not change by asking again, so it is shown at
 * once; a network failure or a 5xx may be passing, so the read is tried again a few times.
 */
export function retryRead(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures + 1 < MAX_TRIES;
}

/**
 * The workbench's one query client. What is on screen is shared and read again after a write
 * (invalidation), not on window focus; a screen opened again reads afresh and shows its loading
 * state (nothing is kept once no component shows it: `gcTime` 0), so no one acts on a stale list.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: retryRead, refetchOnWindowFocus: false, gcTime: 0 },
      mutations: { retry: false },
    },
  });
}
