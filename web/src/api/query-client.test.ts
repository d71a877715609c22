import { describe, expect, it } from 'vitest';
import { ApiError } from './client.js';
import { createQueryClient, retryRead } from './query-client.js';

describe('reads that failed', () => {
  it('are not asked again when the server refused them: a 403 or 404 shows at once', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(retryRead(0, new ApiError(status, 'X', 'refused'))).toBe(false);
  });

  it('are tried three times in all when the network or the server failed', () => {
    for (const e of [new ApiError(0, 'NETWORK', 'unreachable'), new ApiError(503, 'IMR_ERR_DB', 'down'), new TypeError('failed to fetch')]) {
      expect([0, 1, 2].map((failures) => retryRead(failures, e))).toEqual([true, true, false]);
    }
  });

  it('use this rule in the workbench client, which does not read again on window focus', () => {
    const defaults = createQueryClient().getDefaultOptions().queries;
    expect(defaults?.retry).toBe(retryRead);
    expect(defaults?.refetchOnWindowFocus).toBe(false);
  });
});

describe('a screen opened again', () => {
  it('reads afresh: nothing is kept once no component shows it', async () => {
    const client = createQueryClient();
    await client.fetchQuery({ queryKey: ['queue', {}], queryFn: () => Promise.resolve(['a case']) });
    await new Promise((r) => setTimeout(r, 0));
    expect(client.getQueryData(['queue', {}])).toBeUndefined();
  });
});
